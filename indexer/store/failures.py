"""What can go wrong while writing, and how a write cleans up after itself.

- ``fault_point``: the crash-test hook. ``PRESSE_FAULT_AT=phase[:seconds]`` announces the
  phase on stderr and pauses there (60 s by default) so a test can SIGKILL a real indexer at
  a known point. Unset in normal use.
- ``unwritable``: an ``OSError`` that means "this directory cannot take our writes" (full,
  read-only, not ours) rather than "this article is bad", turned into ``IndexUnwritable``.
- ``drop_unreferenced``: the segment files of a failed write, which would keep a full disk full.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index

from ..errors import IndexUnwritable

FAULT_ENV = "PRESSE_FAULT_AT"
_UNWRITABLE = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT, errno.EFBIG}


def fault_point(phase: str) -> None:
    """Pause at ``phase`` when the ``PRESSE_FAULT_AT`` test hook names it (no-op otherwise)."""
    wanted = os.environ.get(FAULT_ENV, "")
    name, _, seconds = wanted.partition(":")
    if name != phase:
        return
    print(f"fault-point {phase} pid={os.getpid()}", file=sys.stderr, flush=True)
    time.sleep(float(seconds or 60))


def unwritable(exc: OSError, index_dir: Path) -> IndexUnwritable | None:
    """The IndexUnwritable that ``exc`` means, or None when it is another failure."""
    if exc.errno not in _UNWRITABLE:
        return None
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        reason += (f" ; l'index occupe {_megabytes(index_dir)} Mo, une reconstruction en "
                   "demande autant en plus")
    return IndexUnwritable(index_dir, reason)


def _megabytes(path: Path) -> int:
    """Size of a directory tree in MB (what the index takes on disk)."""
    total = 0
    for p in path.rglob("*"):
        try:
            total += p.stat().st_size if p.is_file() else 0
        except OSError:
            pass
    return max(1, round(total / 1e6))


def drop_unreferenced(ix: Index) -> None:
    """Remove the segment files no table of contents names: what a failed write left."""
    try:
        toc = ix._read_toc()  # type: ignore[attr-defined]
        whoosh_index.clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)  # type: ignore[attr-defined]
    except OSError:
        pass
