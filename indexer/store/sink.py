"""Where a sync's documents go: segments built in this process or in worker processes.

A small sync builds one segment here. A big one (a first build, a rebuild) hands chunks of
documents to ``workers()`` processes, each building whole segments (``segments.py``) while this
process extracts and annotates the next chunk: on two cores, the build uses both. The
segments are committed together by the sync's ``BulkWriter``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3Segment
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage

from .segments import SegmentBuilder

# Below this many documents a sync builds its one segment in process (no start-up cost).
PARALLEL_FROM = 2_000
# Documents per segment of a big build: a few per worker, so that extraction overlaps the
# building; at most this many (memory: ~60 KB a document while its segment is built).
MAX_SEGMENT = 20_000


def workers() -> int:
    """Worker processes for a big build: every core, at most 2 (the machine's)."""
    return max(1, min(2, os.cpu_count() or 1))


def segment_size(total: int) -> int:
    """Documents per segment of a build of ``total`` documents.

    >>> segment_size(36_152), segment_size(361_520), segment_size(3_000)
    (6026, 20000, 2000)
    """
    return max(PARALLEL_FROM, min(MAX_SEGMENT, -(-total // 6)))


def _build(folder: str, schema: Schema, docs: list[dict[str, Any]]) -> W3Segment:
    builder = SegmentBuilder(FileStorage(folder), schema)
    for doc in docs:
        builder.add(doc)
    return builder.finish()


class Sink:
    """Collects documents into segments of the index in ``folder``."""

    def __init__(self, folder: Path, schema: Schema, expected: int,
                 written: Callable[[int], None] | None = None) -> None:
        self.folder = folder
        self.schema = schema
        self.written = written
        self.parallel = expected >= PARALLEL_FROM and workers() > 1
        self.size = segment_size(expected) if self.parallel else 0
        self.docs: list[dict[str, Any]] = []
        self.builder: SegmentBuilder | None = None
        self.pool: Pool | None = None
        self.pending: list[AsyncResult[W3Segment]] = []
        self.count = 0

    def add(self, doc: dict[str, Any]) -> None:
        """One more document."""
        self.count += 1
        if not self.parallel:
            if self.builder is None:
                self.builder = SegmentBuilder(FileStorage(str(self.folder)), self.schema)
            self.builder.add(doc)
            return
        self.docs.append(doc)
        if len(self.docs) >= self.size:
            self._send()

    def _send(self) -> None:
        if self.pool is None:
            # A fork server, as for NER (actors/ner.py): a forked worker would share the
            # index's write lock with this process.
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            # One segment a worker process: its memory goes back to the system with it (a
            # long-lived worker kept ~5 GB resident over 18 segments of a 361,520-article build).
            self.pool = ctx.Pool(workers(), maxtasksperchild=1)
        self.pending.append(self.pool.apply_async(_build, (str(self.folder), self.schema,
                                                           self.docs)))
        self.docs = []
        # Keep at most one chunk waiting per worker: memory stays a few chunks.
        while len([p for p in self.pending if not p.ready()]) > workers():
            next(p for p in self.pending if not p.ready()).wait(0.5)

    def finish(self) -> list[W3Segment]:
        """Every segment, written (waits for the workers)."""
        if self.builder is not None:
            segment = self.builder.finish()
            self.builder = None
            return [segment]
        if self.docs:
            self._send()
        segments = []
        try:
            for result in self.pending:
                segments.append(result.get())
                if self.written:
                    self.written(segments[-1].doc_count_all())
            return segments
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers (a failed sync: their segments are not committed)."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
