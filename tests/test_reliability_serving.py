"""Reindex while serving: a real waitress server keeps answering, old or new state, never an error."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from helpers.reliability_kit import (
    get,
    orangesum_records,
    run_indexer,
    sigkill,
    start_paused_indexer,
    start_server,
    stop_server,
    write_jsonl,
)

from indexer.search import Engine, SearchRequest

pytestmark = pytest.mark.slow

CYCLES = 3  # old → new → old → new: three reindexes under load
MARKER_Q = "/api/search?q=zorglub&per_page=100"
ALL_Q = "/api/search?q=&per_page=1"


def _marker(corpus: Path, name: str, title: str) -> None:
    record = {"title": title, "text": f"Le zorglub de {title} est publié à Niamey.",
              "date": "2025-03-12", "outlet": "Test"}
    (corpus / name).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def _set_state(corpus: Path, new: bool, bulk: list[list[dict[str, object]]]) -> None:
    """State A (old) or B (new): B changes one marker, deletes one, adds one, swaps bulk files."""
    _marker(corpus, "m1.json", "Version deux" if new else "Version un")
    (corpus / "m2.json").unlink(missing_ok=True)
    (corpus / "m3.json").unlink(missing_ok=True)
    _marker(corpus, "m3.json" if new else "m2.json", "Troisième" if new else "Deuxième")
    (corpus / ("ancien.jsonl" if new else "nouveau.jsonl")).unlink(missing_ok=True)
    write_jsonl(corpus / ("nouveau.jsonl" if new else "ancien.jsonl"), bulk[1 if new else 0])


def _observe(base: str) -> tuple[object, object]:
    """What one client sees: the marker hits and the document total (or the error)."""
    status, body, _ = get(base + MARKER_Q)
    if status != 200:
        return ("error", status), None
    hits = sorted((h["id"], h["title"]) for h in json.loads(body)["hits"])
    status, body, _ = get(base + ALL_Q)
    if status != 200:
        return ("error", status), None
    return tuple(hits), json.loads(body)["total"]


OLD = (("m1.json", "Version un"), ("m2.json", "Deuxième"))
NEW = (("m1.json", "Version deux"), ("m3.json", "Troisième"))


def test_reindex_while_serving(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    records = orangesum_records(340)
    write_jsonl(corpus / "fond.jsonl", records[:200])
    bulk = [records[200:260], records[260:340]]  # 60 articles in the old state, 80 in the new
    _set_state(corpus, False, bulk)
    assert 0 == run_indexer(corpus, index).returncode
    proc, base = start_server(index)
    seen: list[tuple[object, object]] = []
    pages: list[int] = []
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set() and len(seen) < 4000:
            seen.append(_observe(base))
            pages.append(get(base + "/?q=" + quote("président zorglub"))[0])

    threads = [threading.Thread(target=client) for _ in range(2)]
    latencies = []
    try:
        assert (OLD, 262) == _observe(base)
        for t in threads:
            t.start()
        new = False
        for _ in range(CYCLES):
            new = not new
            _set_state(corpus, new, bulk)
            done = run_indexer(corpus, index)
            assert 0 == done.returncode, done.stderr
            committed = time.monotonic()
            while _observe(base) != ((NEW, 282) if new else (OLD, 262)):
                assert time.monotonic() - committed < 5, "new state not visible after 5 s"
                time.sleep(0.05)
            latencies.append(time.monotonic() - committed)
    finally:
        stop.set()
        for t in threads:
            t.join(60)
        err = stop_server(proc)
    print(f"{len(seen) * 2 + len(pages)} responses during {CYCLES} reindexes; visible after {latencies} s")
    errors = [s for s in seen if s[1] is None]
    assert ([], True, {200}) == (errors, len(seen) > 20, set(pages))
    # Each response shows one whole state: never a mix of the marker sets, never a half count.
    assert set() == {m for m, _ in seen} - {OLD, NEW}
    assert set() == {t for _, t in seen} - {262, 282}
    assert max(latencies) < 5
    assert "Traceback" not in err


def test_thread_opening_between_commit_and_meta(tmp_path: Path) -> None:
    """A thread's first search lands after Whoosh's commit but before meta.json changes.

    Whoosh hands that thread the new commit; the facet tables still describe the old one. The
    engine must notice and rebuild them rather than mix two numberings of the documents.
    """
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    records = orangesum_records(200)
    write_jsonl(corpus / "a.jsonl", records[:100])
    write_jsonl(corpus / "b.jsonl", records[100:])
    assert 0 == run_indexer(corpus, index).returncode
    engine = Engine(index)
    assert 200 == engine.search(SearchRequest()).total
    (corpus / "a.jsonl").unlink()
    proc = start_paused_indexer(corpus, index, "meta")  # committed, meta.json not yet written
    result: dict[str, object] = {}

    def first_search() -> None:
        try:
            page = engine.search(SearchRequest(per_page=100, sort="recent"))
            result["seen"] = (page.total, len({a.id for h in page.hits for a in (h, *h.also)}))
        except Exception as exc:  # reported below, with its type
            result["seen"] = repr(exc)

    try:
        thread = threading.Thread(target=first_search)
        thread.start()
        thread.join(60)
    finally:
        sigkill(proc)
    assert (100, 100) == result["seen"]
