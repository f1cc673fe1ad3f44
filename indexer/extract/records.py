"""Structured records (`.json`, one `.jsonl` line) → Article.

A record names its fields: `title`, `text` or `body`, `date`, `outlet` or `source`, `author`,
`url`, `lang` (a few common aliases are read too: `headline`, `article`, `content`,
`published`, `site_name`, `link`…). Every other field is kept in ``Article.extra``, stored
but not indexed. A record that is not an object, has neither title nor text, or has a date
that is not a date is an error for that record only.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from ..article import Article
from ..errors import ArticleError
from .dates import parse_french_date
from .lang import detect_language
from .outlets import normalize_outlet

# Each field, then the record keys that may hold it, first found wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "titre"),
    "body": ("text", "body", "article", "content", "texte", "contenu"),
    "date": ("date", "published", "published_at", "datePublished", "date_published", "pubdate"),
    "outlet": ("outlet", "source", "site_name", "sitename", "media", "publisher"),
    "author": ("author", "authors", "auteur", "byline"),
    "url": ("url", "link", "lien"),
    "lang": ("lang", "language", "langue"),
}
# Fields that stand in for a missing body, in order (OrangeSum's standfirst is `heading`).
BODY_FALLBACK = ("heading", "summary", "description", "chapo")
_KNOWN = frozenset(key for keys in ALIASES.values() for key in keys) | {"id"}


def _first(record: dict[str, object], field: str) -> tuple[str | None, object]:
    for key in ALIASES[field]:
        value = record.get(key)
        if value not in (None, "", []):
            return key, value
    return None, None


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v).strip() for v in value if str(v).strip())
    return str(value)


def _paragraphs(text: str) -> str:
    lines = (re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.replace("\r\n", "\n").split("\n"))
    return "\n\n".join(ln for ln in lines if ln)


def record_date(value: object) -> date | None:
    """A record's date: an ISO or French date string (`2020-07-16`, `16 juillet 2020`)."""
    if isinstance(value, str):
        return parse_french_date(value)
    return None


def article_from_record(
    doc_id: str, rel: str, record: dict[str, object], line: int | None = None
) -> Article:
    """A structured record → Article; raises ArticleError (with ``line``) if unusable."""
    _, title_value = _first(record, "title")
    _, body_value = _first(record, "body")
    title = re.sub(r"\s+", " ", _text(title_value or "")).strip()
    body = _paragraphs(_text(body_value or ""))
    fallback = [str(record[k]) for k in BODY_FALLBACK if isinstance(record.get(k), str) and record[k]]
    if not body and fallback:
        body = _paragraphs(fallback[0])
    if not title and not body:
        raise ArticleError(rel, "enregistrement sans titre ni texte", line)
    _, raw_date = _first(record, "date")
    when = record_date(raw_date) if raw_date is not None else None
    if raw_date is not None and when is None:
        raise ArticleError(rel, f"date invalide : {raw_date!r}", line)
    _, outlet_raw = _first(record, "outlet")
    outlet = normalize_outlet(_text(outlet_raw)) if outlet_raw else None
    _, author_raw = _first(record, "author")
    author = (re.sub(r"\s+", " ", _text(author_raw)).strip() or None) if author_raw else None
    _, url = _first(record, "url")
    _, lang_raw = _first(record, "lang")
    lang = str(lang_raw).strip().lower()[:2] if lang_raw else detect_language(f"{title}\n{body}")
    return Article(
        doc_id=doc_id,
        path=rel,
        title=title or body.split("\n")[0][:120],
        body=body or title,
        date=when,
        outlet=outlet,
        author=author,
        url=str(url) if url else None,
        lang=lang,
        provenance={
            "title": "record" if title else "text",
            "date": "record" if when else "none",
            "outlet": "record" if outlet else "none",
            "author": "record" if author else "none",
            "lang": "record" if lang_raw else "text",
        },
        extra={k: v for k, v in record.items() if k not in _KNOWN},
    )


def parse_record(text: str, rel: str, line: int | None = None) -> dict[str, object]:
    """One JSON object; raises ArticleError `path:line: JSON invalide : …` otherwise."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        where = exc.lineno if line is None else line
        raise ArticleError(rel, f"JSON invalide : {exc.msg} (colonne {exc.colno})", where) from exc
    if not isinstance(record, dict):
        raise ArticleError(rel, "JSON invalide : un objet article {…} est attendu", line or 1)
    return record


def record_key(record: dict[str, object], line: str) -> str:
    """What names a record inside its file: its own ``id``, else its ``url``, else a hash of
    the line (never its line number: lines move)."""
    for name in ("id", "url", "link"):
        value = record.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return "h" + hashlib.sha256(line.strip().encode("utf-8")).hexdigest()[:16]


def iter_records(text: str, rel: str, max_line_bytes: int) -> Iterator[Article | ArticleError]:
    """Each line of a `.jsonl` text as an Article, or an ArticleError for that line only."""
    seen: dict[str, int] = {}
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if len(line) > max_line_bytes:
            yield ArticleError(rel, f"ligne trop longue ({len(line)} caractères)", lineno)
            continue
        try:
            record = parse_record(line, rel, lineno)
            key = record_key(record, line)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}~{seen[key]}"  # the same record twice: two documents all the same
            article = article_from_record(f"{rel}#{key}", rel, record, lineno)
            yield replace(article, line=lineno)
        except ArticleError as exc:
            yield exc
