"""The actor phase: the articles a sync indexed without their actors get them, a chunk at a time.

``sync`` commits the text first: an article whose NER mentions are not cached is indexed
without actors and marked ``pending``, so a first build is searchable in a minute or two. Here
those articles are read again from their files, annotated (NER on both cores, the next chunk's
NER running while this one is canonicalised and written) and re-written with their actors,
each chunk in a segment and a commit of its own: the page shows the facets filling in, and a
process killed at any point leaves every committed chunk annotated and every NER result
cached, so the next run goes on where this one stopped.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.index import Index

from ..article import Article
from ..extract import DEFAULT_MAX_BYTES, file_hash, read_file
from ..index_dir import has_generation, read_meta, write_meta, writer_lock
from .annotator import Annotator
from .failures import fault_point
from .progress import ACTORS, NoProgress, Progress
from .schema import PENDING, to_document
from .segments import BulkWriter, SegmentBuilder, merge_small
from .sync import pending_count

# Articles per chunk (one commit each): about a tenth of the work, within these bounds.
MIN_CHUNK = 2_000
MAX_CHUNK = 10_000


@dataclass
class ActorReport:
    """What the actor phase did."""

    annotated: int = 0
    pending: int = 0
    chunks: int = 0
    seconds: float = 0.0


def chunk_size(pending: int) -> int:
    """Articles per chunk for ``pending`` articles.

    >>> chunk_size(36_152), chunk_size(500), chunk_size(361_520)
    (3616, 2000, 10000)
    """
    return max(MIN_CHUNK, min(MAX_CHUNK, -(-pending // 10)))


def _pending(ix: Index) -> tuple[dict[str, dict[str, str]], dict[str, bytes]]:
    """Path → {article id: file hash} of the live articles awaiting their actors, and each
    one's near-duplicate keys (re-used: the text did not change)."""
    out: dict[str, dict[str, str]] = {}
    keys: dict[str, bytes] = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        column = reader.column_reader("dupkeys") if reader.has_column("dupkeys") else None
        for n in searcher.docs_for_query(wq.Term("pending", PENDING)):
            fields = searcher.stored_fields(n)
            out.setdefault(fields["path"], {})[fields["id"]] = fields["file_hash"]
            if column is not None:
                keys[fields["id"]] = bytes(column[n])
    return out, keys


def _groups(todo: dict[str, dict[str, str]], size: int) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    n = 0
    for path in sorted(todo):
        if n >= size:
            groups.append([])
            n = 0
        groups[-1].append(path)
        n += len(todo[path])
    return [g for g in groups if g]


def _read(corpus: Path, paths: list[str], todo: dict[str, dict[str, str]],
          max_bytes: int, held: dict[str, Article]) -> list[tuple[Article, str]]:
    """The pending articles of ``paths``, with their file hash: those the sync just extracted
    (``held``), else read again; a file that changed since (or went) is left to the next sync,
    which re-extracts it."""
    out: list[tuple[Article, str]] = []
    for rel in paths:
        path = corpus / rel
        ids = todo[rel]
        if all(doc_id in held for doc_id in ids):
            out.extend((held[doc_id], digest) for doc_id, digest in ids.items())
            continue
        try:
            digest = file_hash(path)
        except OSError:
            continue
        if digest not in ids.values():
            continue
        for article in read_file(path, corpus, max_bytes).articles:
            if ids.get(article.doc_id) == digest:
                out.append((article, digest))
    return out


def annotate(corpus: Path, index_dir: Path, annotator: Annotator, *,
             max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
             chunk: int | None = None, held: dict[str, Article] | None = None) -> ActorReport:
    """Give their actors to the articles of ``index_dir`` that await them (``held``: those
    the sync just extracted, by id, so that they are not read again)."""
    held = held or {}
    started = time.perf_counter()
    progress = progress or NoProgress()
    report = ActorReport()
    with writer_lock(index_dir):
        meta = read_meta(index_dir)
        if meta is None or not has_generation(index_dir, str(meta["generation"])):
            return report
        gen = str(meta["generation"])
        ix = whoosh_index.open_dir(str(index_dir / gen))
        todo, keys = _pending(ix)
        total = sum(len(ids) for ids in todo.values())
        if not total:
            return report
        progress.phase(ACTORS, total)
        groups = _groups(todo, chunk or chunk_size(total))
        ahead = _read(corpus, groups[0], todo, max_bytes, held)
        annotator.prefetch([a for a, _ in ahead])
        for k in range(len(groups)):
            batch = ahead
            if k + 1 < len(groups):
                ahead = _read(corpus, groups[k + 1], todo, max_bytes, held)
                # NER of the next chunk starts as soon as this one's is collected.
                annotator.prefetch([a for a, _ in ahead])
            if not batch:
                continue
            annotations = annotator([a for a, _ in batch])
            _commit(ix, index_dir, annotator, batch, annotations, keys)
            report.annotated += len(batch)
            report.chunks += 1
            progress.advance(len(batch))
            meta = dict(meta)
            meta.update(updated_at=datetime.now(UTC).isoformat(timespec="seconds"),
                        pending_actors=pending_count(ix))
            write_meta(index_dir, meta)
            fault_point("actors-chunk")
        report.pending = pending_count(ix)
    report.seconds = time.perf_counter() - started
    return report


def _commit(ix: Index, index_dir: Path, annotator: Annotator, batch: list[tuple[Article, str]],
            annotations: object, keys: dict[str, bytes]) -> None:
    writer = BulkWriter(ix)
    try:
        builder = SegmentBuilder(ix.storage, ix.schema)
        for (article, digest), ann in zip(batch, annotations, strict=True):  # type: ignore[call-overload]
            writer.delete_by_term("id", article.doc_id)
            why = ann[3] if len(ann) > 3 else {}
            doc = to_document(article, digest, ann[0], ann[1], ann[2], why, keys=False)
            if article.doc_id in keys:
                doc["dupkeys"] = keys[article.doc_id]
            builder.add(doc)
        writer.add_segment(builder.finish())
        annotator.publish(index_dir)
        writer.commit(mergetype=merge_small)
    except BaseException:
        try:
            writer.cancel()
        except OSError:
            pass
        raise
