"""Disk full and read-only index directory: a clear error, the previous index intact.

We run as root, so ``chmod`` would not stop a write: the index lives on a real tmpfs mount,
small enough to fill (disk full) or remounted read-only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.reliability_kit import orangesum_records, run_indexer, snapshot, write_jsonl

pytestmark = pytest.mark.slow


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


@pytest.fixture()
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs mounted for this test (skipped only where mounting is impossible)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root and mount(8) to make a real small or read-only filesystem")
    done = _mount("-t", "tmpfs", "-o", "size=3m,mode=0755", "tmpfs", str(mnt))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """30 real articles (the corpus itself is outside the small filesystem)."""
    corpus = tmp_path / "corpus"
    write_jsonl(corpus / "base.jsonl", orangesum_records(30))
    return corpus


def _assert_clear_failure(done: subprocess.CompletedProcess[str], reason: str) -> None:
    assert 1 == done.returncode
    assert "impossible d'écrire l'index" in done.stderr and reason in done.stderr, done.stderr
    assert "l'index précédent est intact" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("rebuild", [False, True])
def test_disk_full_keeps_previous_index(small_fs: Path, corpus: Path, rebuild: bool) -> None:
    index = small_fs / "index"
    assert 0 == run_indexer(corpus, index).returncode
    before = snapshot(index)
    write_jsonl(corpus / "gros.jsonl", orangesum_records(250, start=100))
    done = run_indexer(corpus, index, *(["--rebuild"] if rebuild else []))
    _assert_clear_failure(done, "No space left on device")
    assert before == snapshot(index)
    # Once there is room again, the same command completes: nothing was lost on the way.
    assert 0 == _mount("-o", "remount,size=32m", str(small_fs)).returncode
    done = run_indexer(corpus, index)
    assert 0 == done.returncode, done.stderr
    assert 30 + 250 == snapshot(index)["documents"]


def test_read_only_index_directory(small_fs: Path, corpus: Path) -> None:
    index = small_fs / "index"
    assert 0 == run_indexer(corpus, index).returncode
    before = snapshot(index)
    write_jsonl(corpus / "plus.jsonl", orangesum_records(20, start=100))
    assert 0 == _mount("-o", "remount,ro", str(small_fs)).returncode
    for extra in ([], ["--rebuild"]):
        _assert_clear_failure(run_indexer(corpus, index, *extra), "Read-only file system")
        assert before == snapshot(index)  # and it is still searchable, read-only
    assert 0 == _mount("-o", "remount,rw,size=32m", str(small_fs)).returncode
    assert 0 == run_indexer(corpus, index).returncode
    assert 50 == snapshot(index)["documents"]


@pytest.mark.parametrize("rebuild", [False, True])
def test_after_disk_full_a_small_reindex_succeeds_on_the_same_volume(
        small_fs: Path, corpus: Path, rebuild: bool) -> None:
    index = small_fs / "index"
    assert 0 == run_indexer(corpus, index).returncode
    big = corpus / "gros.jsonl"
    write_jsonl(big, orangesum_records(250, start=100))
    done = run_indexer(corpus, index, *(["--rebuild"] if rebuild else []))
    _assert_clear_failure(done, "No space left on device")
    assert "l'index occupe" in done.stderr
    # No room was made: the failed write's leftovers must not be what fills the volume.
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    assert [meta["generation"]] == [p.name for p in index.glob("gen-*")]
    big.unlink()
    write_jsonl(corpus / "dix.jsonl", orangesum_records(10, start=400))
    done = run_indexer(corpus, index)
    assert 0 == done.returncode, done.stderr
    assert 40 == snapshot(index)["documents"]
