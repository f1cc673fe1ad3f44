"""Article files → ``Article`` records: the dispatch by file type, and the corpus walk.

Every file goes through the same checks before its format is read: not empty, not over the
size limit, text in an encoding we can name (see ``decode.py``). A `.txt` or `.html` file
may carry user metadata (a `NAME.meta.json` sidecar, or YAML front matter in a `.txt`), which
overrides what extraction found. Each article's language is checked; a non-French article is
indexed but flagged in ``Article.lang``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..article import Article
from ..errors import ArticleError
from .decode import DecodeError, decode_bytes
from .files import FileResult, read_file
from .lang import detect_language
from .outlets import normalize_outlet
from .records import article_from_record, iter_records, parse_record
from .sidecar import SIDECAR_SUFFIX, apply_overrides, read_sidecar, sidecar_of, split_front_matter
from .signature import cut_tail, split_signature
from .text import split_page

__all__ = [
    "ARTICLE_SUFFIXES", "DEFAULT_MAX_BYTES", "EXTRACT_VERSION", "SIDECAR_SUFFIX", "FileResult",
    "article_from_record", "extract_file", "extract_one", "file_hash", "iter_article_files",
    "iter_jsonl", "read_file", "read_text", "sidecar_of",
]  # fmt: skip

# Bump when extraction changes what it makes of a file: every file is then re-extracted.
EXTRACT_VERSION = 3
ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".json", ".jsonl"})
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# A `.jsonl` export holds many articles: its limit is per line, the file may be this much larger.
JSONL_FACTOR = 200


def iter_article_files(root: Path) -> Iterator[Path]:
    """Article files under ``root``, sorted; hidden files, sidecars and symlinks left out."""
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_symlink() or not path.is_file():
            continue
        if path.name.lower().endswith(SIDECAR_SUFFIX) or path.suffix.lower() not in ARTICLE_SUFFIXES:
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


def read_text(path: Path, rel: str, max_bytes: int) -> tuple[str, str]:
    """The decoded text of an article file and its encoding; ArticleError if unusable."""
    size = path.stat().st_size
    if size == 0:
        raise ArticleError(rel, "fichier vide")
    if size > max_bytes:
        raise ArticleError(
            rel, f"fichier trop gros ({size} octets > limite {max_bytes} octets, --max-file-mb)"
        )
    try:
        text, encoding = decode_bytes(path.read_bytes())
    except DecodeError as exc:
        raise ArticleError(rel, str(exc)) from exc
    if not text.strip():
        raise ArticleError(rel, "fichier vide (seulement des blancs)")
    return text, encoding


def _without_signature(article: Article) -> Article:
    """The body without boilerplate after the text and without signature lines (a byline):
    their names give the author when there is none, and are kept in ``extra["signature"]``."""
    body = cut_tail(article.body)
    sig = split_signature(body)
    if body == article.body and not sig.lines:
        return article
    if not sig.body.strip():
        return article  # nothing but a name: keep what the file says
    extra, prov = dict(article.extra), dict(article.provenance)
    author, outlet = article.author, article.outlet
    if sig.names:
        extra["signature"] = sig.names
        if not author:
            author, prov["author"] = ", ".join(sig.names), "signature"
    if sig.agency:
        extra["agency"] = sig.agency
    if sig.agency and not outlet and (found := normalize_outlet(sig.agency)):
        outlet, prov["outlet"] = found, "signature"
    return replace(article, body=sig.body, author=author, outlet=outlet, provenance=prov, extra=extra)


def _with_lang(article: Article, encoding: str) -> Article:
    """Cut the signature, flag the article's language (unless stated), note a legacy encoding."""
    article = _without_signature(article)
    extra = dict(article.extra)
    if encoding not in ("utf-8", "utf-8-sig"):
        extra["encoding"] = encoding
    prov = dict(article.provenance)
    lang = article.lang
    if "lang" not in prov:
        lang, prov["lang"] = detect_language(f"{article.title}\n{article.body}"), "text"
    return replace(article, lang=lang, provenance=prov, extra=extra)


def extract_file(path: Path, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article]:
    """Read one article file into one or more Articles, as the file says them; raises its
    first ArticleError.

    The store uses ``read_file`` (files.py), which keeps the good lines of a partly broken
    `.jsonl`, reports the rest and drops invisible characters.
    """
    result = read_file(path, root, max_bytes, clean=False)
    if result.errors:
        raise result.errors[0]
    return result.articles


def extract_one(path: Path, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The article of a single-article file (`.txt`, `.html`, `.json`); raises ArticleError."""
    rel = path.relative_to(root).as_posix()
    suffix = path.suffix.lower()
    text, encoding = read_text(path, rel, max_bytes)
    overrides: dict[str, object] = {}
    side = sidecar_of(path)
    if side != path and side.is_file():
        overrides = read_sidecar(side, side.relative_to(root).as_posix())
    if suffix == ".txt":
        front, text = split_front_matter(text, rel)
        article = _from_text(rel, text)
        overrides = {**front, **overrides}  # the sidecar, a separate file, has the last word
    elif suffix in (".html", ".htm"):
        from .html import article_from_html  # trafilatura is slow to import: only when needed

        article = article_from_html(rel, text)
    else:
        article = article_from_record(rel, rel, parse_record(text, rel))
    return _with_lang(apply_overrides(article, overrides), encoding)


def iter_jsonl(
    path: Path, root: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ArticleError]:
    """Each line of a `.jsonl` file as an Article, or an ArticleError for that line only."""
    rel = path.relative_to(root).as_posix()
    try:
        text, encoding = read_text(path, rel, max_bytes * JSONL_FACTOR)
    except ArticleError as exc:
        yield exc
        return
    for item in iter_records(text, rel, max_bytes):
        yield item if isinstance(item, ArticleError) else _with_lang(item, encoding)


def _from_text(rel: str, text: str) -> Article:
    parts = split_page(text)
    if not parts.body.strip():
        raise ArticleError(rel, "aucun texte d'article trouvé")
    return Article(
        doc_id=rel,
        path=rel,
        title=parts.title,
        body=parts.body,
        date=parts.date,
        outlet=parts.outlet,
        author=parts.author,
        provenance=parts.provenance,
    )
