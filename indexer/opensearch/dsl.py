"""Our query tree and request filters as OpenSearch query DSL (never ``query_string`` on user
text: the project's parser reads the query, as for Whoosh).

A bare word searches the same five text fields as the Whoosh backend, each analysed by the same
chain: one stem matches as a term, several (``Bobo-Dioulasso``, ``l'AES``) as a phrase; its
exact folded form adds to the score without changing what matches. ``acteur:X`` naming a
displayed actor (or a variant of one) gives exactly that facet's articles.

>>> sorted(to_dsl(parse("titre:AES -Russie"), lambda t: [])["bool"])
['must', 'must_not']
>>> to_dsl(parse("acteur:ECOWAS"), lambda t: ["CEDEAO"])
{'terms': {'actor': ['CEDEAO']}}
"""

from __future__ import annotations

from collections.abc import Callable

from ..analysis import analyze, fold_words
from ..search.matching import DEFAULT_FIELDS, EXACT_BONUS, TEXT_FIELD, prefix_stem
from ..search.query import And, Node, Not, Or, Phrase, Prefix, Word, parse
from ..search.request import SearchRequest

__all__ = ["MATCH_NONE", "filter_clauses", "parse", "to_dsl"]

Query = dict[str, object]
# The displayed actors a text names exactly or through a variant ([] when none).
Exact = Callable[[str], list[str]]
MATCH_ALL: Query = {"match_all": {}}
MATCH_NONE: Query = {"match_none": {}}
# Field boosts: the Whoosh schema's field_boost values.
BOOSTS = {"title": 2.5, "actor_text": 1.5}


def _fields(field: str | None) -> tuple[str, ...]:
    return DEFAULT_FIELDS if field is None else (TEXT_FIELD[field],)


def _any(clauses: list[Query]) -> Query:
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses,
                                                          "minimum_should_match": 1}}


def _phrase(name: str, text: str) -> Query:
    if name in BOOSTS:
        return {"match_phrase": {name: {"query": text, "boost": BOOSTS[name]}}}
    return {"match_phrase": {name: text}}


def _text_query(text: str, field: str | None) -> Query | None:
    if not analyze(text):
        return None  # only stop words
    return _any([_phrase(name, text) for name in _fields(field)])


def _leaf(node: Word | Phrase | Prefix, exact: Exact) -> Query | None:
    if isinstance(node, Prefix):
        stem = prefix_stem(node.text)
        return _any([{"prefix": {name: stem}} for name in _fields(node.field)])
    if node.field == "actor":
        names = exact(node.text)
        if names:
            return {"terms": {"actor": names}}
    query = _text_query(node.text, node.field)
    forms = fold_words(node.text)
    if query is None or not isinstance(node, Word) or node.field is not None or len(forms) != 1:
        return query
    bonus = [{"term": {f"{name}.folded": {"value": forms[0], "boost": EXACT_BONUS}}}
             for name in ("title", "body")]
    return {"bool": {"must": [query], "should": bonus}}


def to_dsl(node: Node | None, exact: Exact) -> Query | None:
    """The query for ``node``; None matches everything (an empty query or only exclusions of
    nothing), ``MATCH_NONE`` nothing."""
    if node is None:
        return None
    if isinstance(node, Word | Phrase | Prefix):
        return _leaf(node, exact)
    if isinstance(node, Not):
        inner = to_dsl(node.child, exact)
        return {"bool": {"must_not": [inner]}} if inner is not None else None
    if isinstance(node, And):
        must: list[Query] = []
        must_not: list[Query] = []
        for child in node.children:
            target, sub = (must_not, child.child) if isinstance(child, Not) else (must, child)
            q = to_dsl(sub, exact)
            if q is not None:
                target.append(q)
        if not must and not must_not:
            return None
        out: dict[str, object] = {"must": must or [MATCH_ALL]}
        if must_not:
            out["must_not"] = must_not
        return {"bool": out}
    if isinstance(node, Or):
        parts = [q for child in node.children if (q := to_dsl(child, exact)) is not None]
        return _any(parts) if parts else None
    raise TypeError(f"unknown query node {node!r}")


def main_query(node: Node | None, exact: Exact) -> Query:
    """What a search matches: everything for no query, nothing for only stop words."""
    query = to_dsl(node, exact)
    if query is None:
        return MATCH_ALL if node is None else MATCH_NONE
    return query


def filter_clauses(req: SearchRequest) -> dict[str, Query]:
    """One clause per active filter parameter (its values ORed), like ``filter_masks``."""
    out: dict[str, Query] = {}
    for param in ("outlet", "actor", "place", "year", "month"):
        values = list(req.values(param))
        if values:
            out[param] = {"terms": {param: values}}
    rng: dict[str, int] = {}
    if req.date_from is not None:
        d = req.date_from
        rng["gte"] = d.year * 10000 + d.month * 100 + d.day
    if req.date_to is not None:
        d = req.date_to
        rng["lte"] = d.year * 10000 + d.month * 100 + d.day
        rng.setdefault("gte", 1)  # an undated article is never "before" a date
    if rng:
        out["range"] = {"range": {"date": rng}}
    return out


def all_of(clauses: dict[str, Query], skip: str = "") -> Query:
    """The AND of every clause but ``skip``'s."""
    kept = [c for name, c in clauses.items() if name != skip]
    return {"bool": {"filter": kept}} if kept else MATCH_ALL
