"""Quote search: the attributed quotes of the articles a request matches, newest first.

Both backends find the articles (the request's words searched in ``quote_text``, its filters on
the articles, ``speaker`` on the keyword field) and hand their stored fields, newest first, to
``collect``, which keeps each quote whose own text holds the words and whose speaker is the one
asked, counts them all and returns the first ``limit``.

>>> from indexer.search.query import parse
>>> quote_node(parse("russie titre:Moscou"))
And([Word('russie', 'quote'), Word('Moscou', 'title')])
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from ..analysis import analyze
from .export import search_node
from .facet_tables import combined
from .matching import check_deadline, prefix_stem
from .page import date_of
from .query import And, Node, Not, Or, Phrase, Prefix, Word
from .request import SearchRequest

if TYPE_CHECKING:
    from .engine import Engine

MAX_QUOTES = 200
QUOTE_FIELD = "quote"


@dataclass(frozen=True)
class QuoteHit:
    """One attributed quote and the article it comes from."""

    id: str
    title: str
    date: date | None
    outlet: str | None
    url: str | None
    speaker: str
    text: str
    rule: str
    start: int
    end: int

    def to_json(self) -> dict[str, object]:
        """For ``/api/quotes``."""
        return {"id": self.id, "title": self.title,
                "date": self.date.isoformat() if self.date else None, "outlet": self.outlet,
                "url": self.url, "speaker": self.speaker, "text": self.text, "rule": self.rule,
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class QuotePage:
    """The quotes a request finds: how many, the first ones (newest first), per speaker."""

    total: int
    quotes: list[QuoteHit]
    # (speaker, quotes) of the matching quotes of the articles read, most first (with a
    # speaker asked, only that speaker's articles are read).
    speakers: tuple[tuple[str, int], ...] = ()

    def to_json(self) -> dict[str, object]:
        """``{"total", "quotes": [...], "speakers": [...]}``."""
        return {"total": self.total, "quotes": [q.to_json() for q in self.quotes],
                "speakers": [{"speaker": s, "count": n} for s, n in self.speakers]}


def quote_node(node: Node | None) -> Node | None:
    """``node`` with its unfielded words searching the quotes' text."""
    if isinstance(node, Word | Phrase | Prefix):
        return replace(node, field=QUOTE_FIELD) if node.field is None else node
    if isinstance(node, Not):
        return Not(quote_node(node.child))  # type: ignore[arg-type]
    if isinstance(node, And | Or):
        return type(node)(tuple(n for n in (quote_node(c) for c in node.children) if n is not None))
    return node


def _holds(node: Node | None, stems: set[str]) -> bool:
    """Whether a quote whose stems are ``stems`` says what ``node``'s quote words ask."""
    if node is None:
        return True
    if isinstance(node, Word | Phrase):
        return node.field != QUOTE_FIELD or set(analyze(node.text)) <= stems
    if isinstance(node, Prefix):
        if node.field != QUOTE_FIELD:
            return True
        stem = prefix_stem(node.text)
        return stem is None or any(s.startswith(stem) for s in stems)
    if isinstance(node, Not):
        return not _holds(node.child, stems) if _fielded(node.child) else True
    if isinstance(node, And):
        return all(_holds(c, stems) for c in node.children)
    if isinstance(node, Or):
        return any(_holds(c, stems) for c in node.children if _fielded(c)) or not any(
            _fielded(c) for c in node.children)
    return True


def _fielded(node: Node) -> bool:
    # Whether a subtree holds words about the quote's own text (others are the article's).
    if isinstance(node, Word | Phrase | Prefix):
        return node.field == QUOTE_FIELD
    if isinstance(node, Not):
        return _fielded(node.child)
    if isinstance(node, And | Or):
        return any(_fielded(c) for c in node.children)
    return False


def collect(docs: Iterable[Mapping[str, object]], node: Node | None, speaker: str | None,
            limit: int, deadline: float, seconds: float) -> QuotePage:
    """The page of quotes of ``docs`` (stored fields, newest first) that ``node`` and
    ``speaker`` keep; QueryTimeout (of ``seconds``) past ``deadline``."""
    limit = max(0, min(limit, MAX_QUOTES))
    hits: list[QuoteHit] = []
    total = 0
    speakers: Counter[str] = Counter()
    for i, f in enumerate(docs):
        if i % 64 == 63:
            check_deadline(deadline, seconds)
        raw = f.get("quotes") or "[]"
        quotes = raw["items"] if isinstance(raw, dict) else json.loads(str(raw))
        for q in quotes:
            if not q.get("speaker") or not _holds(node, set(analyze(q["text"]))):
                continue
            speakers[q["speaker"]] += 1
            if speaker is not None and q["speaker"] != speaker:
                continue
            total += 1
            if len(hits) < limit:
                hits.append(_hit(f, q))
    return QuotePage(total, hits, tuple(speakers.most_common()))


def _hit(f: Mapping[str, object], q: Mapping[str, object]) -> QuoteHit:
    when = f.get("date") or 0
    outlet = f.get("outlet")
    if isinstance(outlet, list):  # OpenSearch keeps keyword fields as lists
        outlet = outlet[0] if outlet else None
    return QuoteHit(str(f["id"]), str(f.get("title") or ""), date_of(int(when)),  # type: ignore[call-overload]
                    str(outlet or "") or None, str(f.get("url") or "") or None,
                    str(q["speaker"]), str(q["text"]), str(q.get("rule") or ""),
                    int(q.get("start") or 0), int(q.get("end") or 0))  # type: ignore[call-overload]


def request_node(req: SearchRequest) -> Node | None:
    """The tree a quote search matches articles with: the request's words in ``quote_text``."""
    return quote_node(search_node(req))


def whoosh_quotes(engine: Engine, req: SearchRequest, speaker: str | None,
                  limit: int) -> QuotePage:
    """``Engine.quotes``: the articles with quotes that ``req`` matches, by date, collected."""
    engine.searches.add()
    deadline = time.perf_counter() + engine.time_limit
    node = request_node(req)
    searcher, fx, _, req, matched, filters = engine._match(req, node, deadline)
    reader = searcher.reader()
    # Only articles with quotes (of this speaker) are read: every speaker's postings.
    names = [speaker] if speaker else [t.decode("utf-8") for t in reader.lexicon("speaker")]
    has = np.zeros(fx.ndocs, dtype=bool)
    for name in names:
        if reader.doc_frequency("speaker", name):
            has[list(reader.postings("speaker", name).all_ids())] = True
    ids = np.flatnonzero(combined(matched, filters) & has)
    keys = fx.dates.num[ids]
    order = ids[np.lexsort((ids, -keys))]
    return collect((searcher.stored_fields(int(n)) for n in order), node, speaker, limit,
                   deadline, engine.time_limit)
