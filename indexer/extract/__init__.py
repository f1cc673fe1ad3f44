"""Article files → ``Article`` records: the dispatch by file type, and the corpus walk."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..article import Article
from ..errors import ArticleError
from .dates import parse_french_date
from .decode import DecodeError, decode_bytes
from .outlets import normalize_outlet
from .text import split_page

# Bump when extraction changes what it makes of a file: every file is then re-extracted.
EXTRACT_VERSION = 1
ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".json", ".jsonl"})
SIDECAR_SUFFIX = ".meta.json"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def sidecar_of(path: Path) -> Path:
    """Where the optional metadata sidecar of ``path`` lives (`x.txt` → `x.meta.json`)."""
    return path.with_name(path.stem + SIDECAR_SUFFIX) if path.suffix != ".json" else path


def iter_article_files(root: Path) -> Iterator[Path]:
    """Article files under ``root``, sorted; hidden files, sidecars and symlinks left out."""
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_symlink() or not path.is_file():
            continue
        if path.name.endswith(SIDECAR_SUFFIX) or path.suffix.lower() not in ARTICLE_SUFFIXES:
            continue
        yield path


def file_hash(path: Path) -> str:
    """A hash of a file, its sidecar and the extractor version: what decides a re-extraction."""
    h = hashlib.sha256(f"extract-v{EXTRACT_VERSION}".encode())
    h.update(path.read_bytes())
    side = sidecar_of(path)
    if side != path and side.is_file():
        h.update(b"\x00sidecar\x00")
        h.update(side.read_bytes())
    return h.hexdigest()[:32]


def extract_file(path: Path, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article]:
    """Read one article file into one or more Articles; raises ArticleError if unreadable."""
    rel = path.relative_to(root).as_posix()
    size = path.stat().st_size
    if size == 0:
        raise ArticleError(rel, "fichier vide")
    if size > max_bytes:
        raise ArticleError(rel, f"fichier trop gros ({size} octets > limite {max_bytes})")
    try:
        text, _encoding = decode_bytes(path.read_bytes())
    except DecodeError as exc:
        raise ArticleError(rel, str(exc)) from exc
    suffix = path.suffix.lower()
    if suffix == ".txt":
        articles = [_from_text(rel, text)]
    elif suffix in (".html", ".htm"):
        from .html import article_from_html  # trafilatura is slow to import: only when needed

        articles = [article_from_html(rel, text)]
    elif suffix == ".json":
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ArticleError(rel, f"JSON invalide : {exc.msg}", exc.lineno) from exc
        if not isinstance(record, dict):
            raise ArticleError(rel, "JSON invalide : un objet article est attendu")
        articles = [article_from_record(rel, rel, record)]
    else:
        raise ArticleError(rel, "les fichiers .jsonl se lisent ligne à ligne (iter_jsonl)")
    return [_apply_sidecar(path, a) for a in articles]


def iter_jsonl(path: Path, root: Path) -> Iterator[Article | ArticleError]:
    """Each line of a `.jsonl` file as an Article, or an ArticleError for that line only."""
    rel = path.relative_to(root).as_posix()
    try:
        text, _ = decode_bytes(path.read_bytes())
    except DecodeError as exc:
        yield ArticleError(rel, str(exc))
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ArticleError(rel, f"JSON invalide : {exc.msg}", lineno)
            continue
        if not isinstance(record, dict):
            yield ArticleError(rel, "JSON invalide : un objet article est attendu", lineno)
            continue
        doc_id = f"{rel}#{record.get('id', lineno)}"
        try:
            yield article_from_record(doc_id, rel, record, lineno)
        except ArticleError as exc:
            yield exc


def _from_text(rel: str, text: str) -> Article:
    parts = split_page(text)
    if not parts.body.strip() and not parts.title:
        raise ArticleError(rel, "aucun texte d'article trouvé")
    return Article(
        doc_id=rel,
        path=rel,
        title=parts.title or parts.body[:80],
        body=parts.body,
        date=parts.date,
        outlet=parts.outlet,
        author=parts.author,
        provenance=parts.provenance,
    )


def _parse_date_value(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        return parse_french_date(value)
    return None


def article_from_record(
    doc_id: str, rel: str, record: dict[str, object], line: int | None = None
) -> Article:
    """A structured record (`title`, `text`/`body`, `date`, `outlet`/`source`, …) → Article."""
    title = str(record.get("title") or "").strip()
    body = str(record.get("text") or record.get("body") or record.get("article") or "").strip()
    if not title and not body:
        raise ArticleError(rel, "enregistrement sans titre ni texte", line)
    raw_date = record.get("date")
    when = _parse_date_value(raw_date)
    if raw_date not in (None, "") and when is None:
        raise ArticleError(rel, f"date invalide : {raw_date!r}", line)
    outlet_raw = record.get("outlet") or record.get("source")
    known = {"id", "title", "text", "body", "article", "date", "outlet", "source", "author", "url"}
    return Article(
        doc_id=doc_id,
        path=rel,
        title=title or body[:80],
        body=body,
        date=when,
        outlet=normalize_outlet(str(outlet_raw)) if outlet_raw else None,
        author=str(record["author"]).strip() if record.get("author") else None,
        url=str(record["url"]) if record.get("url") else None,
        provenance={
            "title": "record" if title else "text",
            "date": "record" if when else "none",
            "outlet": "record" if outlet_raw else "none",
            "author": "record" if record.get("author") else "none",
        },
        extra={k: v for k, v in record.items() if k not in known},
    )


def _apply_sidecar(path: Path, article: Article) -> Article:
    side = sidecar_of(path)
    if side == path or not side.is_file():
        return article
    rel = article.path.rsplit("/", 1)[0] + "/" + side.name if "/" in article.path else side.name
    try:
        meta = json.loads(side.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ArticleError(rel, f"sidecar JSON invalide : {exc}") from exc
    if not isinstance(meta, dict):
        raise ArticleError(rel, "sidecar JSON invalide : un objet est attendu")
    from dataclasses import replace

    changes: dict[str, object] = {}
    prov = dict(article.provenance)
    for key in ("title", "outlet", "author", "url", "lang"):
        if meta.get(key):
            changes[key] = normalize_outlet(str(meta[key])) if key == "outlet" else str(meta[key])
            prov[key] = "sidecar"
    if meta.get("date"):
        when = _parse_date_value(meta["date"])
        if when is None:
            raise ArticleError(rel, f"date invalide dans le sidecar : {meta['date']!r}")
        changes["date"] = when
        prov["date"] = "sidecar"
    return replace(article, provenance=prov, **changes)  # type: ignore[arg-type]
