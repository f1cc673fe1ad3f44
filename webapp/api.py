"""The JSON API: the same Results as the HTML view, as JSON."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from indexer.query import MAX_QUERY_CHARS, parse
from indexer.snippets import fragments, mark, match_spans, query_terms

from . import get_engine
from .results import run

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search() -> Response:
    """`/api/search?q=…&outlet=…&page=…`: hits, facets, totals, suggestion, groups."""
    return jsonify(run(get_engine(), request.args.to_dict(flat=False)).to_json())


@bp.get("/article/<docid:doc_id>")
def article(doc_id: str) -> Response | tuple[Response, int]:
    """One article's text and metadata with provenance; `?q=` adds highlights and offsets."""
    engine = get_engine()
    art = engine.article(doc_id)
    if art is None:
        return jsonify({"error": f"article inconnu : {doc_id}"}), 404
    terms = query_terms(parse(request.args.get("q", "")[:MAX_QUERY_CHARS]))
    body = str(art["body"])
    spans = match_spans(body, terms)
    art["date"] = art["date"].isoformat() if art["date"] else None  # type: ignore[attr-defined]
    for key in ("people", "orgs", "places"):
        art[key] = list(art[key])  # type: ignore[call-overload]
    art["body_html"] = str(mark(body, spans))
    art["marks"] = [list(s) for s in spans]
    art["highlights"] = [
        {"html": str(f.html), "start": f.start, "end": f.end, "marks": [list(m) for m in f.marks]}
        for f in fragments(body, terms)
    ] if spans else []
    art["related"] = [{"id": h.id, "title": h.title, "outlet": h.outlet,
                       "date": h.date.isoformat() if h.date else None}
                      for h in engine.related(doc_id)]
    return jsonify(art)
