"""kill -9 of a real indexer at named points of a large reindex: nothing lost, nothing stale.

The indexer is the real CLI in a subprocess. ``PRESSE_FAULT_AT=phase`` makes it announce the
phase and pause there, and the test sends SIGKILL; for the commit, it announces and goes on,
and the kill lands while Whoosh is writing and merging segments.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers.reliability_kit import (
    orangesum_records,
    run_indexer,
    sigkill,
    snapshot,
    start_paused_indexer,
    write_jsonl,
)

from indexer.store import sync

pytestmark = pytest.mark.slow

PER_FILE = 40
BASE_FILES = 10  # 400 articles indexed before the faults
NEW_FILES = 6  # 240 more added by the interrupted reindex


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The corpus before and after the change, the base index, and a reference final index."""
    base = tmp_path_factory.mktemp("crash")
    records = orangesum_records(PER_FILE * (BASE_FILES + NEW_FILES))
    before, after = base / "before", base / "after"
    for i in range(BASE_FILES):
        write_jsonl(before / f"lot {i:02d} été.jsonl", records[i * PER_FILE:(i + 1) * PER_FILE])
    shutil.copytree(before, after)
    for i in range(BASE_FILES, BASE_FILES + NEW_FILES):
        write_jsonl(after / "nouveaux" / f"lot-{i:02d}.jsonl",
                    records[i * PER_FILE:(i + 1) * PER_FILE])
    changed = [dict(r, title=f"Révisé : {r['title']}") for r in records[3 * PER_FILE:4 * PER_FILE]]
    write_jsonl(after / "lot 03 été.jsonl", changed)  # 40 changed articles
    (after / "lot 05 été.jsonl").unlink()  # 40 deleted articles
    assert [] == sync(before, base / "index-before").errors
    assert [] == sync(after, base / "index-after").errors
    return {
        "before": before, "after": after, "index": base / "index-before",
        "snap_before": snapshot(base / "index-before"),
        "snap_after": snapshot(base / "index-after"),
        "expected_after": (BASE_FILES + NEW_FILES - 1) * PER_FILE,
    }


def _copy_index(states: dict[str, object], tmp_path: Path) -> Path:
    index = tmp_path / "index"
    shutil.copytree(states["index"], index)  # type: ignore[arg-type]
    return index


def _rerun_reaches_full_corpus(states: dict[str, object], index: Path) -> None:
    done = run_indexer(states["after"], index)  # type: ignore[arg-type]
    assert (0, "") == (done.returncode, done.stderr.replace("Indexation", "").strip())
    snap = snapshot(index)
    assert states["expected_after"] == snap["documents"]
    assert states["snap_after"] == snap
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    assert [meta["generation"]] == [p.name for p in index.glob("gen-*")]
    assert [] == list(index.glob(".meta.json.*"))


@pytest.mark.parametrize("phase", ["extract", "write", "meta"])
def test_kill_during_incremental_reindex(phase: str, states: dict[str, object],
                                         tmp_path: Path) -> None:
    index = _copy_index(states, tmp_path)
    proc = start_paused_indexer(states["after"], index, phase)  # type: ignore[arg-type]
    sigkill(proc)
    snap = snapshot(index)
    if phase == "meta":
        # Whoosh's commit was complete: the new state is the committed one.
        assert states["snap_after"] == snap
    else:
        assert states["snap_before"] == snap
    _rerun_reaches_full_corpus(states, index)


def test_kill_during_commit(states: dict[str, object], tmp_path: Path) -> None:
    index = _copy_index(states, tmp_path)
    proc = start_paused_indexer(states["after"], index, "commit", seconds="0")  # type: ignore[arg-type]
    sigkill(proc)
    snap = snapshot(index)
    assert snap in (states["snap_before"], states["snap_after"])
    _rerun_reaches_full_corpus(states, index)


@pytest.mark.parametrize("phase", ["commit", "meta"])
def test_kill_during_rebuild(phase: str, states: dict[str, object], tmp_path: Path) -> None:
    index = _copy_index(states, tmp_path)
    proc = start_paused_indexer(states["after"], index, phase, "--rebuild")  # type: ignore[arg-type]
    sigkill(proc)
    # The new generation was never switched in: the old one is served, whole.
    assert states["snap_before"] == snapshot(index)
    assert 2 == len(list(index.glob("gen-*")))  # the unfinished one is left until the next run
    _rerun_reaches_full_corpus(states, index)
