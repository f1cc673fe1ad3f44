"""The Flask front end: search page, article pages, feeds and the JSON API, all rendering the
answers of one search backend (``indexer.search.Backend``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, current_app
from werkzeug.routing import PathConverter

from indexer import settings
from indexer.search import Backend, SearchRequest, open_backend

from .security import MAX_CONTENT_LENGTH, SECURITY_HEADERS, install  # noqa: F401  (re-exported)


class DocIdConverter(PathConverter):
    """An article id in a URL: a path whose names may hold any character a file name can,
    newlines included (Werkzeug's ``path`` stops at one)."""

    regex = r"[^/][\s\S]*?"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: the settings table (read now), then ``PRESSE_*`` environment, then
    ``test_config``."""
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=settings.get("INDEX_DIR"),
        BACKEND=settings.get("BACKEND"),
        PER_PAGE=settings.get_int("PER_PAGE"),
        RATE_LIMIT=settings.get_int("RATE_LIMIT"),
        MAX_CONTENT_LENGTH=MAX_CONTENT_LENGTH,
    )
    app.config.from_prefixed_env("PRESSE")
    if test_config:
        app.config.from_mapping(test_config)
    app.url_map.converters["docid"] = DocIdConverter
    app.url_map.converters["actor"] = DocIdConverter  # a name may hold `/`, `'`, accents
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from . import actors, api, export, feeds, views
    from . import quotes as quote_pages

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(export.bp)
    app.register_blueprint(quote_pages.bp)
    app.register_blueprint(actors.bp)
    views.register_error_pages(app)

    install(app)

    return app


def get_backend() -> Backend:
    """The process's one backend for this app, opened on first use (IndexMissing/Outdated raise)."""
    backend = current_app.extensions.get("presse_backend")
    if backend is None:
        config = current_app.config
        backend = open_backend(str(config["BACKEND"]), Path(config["INDEX_DIR"]),
                               {k: v for k, v in config.items() if k.startswith("OPENSEARCH_")})
        current_app.extensions["presse_backend"] = backend
    return backend  # type: ignore[no-any-return]


def search_request(params: dict[str, list[str]]) -> SearchRequest:
    """The SearchRequest of URL parameters, with the app's page size (QueryError if invalid)."""
    return SearchRequest.from_params(params, per_page=int(current_app.config["PER_PAGE"]))
