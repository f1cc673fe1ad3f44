# Two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEEDS ?= seeds
INDEX ?= index
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install run test lint index bench bench-quality clean

$(BIN)/activate: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	touch $(BIN)/activate

install: $(BIN)/activate

index: install
	$(BIN)/presse index --index $(INDEX) $(SEEDS)

run: install
	@if [ ! -f $(INDEX)/meta.json ]; then $(BIN)/presse index --index $(INDEX) $(SEEDS); fi
	PRESSE_INDEX_DIR=$(INDEX) $(BIN)/presse-web --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check indexer webapp tests $(wildcard bench)
	$(BIN)/mypy indexer webapp

test: lint
	$(BIN)/pytest -q --doctest-modules indexer tests

# e.g. make bench BENCH_ARGS="--limit 3615 --no-http"; HTTP figures need Debian's wrk.
BENCH_ARGS ?=
QUALITY_ARGS ?=

bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)

bench-quality: install
	$(BIN)/python -m bench.quality $(QUALITY_ARGS)

clean:
	rm -rf $(VENV) $(INDEX)/*
