"""Upgrade safety: an index of an older version is detected and explained; a rebuild is atomic."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers.reliability_kit import (
    ROOT,
    child_env,
    get,
    orangesum_records,
    run_indexer,
    start_server,
    stop_server,
    write_jsonl,
)

pytestmark = pytest.mark.slow

QUERIES = ["/api/search?q=gouvernement&per_page=5", "/api/search?q=AES", "/api/search?q=",
           "/?q=sant%C3%A9"]


def _age_index(index: Path) -> None:
    """Make the index look built by an older analysis/schema version."""
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    meta["version"] = "analysis-0/schema-0"
    (index / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """The seeds plus 400 real articles."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    write_jsonl(corpus / "orangesum.jsonl", orangesum_records(400))
    return corpus


def test_outdated_index_is_explained_then_rebuilt_without_restart(corpus: Path,
                                                                  tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert 0 == run_indexer(corpus, index).returncode
    _age_index(index)
    proc, base = start_server(index)
    try:
        status, body, _ = get(base + "/?q=AES")
        html = body.decode("utf-8")
        assert (503, True) == (status, "presse index --rebuild" in html)
        assert "analysis-0/schema-0" in html
        status, body, _ = get(base + "/api/search?q=AES")
        assert (503, True) == (status, "--rebuild" in json.loads(body)["error"])
        cli = subprocess.run([sys.executable, "-m", "indexer", "search", "AES", "--index",
                              str(index)], capture_output=True, text=True, env=child_env(), cwd=ROOT)
        assert (1, True, False) == (cli.returncode, "--rebuild" in cli.stderr,
                                    "Traceback" in cli.stderr)
        done = run_indexer(corpus, index, "--rebuild")
        assert 0 == done.returncode, done.stderr
        status, body, _ = get(base + "/api/search?q=AES")  # same server process, no restart
        assert (200, 3) == (status, json.loads(body)["total"])
    finally:
        err = stop_server(proc)
    assert "Traceback" not in err


def test_search_keeps_working_during_rebuild(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert 0 == run_indexer(corpus, index).returncode
    old_gen = json.loads((index / "meta.json").read_text(encoding="utf-8"))["generation"]
    proc, base = start_server(index)
    answers: list[tuple[str, int, object]] = []
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set() and len(answers) < 5000:
            for url in QUERIES:
                status, body, _ = get(base + url)
                total = json.loads(body)["total"] if url.startswith("/api/") and status == 200 else None
                answers.append((url, status, total))

    try:
        expected = {url: json.loads(get(base + url)[1])["total"] for url in QUERIES
                    if url.startswith("/api/")}
        threads = [threading.Thread(target=client) for _ in range(2)]
        for t in threads:
            t.start()
        done = run_indexer(corpus, index, "--rebuild")
        assert 0 == done.returncode, done.stderr
        for _ in range(40):  # and a little after the swap
            get(base + QUERIES[0])
        stop.set()
        for t in threads:
            t.join(60)
        after = {url: json.loads(get(base + url)[1])["total"] for url in expected}
    finally:
        stop.set()
        err = stop_server(proc)
    new_gen = json.loads((index / "meta.json").read_text(encoding="utf-8"))["generation"]
    print(f"{len(answers)} answers during the rebuild")
    assert (True, [new_gen]) == (new_gen != old_gen, [p.name for p in index.glob("gen-*")])
    assert [] == [a for a in answers if a[1] != 200]
    assert [] == [a for a in answers if a[2] is not None and a[2] != expected[a[0]]]
    assert (expected, True) == (after, len(answers) > 20)
    assert "Traceback" not in err
