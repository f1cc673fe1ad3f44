"""The read contract: what the web app, the CLI and the feeds ask of a search backend.

Everything above this seam speaks ``SearchRequest`` → ``SearchPage`` and ``ArticlePage``;
nothing there knows which backend answers. ``whoosh`` (``engine.py``, the embedded index of one
folder) is the default; a second backend implements the same protocol and is chosen by the
``PRESSE_BACKEND`` setting: ``opensearch`` (``indexer/opensearch/``) reads a cluster.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import PresseError
from ..french import thousands
from .request import SearchRequest

if TYPE_CHECKING:
    from .article_page import ArticlePage
    from .coactors import ActorInfo
    from .export import Export
    from .facets import Bucket
    from .page import Hit, SearchPage
    from .quotes import QuotePage

BACKENDS = ("whoosh", "opensearch")


@dataclass(frozen=True)
class Generation:
    """The index state a backend answers from."""

    name: str
    documents: int
    version: str
    built_at: str
    updated_at: str
    # Articles indexed and searchable whose actors are still to come (the actor phase).
    pending_actors: int = 0

    def to_json(self) -> dict[str, object]:
        """For ``/healthz``."""
        return {"documents": self.documents, "generation": self.name, "version": self.version,
                "built_at": self.built_at, "updated_at": self.updated_at,
                "actors": self.coverage()}

    def coverage(self) -> dict[str, int]:
        """How many articles carry their actors: ``{"annotated": 12400, "documents": 36152}``."""
        return actor_coverage(self.documents, self.pending_actors)

    def coverage_label(self) -> str | None:
        """`acteurs : 12 400 / 36 152 articles annotés` while some wait, else None."""
        return coverage_label(self.documents, self.pending_actors)


def actor_coverage(documents: int, pending: int) -> dict[str, int]:
    """``{"annotated": …, "documents": …}`` of an index with ``pending`` articles awaiting actors.

    >>> actor_coverage(36152, 23752)
    {'annotated': 12400, 'documents': 36152}
    """
    return {"annotated": documents - min(pending, documents), "documents": documents}


def coverage_label(documents: int, pending: int) -> str | None:
    """The page's line while articles await their actors, else None.

    >>> coverage_label(36152, 23752), coverage_label(3, 0)
    ('acteurs : 12 400 / 36 152 articles annotés', None)
    """
    if not pending:
        return None
    c = actor_coverage(documents, pending)
    return f"acteurs : {thousands(c['annotated'])} / {thousands(c['documents'])} articles annotés"


class Backend(Protocol):
    """A search backend: one per process, safe to call from several threads."""

    name: str

    def search(self, req: SearchRequest, *, suggest: bool = True, group: bool = True) -> SearchPage:
        """The complete page for ``req``: hits, groups, facets, timeline, suggestion, relaxed."""
        ...

    def article(self, doc_id: str, q: str = "") -> ArticlePage | None:
        """One article with ``q``'s words marked and its related articles; None if unknown."""
        ...

    def related(self, doc_id: str, top: int = 5) -> list[Hit]:
        """The articles most like ``doc_id``, best first."""
        ...

    def suggest(self, q: str) -> str | None:
        """A respelt ``q`` that finds more than ``q`` does, or None."""
        ...

    def stats(self, top: int = 10) -> dict[str, object]:
        """Documents, fields, top facet values, provenance counts, index age."""
        ...

    def generation(self) -> Generation:
        """Which index state answers now."""
        ...

    def pending_actors(self) -> int:
        """Searchable articles whose actors are still to come (0 for a backend that annotates
        as it writes); cheap: the page asks it on every search."""
        ...

    def export(self, req: SearchRequest, limit: int) -> Export:
        """Every article ``req`` matches (no folding of copies), in the page's order, at most
        ``limit``: ``total`` counts all matches, ``rows`` are read lazily as they are consumed.

        The matching, the total and the order are settled before it returns, so a bad query
        raises QueryError here and never halfway through a streamed file.
        """
        ...

    def facet_counts(self, req: SearchRequest, name: str) -> list[Bucket]:
        """Every bucket of facet ``name`` (``outlet``, ``person``, … of ``FACETS``) under
        ``req``, as the page lists them but with no limit; KeyError for an unknown name."""
        ...

    def actor_info(self, name: str) -> ActorInfo | None:
        """The person or organisation ``name`` names, directly or by a variant: its displayed
        name, type and other forms (``coactors.identify``); None when the index has none."""
        ...

    def quotes(self, req: SearchRequest, speaker: str | None = None,
               limit: int = 50) -> QuotePage:
        """The attributed quotes whose text holds ``req``'s words, in the articles ``req``'s
        filters keep (and of ``speaker`` if given), newest first, at most ``limit`` (≤ 200)."""
        ...


class UnknownBackend(PresseError):
    """``PRESSE_BACKEND`` names no backend this version has."""

    def __init__(self, name: str) -> None:
        super().__init__(f"moteur de recherche inconnu : {name!r} (PRESSE_BACKEND : "
                         f"{', '.join(BACKENDS)})")


def open_backend(name: str, index_dir: Path, options: Mapping[str, object] | None = None) -> Backend:
    """The backend called ``name``, opened (IndexMissing/IndexOutdated when there is no index).

    ``options`` (setting name → value) override the settings, e.g. ``OPENSEARCH_URL``.
    """
    if name == "whoosh":
        from .engine import Engine

        return Engine(index_dir)
    if name == "opensearch":
        from ..opensearch.backend import OpenSearchBackend
        from ..opensearch.connection import Connection

        return OpenSearchBackend(Connection.from_settings(options), index_dir)
    raise UnknownBackend(name)
