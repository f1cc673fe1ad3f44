"""Geometry of the month timeline: one bar per month bucket, for a server-rendered SVG.

>>> from indexer.search.facets import Bucket
>>> [(b.key, b.height) for b in bars([Bucket("2025-01", "janvier 2025", 2),
...                                   Bucket("2025-02", "février 2025", 4)], height=40)]
[('2025-01', 20.0), ('2025-02', 40.0)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .facets import Bucket

# Beyond this many months the chart shows the most recent ones only.
MAX_BARS = 120
# A bar is never wider than this, so three months do not look like a wall.
MAX_STEP = 40.0
SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                "nov.", "déc.")


@dataclass(frozen=True)
class Bar:
    """One month's bar: its key (`AAAA-MM`), label, count and box in SVG units."""

    key: str
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float
    selected: bool
    tick: str = ""
    # The request parameters that toggle this month's filter.
    params: dict[str, object] = field(default_factory=dict, compare=False)


def bars(buckets: Sequence[Bucket], width: float = 600, height: float = 80) -> list[Bar]:
    """Bars scaled so the busiest month fills ``height``; a month with articles is ≥ 2 units."""
    shown = list(buckets)[-MAX_BARS:]
    if not shown:
        return []
    top = max(b.count for b in shown) or 1
    step = min(width / len(shown), MAX_STEP)
    gap = min(2.0, step * 0.2)
    out = []
    for i, b in enumerate(shown):
        h = round(height * b.count / top, 1)
        if b.count and h < 2:
            h = 2.0
        out.append(Bar(b.value, b.label, b.count, round(i * step, 2), round(height - h, 1),
                       round(step - gap, 2), h, b.selected, _tick(b.value, len(shown), i),
                       b.params))
    return out


def _tick(key: str, n: int, i: int) -> str:
    """The axis label under a bar: every month when few, else each January (the year)."""
    year, month = key.split("-")
    if n <= 12:
        return SHORT_MONTHS[int(month) - 1]
    return year if month == "01" or i == 0 else ""
