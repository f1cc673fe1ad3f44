"""HTML pages: search, article, health, and the error pages."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import IndexMissing, IndexOutdated, QueryError
from indexer.facets import french_date, french_month
from indexer.query import MAX_QUERY_CHARS, parse
from indexer.snippets import highlight, query_terms

from . import get_engine
from .results import date_shortcuts, run

bp = Blueprint("views", __name__)

FACET_TITLES = {
    "outlet": "Médias",
    "person": "Personnes",
    "org": "Organisations",
    "place": "Lieux",
    "year": "Années",
}
# How many values a facet lists before its "plus…" link.
FACET_TOP = 8
# Which request parameter a facet's buckets toggle.
FACET_PARAM = {"outlet": "outlet", "person": "actor", "org": "actor", "place": "place",
               "year": "year", "month": "month"}


@bp.app_template_filter("french_date")
def _french_date(value: object) -> str:
    return french_date(value)  # type: ignore[arg-type]


@bp.get("/")
def search() -> str:
    """The search page; with no query it lists the newest articles."""
    params = request.args.to_dict(flat=False)
    res = run(get_engine(), params)
    more = set(request.args.getlist("plus"))
    return render_template(
        "search.html", res=res, page=res.page, req=res.page.request, facet_titles=FACET_TITLES,
        facet_param=FACET_PARAM, more=more, facet_top=FACET_TOP,
        shortcuts=date_shortcuts(date.today()), month_label=french_month,
    )


@bp.get("/article/<docid:doc_id>")
def article(doc_id: str) -> str | tuple[str, int]:
    """One article in full, with the query's words marked, and related articles."""
    engine = get_engine()
    art = engine.article(doc_id)
    if art is None:
        return render_template("error.html", message=f"Article introuvable : {doc_id}"), 404
    q = request.args.get("q", "")[:MAX_QUERY_CHARS]
    terms = query_terms(parse(q))
    paragraphs = [highlight(p, terms) for p in str(art["body"]).split("\n\n") if p.strip()]
    return render_template("article.html", art=art, q=q, paragraphs=paragraphs,
                           title_html=highlight(str(art["title"]), terms),
                           related=engine.related(doc_id), safe_url=safe_url(art.get("url")))


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


@bp.get("/healthz")
def healthz() -> Response:
    """Index loaded, document count, index age."""
    engine = get_engine()
    return jsonify({
        "status": "ok", "documents": engine.documents,
        "updated_at": engine.meta.get("updated_at"), "version": engine.meta.get("version"),
    })  # fmt: skip


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
