"""A search page from any backend: the request parsed once, searched once, and at most one
more search: the respelt query's page when the typed one finds nothing, or the count of a
"Vouliez-vous dire" that the page then carries.

A backend offers two things: ``run`` (one search of a parsed query, which also counts the
relaxed query when the main one finds nothing) and ``respell`` (a query tree with its typos
replaced, from the backend's vocabulary). Everything else about a page is decided here, so
two backends offer the same rewrites for the same index.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from typing import Protocol

from .coactors import WITH_LIMIT, CoActor, co_actors
from .matching import MIN_PREFIX
from .page import SearchPage
from .query import And, Node, Not, Or, Phrase, Prefix, Word, parse, relaxed
from .request import SearchRequest
from .suggest import node_text, restore_accents, surface_forms
from .variants import expand, load_variants

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


# The counting search of a "Vouliez-vous dire" fetches this many hits (with their passages)
# to read the respelt words' accents from: the vocabulary is folded.
PROBE_HITS = 3
_SHORT_PREFIX = re.compile(rf"(?<![\w*])(\w{{1,{MIN_PREFIX - 1}}})\*+(?!\w)")


def _drop(node: Node | None, short: frozenset[str]) -> Node | None:
    """``node`` without its too-short prefixes (the parser reads a one-letter `a*` as `a`)."""
    if node is None:
        return None
    if isinstance(node, Prefix) and len(re.split(r"['’]", node.text)[-1]) < MIN_PREFIX:
        return None
    if isinstance(node, Word) and node.text in short:
        return None
    if isinstance(node, Not):
        child = _drop(node.child, short)
        return Not(child) if child is not None else None
    if isinstance(node, And | Or):
        kept = tuple(c for c in (_drop(c, short) for c in node.children) if c is not None)
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else type(node)(kept)
    return node


def short_prefixes(q: str, node: Node | None) -> tuple[Node | None, tuple[str, ...], bool]:
    """``node`` without prefixes shorter than ``MIN_PREFIX`` letters, the prefixes as typed
    (`a*`), and whether they were dropped: not when nothing else is left to search (then the
    query runs as it is and the page only says why it finds little)."""
    typed = tuple(dict.fromkeys(m + "*" for m in _SHORT_PREFIX.findall(q)))
    if not typed:
        return node, (), False
    kept = _drop(node, frozenset(t[:-1] for t in typed))
    return (node, typed, False) if kept is None else (kept, typed, True)


def _last_word(node: Node | None) -> tuple[Node | None, int | None]:
    """The last positive top-level leaf of ``node`` and its index among the children."""
    if isinstance(node, And):
        for i in range(len(node.children) - 1, -1, -1):
            if not isinstance(node.children[i], Not):
                return node.children[i], i
        return None, None
    return node, None


def complete_last(node: Node | None, typed: Node | None) -> Node | None:
    """``node`` with its last word read as a prefix (`coop` → `coop*`), when that word is a
    bare word of at least ``MIN_PREFIX`` letters that respelling did not change; else None.

    >>> complete_last(parse("securite coop"), parse("securite coop"))
    And([Word('securite'), Prefix('coop')])
    >>> complete_last(parse("cooperation"), parse("coopration")) is None
    True
    """
    last, i = _last_word(node)
    if (not isinstance(last, Word) or last.field is not None or len(last.text) < MIN_PREFIX
            or not last.text.isalpha() or last != _last_word(typed)[0]):
        return None
    if i is None:
        return Prefix(last.text)
    assert isinstance(node, And)
    return And(node.children[:i] + (Prefix(last.text),) + node.children[i + 1:])


def answer(core: Core, req: SearchRequest, *, suggest: bool = True, group: bool = True,
           snippets: bool = True, facets: bool = True) -> SearchPage:
    """The complete page for ``req``.

    ``group=False`` keeps near-identical articles as hits of their own and ``suggest=False``
    offers no respelt or relaxed query (the feeds: an alert lists every new article and shows
    no suggestion, so it does not pay for one). ``snippets``/``facets`` False leave hits
    without passages and the page without facets (benchmarks time each part).

    A query that finds nothing while its respelling finds something is answered by the
    respelling's page (``corrected`` says what was typed), unless ``req.exact``; a query that
    finds little gets a "Vouliez-vous dire" when a respelling finds more. Either way at most
    one more search. Press spelling variants (``variants.py``) are searched with every query
    but an exact one. With exactly one actor selected, one more search counts who appears
    with it (``with_actors``), unless a respelling already took the second search: a request
    never searches more than twice.
    """
    typed, short, dropped = short_prefixes(req.q, parse(req.q))
    variants = None if req.exact else load_variants()

    def searched(tree: Node | None) -> tuple[Node | None, dict[str, list[str]]]:
        node = any_word(tree) if req.mode == "or" else tree
        return expand(node, variants) if variants is not None else (node, {})

    def done(shown: SearchPage, tree: Node | None, second: bool = False) -> SearchPage:
        if facets and len(req.actor) == 1 and shown.total and not second:
            shown.with_actors = with_actors(core, shown, tree, req.actor[0])
        return shown

    node, added = searched(typed)
    loose = relaxed(typed) if suggest and req.q and not isinstance(typed, Or) else None
    page = core.run(req, node, loose=searched(loose)[0] if loose is not None else None,
                    group=group, snippets=snippets, facets=facets)
    if page.relaxed and loose is not None:
        page.relaxed = node_text(loose)  # the link re-expands the variants itself
    page.variants, page.short_prefixes, page.short_dropped = added, short, dropped
    if not (suggest and req.q and page.total < SUGGEST_BELOW and typed is not None):
        return done(page, node)
    fixed = core.respell(typed)
    if page.total == 0 and not req.exact:
        # As you type, the last word is often unfinished (`securite coop`): read it as a
        # prefix when respelling left it alone.
        fixed = complete_last(fixed or typed, typed) or fixed
    if fixed is None or fixed == typed:
        return done(page, node)
    fixed_node, fixed_added = searched(fixed)
    if page.total == 0 and not req.exact:
        other = core.run(req, fixed_node, group=group, snippets=snippets, facets=facets)
        if other.total == 0:
            return done(page, node, second=True)
        shown = restore_accents(typed, fixed, surface_forms(other.hits))
        other.suggestion, other.suggestion_total = node_text(shown), other.total
        other.corrected = req.q
        other.variants, other.short_prefixes, other.short_dropped = fixed_added, short, dropped
        return done(other, fixed_node, second=True)
    count = core.run(replace(req, page=1, per_page=PROBE_HITS), fixed_node,
                     snippets=True, facets=False, group=False)
    if count.total > page.total:
        shown = restore_accents(typed, fixed, surface_forms(count.hits))
        page.suggestion, page.suggestion_total = node_text(shown), count.total
    return done(page, node, second=True)


def with_actors(core: Core, page: SearchPage, node: Node | None, name: str) -> list[CoActor]:
    """Who appears with ``name``, the page's one selected actor: the person and organisation counts of
    ``node`` ANDed with that actor, the actor's filter moved into the query so that the facets
    count under it (a facet's counts ignore its own parameter's filter)."""
    req = page.request  # its actor as displayed (``name`` may be a variant: `ECOWAS`)
    actor = Phrase(name, "actor")
    both = actor if node is None else And((node, actor))
    counted = core.run(replace(req, actor=(), page=1, per_page=1), both, snippets=False,
                       group=False)
    return co_actors(counted.facets, req.actor, WITH_LIMIT)
