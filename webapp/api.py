"""The JSON API: the same SearchPage as the HTML view, as JSON."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from indexer.search import SearchRequest

from . import get_engine

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search() -> Response:
    """`/api/search?q=…&outlet=…&page=…`: hits, facets, totals."""
    req = SearchRequest.from_params(request.args.to_dict(flat=False))
    return jsonify(get_engine().search(req).to_json())


@bp.get("/article/<path:doc_id>")
def article(doc_id: str) -> Response | tuple[Response, int]:
    """One article's stored text and metadata with provenance."""
    art = get_engine().article(doc_id)
    if art is None:
        return jsonify({"error": f"article inconnu : {doc_id}"}), 404
    art["date"] = art["date"].isoformat() if art["date"] else None  # type: ignore[attr-defined]
    for key in ("people", "orgs", "places"):
        art[key] = list(art[key])  # type: ignore[call-overload]
    return jsonify(art)
