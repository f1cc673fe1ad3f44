"""The timeline's geometry: grain by span, full width, quarter and year filters, ticks with years."""

from __future__ import annotations

import re
from datetime import date

import pytest

from indexer.search.facets import Bucket
from indexer.search.request import SearchRequest
from indexer.search.timeline import (
    GLYPH_EM,
    MAX_BARS,
    NARROWEST,
    STEP,
    TICK_PX,
    Timeline,
    grain,
    timeline,
)


def months(n: int, first: tuple[int, int] = (2020, 1), count: int = 1) -> list[Bucket]:
    """``n`` consecutive month buckets from ``first``, as a backend's month facet gives them."""
    out = []
    for i in range(n):
        y, m = divmod(first[0] * 12 + first[1] - 1 + i, 12)
        out.append(Bucket(f"{y:04d}-{m + 1:02d}", f"{y}-{m + 1}", count))
    return out


@pytest.mark.parametrize(("span", "expected"), [
    (1, "month"), (6, "month"), (30, "month"), (36, "month"), (37, "quarter"), (100, "quarter"),
    (105, "quarter"), (106, "year"), (300, "year"),
])  # fmt: skip
def test_grain_from_span(span: int, expected: str) -> None:
    assert expected == grain(span)


@pytest.mark.parametrize(("span", "kind", "bars"), [
    (6, "month", 6), (30, "month", 30), (100, "quarter", 34), (300, "year", 25),
])  # fmt: skip
def test_bars_fill_the_width_and_stay_wide_on_a_phone(span: int, kind: str, bars: int) -> None:
    t = timeline(months(span))
    assert (kind, bars, bars * STEP) == (t.grain, len(t), t.width)
    assert 0 <= t[0].x < STEP / 2 and t.width - STEP / 2 < t[-1].x + t[-1].width <= t.width
    # The narrowest bar, once the viewBox is stretched to a 390 px phone's chart.
    assert min(b.width for b in t) * NARROWEST / t.width >= 8


def test_at_most_max_bars_the_most_recent_kept() -> None:
    t = timeline(months(12 * 50, (1980, 1)))
    assert ("year", MAX_BARS, "1994", "2029") == (t.grain, len(t), t[0].key, t[-1].key)


@pytest.mark.parametrize(("span", "ticks"), [
    (6, ["janv. 2020", "mars 2020", "mai 2020"]),
    (30, ["2020", "2021", "2022"]),
    (100, ["2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027"]),
    (300, ["2020", "2025", "2030", "2035", "2040"]),
])  # fmt: skip
def test_ticks_carry_their_year(span: int, ticks: list[str]) -> None:
    assert ticks == [b.tick for b in timeline(months(span)) if b.tick]


@pytest.mark.parametrize("span", [1, 2, 5, 6, 11, 12, 13, 19, 24, 30, 36, 37, 60, 100, 200, 300])
@pytest.mark.parametrize("first_month", [1, 4, 11])
def test_ticks_never_overlap_on_a_phone(span: int, first_month: int) -> None:
    t = timeline(months(span, (2019, first_month)))
    slot = NARROWEST / len(t)
    spans = []
    for i, b in enumerate(t):
        if b.tick:
            text = len(b.tick) * TICK_PX * GLYPH_EM
            left = (i + 1) * slot - text if b.tick_end else i * slot
            spans.append((left, left + text))
    assert spans, "no tick at all"
    assert all(re.search(r"\b(19|20)\d\d\b", b.tick) for b in t if b.tick)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert 0 <= spans[0][0] and spans[-1][1] <= NARROWEST


def test_month_bar_keeps_the_month_param() -> None:
    req = SearchRequest(q="AES", page=2)
    [jan, feb] = timeline([Bucket("2025-01", "janvier 2025", 2, params=req.toggled("month", "2025-01")),
                           Bucket("2025-02", "février 2025", 0)], req)
    assert ({"q": "AES", "month": ["2025-01"]}, {"q": "AES", "month": ["2025-02"]}) == (jan.params,
                                                                                      feb.params)
    assert ("janvier 2025 : 2 articles", "février 2025 : 0 article") == (jan.name, feb.name)
    assert ((date(2025, 2, 1), date(2025, 2, 28)), (80.0, 0.0)) == ((feb.start, feb.end),
                                                                     (jan.height, feb.height))


def test_quarter_bar_filters_its_dates() -> None:
    req = SearchRequest(q="AES", month=("2020-02",), year=(2020,), page=3)
    t = timeline(months(100, (2020, 2)), req)
    q2 = t[1]
    assert ("2020-T2", "2e trimestre 2020", date(2020, 4, 1), date(2020, 6, 30), 3) == (
        q2.key, q2.label, q2.start, q2.end, q2.count)
    assert {"q": "AES", "date_from": "2020-04-01", "date_to": "2020-06-30"} == q2.params
    assert ("1er trimestre 2020", 2) == (t[0].label, t[0].count)  # février and mars only


def test_selected_quarter_toggles_off_and_takes_the_tab_stop() -> None:
    req = SearchRequest(date_from=date(2021, 4, 1), date_to=date(2021, 6, 30))
    t = timeline(months(100), req)
    chosen = [b for b in t if b.selected]
    assert (["2021-T2"], {}) == ([b.key for b in chosen], chosen[0].params)
    assert [b.key for b in t if b.focus] == ["2021-T2"]


def test_year_bar_filters_the_year_param() -> None:
    req = SearchRequest(q="AES", month=("2030-05",), date_from=date(2001, 1, 1))
    t = timeline(months(300), req)
    y = next(b for b in t if b.key == "2030")
    assert ("2030", date(2030, 1, 1), date(2030, 12, 31), 12) == (y.label, y.start, y.end, y.count)
    assert {"q": "AES", "year": ["2030"]} == y.params


def test_gaps_count_zero_and_undated_bucket_ignored() -> None:
    t = timeline([Bucket("2025-01", "", 3), Bucket("2025-04", "", 1), Bucket("inconnue", "", 9)])
    assert [("2025-01", 3), ("2025-02", 0), ("2025-03", 0), ("2025-04", 1)] == [
        (b.key, b.count) for b in t]
    assert [False, False, False, True] == [b.focus for b in t]  # the last bar when none selected


def test_no_buckets_no_chart() -> None:
    assert Timeline("month", ()) == timeline([])
