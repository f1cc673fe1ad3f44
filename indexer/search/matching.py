"""Query tree → Whoosh query, through the same French analysis chain as the index, and the
bounds on one search's work.

The parser already caps the query (``MAX_QUERY_CHARS``, ``MAX_NODES``, ``MAX_DEPTH``) and each
prefix expands to at most ``MAX_PREFIX_TERMS`` words; ``bound_terms`` caps how many index terms
a whole query may touch, and ``check_deadline`` how long the engine may run before it gives up
with a message.

>>> bound_terms(wq.Or([wq.Term("body", "aes")] * 3))
"""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import islice

from whoosh import query as wq
from whoosh.reading import IndexReader

from ..analysis import analyze, fold_words, stem_word
from ..errors import QueryError, QueryTimeout
from ..folding import fold
from .query import And, Node, Not, Or, Phrase, Prefix, Word

# Fields a bare word searches, and the text field behind each query field.
DEFAULT_FIELDS = ("title", "body", "actor_text", "place_text", "outlet_text")
TEXT_FIELD = {
    "title": "title",
    "body": "body",
    "actor": "actor_text",
    "outlet": "outlet_text",
    "place": "place_text",
    "author": "author",
    "quote": "quote_text",
}
# A prefix expands to at most this many index terms per field: `a*` must stay bounded.
MAX_PREFIX_TERMS = 64
# Letters a prefix needs before a page searches it (``answer.py`` drops a shorter one and says
# so). Index terms are stems, and French stems of 1–2 letters begin hundreds of them: `co*`
# would stop at the first MAX_PREFIX_TERMS in alphabetical order (`coalition`…`cocaine`) and
# miss `coopération`, a silently arbitrary answer. From 3 letters a prefix names a family.
MIN_PREFIX = 3
# Weight of the exact-form bonus: a bare word also scores (never matches) through its folded,
# unstemmed form in ``vocab``. On PIAF (bench.quality) it lifts MRR@10 0.775 → 0.789, with
# 0.3–1.0 all within 0.003 of each other.
EXACT_BONUS = 0.5


def _fields(field: str | None) -> tuple[str, ...]:
    return DEFAULT_FIELDS if field is None else (TEXT_FIELD[field],)


def _terms_query(stems: list[str], field: str | None) -> wq.Query | None:
    if not stems:
        return None  # only stop words
    per_field: list[wq.Query] = []
    for name in _fields(field):
        if len(stems) == 1:
            per_field.append(wq.Term(name, stems[0]))
        else:
            per_field.append(wq.Phrase(name, stems))
    return per_field[0] if len(per_field) == 1 else wq.Or(per_field)


def prefix_stem(text: str) -> str:
    """What a prefix is matched against: index terms are stems, so stem the prefix too."""
    words = analyze(text) or [fold(text).lower()]
    word = fold(text).lower()
    stem = stem_word(word)
    return stem if word.startswith(stem) else words[-1]


def _prefix_query(node: Prefix, reader: IndexReader) -> wq.Query | None:
    prefix = prefix_stem(node.text)
    alts: list[wq.Query] = []
    for name in _fields(node.field):
        if name not in reader.schema:
            continue
        for i, term in enumerate(reader.expand_prefix(name, prefix)):
            if i >= MAX_PREFIX_TERMS:
                break
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            alts.append(wq.Term(name, text))
    if not alts:
        return wq.NullQuery
    return wq.Or(alts)


Resolver = Callable[[str], list[str]]


def exact_actors(text: str, reader: IndexReader, resolve: Resolver | None = None) -> list[str]:
    """Canonical actors of the index whose name is ``text`` up to accents and case, or of which
    ``text`` is a variant (``resolve``, built once per generation: no scan of the actor names
    per query term); without a resolver, the actor names are scanned."""
    if "actor" not in reader.schema:
        return []
    if reader.doc_frequency("actor", text):
        return [text]
    if resolve is not None:
        return [n for n in resolve(text) if reader.doc_frequency("actor", n)]
    wanted = " ".join(fold(text).lower().split())
    found: list[str] = []
    for term in reader.lexicon("actor"):
        value = term.decode("utf-8") if isinstance(term, bytes) else str(term)
        if len(value) == len(text) and " ".join(fold(value).lower().split()) == wanted:
            found.append(value)
    return found


def _actor_query(node: Word | Phrase, reader: IndexReader, resolve: Resolver | None) -> wq.Query | None:
    # `acteur:"Abdoulaye Diop"` naming a canonical actor gives exactly the facet's articles, and
    # so does a variant of one (`acteur:ECOWAS`); anything else (`acteur:Goita`) searches the
    # actor names as text.
    exact = exact_actors(node.text, reader, resolve)
    if exact:
        terms = [wq.Term("actor", v) for v in exact]
        return terms[0] if len(terms) == 1 else wq.Or(terms)
    return _terms_query(analyze(node.text), node.field)


def _with_exact_form(query: wq.Query | None, text: str, reader: IndexReader) -> wq.Query | None:
    """``query`` plus a scoring-only bonus for the word's exact (folded, unstemmed) form."""
    forms = fold_words(text)
    if query is None or len(forms) != 1 or "vocab" not in reader.schema:
        return query
    return wq.AndMaybe(query, wq.Term("vocab", forms[0], boost=EXACT_BONUS))


def to_whoosh(node: Node | None, reader: IndexReader, resolve: Resolver | None = None) -> wq.Query | None:
    """The Whoosh query for ``node``; None matches everything (an empty query).

    ``resolve`` gives the displayed actors a variant names (``ECOWAS`` → ``CEDEAO``).
    """
    if node is None:
        return None
    if isinstance(node, Word | Phrase) and node.field == "actor":
        return _actor_query(node, reader, resolve)
    if isinstance(node, Word) and node.field is None:
        return _with_exact_form(_terms_query(analyze(node.text), None), node.text, reader)
    if isinstance(node, Word | Phrase):
        return _terms_query(analyze(node.text), node.field)
    if isinstance(node, Prefix):
        return _prefix_query(node, reader)
    if isinstance(node, Not):
        inner = to_whoosh(node.child, reader, resolve)
        return wq.AndNot(wq.Every(), inner) if inner is not None else None
    if isinstance(node, And):
        positives: list[wq.Query] = []
        negatives: list[wq.Query] = []
        for child in node.children:
            if isinstance(child, Not):
                q = to_whoosh(child.child, reader, resolve)
                if q is not None:
                    negatives.append(q)
            else:
                q = to_whoosh(child, reader, resolve)
                if q is not None:
                    positives.append(q)
        if not positives and not negatives:
            return None
        base: wq.Query = wq.Every() if not positives else (
            positives[0] if len(positives) == 1 else wq.And(positives)
        )
        if negatives:
            base = wq.AndNot(base, negatives[0] if len(negatives) == 1 else wq.Or(negatives))
        return base
    if isinstance(node, Or):
        parts = [q for child in node.children if (q := to_whoosh(child, reader, resolve)) is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.Or(parts)
    raise TypeError(f"unknown query node {node!r}")


# Seconds a search may run before it is cut off with a QueryTimeout (checked between phases).
TIME_LIMIT = 5.0
# Most index terms one query may touch once prefixes are expanded: bounds the work up front.
MAX_QUERY_TERMS = 512


def bound_terms(wquery: object) -> None:
    """Refuse (QueryError) a Whoosh query with more than ``MAX_QUERY_TERMS`` leaves."""
    leaves = wquery.leaves() if hasattr(wquery, "leaves") else iter(())
    if sum(1 for _ in islice(leaves, MAX_QUERY_TERMS + 1)) > MAX_QUERY_TERMS:
        raise QueryError(
            f"requête trop large : plus de {MAX_QUERY_TERMS} termes une fois les préfixes `mot*` "
            "développés ; précisez-la"
        )


def check_deadline(deadline: float, limit: float) -> None:
    """Raise QueryTimeout once ``time.perf_counter()`` has passed ``deadline``."""
    if time.perf_counter() > deadline:
        raise QueryTimeout(limit)
