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

from .dates import (
    YEAR,
    date_after_cue,
    date_from_dateline,
    date_in_lead,
    is_plausible,
    parse_french_date,
    sole_year,
)
from .outlets import KNOWN_OUTLETS, is_aggregator, normalize_outlet, outlet_key

# A line that ends the article: everything from it on is boilerplate.
TAIL_MARKERS = re.compile(
    r"^(?:derniers articles (?:par|de)\b|commentaires?\s*(?:\(\d+\)|:)?\s*$|\d+\s+commentaires?\s*$"
    r"|articles? (?:similaires|li[ée]s|connexes)\b|sur le m[êe]me (?:sujet|th[èe]me)\b"
    r"|dans la m[êe]me rubrique\b|[àa] lire (?:[ée]galement|aussi)\s*$|vos (?:r[ée]actions|commentaires)\b"
    r"|laisser un commentaire\b|ajouter un commentaire\b|r[ée]agir [àa] cet article\b"
    r"|les plus lus\b|mots?[- ]cl[ée]s\s*:|tags\s*:)",
    re.I,
)
# Lines that are never article text wherever they stand: menus, share buttons, ads, counters.
NOISE_LINE = re.compile(
    r"^(?:comment|commentaires?|partager(?: sur \w+)?|partagez|imprimer|envoyer|e-?mail|tweet(?:er)?"
    r"|facebook|twitter|whatsapp|linkedin|telegram|la suite apr[èe]s (?:la|cette) publicit[ée]"
    r"|publicit[ée]|annonce|accueil|article|news|lire la suite|voir aussi|\d+\s+(?:vues?|lectures?)"
    r"|\(?\d+\)?\s*commentaires?|r[ée]agir|s'abonner|abonnez-vous)\s*[.!:]?$",
    re.I,
)
READ_ALSO = re.compile(r"^(?:[àa] )?lire (?:aussi|[ée]galement)\s*[:>-]", re.I)
PHOTO_CREDIT = re.compile(r"^(?:©|\(c\)\s|cr[ée]dits? photo|photo\s*:|ph(?:oto)?\.?\s*:)", re.I)
BYLINE_OUTLET = re.compile(r"\|\s*(?P<outlet>[^|]+?)\s*$")
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w’'.-]+|de|du|des|da|dos|van|von|ben|ould|ag|el|le|la)"
_NAME = rf"[A-ZÀ-Ý][\w’'.-]+(?:\s+{_NAME_WORD}){{0,4}}"
PAR_BYLINE = re.compile(rf"^par\s*:?\s+(?P<author>{_NAME})\s*(?:$|[,|–—-]\s*(?P<rest>.*)$)", re.I)
# `Boubacar Guédé (Nigerdiaspora)`: a name followed by its outlet, alone on the last line.
SIGNATURE = re.compile(rf"^(?P<author>{_NAME})\s*[(/]\s*(?P<outlet>[^()]{{2,40}}?)\s*\)?\s*$")
SOURCE_LINE = re.compile(r"^(?:sources?\s*:|©|\(c\)|copyright\b)\s*(?P<outlet>[\w .'’-]{2,40}?)\s*\.?$",
                         re.I)
NAME_LINE = re.compile(rf"^{_NAME}$")
SENTENCE_END = re.compile(r"[.!?»…”\"]\s*$")
# A byline line inside the body starts with its cue (`Publié le …`, `Mis à jour le …`); a
# sentence about a decree "publié le 3 mars" is article text.
CUE_START = re.compile(
    r"^(?:cet article a [ée]t[ée] )?(?:publi[ée]|mis en ligne|mis [àa] jour|paru|date de publication)\b",
    re.I,
)
FULL_STOP = re.compile(r"[.…][\s»”\"]*$")
MENU_GAP = re.compile(r"\s{3,}")
BREADCRUMB = re.compile(r"\s+[>»|/•]\s+")
# A line of an "other articles" list: `- Titre … - vendredi le 19 décembre 2025`.
LIST_WITH_DATE = re.compile(r"^[-•*·]\s.*\d{4}\s*\)?$")
DATE_ONLY = re.compile(r"^[\w ,.:/-]{0,12}\d{1,2}\s*[\w./-]+\s*\d{2,4}(?:\s*(?:à|-)?\s*\d{1,2}[h:]\d{2})?$")


@dataclass
class TextParts:
    """What the text extractor found, each value with its provenance."""

    title: str = ""
    body: str = ""
    date: date | None = None
    outlet: str | None = None
    author: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    outlets: list[tuple[str, str]] = field(default_factory=list)  # candidates, in found order

    def set(self, name: str, value: object, provenance: str) -> None:
        """Set a field once: the first source found (the most explicit) wins."""
        if value and getattr(self, name) in (None, ""):
            setattr(self, name, value)
            self.provenance[name] = provenance


def _clean(line: str) -> str:
    return re.sub(r"[ \t\u00a0\u200b]+", " ", line).strip()


def is_menu(raw: str) -> bool:
    """A navigation bar or breadcrumb: three or more short items split by wide gaps or `>`, `»`, `|`."""
    raw = raw.strip()
    if SENTENCE_END.search(raw) and not raw.endswith("»"):
        return False
    for items in (MENU_GAP.split(raw), BREADCRUMB.split(raw)):
        if len(items) >= 3 and all(len(item.split()) <= 4 for item in items):
            return True
    return False


def is_paragraph(line: str) -> bool:
    """A line that reads as running text, not a caption, a label or a headline.

    A headline may end with a quotation (`… : "je travaillais comme bonne"`) or a question;
    running text ends with a full stop, or is long.
    """
    n = len(line.split())
    return (bool(FULL_STOP.search(line)) and n >= 8) or (bool(SENTENCE_END.search(line)) and n >= 20) \
        or n >= 30


def is_noise(line: str) -> bool:
    """A line that is never article text: a share button, an ad, a credit, a list item with a date."""
    return bool(
        NOISE_LINE.match(line) or PHOTO_CREDIT.match(line) or READ_ALSO.match(line)
        or LIST_WITH_DATE.match(line)
    )


def _is_name(line: str) -> bool:
    """A line that is a person's name: two to five capitalised words (particles allowed)."""
    return bool(NAME_LINE.match(line)) and 2 <= len(line.split()) <= 5 and not is_noise(line)


def _is_title_candidate(line: str) -> bool:
    words = line.split()
    return (
        4 <= len(words) <= 35
        and not line.endswith(".")
        and not is_noise(line)
        and not PAR_BYLINE.match(line)
        and not date_after_cue(line)
        and not DATE_ONLY.match(line)
    )


def outlet_suffix(title: str) -> tuple[str, str | None]:
    """`Titre - aNiamey.com` → (`Titre`, `aNiamey.com`) when the suffix is a known outlet or a domain."""
    m = re.match(r"^(?P<title>.+?)\s+[-|–—]\s+(?P<site>[^-|–—]{2,40})$", title)
    if m:
        key = outlet_key(m["site"])
        if key in KNOWN_OUTLETS or re.fullmatch(r"[a-z0-9-]+\.[a-z]{2,6}", key):
            return m["title"], normalize_outlet(m["site"])
    return title, None


def _header_line(line: str, parts: TextParts, year: int | None) -> bool:
    """Read metadata from a byline-like line; True when the line is one (not article text)."""
    cue = date_after_cue(line, year)
    m = BYLINE_OUTLET.search(line)
    par = PAR_BYLINE.match(line)
    if par:
        name = par["author"].strip()
        if re.fullmatch(r"(?:la |notre )?r[ée]daction", name, re.I):
            pass  # `Par la rédaction`: no one's name
        elif outlet_key(name) in KNOWN_OUTLETS:
            parts.outlets.append((normalize_outlet(name) or name, "byline"))
        else:
            parts.set("author", name, "byline")
        rest = par["rest"] or ""
        parts.set("date", cue or _plausible(parse_french_date(rest, year)), "byline")
        if m and m.start() > par.start("rest" if par["rest"] else "author"):
            parts.outlets.append((normalize_outlet(m["outlet"]) or m["outlet"], "byline"))
        return True
    if not cue and len(line.split()) <= 7 and DATE_ONLY.match(line):
        cue = parse_french_date(line)  # a date alone on its line under the headline
    if cue:
        parts.set("date", _plausible(cue), "byline")
        if m:
            outlet = normalize_outlet(m["outlet"])
            if outlet and not parse_french_date(outlet):
                parts.outlets.append((outlet, "byline"))
        return len(line.split()) <= 25
    return False


def _not_before_later_years(when: date | None, text: str) -> date | None:
    """A date in the text, unless the article mentions a later past year: then it is an event's
    date (`il y a trente ans, le 25 décembre 1991`), not the article's."""
    if not is_plausible(when) or when is None:
        return None
    past = [int(y) for y in YEAR.findall(text) if int(y) <= date.today().year]
    return None if past and max(past) > when.year else when


def _plausible(when: date | None) -> date | None:
    return when if is_plausible(when) else None


def split_page(text: str) -> TextParts:
    """Split scraped page text into title, body and metadata."""
    parts = TextParts()
    raw_lines = text.splitlines()
    lines = ["" if is_menu(raw) else _clean(raw) for raw in raw_lines]
    nonempty = [i for i, ln in enumerate(lines) if ln]
    first_para = next((i for i in nonempty if is_paragraph(lines[i]) and not is_noise(lines[i])), None)
    if first_para is not None and first_para == nonempty[0] and _is_title_candidate(lines[first_para]) \
            and not FULL_STOP.search(lines[first_para]):
        # A long headline ending with a quotation or a question, above the text.
        later = [i for i in nonempty if i > first_para and is_paragraph(lines[i]) and not is_noise(lines[i])]
        first_para = later[0] if later else first_para
    no_para = first_para is None  # a brief: short sentences only
    if first_para is None:
        first_para = -1

    # The tail: the author box, other articles, comments; searched after the first paragraph so
    # that a `Commentaires` menu item above the headline cuts nothing.
    end = len(lines)
    for i in range(first_para + 1, len(lines)):
        if TAIL_MARKERS.match(lines[i]):
            end = i
            m = re.match(r"derniers articles par\s*:?\s*(.*?)\s*(?:\(voir tous\))?$", lines[i], re.I)
            if m and _is_name(m.group(1)):
                parts.set("author", m.group(1), "byline")
            prev = next((j for j in range(i - 1, first_para, -1) if lines[j]), None)
            if m and prev is not None and _is_name(lines[prev]):
                parts.set("author", lines[prev], "byline")
                if lines[prev] == parts.author:
                    end = prev
            break
    lines = lines[:end]
    article_text = "\n".join(lines)
    year = sole_year(article_text)

    # The title: the first line before the body that reads as a headline; a photo caption
    # (the line right after a credit) is not one.
    credits = [i for i in nonempty if i < end and PHOTO_CREDIT.match(lines[i])]
    after_credit = {min((j for j in nonempty if j > i), default=-1) for i in credits}
    start = 0
    for i in nonempty:
        if (i > first_para and not no_para) or i >= end:
            break
        if i not in after_credit and _is_title_candidate(lines[i]) and i != first_para:
            title, suffix_outlet = outlet_suffix(lines[i])
            parts.set("title", title, "text")
            if suffix_outlet:
                parts.outlets.append((suffix_outlet, "text"))
            start = i + 1
            break

    # The header above the body (before or after the title): byline, author, photo block.
    body_start = start if no_para else max(start, first_para)
    for i in range(0, min(body_start, end)):
        if lines[i] and i != start - 1:
            _header_line(lines[i], parts, year)

    body_lines: list[str] = []
    for line in lines[body_start:]:
        if not line or (is_noise(line) and not SOURCE_LINE.match(line)):
            continue  # a `© Média` line may close the article: kept until the signature pass
        words = len(line.split())
        if (words <= 25 and CUE_START.match(line) and date_after_cue(line)) or (
                words <= 8 and PAR_BYLINE.match(line)):
            _header_line(line, parts, year)
            continue
        body_lines.append(line)

    # Closing lines: a signature `Nom (Média)`, a source line, a bare author name.
    for _ in range(3):
        if len(body_lines) < 2:
            break
        last = body_lines[-1]
        sig, src = SIGNATURE.match(last), SOURCE_LINE.match(last)
        if sig and len(last.split()) <= 10:
            parts.set("author", sig["author"], "signature")
            parts.outlets.append((normalize_outlet(sig["outlet"]) or sig["outlet"], "signature"))
        elif src and not re.search(r"\bpar\b|\bDR$|photo", src["outlet"], re.I):
            parts.outlets.append((normalize_outlet(src["outlet"]) or src["outlet"], "signature"))
        elif _is_name(last) and not parts.author:
            parts.set("author", last, "signature")
        else:
            break
        body_lines.pop()
    parts.body = "\n\n".join(ln for ln in body_lines if not is_noise(ln))

    # The outlet: the first explicit one that is not an aggregator republishing others.
    own = [(o, p) for o, p in parts.outlets if not is_aggregator(o)]
    for outlet, prov in own or parts.outlets:
        parts.set("outlet", outlet, prov)
        break

    if parts.date is None and body_lines:
        # A dateline, then a full date clearly stated in the first paragraphs.
        parts.set("date", _plausible(date_from_dateline(body_lines[0], year)), "dateline")
        # Only a full date at the start of the body: `le 14 juillet` in running text may be
        # any event's day, and a date deep in a long article usually is.
        lead = "\n".join(ln for ln in body_lines if is_paragraph(ln))
        parts.set("date", _not_before_later_years(date_in_lead(lead), article_text), "text")
    if not parts.title:
        parts.title = _first_sentence(parts.body)
    for name in ("title", "date", "outlet", "author"):
        parts.provenance.setdefault(name, "none" if name != "title" else "text")
    return parts


def _first_sentence(body: str, limit: int = 120) -> str:
    """The body's first sentence, cut at a word boundary: a title for a page that has none."""
    first = re.split(r"(?<=[.!?])\s", body.strip().split("\n", 1)[0], maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + "…"
