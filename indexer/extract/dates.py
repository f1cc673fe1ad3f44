"""French publication dates from explicit cues only.

No date is better than a wrong one: a day and month without a year (``ce 3 avril``) only
counts when the article states its year elsewhere, a lone month name (``en mai``, ``sept``)
never does, a weekday that contradicts the date voids it, and boilerplate is never read.

>>> parse_french_date("mercredi 21 janvier 2026")
datetime.date(2026, 1, 21)
>>> parse_french_date("1er févr. 2025")
datetime.date(2025, 2, 1)
>>> parse_french_date("2026-01-21T08:30:00+00:00")
datetime.date(2026, 1, 21)
>>> parse_french_date("ce 3 avril") is None
True
>>> parse_french_date("ce 3 avril", year=2025)
datetime.date(2025, 4, 3)
>>> parse_french_date("jeudi 21 janvier 2026") is None  # 21 January 2026 is a Wednesday
True
"""

from __future__ import annotations

import re
from datetime import date

from ..folding import fold

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
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
            "dimanche": 6}  # fmt: skip

_DAY = "|".join(WEEKDAYS)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Matched on folded, lowercased text so `févr.`, `Août` and `1er` all read the same.
# `mercredi 21 janvier 2026`, `mercredi le 21 janvier 2026`, `1er févr. 2025`, `21 janvier, 2026`.
TEXT_DATE = re.compile(
    rf"\b(?:(?P<weekday>{_DAY})\s+(?:le\s+)?)?(?P<day>[0-3]?\d)(?:er)?\s+(?P<month>{_MONTH})\b\.?"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?P<day>[0-3]?\d)[/.-](?P<month>[01]?\d)[/.-](?P<year>(?:19|20)\d\d)\b"
)
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d])")
YEAR = re.compile(r"(?<![\d/.,-])(?:19|20)\d\d(?![\d/.,-]\d)")

# A cue that introduces the publication date: `Publié le …`, `Mis à jour le …`.
PUBLISHED_CUE = re.compile(
    r"\b(?:publie|mis en ligne|mis a jour|paru|date de publication|edition du)\s*(?:le|:)?\s*",
    re.I,
)
# A dateline opening the body: `Moscou, 3 avril 2025 –`, `BAMAKO (AFP) - 3 avril 2025 :`,
# `Niamey, le 12 mars 2025 -`. The place is one to four capitalised words.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'-]+(?:[ -][A-Z][A-Za-z'-]+){0,3})\s*(?:\([A-Za-z .]{2,20}\))?"
    rf"\s*[,-]?\s*(?:le\s+)?(?P<date>(?:(?:{_DAY})\s+)?\d[^-:]{{3,30}}?)\s*(?:-|:|\(|\.\s)"
)


def _make(year: int | str, month: int | str, day: int | str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_french_date(text: str, year: int | None = None) -> date | None:
    """The first complete date stated in ``text``, or None.

    :param year: the article's year, used for a day and month stated without one.
    """
    folded = fold(text).lower()
    found: list[tuple[int, date | None]] = []
    for m in TEXT_DATE.finditer(folded):
        y = int(m["year"]) if m["year"] else year
        if y is None:
            continue
        when = _make(y, MONTHS[m["month"]], m["day"])
        if when and m["weekday"] and when.weekday() != WEEKDAYS[m["weekday"]]:
            when = None
        found.append((m.start(), when))
        break
    for pattern in (ISO_DATE, NUMERIC_DATE):
        hit = pattern.search(folded)
        if hit:
            found.append((hit.start(), _make(hit["year"], hit["month"], hit["day"])))
    if not found:
        return None
    return min(found, key=lambda item: item[0])[1]


def date_after_cue(line: str, year: int | None = None) -> date | None:
    """The date a `Publié le …` cue in ``line`` introduces, or None."""
    folded = fold(line).lower()
    m = PUBLISHED_CUE.search(folded)
    if not m:
        return None
    return parse_french_date(folded[m.end() : m.end() + 60], year)


def date_from_dateline(paragraph: str, year: int | None = None) -> date | None:
    """The date of a dateline at the start of ``paragraph`` (`Moscou, 3 avril 2025 –`)."""
    m = DATELINE.match(fold(paragraph))
    if not m or len(m["date"].split()) > 5:
        return None
    return parse_french_date(m["date"], year)


# Words that make a date a deadline or a starting point, not the day being reported.
NOT_THE_DAY = re.compile(
    r"(?:jusqu'?(?:au|a)|d'ici (?:le|au)|a compter du|a partir du|depuis le|avant le|apres le"
    r"|prevue? (?:le|pour le)|expire le|des le|fin)\s*$"
)
LEAD_CHARS = 400


def date_in_lead(text: str) -> date | None:
    """A full date clearly stated at the start of the body (its first ``LEAD_CHARS`` characters),
    unless it is a deadline or a starting point (`jusqu'au 30 juin 2022`).

    >>> date_in_lead("Moscou a accueilli le 3 avril 2025 la première session des consultations.")
    datetime.date(2025, 4, 3)
    >>> date_in_lead("L'entraîneur a signé un accord jusqu'au 30 juin 2022 avec le club.") is None
    True
    """
    folded = fold(text[:LEAD_CHARS]).lower()
    for m in TEXT_DATE.finditer(folded):
        if not m["year"]:
            continue
        if NOT_THE_DAY.search(folded[max(0, m.start() - 20) : m.start()]):
            return None
        return parse_french_date(m.group())
    hit = NUMERIC_DATE.search(folded)
    if hit and not NOT_THE_DAY.search(folded[max(0, hit.start() - 20) : hit.start()]):
        return _make(hit["year"], hit["month"], hit["day"])
    return None


def sole_year(text: str) -> int | None:
    """The year ``text`` states, when it states exactly one (`en 2025` … `le 2 mars 2025`)."""
    years = {int(y) for y in YEAR.findall(text)}
    return years.pop() if len(years) == 1 else None


def is_plausible(when: date | None, today: date | None = None) -> bool:
    """A publication date cannot be in the future nor before the modern press (1950)."""
    if when is None:
        return False
    return date(1950, 1, 1) <= when <= (today or date.today())
