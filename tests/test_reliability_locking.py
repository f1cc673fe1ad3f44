"""Two reindexes at once, and locks that die with a killed indexer."""

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
from whoosh import index as whoosh_index
from whoosh.index import LockError

from indexer.errors import IndexBusy
from indexer.index_dir import writer_lock

pytestmark = pytest.mark.slow


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """300 real articles in three files, plus the seeds."""
    corpus = tmp_path / "corpus"
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", corpus)
    records = orangesum_records(300)
    for i in range(3):
        write_jsonl(corpus / f"lot-{i}.jsonl", records[i * 100:(i + 1) * 100])
    return corpus


def _gen_dir(index: Path) -> Path:
    return index / json.loads((index / "meta.json").read_text(encoding="utf-8"))["generation"]


def test_second_reindex_exits_with_a_clear_message(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    first = start_paused_indexer(corpus, index, "write", seconds="8")
    second = run_indexer(corpus, index)
    assert 1 == second.returncode
    assert "une autre indexation est en cours" in second.stderr
    assert "Traceback" not in second.stderr
    out, err = first.communicate(timeout=120)
    assert (0, "303 documents") == (first.returncode, out.split("(")[-1].split(",")[0])
    assert 303 == snapshot(index)["documents"]
    assert 0 == run_indexer(corpus, index).returncode  # and the lock was released


def test_concurrent_incremental_reindex_leaves_one_consistent_state(corpus: Path,
                                                                    tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert 0 == run_indexer(corpus, index).returncode
    before = snapshot(index)
    (corpus / "lot-2.jsonl").unlink()
    first = start_paused_indexer(corpus, index, "commit", seconds="6")
    assert before == snapshot(index)  # readers are never blocked by a writer
    assert 1 == run_indexer(corpus, index, "--rebuild").returncode
    first.communicate(timeout=120)
    assert (0, 203) == (first.returncode, snapshot(index)["documents"])


def test_killed_indexer_leaves_no_stale_lock(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert 0 == run_indexer(corpus, index).returncode
    write_jsonl(corpus / "lot-3.jsonl", orangesum_records(50, start=400))
    proc = start_paused_indexer(corpus, index, "write")
    # While it runs, both locks are held: ours (flock on .lock) and Whoosh's writer lock.
    with pytest.raises(IndexBusy), writer_lock(index):
        pass
    with pytest.raises(LockError):
        whoosh_index.open_dir(str(_gen_dir(index))).writer()
    sigkill(proc)
    # Both are flock locks, so they died with the process: nothing to clean by hand.
    with writer_lock(index):
        whoosh_index.open_dir(str(_gen_dir(index))).writer().cancel()
    done = run_indexer(corpus, index)
    assert 0 == done.returncode, done.stderr
    assert 353 == snapshot(index)["documents"]
