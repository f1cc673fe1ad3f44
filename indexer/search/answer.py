"""A search page from any backend: the request parsed once, searched once, and at most one
more search for a "Vouliez-vous dire" whose total the page then carries.

A backend offers two things: ``run`` (one search of a parsed query, which also counts the
relaxed query when the main one finds nothing) and ``respell`` (a query tree with its typos
replaced, from the backend's vocabulary). Everything else about a page is decided here, so
two backends offer the same rewrites for the same index.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Protocol

from .page import SearchPage
from .query import And, Node, Not, Or, parse, relaxed
from .request import SearchRequest
from .suggest import node_text

# Suggestions are only looked for when a query finds fewer than this (a typo finds little).
SUGGEST_BELOW = 10


class Core(Protocol):
    """What a backend implements for ``answer``."""

    def run(self, req: SearchRequest, node: Node | None, *, loose: Node | None = None,
            snippets: bool = True, facets: bool = True, group: bool = True) -> SearchPage:
        """One search of ``node`` under ``req``'s filters, sort and page. When nothing matches
        and ``loose`` is given, the page's ``relaxed``/``relaxed_total`` say what it finds."""
        ...

    def respell(self, node: Node) -> Node | None:
        """``node`` with misspelt or rare words replaced by close frequent ones, or None."""
        ...


class SearchCounter:
    """How many searches a backend ran (the "searches once" contract is tested on it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0

    def add(self) -> None:
        """One more search."""
        with self._lock:
            self.count += 1


def any_word(node: Node | None) -> Node | None:
    """``mode=or``: the top-level words ORed (exclusions kept), e.g. for question-like queries."""
    if not isinstance(node, And):
        return node
    positives = tuple(c for c in node.children if not isinstance(c, Not))
    negatives = tuple(c for c in node.children if isinstance(c, Not))
    if len(positives) < 2:
        return node
    return And((Or(positives), *negatives)) if negatives else Or(positives)


def answer(core: Core, req: SearchRequest, *, suggest: bool = True, group: bool = True,
           snippets: bool = True, facets: bool = True) -> SearchPage:
    """The complete page for ``req``.

    ``group=False`` keeps near-identical articles as hits of their own and ``suggest=False``
    offers no respelt or relaxed query (the feeds: an alert lists every new article and shows
    no suggestion, so it does not pay for one). ``snippets``/``facets`` False leave hits
    without passages and the page without facets (benchmarks time each part).
    """
    typed = parse(req.q)
    node = any_word(typed) if req.mode == "or" else typed
    loose = relaxed(typed) if suggest and req.q and not isinstance(typed, Or) else None
    page = core.run(req, node, loose=loose, group=group, snippets=snippets, facets=facets)
    if not (suggest and req.q and page.total < SUGGEST_BELOW and typed is not None):
        return page
    fixed = core.respell(typed)
    if fixed is None or fixed == typed:
        return page
    count = core.run(replace(req, page=1, per_page=1),
                     any_word(fixed) if req.mode == "or" else fixed,
                     snippets=False, facets=False, group=False)
    if count.total > page.total:
        page.suggestion, page.suggestion_total = node_text(fixed), count.total
    return page
