"""The index on disk: incremental sync by content hash, atomic rebuilds, ``meta.json``.

Layout of an index directory::

    index/
      meta.json        versions, current generation, counts (replaced atomically)
      .lock            held while a process writes
      gen-<stamp>/     the Whoosh files of the current generation

An incremental sync writes into the current generation through Whoosh's own commit, which
only publishes a new table of contents once every segment is on disk: a process killed before
that leaves the previous state readable. A rebuild writes a new generation beside the old one
and switches ``meta.json`` to it in one ``os.replace``; readers still holding the old files
keep working until they refresh.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index

from .article import Article
from .errors import ArticleError, IndexBusy, IndexMissing, IndexOutdated, IndexUnwritable
from .extract import DEFAULT_MAX_BYTES, extract_file, file_hash, iter_article_files, iter_jsonl
from .schema import build_schema, index_version, to_document

META_NAME = "meta.json"
LOCK_NAME = ".lock"
# Test hook: `PRESSE_FAULT_AT=phase[:seconds]` announces the phase on stderr and pauses there
# (60 s by default) so a test can SIGKILL a real indexer at a known point. Unset in normal use.
FAULT_ENV = "PRESSE_FAULT_AT"
# Errors that mean "this directory cannot take our writes", not "this article is bad".
_UNWRITABLE = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT, errno.EFBIG}
# Invisible format characters (zero-width, bidi controls, soft hyphen): they split words and
# can reorder displayed text, so they are dropped from what is indexed and shown.
# Characters XML cannot carry (controls but tab and newlines, U+FFFE/U+FFFF) go too: a feed or
# an API answer must stay valid whatever a file held.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
                        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
ENCODING_LABELS = {"cp1252": "Windows-1252 (Latin-1)", "utf-16": "UTF-16", "utf-16-le": "UTF-16 LE",
                   "utf-16-be": "UTF-16 BE"}

# Annotator: Articles → (people, organisations, places) per article, in the same order, and
# optionally {name: why it is there} (`ner`, `alias`, `acronym`, `corpus`).
Names = tuple[str, ...]
Annotation = tuple[Names, Names, Names] | tuple[Names, Names, Names, dict[str, str]]
Annotator = Callable[[list[Article]], Sequence[Annotation]]


@dataclass
class SyncReport:
    """What a sync did, for the CLI summary and the benchmarks."""

    added: int = 0
    modified: int = 0
    deleted: int = 0
    unchanged: int = 0
    documents: int = 0
    rebuilt: bool = False
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


def read_meta(index_dir: Path) -> dict[str, object] | None:
    """The index's ``meta.json``, or None when there is no index."""
    try:
        return dict(json.loads((index_dir / META_NAME).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None


def _write_meta(index_dir: Path, meta: dict[str, object]) -> None:
    tmp = index_dir / f".{META_NAME}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, index_dir / META_NAME)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def fault_point(phase: str) -> None:
    """Pause at ``phase`` when the ``PRESSE_FAULT_AT`` test hook names it (no-op otherwise)."""
    wanted = os.environ.get(FAULT_ENV, "")
    name, _, seconds = wanted.partition(":")
    if name != phase:
        return
    print(f"fault-point {phase} pid={os.getpid()}", file=sys.stderr, flush=True)
    time.sleep(float(seconds or 60))


def _visible(article: Article) -> Article:
    """The article without invisible format characters in its displayed fields."""
    fields = {k: _INVISIBLE.sub("", v) for k in ("title", "body", "author", "outlet")
              if isinstance(v := getattr(article, k), str) and _INVISIBLE.search(v)}
    return replace(article, **fields) if fields else article  # type: ignore[arg-type]


def _drop_leftovers(index_dir: Path, keep: str) -> None:
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
    gen_dir = index_dir / str(meta["generation"])
    if not whoosh_index.exists_in(str(gen_dir)):
        raise IndexMissing(index_dir)
    return whoosh_index.open_dir(str(gen_dir)), meta


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


def _read_file(path: Path, root: Path, max_bytes: int, report: SyncReport) -> list[Article] | None:
    """Articles of one file, or None when the whole file failed (errors go to ``report``)."""
    if path.suffix.lower() == ".jsonl":
        articles: list[Article] = []
        failed = False
        for item in iter_jsonl(path, root, max_bytes):
            if isinstance(item, ArticleError):
                report.errors.append(item)
                failed = failed or item.line is None  # the file itself, not one line
            else:
                articles.append(item)
        return None if failed else articles
    try:
        return extract_file(path, root, max_bytes)
    except ArticleError as exc:
        report.errors.append(exc)
    except OSError as exc:
        report.errors.append(ArticleError(path.relative_to(root).as_posix(), str(exc)))
    return None


def _notices(rel: str, articles: list[Article]) -> list[str]:
    """What the user should know about articles that were indexed: language, legacy encoding."""
    out = []
    encodings = {str(a.extra["encoding"]) for a in articles if "encoding" in a.extra}
    for enc in sorted(encodings):
        out.append(f"{rel} : encodage détecté {ENCODING_LABELS.get(enc, enc)}")
    for a in articles:
        if a.lang != "fr":
            out.append(f"{a.doc_id} : langue détectée « {a.lang} », pas du français "
                       f"(indexé, signalé lang={a.lang})")
    return out


def provenance_counts(index_dir: Path) -> dict[str, dict[str, int]]:
    """For each metadata field, how many articles got it from each source (`presse stats`)."""
    ix, _ = open_index(index_dir)
    counts: dict[str, dict[str, int]] = {}
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            prov = json.loads(fields.get("meta") or "{}").get("provenance", {})
            for name, source in prov.items():
                counts.setdefault(name, {}).setdefault(source, 0)
                counts[name][source] += 1
    return counts


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
    index is missing or built by another version) a fresh generation is built and swapped in.
    """
    try:
        return _sync(corpus, index_dir, rebuild, annotator, max_bytes, progress, batch_size)
    except OSError as exc:
        if exc.errno not in _UNWRITABLE:
            raise
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ENOSPC:
            reason += (f" ; l'index occupe {_megabytes(index_dir)} Mo, une reconstruction en "
                       "demande autant en plus")
        raise IndexUnwritable(index_dir, reason) from exc


def _megabytes(path: Path) -> int:
    """Size of a directory tree in MB (what the index takes on disk)."""
    total = 0
    for p in path.rglob("*"):
        try:
            total += p.stat().st_size if p.is_file() else 0
        except OSError:
            pass
    return max(1, round(total / 1e6))


def _drop_unreferenced(ix: Index) -> None:
    """Remove the segment files no table of contents names: what a failed write left."""
    try:
        toc = ix._read_toc()  # type: ignore[attr-defined]
        whoosh_index.clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)  # type: ignore[attr-defined]
    except OSError:
        pass


def _sync(
    corpus: Path,
    index_dir: Path,
    rebuild: bool,
    annotator: Annotator | None,
    max_bytes: int,
    progress: Callable[[int], None] | None,
    batch_size: int,
) -> SyncReport:
    started = time.perf_counter()
    report = SyncReport()
    with writer_lock(index_dir):
        meta = read_meta(index_dir)
        fresh = rebuild or meta is None or meta.get("version") != index_version()
        if not fresh and meta is not None:
            gen = str(meta["generation"])
            if not whoosh_index.exists_in(str(index_dir / gen)):
                fresh = True
        if fresh:
            gen = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() % 10**9:09d}"
            (index_dir / gen).mkdir(parents=True)
            ix = whoosh_index.create_in(str(index_dir / gen), build_schema())
            known: dict[str, str] = {}
            report.rebuilt = True
        else:
            _drop_leftovers(index_dir, gen)  # we hold the lock: no other writer owns them
            t0 = time.perf_counter()
            ix = whoosh_index.open_dir(str(index_dir / gen))
            known = _manifest(ix)  # every stored path and hash: ~6 s at 361k articles
            report.timings["manifest"] = time.perf_counter() - t0

        files = list(iter_article_files(corpus))
        seen: set[str] = set()
        todo: list[tuple[Path, str, str]] = []
        t0 = time.perf_counter()
        for path in files:
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
        removed = sorted(set(known) - seen)
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
            publish = getattr(annotator, "publish", None)
            if publish is not None:
                publish(index_dir)  # the actors' variants, for queries naming them another way
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
                _drop_unreferenced(ix)  # the failed write's segments would keep a full disk full
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
        _write_meta(index_dir, new_meta)
        if fresh:
            for old in index_dir.glob("gen-*"):
                if old.name != gen:
                    shutil.rmtree(old, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _write_batch(
    writer: object,
    batch: list[tuple[Path, str, str]],
    corpus: Path,
    known: dict[str, str],
    report: SyncReport,
    annotator: Annotator | None,
    max_bytes: int,
) -> None:
    t0 = time.perf_counter()
    ready: list[tuple[str, str, list[Article], set[int]]] = []
    for path, rel, digest in batch:
        errors_before = len(report.errors)
        articles = _read_file(path, corpus, max_bytes, report)
        if articles is not None:
            # The broken lines of a `.jsonl` (its other records are indexed): what the index
            # held at those lines is kept until they are fixed.
            broken = {e.line for e in report.errors[errors_before:] if e.line is not None}
            report.notices.extend(_notices(rel, articles))
            ready.append((rel, digest, [_visible(a) for a in articles], broken))
    report.timings["extract"] = report.timings.get("extract", 0.0) + time.perf_counter() - t0
    fault_point("extract")

    flat = [a for _, _, arts, _ in ready for a in arts]
    t0 = time.perf_counter()
    annotations: Sequence[Annotation] = annotator(flat) if annotator and flat else [((), (), ())] * len(flat)
    report.timings["actors"] = report.timings.get("actors", 0.0) + time.perf_counter() - t0

    t0 = time.perf_counter()
    i = 0
    for rel, digest, articles, broken in ready:
        if rel in known:
            _replace_path(writer, rel, broken, {a.doc_id for a in articles})
            report.modified += 1
        else:
            report.added += 1
        for article in articles:
            ann = annotations[i]
            i += 1
            why = ann[3] if len(ann) > 3 else {}
            writer.add_document(  # type: ignore[attr-defined]
                **to_document(article, digest, ann[0], ann[1], ann[2], why)
            )
    report.timings["write"] = report.timings.get("write", 0.0) + time.perf_counter() - t0
    fault_point("write")
