"""Saved HTML pages → Article: trafilatura for the main text and metadata, the page text after.

trafilatura reads the page's metadata (`og:title`, `article:published_time`, `author`,
`og:site_name`, canonical URL): provenance ``html-meta``. Its date search is limited to that
markup (``extensive_search`` off): a date guessed from the page's text is how wrong dates
come in. What the markup lacks is then read from the page's visible lines like a `.txt`
(a `Publié le … | aNiamey.com` byline, a dateline, a signature), with those provenances.
"""

from __future__ import annotations

import re
from datetime import date

import lxml.html
import trafilatura

from ..article import Article
from ..errors import ArticleError
from .dates import is_plausible, parse_french_date
from .outlets import is_aggregator, normalize_outlet
from .text import SIGNATURE, SOURCE_LINE, TAIL_MARKERS, is_noise, outlet_suffix, split_page

BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol br tr td th section article header footer aside nav "
    "figure figcaption blockquote time address".split()
)
DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Markup that states the publication date; trafilatura's own date search also reads visible
# elements with a `date` class, which on a real page are often other articles or comments.
META_DATE_KEYS = frozenset(
    "article:published_time og:published_time published_time datepublished date pubdate "
    "publishdate publish-date dc.date dc.date.issued dcterms.created dcterms.date "
    "sailthru.date parsely-pub-date".split()
)
JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"(?P<date>[^"]{8,40})"')
BOILERPLATE_BLOCK = re.compile(r"related|similar|comment|sidebar|footer|widget|autres|popular|lire",
                               re.I)


def page_lines(html: str) -> str:
    """The page's visible text, one block element a line (script and style left out)."""
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    out: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            if el.tail:
                out.append(el.tail)
            return
        if tag in BLOCK_TAGS:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
        if tag in BLOCK_TAGS:
            out.append("\n")
        if el.tail:
            out.append(el.tail)

    walk(root)
    return re.sub(r"\n\s*\n+", "\n", "".join(out))


def markup_date(html: str) -> date | None:
    """The publication date the page's markup states: `<meta>`, JSON-LD, or an article `<time>`."""
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in META_DATE_KEYS:
            when = parse_french_date(meta.get("content") or "")
            if is_plausible(when):
                return when
    m = JSON_LD_DATE.search(html)
    if m and is_plausible(parse_french_date(m["date"])):
        return parse_french_date(m["date"])
    for time_el in root.iter("time"):
        blocks = " ".join(f"{a.get('class', '')} {a.get('id', '')}" for a in time_el.iterancestors())
        when = parse_french_date(time_el.get("datetime") or time_el.text_content())
        if is_plausible(when) and not BOILERPLATE_BLOCK.search(blocks):
            return when
    return None


def looks_like_name(text: str) -> bool:
    """Whether an author value reads as one or a few names, not a byline or a date."""
    return (
        len(text.split()) <= 8
        and not re.search(r"\d|\||;|\bpubli|\bmis [àa] jour", text, re.I)
    )


def article_from_html(rel: str, html: str) -> Article:
    """Extract title, body, date, author and site name from a saved page."""
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, date_extraction_params=DATE_PARAMS,
    )  # fmt: skip
    meta = doc if isinstance(doc, dict) else doc.as_dict() if doc is not None else {}
    text = str(meta.get("text") or "").strip()
    if not text:
        raise ArticleError(rel, "HTML sans texte d'article reconnaissable")
    page = split_page(page_lines(html))
    prov: dict[str, str] = {}

    title, suffix_outlet = outlet_suffix(re.sub(r"\s+", " ", str(meta.get("title") or "")).strip())
    if len(title.split()) < 4 and page.title:
        title, prov["title"] = page.title, page.provenance["title"]  # a section name, not a headline
    else:
        prov["title"] = "html-meta" if title else "text"

    lines = [ln.strip() for ln in text.split("\n")]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    for i, line in enumerate(lines[1:], start=1):
        if TAIL_MARKERS.match(line):
            lines = lines[:i]
            break
    lines = [ln for ln in lines if ln and not is_noise(ln)]
    while len(lines) > 1 and (SIGNATURE.match(lines[-1]) or SOURCE_LINE.match(lines[-1])
                              or lines[-1] == page.author):
        lines.pop()  # the signature: metadata, read from the page lines below
    body = "\n\n".join(lines)
    if not body:
        raise ArticleError(rel, "HTML sans texte d'article reconnaissable")

    when = markup_date(html)
    if when is not None:
        prov["date"] = "html-meta"
    else:
        when, prov["date"] = page.date, page.provenance["date"]

    outlet = normalize_outlet(str(meta.get("sitename") or "")) or suffix_outlet
    prov["outlet"] = "html-meta" if outlet else "none"
    if (outlet is None or is_aggregator(outlet)) and page.outlet and not is_aggregator(page.outlet):
        outlet, prov["outlet"] = page.outlet, page.provenance["outlet"]

    author = re.sub(r"\s+", " ", str(meta.get("author") or "")).strip() or None
    if author and not looks_like_name(author):
        author = None  # trafilatura sometimes takes a whole byline (`Publié le … | Média`)
    prov["author"] = "html-meta" if author else "none"
    if author is None and page.author:
        author, prov["author"] = page.author, page.provenance["author"]

    return Article(
        doc_id=rel,
        path=rel,
        title=title or page.title,
        body=body,
        date=when,
        outlet=outlet,
        author=author,
        url=str(meta.get("url") or "") or None,
        provenance=prov,
    )
