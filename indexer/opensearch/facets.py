"""Facets, the timeline and sorting on OpenSearch: the aggregations a page asks for, and the
same facet results as the Whoosh backend's made of their buckets.

Each facet is a ``filter`` aggregation holding the AND of the *other* parameters' filters (the
page's own filters go in ``post_filter``), so a facet's counts ignore its own selection: values
of one facet combine with OR, facets with AND. A second ``terms`` aggregation restricted to the
selected values gives their counts when they rank past the listed top.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..folding import fold
from ..french import UNKNOWN_YEAR
from ..search.facets import FACETS, Bucket, Facet, FacetResult, every_month, finish, selected_values
from ..search.query import Node
from ..search.request import SearchRequest
from .dsl import all_of


def sort_clause(req: SearchRequest, node: Node | None) -> list[object]:
    """Relevance, then newest; or newest first; or oldest first with undated articles last."""
    if req.sort == "pertinence" and node is not None:
        return ["_score", {"date": "desc"}]
    if req.sort == "ancien":
        return [{"date_asc": "asc"}]
    return [{"date": "desc"}]


def facet_aggs(req: SearchRequest, clauses: dict[str, Any]) -> dict[str, object]:
    """One ``filter`` aggregation per facet: the other parameters' filters, then its values."""
    out: dict[str, object] = {}
    for facet in FACETS:
        scope = all_of(clauses, facet.param)
        if facet.grain == "year":
            inner = {"terms": {"field": "year", "size": 1000, "order": {"_key": "desc"}}}
        elif facet.grain == "month":
            inner = {"terms": {"field": "month", "size": 5000, "exclude": [""]}}
        else:
            size = 100_000 if facet.narrowed and req.actor_filter else (facet.limit or 1000) + 1
            inner = {"terms": {"field": facet.field, "size": size}}
        aggs: dict[str, object] = {"v": inner}
        chosen = list(req.values(facet.param))
        if chosen and facet.field:
            aggs["chosen"] = {"terms": {"field": facet.field, "include": chosen,
                                        "size": len(chosen)}}
        out[facet.name] = {"filter": scope, "aggs": aggs}
    return out


def facet_results(req: SearchRequest, aggs: dict[str, Any], values: dict[str, frozenset[str]],
                   knows: Any, facets: Iterable[Facet] = FACETS) -> dict[str, FacetResult]:
    """The aggregations as the same facet results as the Whoosh backend's.

    ``values`` holds every value of each keyword field in the index (read once per index
    state), to tell which facet of a shared parameter lists a selected value. ``facets``: the
    ones ``aggs`` counts (an export asks for one, with no limit).
    """

    def holds(fieldname: str, value: str) -> bool:
        return value in values.get(fieldname, frozenset())

    needle = fold(req.actor_filter).lower()
    out: dict[str, FacetResult] = {}
    for facet in facets:
        got = aggs[facet.name]
        counts = {str(b["key"]): int(b["doc_count"]) for b in got["v"]["buckets"]}
        if facet.grain == "year":
            chosen = set(req.values("year"))
            years = [Bucket(k, k, n, k in chosen) for k, n in counts.items() if k != UNKNOWN_YEAR]
            unknown = counts.get(UNKNOWN_YEAR, 0)
            extra = (Bucket(UNKNOWN_YEAR, UNKNOWN_YEAR, unknown, UNKNOWN_YEAR in chosen)
                     if unknown or UNKNOWN_YEAR in chosen else None)
            out[facet.name] = finish(req, facet, years, extra)
            continue
        if facet.grain == "month":
            present = {int(k.replace("-", "")): n for k, n in counts.items()}
            out[facet.name] = finish(req, facet, every_month(present, set(req.values("month"))))
            continue
        selected = selected_values(req, facet, holds)
        ranked = [Bucket(k, k, n, k in selected) for k, n in counts.items()]
        if facet.narrowed and needle:
            ranked = [b for b in ranked if needle in fold(b.label).lower() or b.selected
                      or knows(needle, b.value)]
            truncated = facet.limit is not None and len(ranked) > facet.limit
            raw = ranked[:facet.limit]
        else:
            limit = facet.limit if facet.limit is not None else len(ranked)
            truncated = len(ranked) > limit
            raw = ranked[:limit]
            # Selected values ranked past the limit, with their counts, as Whoosh lists them.
            chosen_counts = {str(b["key"]): int(b["doc_count"])
                             for b in got.get("chosen", {}).get("buckets", [])}
            listed = {b.value for b in raw}
            raw += [Bucket(v, v, chosen_counts[v], True) for v in selected
                    if v not in listed and chosen_counts.get(v)]
        listed = {b.value for b in raw}
        raw += [Bucket(v, v, 0, True) for v in sorted(selected) if v not in listed]
        out[facet.name] = finish(req, facet, raw, truncated=truncated)
    return out
