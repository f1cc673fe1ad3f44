"""Who appears with an actor: co-actor counts read from a page's person and organisation
facets, the query that ANDs actors, and what an actor name names (type, other forms).

Several ``actor=`` values of a URL are ORed (a facet's values), so a link meaning "articles
naming both A and B" says it in the query language instead, whose ``acteur:`` clauses AND:
``q=acteur:"A" acteur:"B"``. The same query works on every backend and keeps the user's words.

>>> and_query("russie", "and", ["Abdoulaye Diop"])
'(russie) acteur:"Abdoulaye Diop"'
>>> and_query("russie mali", "or", ["AES", "CEDEAO"])
'(russie OU mali) acteur:"AES" acteur:"CEDEAO"'
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..actor_names import ActorNames
from .facets import FacetResult
from .query import MAX_QUERY_CHARS, parse
from .request import SearchRequest

# The facet that holds an actor → its type as the page says it.
KINDS = {"person": "personne", "org": "organisation"}
# How many co-actors the search page lists under "Qui apparaît avec X".
WITH_LIMIT = 8
_QUOTES = re.compile(r'["“”«»„]')


@dataclass(frozen=True)
class CoActor:
    """An actor named in the same articles, how many, and its type (`personne`)."""

    name: str
    count: int
    kind: str

    def to_json(self) -> dict[str, object]:
        """As the API lists it under ``with``."""
        return {"name": self.name, "count": self.count, "type": self.kind}


@dataclass(frozen=True)
class ActorInfo:
    """What an actor name names: the displayed name, its type and its other written forms."""

    name: str
    kind: str
    variants: tuple[str, ...]


def actor_clause(name: str) -> str:
    """The query clause that keeps the articles naming ``name`` (a phrase holds no quote mark,
    so quotes in a name become spaces)."""
    return f'acteur:"{" ".join(_QUOTES.sub(" ", name).split())}"'


def and_query(q: str, mode: str, names: Sequence[str]) -> str:
    """``q`` (read with ``mode``, ``and`` or ``or``) ANDed with an ``acteur:`` clause per name,
    as query text to search with ``mode=and``."""
    from .answer import any_word  # answer imports this module
    from .suggest import node_text

    clauses = " ".join(actor_clause(n) for n in names)
    base = node_text(any_word(parse(q))) if mode == "or" else q.strip()
    if len(_QUOTES.findall(base)) % 2:
        base += '"'  # an unclosed phrase would swallow the clauses
    base = base[:max(0, MAX_QUERY_CHARS - len(clauses) - 4)]  # never cut the clauses off
    return f"({base}) {clauses}" if base else clauses


def and_params(req: SearchRequest, *names: str) -> dict[str, object]:
    """URL parameters of ``req`` restricted to articles naming every one of ``names``."""
    return req.params(q=and_query(req.q, req.mode, names), mode="", page="")


def co_actors(facets: Mapping[str, FacetResult], exclude: Iterable[str],
              limit: int) -> list[CoActor]:
    """The people and organisations of a page's facets, most frequent first (then by name),
    without ``exclude``: the actors of the articles the page matched."""
    skip = set(exclude)
    found = [CoActor(b.value, b.count, kind) for facet, kind in KINDS.items()
             for b in facets.get(facet, ()) if b.count and b.value not in skip]
    return sorted(found, key=lambda c: (-c.count, c.name))[:limit]


def identify(name: str, names: ActorNames, people: Container[str],
             orgs: Container[str]) -> ActorInfo | None:
    """The actor ``name`` names, directly or through a variant (`Diop`, `ECOWAS`); None when
    the index holds no such person or organisation."""
    for candidate in (name, *names.resolve(name)):
        for kind, held in (("personne", people), ("organisation", orgs)):
            if candidate in held:
                forms = [v for v in names.variants.get(candidate, ()) if v != candidate]
                return ActorInfo(candidate, kind, tuple(forms))
    return None
