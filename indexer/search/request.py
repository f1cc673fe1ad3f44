"""A search as a request: query text, filters, sort and page, read from URL parameters."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..errors import QueryError
from ..french import UNKNOWN_YEAR

SORTS = {
    "pertinence": "pertinence",
    "relevance": "pertinence",
    "recent": "recent",
    "date": "recent",
    "newest": "recent",
    "ancien": "ancien",
    "oldest": "ancien",
}
MAX_PER_PAGE = 100
MAX_PAGE = 1000
# How bare words combine: `and` (every word, the default) or `or` (any word, ranked by score).
MODES = {"and": "and", "et": "and", "or": "or", "ou": "or"}


def _date_param(name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise QueryError(f"{name} : date attendue au format AAAA-MM-JJ, reçu {value!r}") from exc


def _int_param(name: str, value: str, low: int, high: int) -> int:
    try:
        n = int(value)
    except ValueError as exc:
        raise QueryError(f"{name} : nombre entier attendu, reçu {value!r}") from exc
    if not low <= n <= high:
        raise QueryError(f"{name} : doit être entre {low} et {high}, reçu {n}")
    return n


# Characters XML 1.0 forbids (controls other than tab and newlines, U+FFFE, U+FFFF, lone
# surrogates): never meaningful in a query, and they would break the Atom feed that echoes it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot carry.

    >>> xml_safe("Niger\x01\x0b Mali\ufffe")
    'Niger Mali'
    """
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class SearchRequest:
    """A search: the query text, filters (OR within a facet, AND across), sort and page."""

    q: str = ""
    page: int = 1
    per_page: int = 10
    sort: str = "pertinence"
    outlet: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    month: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    mode: str = "and"
    # Narrows the people/organisation facets to names containing this text (folded).
    actor_filter: str = ""
    # `exact=1`: the query as typed, without spelling correction or variants.
    exact: bool = False

    @classmethod
    def from_params(cls, params: Mapping[str, Sequence[str]], per_page: int = 10) -> SearchRequest:
        """Read request parameters (each a list of strings); raises QueryError when invalid.

        ``per_page`` is the page size when the parameters give none (``PRESSE_PER_PAGE``).
        """

        def one(name: str, default: str = "") -> str:
            values = params.get(name) or []
            return xml_safe(values[0]).strip() if values and values[0] is not None else default

        def many(name: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(xml_safe(v).strip() for v in params.get(name) or []
                                       if v and xml_safe(v).strip()))

        sort = one("sort", "pertinence").lower()
        if sort not in SORTS:
            raise QueryError(f"sort : valeurs possibles {', '.join(sorted(set(SORTS.values())))}")
        mode = one("mode", "and").lower()
        if mode not in MODES:
            raise QueryError("mode : valeurs possibles and (tous les mots), or (au moins un mot)")
        # `inconnue` selects the articles that state no date (year 0 in the date column).
        years = tuple(0 if y == UNKNOWN_YEAR else _int_param("year", y, 1800, 2200)
                      for y in many("year"))
        months = many("month")
        for m in months:
            if len(m) != 7 or m[4] != "-":
                raise QueryError(f"month : mois attendu au format AAAA-MM, reçu {m!r}")
            _int_param("month", m[:4], 1800, 2200)
            _int_param("month", m[5:], 1, 12)
        return cls(
            q=one("q"),
            page=_int_param("page", one("page", "1"), 1, MAX_PAGE),
            per_page=_int_param("per_page", one("per_page", str(per_page)), 1, MAX_PER_PAGE),
            sort=SORTS[sort],
            outlet=many("outlet"),
            actor=many("actor"),
            place=many("place"),
            year=years,
            month=months,
            date_from=_date_param("date_from", one("date_from")) if one("date_from") else None,
            date_to=_date_param("date_to", one("date_to")) if one("date_to") else None,
            mode=MODES[mode],
            actor_filter=one("filtre_acteur")[:100],
            exact=one("exact").lower() in ("1", "true", "oui"),
        )

    def params(self, **changes: object) -> dict[str, object]:
        """URL parameters for this request with ``changes`` applied (defaults left out)."""
        out: dict[str, object] = {
            "q": self.q, "outlet": list(self.outlet), "actor": list(self.actor),
            "place": list(self.place), "year": [str(y) if y else UNKNOWN_YEAR for y in self.year],
            "month": list(self.month),
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "sort": self.sort if self.sort != "pertinence" else "",
            "page": self.page if self.page != 1 else "",
            "per_page": self.per_page if self.per_page != 10 else "",
            "mode": self.mode if self.mode != "and" else "",
            "filtre_acteur": self.actor_filter,
            "exact": "1" if self.exact else "",
        }  # fmt: skip
        out.update(changes)
        return {k: v for k, v in out.items() if v not in ("", [], None)}

    def values(self, param: str) -> tuple[str, ...]:
        """The values of one filter parameter as the URL writes them (`year=inconnue`)."""
        found = self.params().get(param, [])
        return tuple(str(v) for v in found) if isinstance(found, list) else (str(found),)

    def toggled(self, param: str, value: str) -> dict[str, object]:
        """Parameters with ``value`` added to or removed from ``param``, back to page 1."""
        current = list(self.values(param))
        new = [v for v in current if v != value] if value in current else [*current, value]
        return self.params(**{param: new, "page": ""})

    @property
    def has_filters(self) -> bool:
        """Whether any facet or date filter is active."""
        return bool(self.outlet or self.actor or self.place or self.year or self.month
                    or self.date_from or self.date_to)
