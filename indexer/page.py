"""What a search returns: hits with their snippets and folded copies, and the page around them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from .facets import Bucket, french_date
from .request import SearchRequest
from .snippets import Fragment


@dataclass(frozen=True)
class Hit:
    """One result, ready for the HTML view and the JSON API alike."""

    id: str
    path: str
    title: str
    title_html: Markup
    outlet: str | None
    date: date | None
    author: str | None
    people: tuple[str, ...]
    orgs: tuple[str, ...]
    places: tuple[str, ...]
    url: str | None
    score: float | None
    fragments: tuple[Fragment, ...]
    # Near-identical articles folded under this one ("repris par"), best first.
    also: tuple[Hit, ...] = ()

    @property
    def date_label(self) -> str:
        """The date in French: `21 janvier 2026`, or `date inconnue`."""
        return french_date(self.date)

    @property
    def snippet(self) -> Markup:
        """The fragments joined, as safe HTML."""
        out = Markup("")
        for i, f in enumerate(self.fragments):
            if i:  # one ellipsis between passages, even when a passage was cut
                out += Markup(" ") if out.endswith("…") or f.html.startswith("…") else Markup(" … ")
            out += f.html
        return out

    def to_json(self) -> dict[str, object]:
        """The hit as the API returns it."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date.isoformat() if self.date else None,
            "author": self.author,
            "actors": list(self.people + self.orgs),
            "people": list(self.people),
            "organisations": list(self.orgs),
            "places": list(self.places),
            "url": self.url,
            "score": self.score,
            "snippet": str(self.snippet),
            "highlights": [
                {"html": str(f.html), "start": f.start, "end": f.end,
                 "marks": [list(m) for m in f.marks]}
                for f in self.fragments
            ],
        }  # fmt: skip


@dataclass
class SearchPage:
    """Everything one search shows: hits, totals, facet buckets, timing."""

    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[Bucket]]
    elapsed_ms: float = 0.0
    documents: int = 0
    notes: list[str] = field(default_factory=list)
    # Results once near-identical articles are folded, when the grouping window held them all.
    distinct: int | None = None

    @property
    def pages(self) -> int:
        """How many pages of results there are (at least 1)."""
        shown = self.total if self.distinct is None else self.distinct
        return max(1, -(-shown // self.request.per_page))

    def to_json(self) -> dict[str, object]:
        """The page as the API returns it."""
        return {
            "query": self.request.q,
            "total": self.total,
            "page": self.request.page,
            "per_page": self.request.per_page,
            "pages": self.pages,
            "distinct": self.distinct,
            "sort": self.request.sort,
            "took_ms": round(self.elapsed_ms, 2),
            "hits": [h.to_json() for h in self.hits],
            "facets": {
                name: [{"value": b.value, "label": b.label, "count": b.count,
                        "selected": b.selected} for b in buckets]
                for name, buckets in self.facets.items()
            },  # fmt: skip
        }


def split_values(value: str) -> tuple[str, ...]:
    """The values of a comma-separated keyword field."""
    return tuple(v for v in value.split(",") if v) if value else ()


def date_of(num: int) -> date | None:
    """The date of a ``yyyymmdd`` column value (None for 0: no date)."""
    if not num:
        return None
    return date(num // 10000, num // 100 % 100, num % 100)
