"""French words the reader shows: dates, months, counts with their plural.

>>> french_date(date(2026, 1, 1)), french_month("2025-04")
('1er janvier 2026', 'avril 2025')
>>> count_label(1, "résultat"), count_label(12400, "article")
('1 résultat', '12 400 articles')
"""

from __future__ import annotations

from datetime import date

FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
# The year bucket of articles that state no date.
UNKNOWN_YEAR = "inconnue"


def french_date(d: date | None) -> str:
    """`21 janvier 2026`; `1er` for the first of the month."""
    if d is None:
        return "date inconnue"
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {FRENCH_MONTHS[d.month - 1]} {d.year}"


def french_month(key: str) -> str:
    """`2025-04` → `avril 2025`."""
    year, month = key.split("-")
    return f"{FRENCH_MONTHS[int(month) - 1]} {year}"


def year_label(key: str) -> str:
    """A year bucket's label: the year, or `date inconnue`."""
    return "date inconnue" if key == UNKNOWN_YEAR else key


def thousands(n: int) -> str:
    """`12 400`: French digit grouping with a space."""
    return f"{n:,}".replace(",", " ")


def count_label(n: int, noun: str, plural: str | None = None) -> str:
    """`1 article`, `0 article`, `26 articles` (French: the plural starts at 2)."""
    word = noun if abs(n) < 2 else (plural or noun + "s")
    return f"{thousands(n)} {word}"
