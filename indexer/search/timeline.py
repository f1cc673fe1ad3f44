"""Geometry of the timeline chart: the month buckets regrouped by a grain (month, quarter or
year) chosen from their span, as bars of a server-rendered SVG and tick labels with their year.

The bars live in a viewBox ``len(bars) * STEP`` wide that CSS stretches to the results column
(``preserveAspectRatio="none"``: rectangles only, nothing to distort); the tick labels are HTML
under it, one grid cell per bar, so their text keeps the page's font size at any width. The grain
and the tick spacing are chosen for the narrowest chart, a 390 px phone, so that a bar stays at
least 8 CSS px wide and labels never overlap there, nor at any wider size.

>>> from indexer.search.facets import Bucket
>>> t = timeline([Bucket("2025-01", "janvier 2025", 2), Bucket("2025-02", "février 2025", 4)])
>>> t.grain, [(b.key, b.height, b.tick) for b in t]
('month', [('2025-01', 40.0, 'janv. 2025'), ('2025-02', 80.0, 'févr. 2025')])
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..french import french_month
from .facets import Bucket
from .request import SearchRequest

# At most this many bars: 36 bars in the ~340 px a phone leaves the chart are ≥ 8 px wide.
MAX_BARS = 36
# The narrowest chart the ticks are spaced for (CSS px): a 390 px phone less the page margins.
NARROWEST = 340.0
# Width of one bar's slot and height of the plot, in viewBox units (the height is CSS px too).
STEP = 10.0
PLOT_HEIGHT = 80.0
# The tick font (CSS px, in timeline.css) and a generous average glyph width, in ems.
TICK_PX = 12.0
GLYPH_EM = 0.62
TICK_GAP = 8.0
SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                "nov.", "déc.")
GRAIN_NOUNS = {"month": "mois", "quarter": "trimestre", "year": "année"}
# Tick strides tried, finest first, in periods of the grain; the last one labels the year alone.
STRIDES = {"month": (1, 2, 3, 6, 12), "quarter": (1, 2, 4), "year": (1, 2, 5, 10, 20, 50)}


@dataclass(frozen=True)
class Bar:
    """One period's bar: its key (`2025-04`, `2025-T2`, `2025`), label, count, first and last
    day, its box in viewBox units (``slot`` is the left edge of its full-height hit area)."""

    key: str
    label: str
    count: int
    start: date
    end: date
    slot: float
    x: float
    y: float
    width: float
    height: float
    selected: bool = False
    tick: str = ""
    # The tick ends at the bar's right edge instead of starting at its left one (near the end).
    tick_end: bool = False
    # The one bar in the Tab order (the selected one, else the last).
    focus: bool = False
    # The request parameters that toggle this period's filter.
    params: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def name(self) -> str:
        """The accessible name: `avril 2025 : 4 articles`."""
        return f"{self.label} : {self.count} article{'s' if self.count > 1 else ''}"


@dataclass(frozen=True)
class Timeline(Sequence[Bar]):
    """The chart: its bars, their grain (`month`, `quarter`, `year`) and its viewBox size."""

    grain: str
    bars: tuple[Bar, ...]

    @property
    def width(self) -> float:
        """The viewBox width."""
        return len(self.bars) * STEP

    @property
    def height(self) -> float:
        """The viewBox height (the plot's, in CSS px too)."""
        return PLOT_HEIGHT

    @property
    def noun(self) -> str:
        """The grain in French, for the caption: `mois`, `trimestre`, `année`."""
        return GRAIN_NOUNS[self.grain]

    def __iter__(self) -> Iterator[Bar]:
        return iter(self.bars)

    def __len__(self) -> int:
        return len(self.bars)

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        return self.bars[i]


@dataclass(frozen=True)
class _Period:
    key: str
    label: str
    count: int
    start: date
    end: date
    index: int  # month, quarter or year number, for the tick strides
    year: int
    selected: bool
    params: dict[str, object]


def grain(months: int) -> str:
    """The grain for a span of ``months`` months: months up to MAX_BARS, then quarters, years."""
    if months <= MAX_BARS:
        return "month"
    return "quarter" if -(-months // 3) + 1 <= MAX_BARS else "year"


def _month_number(key: str) -> int | None:
    """`2025-04` → 2025 * 12 + 3; None for anything else (the undated bucket)."""
    if len(key) != 7 or key[4] != "-" or not (key[:4] + key[5:]).isdigit():
        return None
    month = int(key[5:])
    return int(key[:4]) * 12 + month - 1 if 1 <= month <= 12 else None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def periods(buckets: Iterable[Bucket], req: SearchRequest | None = None) -> tuple[str,
                                                                                  list[_Period]]:
    """The grain and every period from the first bucket's to the last's (gaps count 0)."""
    req = req or SearchRequest()
    by_month: dict[int, Bucket] = {}
    for b in buckets:
        n = _month_number(b.value)
        if n is not None:
            by_month[n] = b
    if not by_month:
        return "month", []
    first, last = min(by_month), max(by_month)
    chosen = grain(last - first + 1)
    size = {"month": 1, "quarter": 3, "year": 12}[chosen]
    counts: dict[int, int] = {}
    for n, b in by_month.items():
        counts[_group(n, size)] = counts.get(_group(n, size), 0) + b.count
    out = []
    for g in range(_group(first, size), _group(last, size) + 1):
        y, m0 = divmod(g * size, 12)
        start, end = date(y, m0 + 1, 1), _month_end(y, m0 + size)
        span = {"date_from": start.isoformat(), "date_to": end.isoformat()}
        if chosen == "month":
            key = f"{y:04d}-{m0 + 1:02d}"
            b = by_month.get(g, Bucket(key, french_month(key), 0))
            selected = b.selected or key in req.month
            params = b.params or req.toggled("month", key)
            out.append(_Period(key, french_month(key), counts.get(g, 0), start, end, m0, y,
                               selected, params))
        elif chosen == "quarter":
            q = m0 // 3 + 1
            selected = (req.date_from, req.date_to) == (start, end)
            params = (req.params(date_from="", date_to="", page="") if selected else
                      req.params(**span, month=[], year=[], page=""))
            out.append(_Period(f"{y:04d}-T{q}", f"{'1er' if q == 1 else f'{q}e'} trimestre {y}",
                               counts.get(g, 0), start, end, q - 1, y, selected, params))
        else:
            # A year replaces the other date filters, as a quarter does.
            params = {k: v for k, v in req.toggled("year", str(y)).items()
                      if k not in ("month", "date_from", "date_to")}
            out.append(_Period(str(y), str(y), counts.get(g, 0), start, end, y, y,
                               y in req.year, params))
    return chosen, out[-MAX_BARS:]


def _group(month_number: int, size: int) -> int:
    return month_number // size


def _tick_label(p: _Period, chosen: str, year_alone: bool) -> str:
    if year_alone or chosen == "year":
        return str(p.year)
    if chosen == "quarter":
        return f"T{p.index + 1} {p.year}"
    return f"{SHORT_MONTHS[p.index]} {p.year}"


def _text_px(text: str) -> float:
    return len(text) * TICK_PX * GLYPH_EM


def ticks(shown: Sequence[_Period], chosen: str) -> list[tuple[str, bool]]:
    """Each period's tick label and whether it ends at the bar's right edge; ``""`` for none.

    The stride is the finest that leaves room between labels on the narrowest chart; the
    coarsest stride of months or quarters labels each January with its year alone.
    """
    n = len(shown)
    slot = NARROWEST / max(n, 1)
    strides = STRIDES[chosen]
    stride, year_alone = strides[-1], chosen != "year"
    for k in strides:
        sample = _tick_label(shown[0], chosen, k == strides[-1] and chosen != "year")
        if k * slot >= _text_px(sample) + TICK_GAP:
            stride, year_alone = k, k == strides[-1] and chosen != "year"
            break
    out = [("", False)] * n
    spans: list[tuple[float, float]] = []
    aligned = [i for i, p in enumerate(shown) if p.index % stride == 0] or [0]
    for i in aligned:
        text = _tick_label(shown[i], chosen, year_alone)
        left, end = i * slot, False
        if left + _text_px(text) > NARROWEST:
            left, end = (i + 1) * slot - _text_px(text), True
        if spans and left < spans[-1][1] + TICK_GAP:
            continue
        spans.append((left, left + _text_px(text)))
        out[i] = (text, end)
    # The first bar's year, when its period is not aligned and there is room before the next.
    if not out[0][0]:
        text = _tick_label(shown[0], chosen, year_alone)
        if not spans or _text_px(text) + TICK_GAP <= spans[0][0]:
            out[0] = (text, False)
    return out


def timeline(buckets: Iterable[Bucket], req: SearchRequest | None = None) -> Timeline:
    """The chart for a page's month buckets: the busiest period fills the plot; a period with
    articles is ≥ 2 units high."""
    chosen, shown = periods(buckets, req)
    if not shown:
        return Timeline(chosen, ())
    top = max(p.count for p in shown) or 1
    n = len(shown)
    # Wide bars with narrow gaps when many, so each stays ≥ 8 px on a phone; airier when few.
    gap = STEP * (0.12 if n > 24 else 0.2 if n > 12 else 0.3)
    focus = next((i for i, p in enumerate(shown) if p.selected), n - 1)
    out = []
    for i, (p, (tick, tick_end)) in enumerate(zip(shown, ticks(shown, chosen), strict=True)):
        h = round(PLOT_HEIGHT * p.count / top, 1)
        if p.count and h < 2:
            h = 2.0
        out.append(Bar(p.key, p.label, p.count, p.start, p.end, i * STEP,
                       round(i * STEP + gap / 2, 2), round(PLOT_HEIGHT - h, 1), round(STEP - gap, 2),
                       h, p.selected, tick, tick_end, i == focus, p.params))
    return Timeline(chosen, tuple(out))
