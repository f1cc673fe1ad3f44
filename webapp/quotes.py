"""Quote search over HTTP: who said what, as JSON and as a French page.

- ``/api/quotes?q=russie&speaker=Abdoulaye%20Diop&outlet=…&year=…&limit=…``:
  ``{"total", "quotes": [...], "speakers": [...]}`` (``QuotePage.to_json``), newest first;
- ``/citations?q=…&speaker=…``: the same quotes, each in a ``<blockquote>`` with its speaker
  (linked to the actor page ``/acteur/<name>``) and its article.

``q``'s words must be in the quote itself; the other parameters filter the articles as on the
search page. ``limit`` is 1 to 200 (50 by default).
"""

from __future__ import annotations

from urllib.parse import quote as urlquote
from urllib.parse import urlencode

from flask import Blueprint, jsonify, render_template, request
from werkzeug.wrappers import Response

from indexer.errors import QueryError
from indexer.search.quotes import MAX_QUOTES, QuotePage
from indexer.search.request import SearchRequest

from . import get_backend, search_request

bp = Blueprint("quotes", __name__)

DEFAULT_LIMIT = 50
MAX_SPEAKER_CHARS = 200


def _limit(value: str | None) -> int:
    if value is None or value == "":
        return DEFAULT_LIMIT
    try:
        n = int(value)
    except ValueError as exc:
        raise QueryError(f"limit : nombre entier attendu, reçu {value!r}") from exc
    if not 1 <= n <= MAX_QUOTES:
        raise QueryError(f"limit : doit être entre 1 et {MAX_QUOTES}, reçu {n}")
    return n


def _page() -> tuple[SearchRequest, str | None, QuotePage]:
    params = request.args.to_dict(flat=False)
    speaker = (request.args.get("speaker") or "").strip()[:MAX_SPEAKER_CHARS] or None
    limit = _limit(request.args.get("limit"))
    for own in ("speaker", "limit"):
        params.pop(own, None)
    req = search_request(params)
    return req, speaker, get_backend().quotes(req, speaker=speaker, limit=limit)


def actor_href(name: str) -> str:
    """The actor page of ``name`` (the route lives in the actors blueprint).

    >>> actor_href("Abdoulaye Diop")
    '/acteur/Abdoulaye%20Diop'
    """
    return "/acteur/" + urlquote(name, safe="")


@bp.get("/api/quotes")
def api_quotes() -> Response:
    """`/api/quotes?q=…&speaker=…`: the attributed quotes holding ``q``'s words."""
    _, _, page = _page()
    return jsonify(page.to_json())


@bp.get("/citations")
def citations() -> str:
    """The quotes page: who said what, newest first, with a list of speakers."""
    req, speaker, page = _page()
    kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("speaker", "limit")]

    def speaker_url(name: str | None) -> str:
        pairs = kept + ([("speaker", name)] if name else [])
        return "/citations" + ("?" + urlencode(pairs) if pairs else "")

    return render_template("quotes.html", page=page, req=req, q=req.q, speaker=speaker,
                           actor_href=actor_href, speaker_url=speaker_url)
