"""French publication dates from explicit cues only.

No date is better than a wrong one: a day and month without a year, a lone month name
(``en mai``, ``sept``) or a date in boilerplate never count.

>>> parse_french_date("mercredi 21 janvier 2026")
datetime.date(2026, 1, 21)
>>> parse_french_date("1er févr. 2025")
datetime.date(2025, 2, 1)
>>> parse_french_date("ce 3 avril") is None
True
"""

from __future__ import annotations

import re
from datetime import date

from ..analysis import fold

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2,
    "mars": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}  # fmt: skip

_DAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Matched on folded, lowercased text so `févr.`, `Août` and `1er` all read the same.
TEXT_DATE = re.compile(
    rf"\b(?:{_DAY}\s+(?:le\s+)?)?(?P<day>[0-3]?\d)(?:er)?\s+(?P<month>{_MONTH})\.?\s+(?P<year>(?:19|20)\d\d)\b"
)
NUMERIC_DATE = re.compile(r"\b(?P<day>[0-3]?\d)[/.-](?P<month>[01]?\d)[/.-](?P<year>(?:19|20)\d\d)\b")
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")

# A cue that introduces the publication date: `Publié le …`, `Mis à jour le …`.
PUBLISHED_CUE = re.compile(r"\b(?:publie|mis en ligne|mis a jour|paru)\s+(?:le\s+)?", re.I)
# A dateline opening the body: `Moscou, 3 avril 2025 –` or `BAMAKO (AFP) - 3 avril 2025 :`.
DATELINE = re.compile(
    r"^[A-Z][\w' -]{1,40}(?:\s*\([A-Za-z]+\))?\s*,?\s*(?:le\s+)?(?P<date>[^–—:-]{6,40}?)\s*[–—:-]"
)


def _make(year: str, month: str | int, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_french_date(text: str) -> date | None:
    """The first complete date (day, month, year) stated in ``text``, or None."""
    folded = fold(text).lower()
    m = TEXT_DATE.search(folded)
    if m:
        return _make(m["year"], MONTHS[m["month"]], m["day"])
    m = ISO_DATE.search(folded)
    if m:
        return _make(m["year"], m["month"], m["day"])
    m = NUMERIC_DATE.search(folded)
    if m:
        return _make(m["year"], m["month"], m["day"])
    return None


def date_after_cue(line: str) -> date | None:
    """The date a `Publié le …` cue in ``line`` introduces, or None."""
    folded = fold(line).lower()
    m = PUBLISHED_CUE.search(folded)
    if not m:
        return None
    return parse_french_date(folded[m.end() : m.end() + 60])


def date_from_dateline(paragraph: str) -> date | None:
    """The date of a dateline at the start of ``paragraph`` (`Moscou, 3 avril 2025 –`)."""
    m = DATELINE.match(fold(paragraph))
    if not m:
        return None
    return parse_french_date(m["date"])
