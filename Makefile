# Two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEEDS ?= seeds
INDEX ?= index
HOST ?= 127.0.0.1
PORT ?= 5000
AXE := tools/axe/node_modules/axe-core/axe.min.js

.PHONY: install install-dev run test lint index bench bench-quality opensearch opensearch-jars clean

# `make run` installs the runtime only; `make test` adds the test and benchmark tools (pytest,
# ruff, mypy, Playwright, tantivy, the small French model) and axe-core from npm.
$(BIN)/activate: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	@# The pip a venv ships (23.2 with Python 3.11) drops the extra of jusText's
	@# `lxml[html_clean]`: pin the one every test ran with.
	$(BIN)/pip install --quiet --disable-pip-version-check pip==26.3
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $(BIN)/activate

$(VENV)/.dev: $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,bench]'
	touch $@

$(AXE): tools/axe/package.json tools/axe/package-lock.json
	npm ci --prefix tools/axe --no-audit --no-fund --silent
	touch $@

install: $(BIN)/activate

install-dev: $(VENV)/.dev $(AXE)

index: install
	$(BIN)/presse index --index $(INDEX) $(SEEDS)

run: install
	@# Index when there is no index, or one an older version built (the rebuild is automatic).
	@if ! $(BIN)/python -c "import sys; from pathlib import Path; from indexer.index_dir import \
	  read_meta, index_version; m = read_meta(Path('$(INDEX)')); \
	  sys.exit(0 if m and m.get('version') == index_version() else 1)"; then \
	  $(BIN)/presse index --index $(INDEX) $(SEEDS); fi
	PRESSE_INDEX_DIR=$(INDEX) $(BIN)/presse-web --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check indexer webapp tests $(wildcard bench)
	$(BIN)/mypy indexer webapp

test: lint
	$(BIN)/pytest -q --doctest-modules indexer tests

# e.g. make bench BENCH_ARGS="--limit 3615 --no-http"; HTTP figures need Debian's wrk.
BENCH_ARGS ?=
QUALITY_ARGS ?=

bench: install-dev
	$(BIN)/python -m bench.run $(BENCH_ARGS)

bench-quality: install-dev
	$(BIN)/python -m bench.quality $(QUALITY_ARGS)

# One local OpenSearch node from the Maven Central jars (tools/opensearch-node), for
# PRESSE_BACKEND=opensearch without a cluster; its data stays in opensearch-data/.
OPENSEARCH_PORT ?= 9200
OPENSEARCH_HEAP ?= 1g
OSNODE := tools/opensearch-node

$(OSNODE)/target/cp.txt: $(OSNODE)/pom.xml
	mvn -q -B -f $(OSNODE)/pom.xml dependency:build-classpath -Dmdep.outputFile=target/cp.txt

opensearch-jars: $(OSNODE)/target/cp.txt

opensearch: opensearch-jars
	java -Xms$(OPENSEARCH_HEAP) -Xmx$(OPENSEARCH_HEAP) -cp "$$(cat $(OSNODE)/target/cp.txt)" \
	  $(OSNODE)/OsNode.java --name local --home opensearch-data \
	  --http $(OPENSEARCH_PORT) --transport $$(( $(OPENSEARCH_PORT) + 100 ))

clean:
	rm -rf $(VENV) $(INDEX)/*
