"""Facets, declared once: what each counts, the parameter its values toggle, its title, how
many values it lists and how a value is labelled; and the facet results a page carries.

A result is a list of buckets in the manner of Datasette's facets: each bucket carries its
value, label, count, whether it is an active filter and the URL parameters that toggle it, so
that the HTML view, the JSON API and any backend agree on them. Values of one parameter
combine with OR, parameters with AND; a facet's counts ignore its own parameter's filter.

>>> [f.name for f in FACETS if f.param == "actor"]
['person', 'org']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from ..french import french_month, year_label
from .request import SearchRequest

# How many values a keyword facet returns (the selected ones are always added).
FACET_LIMIT = 50


def _same(value: str) -> str:
    return value


@dataclass(frozen=True)
class Facet:
    """One facet: ``field`` is the keyword field counted, or ``grain`` (`year`, `month`) the
    unit of the date column it counts by."""

    name: str
    param: str
    title: str
    field: str | None
    limit: int | None = FACET_LIMIT
    label: Callable[[str], str] = _same
    # Narrowed by the "filtrer les acteurs" box (``filtre_acteur``).
    narrowed: bool = False
    grain: str | None = None


FACETS = (
    Facet("outlet", "outlet", "Médias", "outlet"),
    Facet("person", "actor", "Personnes", "person", narrowed=True),
    Facet("org", "actor", "Organisations", "org", narrowed=True),
    Facet("place", "place", "Lieux", "place"),
    Facet("year", "year", "Années", None, None, year_label, grain="year"),
    Facet("month", "month", "Mois", None, None, french_month, grain="month"),
)
BY_NAME = {f.name: f for f in FACETS}
# The keyword field each filter parameter selects on (the actor filter: people and organisations).
FILTER_FIELDS = {"outlet": "outlet", "actor": "actor", "place": "place"}
# Every keyword field a backend reads facet values from.
KEYWORD_FIELDS = tuple(dict.fromkeys([*FILTER_FIELDS.values(),
                                      *(f.field for f in FACETS if f.field)]))


@dataclass(frozen=True)
class Bucket:
    """One facet value: what to show, how many match, whether it is an active filter, and the
    request parameters that add or remove it (back to page 1)."""

    value: str
    label: str
    count: int
    selected: bool = False
    params: dict[str, object] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, object]:
        """The bucket as the API returns it."""
        return {"value": self.value, "label": self.label, "count": self.count,
                "selected": self.selected, "params": self.params}


@dataclass(frozen=True)
class FacetResult(Sequence[Bucket]):
    """A facet's buckets for one page; the date facet also says how many articles are undated.

    Iterating gives every bucket, the undated one last, so a page's JSON lists it like a year.
    """

    facet: Facet
    buckets: tuple[Bucket, ...]
    truncated: bool = False
    unknown: Bucket | None = None

    @property
    def name(self) -> str:
        """The facet's name (``person``)."""
        return self.facet.name

    @property
    def title(self) -> str:
        """The facet's French title (``Personnes``)."""
        return self.facet.title

    def _all(self) -> tuple[Bucket, ...]:
        return self.buckets + ((self.unknown,) if self.unknown else ())

    def __iter__(self) -> Iterator[Bucket]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        return self._all()[i]


def every_month(present: dict[int, int], chosen: set[str]) -> list[Bucket]:
    """Buckets for every month from the first to the last of ``present`` (``yyyymm`` → count;
    the months between count 0), so the timeline shows the gaps."""
    if not present:
        return []
    first, last = min(present), max(present)
    out = []
    y, m = divmod(first, 100)
    while y * 100 + m <= last:
        key = f"{y:04d}-{m:02d}"
        out.append(Bucket(key, key, present.get(y * 100 + m, 0), key in chosen))
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def selected_values(req: SearchRequest, facet: Facet,
                    holds: Callable[[str, str], bool]) -> tuple[str, ...]:
    """The values of ``facet``'s parameter it lists as selected. ``holds(field, value)`` says
    whether the index has ``value`` in ``field``: a value goes to the facets that have it, and
    one that no facet of its parameter has (a stale link) to the parameter's first facet."""
    values = req.values(facet.param)
    if facet.field is None:
        return values
    siblings = [f.field for f in FACETS if f.param == facet.param and f.field]
    first = siblings[0] == facet.field
    return tuple(v for v in values if holds(facet.field, v)
                 or (first and not any(holds(s, v) for s in siblings)))


def finish(req: SearchRequest, facet: Facet, raw: list[Bucket], unknown: Bucket | None = None,
           truncated: bool = False) -> FacetResult:
    """The result of ``facet``: labels and toggle parameters added to a backend's buckets."""

    def done(b: Bucket) -> Bucket:
        return replace(b, label=facet.label(b.value), params=req.toggled(facet.param, b.value))

    return FacetResult(facet, tuple(done(b) for b in raw), truncated,
                       done(unknown) if unknown is not None else None)
