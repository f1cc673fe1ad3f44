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
from whoosh.index import Index

from ..errors import ArticleError
from ..extract import DEFAULT_MAX_BYTES, FileResult, file_hash, iter_article_files, read_file
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
from .schema import build_schema, to_document


@dataclass
class SyncReport:
    """What a sync did, for the CLI summary and the benchmarks."""

    added: int = 0
    modified: int = 0
    deleted: int = 0
    unchanged: int = 0
    documents: int = 0
    rebuilt: bool = False
    # Every article annotated again: actor rules or aliases changed since the last sync.
    reannotated: bool = False
    errors: list[ArticleError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """The one-line French summary the CLI prints."""
        return (
            f"{self.added} ajoutés, {self.modified} modifiés, {self.deleted} supprimés, "
            f"{len(self.errors)} en erreur"
        )


def _manifest(ix: Index) -> dict[str, str]:
    """Path → file hash of every live document, read from the sortable columns."""
    with ix.reader() as reader:
        paths = reader.column_reader("path")
        hashes = reader.column_reader("file_hash")
        manifest: dict[str, str] = {}
        for n in sorted(reader.all_doc_ids()):
            # The newest document of a path says its hash: an older one kept for a line that
            # is now broken (see `_write_batch`) carries the hash the file had then.
            manifest[_text(paths[n])] = _text(hashes[n])
        return manifest


def _text(value: object) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _replace_path(writer: object, rel: str, broken: set[int], fresh: set[str]) -> None:
    """Delete a changed file's documents, but those that stood at its now broken lines."""
    if not broken:
        writer.delete_by_term("path", rel)  # type: ignore[attr-defined]
        return
    reader = writer.reader()  # type: ignore[attr-defined]
    for n in reader.postings("path", rel).all_ids() if reader.doc_frequency("path", rel) else ():
        fields = reader.stored_fields(n)
        line = json.loads(fields.get("meta") or "{}").get("line")
        if line not in broken or fields.get("id") in fresh:
            writer.delete_document(n)  # type: ignore[attr-defined]


def sync(
    corpus: Path,
    index_dir: Path,
    *,
    rebuild: bool = False,
    annotator: Annotator | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 256,
) -> SyncReport:
    """Bring the index in ``index_dir`` in line with the article files under ``corpus``.

    New files are added, files whose content hash changed are re-extracted and replaced,
    files that disappeared are deleted, and nothing else is touched. A file that fails is
    reported and keeps whatever the index already held for it. With ``rebuild`` (or when the
    index is missing, built by another version, or annotated by other actor rules) a fresh
    generation is built and swapped in.
    """
    annotator = annotator if annotator is not None else NoActors()
    committed = False
    try:
        report = _sync(corpus, index_dir, rebuild, annotator, max_bytes, progress, batch_size)
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
    progress: Callable[[int], None] | None,
    batch_size: int,
) -> SyncReport:
    started = time.perf_counter()
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
            report.rebuilt = True
        else:
            drop_leftovers(index_dir, gen)  # we hold the lock: no other writer owns them
            t0 = time.perf_counter()
            ix = whoosh_index.open_dir(str(index_dir / gen))
            known = _manifest(ix)  # every stored path and hash: ~6 s at 361k articles
            report.timings["manifest"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        todo, removed = plan(corpus, known, report, progress)
        report.timings["scan"] = time.perf_counter() - t0

        writer = ix.writer(limitmb=256)
        try:
            for rel in removed:
                writer.delete_by_term("path", rel)
                report.deleted += 1
            for start in range(0, len(todo), batch_size):
                _write_batch(writer, todo[start : start + batch_size], corpus, known, report,
                             annotator, max_bytes)
                if progress:
                    progress(len(todo[start : start + batch_size]))
            annotator.publish(index_dir)  # the actors' variants, for queries naming them another way
            t0 = time.perf_counter()
            fault_point("commit")
            writer.commit(merge=True)
            report.timings["commit"] = time.perf_counter() - t0
        except BaseException:
            try:
                writer.cancel()
            except OSError:
                pass  # the disk that failed the write may fail the cleanup too
            if fresh:
                shutil.rmtree(index_dir / gen, ignore_errors=True)
            else:
                drop_unreferenced(ix)  # the failed write's segments would keep a full disk full
            raise

        with ix.reader() as reader:
            report.documents = reader.doc_count()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        new_meta: dict[str, object] = {
            "version": index_version(),
            "generation": gen,
            "built_at": now if fresh or meta is None else meta.get("built_at", now),
            "updated_at": now,
            "documents": report.documents,
            "corpus": str(corpus.resolve()),
        }
        fault_point("meta")
        write_meta(index_dir, new_meta)
        if fresh:
            for old in index_dir.glob("gen-*"):
                if old.name != gen:
                    shutil.rmtree(old, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def plan(corpus: Path, known: dict[str, str], report: SyncReport,
         progress: Callable[[int], None] | None) -> tuple[list[tuple[Path, str, str]], list[str]]:
    """What a sync must do: the files to (re)extract as (path, relative path, hash), and the
    paths that disappeared. Unchanged files are counted in ``report``; unreadable ones too."""
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
            report.unchanged += 1
            if progress:
                progress(1)
            continue
        todo.append((path, rel, digest))
    return todo, sorted(set(known) - seen)


def _write_batch(
    writer: object,
    batch: list[tuple[Path, str, str]],
    corpus: Path,
    known: dict[str, str],
    report: SyncReport,
    annotator: Annotator,
    max_bytes: int,
) -> None:
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
    annotations: Sequence[Annotation] = annotator(flat) if flat else []
    report.timings["actors"] = report.timings.get("actors", 0.0) + time.perf_counter() - t0

    t0 = time.perf_counter()
    i = 0
    for digest, result in ready:
        if result.rel in known:
            # A partial file (some broken lines): what the index held at those lines is kept
            # until they are fixed; the rest of the file is replaced.
            _replace_path(writer, result.rel, result.broken_lines,
                          {a.doc_id for a in result.articles})
            report.modified += 1
        else:
            report.added += 1
        for article in result.articles:
            ann = annotations[i]
            i += 1
            why = ann[3] if len(ann) > 3 else {}
            writer.add_document(  # type: ignore[attr-defined]
                **to_document(article, digest, ann[0], ann[1], ann[2], why)
            )
    report.timings["write"] = report.timings.get("write", 0.0) + time.perf_counter() - t0
    fault_point("write")
