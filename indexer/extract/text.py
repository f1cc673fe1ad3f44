"""Scraped or pasted page text (`.txt`) → title, body and metadata.

Such text carries the page around the article: a navigation menu, section names, a byline
(`Publié le mercredi 21 janvier 2026 | aNiamey.com`), a photo block (`© Autre presse par DR`
and its caption), then the paragraphs, then an author box (`Derniers articles par …` and a
list of other articles), comment counters and a signature (`Boubacar Guédé (Nigerdiaspora)`).
Only the paragraphs are the article; the byline and signature give its metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import date_after_cue, date_from_dateline, parse_french_date
from .outlets import AGGREGATORS, normalize_outlet

# A line that ends the article: everything from it on is boilerplate.
TAIL_MARKERS = re.compile(
    r"^(?:derniers articles par\b|commentaires?\b\s*(?:\(\d+\))?\s*$|articles? (?:similaires|li[ée]s)\b"
    r"|lire aussi\b|[àa] lire aussi\b|partager\b|réagir\b|vos commentaires\b)",
    re.I,
)
# Lines that are never article text wherever they stand.
NOISE_LINE = re.compile(
    r"^(?:comment|commentaires?|partager|imprimer|envoyer|tweet|facebook|whatsapp|"
    r"la suite apr[èe]s (?:la|cette) publicit[ée]|publicit[ée]|accueil|article|news)$",
    re.I,
)
PHOTO_CREDIT = re.compile(r"^(?:©|\(c\)|crédit photo|photo\s*:)", re.I)
BYLINE_OUTLET = re.compile(r"\|\s*(?P<outlet>[^|]+?)\s*$")
PAR_BYLINE = re.compile(r"^par\s+(?P<author>[A-ZÀ-Ý][\w’'.-]+(?:\s+[A-ZÀ-Ý][\w’'.-]+){0,4})\s*$")
# `Boubacar Guédé (Nigerdiaspora)`: a name followed by its outlet, alone on the last line.
SIGNATURE = re.compile(
    r"^(?P<author>[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'.-]+){1,4})\s*\((?P<outlet>[^()]{2,40})\)\s*$"
)
SOURCE_LINE = re.compile(r"^(?:source\s*:|©)\s*(?P<outlet>[\w .'-]{2,40})$", re.I)
NAME_LINE = re.compile(r"^[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'.-]+){1,4}$")
SENTENCE_END = re.compile(r"[.!?»…”\"]\s*$")
MENU_GAP = re.compile(r"\S\s{3,}\S")


@dataclass
class TextParts:
    """What the text extractor found, each value with its provenance."""

    title: str = ""
    body: str = ""
    date: date | None = None
    outlet: str | None = None
    author: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)


def _is_title_candidate(line: str) -> bool:
    words = line.split()
    return (
        len(words) >= 4
        and not MENU_GAP.search(line)
        and not PHOTO_CREDIT.match(line)
        and not line.lower().startswith(("publié le", "publie le", "par "))
    )


def _is_paragraph(line: str) -> bool:
    """A line that reads as running text, not a caption or a label."""
    return bool(SENTENCE_END.search(line)) and len(line.split()) >= 8 or len(line.split()) >= 30


def split_page(text: str) -> TextParts:
    """Split scraped page text into title, body and metadata."""
    parts = TextParts()
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() if not MENU_GAP.search(ln) else ln.strip()
             for ln in text.splitlines()]

    # The tail: the author box, other articles, comments. The line just before
    # `Derniers articles par` is the author's name when it looks like one.
    end = len(lines)
    for i, line in enumerate(lines):
        if TAIL_MARKERS.match(line):
            end = i
            if line.lower().startswith("derniers articles par"):
                m = re.match(r"derniers articles par\s*:?\s*(.+?)\s*(?:\(voir tous\))?$", line, re.I)
                if m:
                    parts.author, parts.provenance["author"] = m.group(1).strip(), "byline"
            break
    lines = lines[:end]
    while lines and not lines[-1]:
        lines.pop()
    if parts.author and lines and lines[-1] == parts.author:
        lines.pop()

    # The title: the first line that reads as a headline, not a menu or a section label.
    start = 0
    for i, line in enumerate(lines):
        if _is_title_candidate(line):
            parts.title, parts.provenance["title"] = line, "text"
            start = i + 1
            break

    # The header between title and body: byline, photo block. The body starts at the first
    # line that reads as running text.
    body_start = start
    for i in range(start, len(lines)):
        line = lines[i]
        if not line:
            continue
        if _is_paragraph(line) and not PHOTO_CREDIT.match(line):
            body_start = i
            break
        cue_date = date_after_cue(line)
        if cue_date and parts.date is None:
            parts.date, parts.provenance["date"] = cue_date, "byline"
        m = BYLINE_OUTLET.search(line)
        if m and date_after_cue(line):
            outlet = normalize_outlet(m["outlet"])
            if outlet:
                parts.outlet, parts.provenance["outlet"] = outlet, "byline"
        m = PAR_BYLINE.match(line)
        if m and not parts.author:
            parts.author, parts.provenance["author"] = m["author"], "byline"
    else:
        body_start = start

    body_lines = [ln for ln in lines[body_start:] if ln]
    # A closing signature: `Boubacar Guédé (Nigerdiaspora)`, or `Source : …`.
    if body_lines:
        last = body_lines[-1]
        sig = SIGNATURE.match(last)
        src = SOURCE_LINE.match(last)
        if sig:
            body_lines.pop()
            if not parts.author:
                parts.author, parts.provenance["author"] = sig["author"], "signature"
            if not parts.outlet:
                parts.outlet = normalize_outlet(sig["outlet"])
                parts.provenance["outlet"] = "signature"
        elif src:
            body_lines.pop()
            if not parts.outlet:
                parts.outlet = normalize_outlet(src["outlet"])
                parts.provenance["outlet"] = "signature"
        elif not parts.author and NAME_LINE.match(last) and len(body_lines) > 1:
            body_lines.pop()
            parts.author, parts.provenance["author"] = last, "signature"

    body_lines = [ln for ln in body_lines if not NOISE_LINE.match(ln) and not PHOTO_CREDIT.match(ln)]
    parts.body = "\n\n".join(body_lines)

    if parts.date is None and body_lines:
        # A dateline, then a full date clearly stated in the first paragraphs.
        d = date_from_dateline(body_lines[0])
        if d:
            parts.date, parts.provenance["date"] = d, "dateline"
        else:
            for para in body_lines[:2]:
                d = parse_french_date(para)
                if d:
                    parts.date, parts.provenance["date"] = d, "text"
                    break

    if parts.outlet in AGGREGATORS and parts.provenance.get("outlet") == "text":
        parts.outlet = None
    for name in ("title", "date", "outlet", "author"):
        parts.provenance.setdefault(name, "none")
    return parts
