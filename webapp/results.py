"""One search as the pages show it: the SearchPage plus suggestion, relaxed query and groups.

The HTML view, the JSON API and the Atom feed all go through ``run``, so they agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from indexer.dedupe import Group
from indexer.search import Engine, Hit, SearchPage, SearchRequest
from indexer.suggest import relaxed_text
from indexer.timeline import Bar, bars

# Suggestions are only looked for when a query finds fewer than this (a typo finds little).
SUGGEST_BELOW = 10


@dataclass
class Results:
    """A SearchPage with what the page offers around it."""

    page: SearchPage
    suggestion: str | None = None
    suggestion_total: int = 0
    relaxed: str | None = None
    relaxed_total: int = 0
    groups: list[Group[Hit]] = field(default_factory=list)
    timeline: list[Bar] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The API's JSON: the page's, plus suggestion, relaxed query and duplicate groups."""
        out = self.page.to_json()
        out["suggestion"] = self.suggestion
        out["relaxed"] = {"q": self.relaxed, "total": self.relaxed_total} if self.relaxed else None
        out["groups"] = [{"id": g.lead.id, "also": [h.id for h in g.others]}
                         for g in self.groups if g.others]
        return out


def run(engine: Engine, params: Mapping[str, Sequence[str]], group: bool = True,
        suggest: bool = True) -> Results:
    """Parse ``params`` (QueryError when invalid), search, and add what the page offers.

    ``group=False`` keeps near-identical articles as hits of their own and ``suggest=False``
    offers no respelt or relaxed query (the feeds: an alert lists every new article and shows
    no suggestion, so it does not pay for one).
    """
    req = SearchRequest.from_params(params)
    page = engine.search(req, group=group)
    res = Results(page)
    if not suggest:
        return res
    if req.q and page.total < SUGGEST_BELOW:
        res.suggestion = engine.suggestion(page)
        if res.suggestion:
            res.suggestion_total = _count(engine, replace(req, q=res.suggestion))
    if req.q and page.total == 0:
        res.relaxed = relaxed_text(req.q)
        if res.relaxed:
            res.relaxed_total = _count(engine, replace(req, q=res.relaxed))
            if res.relaxed_total == 0:
                res.relaxed = None
    res.groups = [Group(h, list(h.also)) for h in page.hits]
    res.timeline = bars(page.facets.get("month", []))
    return res


def _count(engine: Engine, req: SearchRequest) -> int:
    return engine.search(replace(req, page=1, per_page=1), snippets=False, facets=False, group=False).total


def date_shortcuts(today: date) -> list[tuple[str, str]]:
    """(label, date_from) pairs: `cette année`, `12 derniers mois`."""
    return [
        ("cette année", date(today.year, 1, 1).isoformat()),
        ("12 derniers mois", (today - timedelta(days=365)).isoformat()),
    ]
