"""The JSON answers: the same SearchPage and ArticlePage as the HTML views, and the health check.

- ``/api/search?q=…&outlet=…&page=…``: hits, facets (buckets with their toggle parameters),
  totals, suggestion, relaxed query and duplicate groups (``SearchPage.to_json``, which
  ``presse search --json`` prints too);
- ``/api/article/<id>?q=…``: an article's text and metadata with provenance, the query's
  marks as offsets, its best passages and related articles (``ArticlePage.to_json``).

- ``/healthz``: the index state that answers (document count, version, last update, actor
  coverage: ``{"annotated": 12400, "documents": 36152}`` while the actor phase runs).

Errors are ``{"error": "…"}`` with a 4xx status (``views.register_error_pages``).
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from indexer.search.backend import actor_coverage
from indexer.search.query import MAX_QUERY_CHARS

from . import get_backend, search_request

bp = Blueprint("api", __name__)


@bp.get("/api/search")
def search() -> Response:
    """`/api/search?q=…&outlet=…&page=…`: hits, facets, totals, suggestion, groups, and how
    many articles carry their actors yet (``actors``)."""
    backend = get_backend()
    page = backend.search(search_request(request.args.to_dict(flat=False)))
    doc = page.to_json()
    doc["actors"] = actor_coverage(page.documents, backend.pending_actors())
    return jsonify(doc)


@bp.get("/api/article/<docid:doc_id>")
def article(doc_id: str) -> Response | tuple[Response, int]:
    """One article's text and metadata with provenance; `?q=` adds highlights and offsets."""
    art = get_backend().article(doc_id, request.args.get("q", "")[:MAX_QUERY_CHARS])
    if art is None:
        return jsonify({"error": f"article inconnu : {doc_id}"}), 404
    return jsonify(art.to_json())


@bp.get("/healthz")
def healthz() -> Response:
    """Index loaded, document count, index age."""
    gen = get_backend().generation()
    return jsonify({"status": "ok", "documents": gen.documents, "updated_at": gen.updated_at,
                    "version": gen.version, "actors": gen.coverage()})
