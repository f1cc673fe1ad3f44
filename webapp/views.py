"""HTML pages: search, article, health, and the error pages. They render the backend's
``SearchPage`` and ``ArticlePage`` as they are."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import BackendUnavailable, IndexMissing, IndexOutdated, QueryError
from indexer.french import count_label, french_date, thousands
from indexer.search.backend import coverage_label
from indexer.search.query import MAX_QUERY_CHARS

from . import get_backend, search_request

bp = Blueprint("views", __name__)

# How many values a facet lists before its "plus…" link.
FACET_TOP = 8


@bp.app_template_filter("french_date")
def _french_date(value: object) -> str:
    return french_date(value)  # type: ignore[arg-type]


@bp.app_template_global("count_label")
def _count_label(n: int, noun: str, plural: str | None = None) -> str:
    return count_label(int(n), noun, plural)


@bp.app_template_filter("thousands")
def _thousands(value: int) -> str:
    return thousands(int(value))


def date_shortcuts(today: date) -> list[tuple[str, str]]:
    """(label, date_from) pairs: `cette année`, `12 derniers mois`."""
    return [
        ("cette année", date(today.year, 1, 1).isoformat()),
        ("12 derniers mois", (today - timedelta(days=365)).isoformat()),
    ]


@bp.get("/")
def search() -> str:
    """The search page; with no query it lists the newest articles."""
    backend = get_backend()
    page = backend.search(search_request(request.args.to_dict(flat=False)))
    return render_template(
        "search.html", page=page, req=page.request, more=set(request.args.getlist("plus")),
        facet_top=FACET_TOP, shortcuts=date_shortcuts(date.today()),
        coverage=coverage_label(page.documents, backend.pending_actors()),
    )


@bp.get("/article/<docid:doc_id>")
def article(doc_id: str) -> str | tuple[str, int]:
    """One article in full, with the query's words marked, and related articles."""
    q = request.args.get("q", "")[:MAX_QUERY_CHARS]
    art = get_backend().article(doc_id, q)
    if art is None:
        return render_template("error.html", message=f"Article introuvable : {doc_id}"), 404
    return render_template("article.html", art=art, q=q, safe_url=safe_url(art.get("url")))


@bp.get("/opensearch.xml")
def opensearch() -> Response:
    """The OpenSearch description, so browsers can add the site as a search engine."""
    xml = render_template("opensearch.xml", base=request.host_url.rstrip("/"))
    return Response(xml, mimetype="application/opensearchdescription+xml")


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) link, else None (no `javascript:` links)."""
    if isinstance(url, str) and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path in ("/healthz", "/feed.atom")


def register_error_pages(app: Flask) -> None:
    """Every error as a friendly French page, or ``{"error": …}`` under /api/."""

    def render(message: str, status: int):  # type: ignore[no-untyped-def]
        if _wants_json():
            return jsonify({"error": message}), status
        return render_template("error.html", message=message), status

    @app.errorhandler(QueryError)
    def _query_error(exc: QueryError):  # type: ignore[no-untyped-def]
        return render(str(exc), 400)

    @app.errorhandler(IndexMissing)
    @app.errorhandler(IndexOutdated)
    @app.errorhandler(BackendUnavailable)
    def _index_error(exc: Exception):  # type: ignore[no-untyped-def]
        return render(str(exc), 503)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):  # type: ignore[no-untyped-def]
        messages = {404: "Page introuvable.", 405: "Méthode non autorisée.",
                    413: "Requête trop volumineuse."}
        return render(messages.get(exc.code or 500, exc.name), exc.code or 500)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):  # type: ignore[no-untyped-def]
        app.logger.exception("erreur interne")
        return render("Erreur interne : la recherche n'a pas pu aboutir.", 500)
