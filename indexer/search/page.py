"""What a search returns: hits with their snippets and folded copies, and the page around them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..dedupe import Group
from ..french import french_date
from .facets import BY_NAME, FacetResult
from .matching import MIN_PREFIX
from .request import SearchRequest
from .snippets import Fragment
from .timeline import Timeline, timeline

if TYPE_CHECKING:
    from .coactors import CoActor


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


@dataclass(frozen=True)
class Chip:
    """An active filter as the page lists it, with the parameters that remove it."""

    kind: str
    label: str
    params: dict[str, object]


# The kind each filter parameter's chip shows.
CHIP_KINDS = (("outlet", "média"), ("actor", "acteur"), ("place", "lieu"), ("year", "année"),
              ("month", "mois"))


@dataclass
class SearchPage:
    """Everything one search shows: hits, totals, facets, timeline and the rewrites offered.

    Rendered as it is by the HTML view, the JSON API, the Atom feed and the CLI.
    """

    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, FacetResult]
    elapsed_ms: float = 0.0
    documents: int = 0
    # Results once near-identical articles are folded, when the grouping window held them all.
    distinct: int | None = None
    # "Vouliez-vous dire …": a respelt query that finds more, and how many it finds.
    suggestion: str | None = None
    suggestion_total: int = 0
    # For a query that finds nothing: its words ORed, when that finds something.
    relaxed: str | None = None
    relaxed_total: int = 0
    # The query as typed when it found nothing and the page shows ``suggestion``'s results.
    corrected: str | None = None
    # Press spelling variants searched with the typed words: typed word → the other spellings.
    variants: dict[str, list[str]] = field(default_factory=dict)
    # Prefixes too short to search (`a*`), and whether the rest of the query ran without them.
    short_prefixes: tuple[str, ...] = ()
    short_dropped: bool = False
    # With exactly one actor selected: who appears with it in the matched articles, most first.
    with_actors: list[CoActor] | None = None

    @property
    def pages(self) -> int:
        """How many pages of results there are (at least 1)."""
        shown = self.total if self.distinct is None else self.distinct
        return max(1, -(-shown // self.request.per_page))

    @property
    def groups(self) -> list[Group[Hit]]:
        """Each hit with the near-identical articles folded under it."""
        return [Group(h, list(h.also)) for h in self.hits]

    @property
    def timeline(self) -> Timeline:
        """The timeline chart: the month buckets by month, quarter or year, as the span asks."""
        month = self.facets.get("month")
        return timeline(month.buckets if month is not None else (), self.request)

    @property
    def short_prefix_notice(self) -> str:
        """Why a prefix was not searched, in French ('' when none was too short)."""
        if not self.short_prefixes:
            return ""
        shown = ", ".join(f"« {p} »" for p in self.short_prefixes)
        plural = "s" if len(self.short_prefixes) > 1 else ""
        tail = f" ; ignoré{plural}, le reste de la recherche est fait" if self.short_dropped else ""
        return f"préfixe{plural} trop court{plural} : {shown} — au moins {MIN_PREFIX} lettres{tail}"

    @property
    def chips(self) -> list[Chip]:
        """The active filters, each with the parameters that remove it."""
        req = self.request
        out = []
        for param, kind in CHIP_KINDS:
            label = BY_NAME[param].label if param in BY_NAME else str
            out += [Chip(kind, label(v), req.toggled(param, v)) for v in req.values(param)]
        if req.date_from:
            out.append(Chip("depuis", french_date(req.date_from), req.params(date_from="", page="")))
        if req.date_to:
            out.append(Chip("jusqu'au", french_date(req.date_to), req.params(date_to="", page="")))
        if req.actor_filter:
            out.append(Chip("acteurs contenant", req.actor_filter,
                            req.params(filtre_acteur="", page="")))
        return out

    def to_json(self) -> dict[str, object]:
        """The page as the API (and `presse search --json`) returns it."""
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
            "facets": {name: [b.to_json() for b in result] for name, result in self.facets.items()},
            "suggestion": self.suggestion,
            "relaxed": {"q": self.relaxed, "total": self.relaxed_total} if self.relaxed else None,
            "corrected": {"from": self.corrected, "to": self.suggestion}
                         if self.corrected is not None else None,
            "variants": self.variants,
            "short_prefix": {"prefixes": list(self.short_prefixes), "min": MIN_PREFIX,
                             "dropped": self.short_dropped, "message": self.short_prefix_notice}
                            if self.short_prefixes else None,
            "groups": [{"id": g.lead.id, "also": [h.id for h in g.others]}
                       for g in self.groups if g.others],
            **({"with": [c.to_json() for c in self.with_actors]}
               if self.with_actors is not None else {}),
        }


def split_values(value: str) -> tuple[str, ...]:
    """The values of a comma-separated keyword field."""
    return tuple(v for v in value.split(",") if v) if value else ()


def date_of(num: int) -> date | None:
    """The date of a ``yyyymmdd`` column value (None for 0: no date)."""
    if not num:
        return None
    return date(num // 10000, num // 100 % 100, num % 100)


def display_prefix(corpus: Path) -> str:
    """How the corpus folder is shown before a document's path: relative to the project."""
    from ..settings import ROOT

    try:
        rel = corpus.resolve().relative_to(ROOT)
    except ValueError:
        return f"{corpus}/" if str(corpus) else ""
    return "" if str(rel) == "." else f"{rel.as_posix()}/"
