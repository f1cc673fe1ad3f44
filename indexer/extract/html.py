"""Saved HTML pages → Article, with trafilatura for the main text and metadata."""

from __future__ import annotations

import trafilatura

from ..article import Article
from ..errors import ArticleError
from .dates import parse_french_date
from .outlets import normalize_outlet


def article_from_html(rel: str, html: str) -> Article:
    """Extract title, body, date, author and site name from a saved page."""
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, as_dict=True,
    )
    if not isinstance(doc, dict) or not str(doc.get("text") or "").strip():
        raise ArticleError(rel, "HTML sans texte d'article reconnaissable")
    text = str(doc["text"]).strip()
    title = str(doc.get("title") or "").strip()
    author = str(doc.get("author") or "").strip() or None
    when = parse_french_date(str(doc["date"])) if doc.get("date") else None
    outlet = normalize_outlet(str(doc["sitename"])) if doc.get("sitename") else None
    return Article(
        doc_id=rel,
        path=rel,
        title=title or text[:80],
        body=text,
        date=when,
        outlet=outlet,
        author=author,
        url=str(doc.get("url") or "") or None,
        provenance={
            "title": "html-meta" if title else "text",
            "date": "html-meta" if when else "none",
            "outlet": "html-meta" if outlet else "none",
            "author": "html-meta" if author else "none",
        },
    )
