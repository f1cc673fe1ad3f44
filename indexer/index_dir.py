"""The index folder, as both the writer and the reader see it: ``meta.json``, generations,
the format version and the write lock.

Layout of an index directory::

    index/
      meta.json          versions, current generation, counts (replaced atomically)
      .lock              held while a process writes
      actor_names.json   the other names of each displayed actor (``actor_names.py``)
      gen-<stamp>/       the Whoosh files of the current generation

A reader opens the generation ``meta.json`` names; a writer switches ``meta.json`` to a new
generation in one ``os.replace``, so a reader never sees half of one.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index

from .analysis import ANALYSIS_VERSION
from .errors import IndexBusy, IndexMissing, IndexOutdated

META_NAME = "meta.json"
LOCK_NAME = ".lock"
# Bump when the fields of `store/schema.py` change; the index stores it beside
# ANALYSIS_VERSION in meta.json, and a reader refuses an index of another version.
SCHEMA_VERSION = 6


def index_version() -> str:
    """The version string an index must carry to be read by this code."""
    return f"analysis-{ANALYSIS_VERSION}/schema-{SCHEMA_VERSION}"


def read_meta(index_dir: Path) -> dict[str, object] | None:
    """The index's ``meta.json``, or None when there is no index."""
    try:
        return dict(json.loads((index_dir / META_NAME).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None


def write_meta(index_dir: Path, meta: dict[str, object]) -> None:
    """Replace ``meta.json`` atomically (written, synced, then renamed over the old one)."""
    tmp = index_dir / f".{META_NAME}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, index_dir / META_NAME)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def meta_stamp(index_dir: Path) -> tuple[int, int]:
    """What changes when ``meta.json`` is replaced (FileNotFoundError when there is none)."""
    st = os.stat(index_dir / META_NAME)
    return (st.st_mtime_ns, st.st_ino)


def new_generation_name() -> str:
    """A fresh generation folder name, ordered by time."""
    return f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() % 10**9:09d}"


def has_generation(index_dir: Path, gen: str) -> bool:
    """Whether ``gen`` holds a complete Whoosh index."""
    return bool(whoosh_index.exists_in(str(index_dir / gen)))


def drop_leftovers(index_dir: Path, keep: str) -> None:
    """Remove what a killed writer left: generations of unfinished rebuilds, temp meta files."""
    for old in index_dir.glob("gen-*"):
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
    for tmp in index_dir.glob(f".{META_NAME}.*.tmp"):
        tmp.unlink(missing_ok=True)


def open_index(index_dir: Path) -> tuple[Index, dict[str, object]]:
    """Open the current generation; raises IndexMissing or IndexOutdated."""
    meta = read_meta(index_dir)
    if meta is None:
        raise IndexMissing(index_dir)
    if meta.get("version") != index_version():
        raise IndexOutdated(index_dir, str(meta.get("version")), index_version())
    gen = str(meta["generation"])
    if not has_generation(index_dir, gen):
        raise IndexMissing(index_dir)
    return whoosh_index.open_dir(str(index_dir / gen)), meta


@contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's write lock; raises IndexBusy if another process holds it.

    ``flock`` locks die with their process, so a killed indexer never leaves a stale lock.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexBusy(index_dir) from exc
        yield
    finally:
        os.close(fd)
