"""Incremental sync by content hash, and atomic rebuilds (the index folder: ``index_dir.py``).

An incremental sync writes into the current generation through Whoosh's own commit, which
only publishes a new table of contents once every segment is on disk: a process killed before
that leaves the previous state readable. A rebuild writes a new generation beside the old one
and switches ``meta.json`` to it in one ``os.replace``; readers still holding the old files
keep working until they refresh.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.index import Index

from ..article import Article
from ..errors import ArticleError
from ..extract import DEFAULT_MAX_BYTES, FileResult, file_hash, iter_article_files, read_file
from ..french import count_label
from ..index_dir import (
    drop_leftovers,
    has_generation,
    index_version,
    new_generation_name,
    read_meta,
    write_meta,
    writer_lock,
)
from .annotator import Annotation, Annotator, NoActors
from .failures import drop_unreferenced, fault_point, unwritable
from .progress import EXTRACTION, INDEX, NoProgress, Progress
from .schema import PENDING, build_schema, to_document
from .segments import BulkWriter, merge_small
from .sink import Sink

# Pending articles kept in memory for the actor phase (~3 KB each); beyond, it reads them again.
HOLD = 100_000


@dataclass
class SyncReport:
    """What a sync did, in articles, for the CLI summary and the benchmarks."""

    added: int = 0
    modified: int = 0
    deleted: int = 0
    unchanged: int = 0
    documents: int = 0
    # Articles indexed without their actors, left to the actor phase (`actor_phase.py`).
    pending: int = 0
    # Articles given their actors by the actor phase.
    annotated: int = 0
    # The pending articles as extracted, by id, for the actor phase (at most HOLD of them).
    held: dict[str, Article] = field(default_factory=dict, repr=False)
    # Seconds from the start until the text was searchable (the first commit).
    searchable_after: float = 0.0
    rebuilt: bool = False
    # The rebuild was the index's first build.
    created: bool = False
    # Every article annotated again: actor rules or aliases changed since the last sync.
    reannotated: bool = False
    errors: list[ArticleError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """The one-line French summary the CLI prints, in articles (`1 ajouté, 26 modifiés`)."""
        return (
            f"{count_label(self.added, 'ajouté')}, {count_label(self.modified, 'modifié')}, "
            f"{count_label(self.deleted, 'supprimé')}, {len(self.errors)} en erreur"
        )


def _manifest(ix: Index) -> tuple[dict[str, str], dict[str, int]]:
    """Path → file hash of every live document, read from the sortable columns; and how many
    articles each path holds."""
    with ix.reader() as reader:
        paths = reader.column_reader("path")
        hashes = reader.column_reader("file_hash")
        manifest: dict[str, str] = {}
        counts: dict[str, int] = {}
        for n in sorted(reader.all_doc_ids()):
            # The newest document of a path says its hash: an older one kept for a line that
            # is now broken (see `_write_batch`) carries the hash the file had then.
            path = _text(paths[n])
            manifest[path] = _text(hashes[n])
            counts[path] = counts.get(path, 0) + 1
        return manifest, counts


def pending_count(ix: Index) -> int:
    """Live articles indexed without their actors yet."""
    with ix.searcher() as searcher:
        return len(list(searcher.docs_for_query(wq.Term("pending", PENDING))))


def _text(value: object) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _replace_path(writer: BulkWriter, rel: str, broken: set[int], fresh: set[str]) -> None:
    """Delete a changed file's documents, but those that stood at its now broken lines."""
    if not broken:
        writer.delete_by_term("path", rel)
        return
    reader = writer.reader()
    for n in reader.postings("path", rel).all_ids() if reader.doc_frequency("path", rel) else ():
        fields = reader.stored_fields(n)
        line = json.loads(fields.get("meta") or "{}").get("line")
        if line not in broken or fields.get("id") in fresh:
            writer.delete_document(n)


def sync(
    corpus: Path,
    index_dir: Path,
    *,
    rebuild: bool = False,
    annotator: Annotator | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    batch_size: int = 256,
    actors_later: bool = False,
) -> SyncReport:
    """Bring the text of the index in ``index_dir`` in line with the article files under
    ``corpus``, and commit it: it is searchable when this returns.

    New files are added, files whose content hash changed are re-extracted and replaced,
    files that disappeared are deleted, and nothing else is touched. A file that fails is
    reported and keeps whatever the index already held for it. With ``rebuild`` (or when the
    index is missing, built by another version, or annotated by other actor rules) a fresh
    generation is built and swapped in. Articles whose actors need slow work (NER) are
    indexed without them and marked pending; the actor phase (``actor_phase.annotate``) then
    adds them, here unless ``actors_later`` (the caller runs it, or leaves it to a background
    process: ``report.pending`` says how many wait).
    """
    annotator = annotator if annotator is not None else NoActors()
    committed = False
    try:
        report = _sync(corpus, index_dir, rebuild, annotator, max_bytes, progress, batch_size)
        if report.pending and not actors_later:
            from .actor_phase import annotate

            done = annotate(corpus, index_dir, annotator, max_bytes=max_bytes, progress=progress,
                            held=report.held)
            report.pending, report.annotated = done.pending, done.annotated
            report.timings["actor_phase"] = done.seconds
            report.seconds += done.seconds
        committed = True
        return report
    except OSError as exc:
        if (error := unwritable(exc, index_dir)) is None:
            raise
        raise error from exc
    finally:
        annotator.finish(committed)


def _sync(
    corpus: Path,
    index_dir: Path,
    rebuild: bool,
    annotator: Annotator,
    max_bytes: int,
    progress: Progress | None,
    batch_size: int,
) -> SyncReport:
    started = time.perf_counter()
    progress = progress or NoProgress()
    report = SyncReport()
    with writer_lock(index_dir):
        meta = read_meta(index_dir)
        gen = str(meta["generation"]) if meta is not None else ""
        fresh = (rebuild or meta is None or meta.get("version") != index_version()
                 or not has_generation(index_dir, gen))
        if annotator.begin(index_dir, fresh, existing=meta is not None):
            report.reannotated = fresh = True
        if fresh:
            gen = new_generation_name()
            (index_dir / gen).mkdir(parents=True)
            ix = whoosh_index.create_in(str(index_dir / gen), build_schema())
            known: dict[str, str] = {}
            counts: dict[str, int] = {}
            report.rebuilt = True
            report.created = meta is None
        else:
            drop_leftovers(index_dir, gen)  # we hold the lock: no other writer owns them
            t0 = time.perf_counter()
            ix = whoosh_index.open_dir(str(index_dir / gen))
            known, counts = _manifest(ix)  # every stored path and hash: ~6 s at 361k articles
            report.timings["manifest"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        todo, removed = plan(corpus, known, report, counts=counts)
        report.timings["scan"] = time.perf_counter() - t0
        expected = sum(expected_articles(path) for path, _, _ in todo)

        writer = BulkWriter(ix)
        sink = Sink(index_dir / gen, ix.schema, expected, written=progress.advance)
        try:
            for rel in removed:
                report.deleted += writer.delete_by_term("path", rel)
            if todo:
                progress.phase(EXTRACTION if sink.parallel else INDEX, expected)
            for start in range(0, len(todo), batch_size):
                done = _write_batch(writer, sink, todo[start : start + batch_size], corpus, known,
                                    report, annotator, max_bytes)
                progress.advance(done)
            if sink.parallel and todo:
                progress.phase(INDEX, sink.count)
            t0 = time.perf_counter()
            for segment in sink.finish():
                writer.add_segment(segment)
            report.timings["segments"] = time.perf_counter() - t0
            annotator.publish(index_dir)  # the actors' variants, for queries naming them another way
            t0 = time.perf_counter()
            fault_point("commit")
            writer.commit(mergetype=merge_small)
            report.timings["commit"] = time.perf_counter() - t0
        except BaseException:
            sink.close()
            try:
                writer.cancel()
            except OSError:
                pass  # the disk that failed the write may fail the cleanup too
            if fresh:
                shutil.rmtree(index_dir / gen, ignore_errors=True)
            else:
                drop_unreferenced(ix)  # the failed write's segments would keep a full disk full
            raise

        with ix.searcher() as searcher:  # one reader: opening one reads its files (~0.3 s at 36k)
            report.documents = searcher.doc_count()
            report.pending = len(list(searcher.docs_for_query(wq.Term("pending", PENDING))))
        now = datetime.now(UTC).isoformat(timespec="seconds")
        new_meta: dict[str, object] = {
            "version": index_version(),
            "generation": gen,
            "built_at": now if fresh or meta is None else meta.get("built_at", now),
            "updated_at": now,
            "documents": report.documents,
            "pending_actors": report.pending,
            "corpus": str(corpus.resolve()),
        }
        fault_point("meta")
        write_meta(index_dir, new_meta)
        if fresh:
            for old in index_dir.glob("gen-*"):
                if old.name != gen:
                    shutil.rmtree(old, ignore_errors=True)
    report.seconds = report.searchable_after = time.perf_counter() - started
    return report


def expected_articles(path: Path) -> int:
    """How many articles a file should give, before it is read: a ``.jsonl`` one a line."""
    if path.suffix.lower() != ".jsonl":
        return 1
    try:
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


def plan(corpus: Path, known: dict[str, str], report: SyncReport,
         progress: Callable[[int], None] | None = None, counts: dict[str, int] | None = None,
         ) -> tuple[list[tuple[Path, str, str]], list[str]]:
    """What a sync must do: the files to (re)extract as (path, relative path, hash), and the
    paths that disappeared. Unchanged files are counted in ``report`` (in articles, from
    ``counts``, else one a file); unreadable ones too."""
    seen: set[str] = set()
    todo: list[tuple[Path, str, str]] = []
    for path in iter_article_files(corpus):
        rel = path.relative_to(corpus).as_posix()
        seen.add(rel)
        try:
            digest = file_hash(path)
        except OSError as exc:
            report.errors.append(ArticleError(rel, str(exc)))
            continue
        if known.get(rel) == digest:
            report.unchanged += counts.get(rel, 1) if counts is not None else 1
            if progress:
                progress(1)
            continue
        todo.append((path, rel, digest))
    return todo, sorted(set(known) - seen)


def _write_batch(
    writer: BulkWriter,
    sink: Sink,
    batch: list[tuple[Path, str, str]],
    corpus: Path,
    known: dict[str, str],
    report: SyncReport,
    annotator: Annotator,
    max_bytes: int,
) -> int:
    """Extract, annotate (what needs no NER) and hand on one batch of files; returns how many
    articles it gave."""
    t0 = time.perf_counter()
    ready: list[tuple[str, FileResult]] = []
    for path, _rel, digest in batch:
        result = read_file(path, corpus, max_bytes)
        report.errors.extend(result.errors)
        if not result.failed:
            report.notices.extend(result.notices)
            ready.append((digest, result))
    report.timings["extract"] = report.timings.get("extract", 0.0) + time.perf_counter() - t0
    fault_point("extract")

    flat = [a for _, result in ready for a in result.articles]
    t0 = time.perf_counter()
    annotations: Sequence[Annotation | None] = annotator.known(flat) if flat else []
    report.timings["actors"] = report.timings.get("actors", 0.0) + time.perf_counter() - t0

    t0 = time.perf_counter()
    i = 0
    for digest, result in ready:
        if result.rel in known:
            # A partial file (some broken lines): what the index held at those lines is kept
            # until they are fixed; the rest of the file is replaced.
            _replace_path(writer, result.rel, result.broken_lines,
                          {a.doc_id for a in result.articles})
            report.modified += len(result.articles)
        else:
            report.added += len(result.articles)
        for article in result.articles:
            ann = annotations[i]
            i += 1
            if ann is None:
                sink.add(to_document(article, digest, pending=True, keys=False))
                if len(report.held) < HOLD:
                    report.held[article.doc_id] = article
            else:
                why = ann[3] if len(ann) > 3 else {}
                sink.add(to_document(article, digest, ann[0], ann[1], ann[2], why, keys=False))
    report.timings["write"] = report.timings.get("write", 0.0) + time.perf_counter() - t0
    fault_point("write")
    return len(flat)
