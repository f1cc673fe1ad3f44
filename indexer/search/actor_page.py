"""An actor's page from any backend: who the actor is (type, other written forms), when and
where the press names them, who appears with them, and their articles, under a search.

One search answers it all: the request's query ANDed with the actor's ``acteur:`` clause
(``coactors.and_query``). With the actor in the query rather than in the ``actor`` filter, the
person and organisation facets count under it (a facet ignores its own parameter's filter), so
they are the co-actor counts: numpy bincounts over the matches (``facet_tables.py``) on the
embedded index, terms aggregations on OpenSearch; the month buckets, the outlet counts and the
newest articles come from the same page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .coactors import CoActor, and_params, and_query, co_actors
from .facets import Bucket
from .page import SearchPage
from .request import SearchRequest
from .timeline import Timeline, timeline

if TYPE_CHECKING:
    from .backend import Backend
    from .quotes import QuotePage

# How many co-actors and outlets an actor page lists; how many recent quotes it shows.
COACTORS = 15
QUOTES = 5


@dataclass(frozen=True)
class ActorPage:
    """Everything ``/acteur/<name>`` shows, for the HTML view and the JSON API alike."""

    name: str
    kind: str
    variants: tuple[str, ...]
    # The search the page answers, as the URL gave it (without the actor).
    request: SearchRequest
    # That search restricted to the actor: hits, totals and facets.
    page: SearchPage
    coactors: tuple[CoActor, ...]
    # "Dernières citations": the actor's latest attributed quotes under the search.
    quotes: QuotePage | None = None

    @property
    def outlets(self) -> tuple[Bucket, ...]:
        """The outlets naming the actor under the search, most articles first."""
        return tuple(b for b in self.page.facets.get("outlet", ()) if b.count)

    @property
    def months(self) -> tuple[Bucket, ...]:
        """Every month from the first article naming the actor to the last (gaps count 0)."""
        month = self.page.facets.get("month")
        # Toggling a month narrows the actor page's search, not the ANDed one it ran.
        return tuple(replace(b, params=self.request.toggled("month", b.value))
                     for b in (month.buckets if month is not None else ()))

    @property
    def timeline(self) -> Timeline:
        """The month chart, its bars toggling the month of the actor page's own search."""
        return timeline(self.months, self.request)

    @property
    def total(self) -> int:
        """Articles naming the actor under the search."""
        return self.page.total

    @property
    def pages(self) -> int:
        """Pages of articles (at least 1)."""
        return self.page.pages

    def search_params(self) -> dict[str, object]:
        """The search page's parameters for the actor's articles under the search."""
        return and_params(self.request, self.name)

    def with_params(self, other: str) -> dict[str, object]:
        """The search page's parameters for the articles naming both the actor and ``other``."""
        return and_params(replace(self.request, sort="pertinence"), self.name, other)

    def to_json(self) -> dict[str, object]:
        """The page as ``/api/actor/<name>`` returns it."""
        quotes = self.quotes
        return {
            "name": self.name,
            "type": self.kind,
            "variants": list(self.variants),
            "query": self.request.q,
            "total": self.total,
            "page": self.request.page,
            "per_page": self.request.per_page,
            "pages": self.pages,
            "sort": self.request.sort,
            "months": [{"month": b.value, "count": b.count} for b in self.months],
            "outlets": [{"name": b.value, "count": b.count} for b in self.outlets],
            "with": [c.to_json() for c in self.coactors],
            "hits": [h.to_json() for h in self.page.hits],
            "quotes": quotes.to_json() if quotes is not None else None,
        }


def actor_page(backend: Backend, name: str, req: SearchRequest) -> ActorPage | None:
    """The page of the actor ``name`` (its displayed name) under ``req``; None when the index
    names no such person or organisation. A variant's page is the canonical one's: the caller
    redirects when ``.name`` differs from ``name``."""
    info = backend.actor_info(name)
    if info is None:
        return None
    if info.name != name:
        return ActorPage(info.name, info.kind, info.variants, req,
                         SearchPage(request=req, total=0, hits=[], facets={}), ())
    searched = replace(req, q=and_query(req.q, req.mode, [info.name]), mode="and")
    page = backend.search(searched, suggest=False)
    coactors = co_actors(page.facets, [info.name], COACTORS)
    return ActorPage(info.name, info.kind, info.variants, req, page, tuple(coactors),
                     _quotes(backend, req, info.name))


def _quotes(backend: Backend, req: SearchRequest, name: str) -> QuotePage:
    """The actor's latest attributed quotes whose text holds ``req``'s words."""
    return backend.quotes(replace(req, page=1), speaker=name, limit=QUOTES)
