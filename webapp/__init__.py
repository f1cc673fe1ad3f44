"""The Flask front end: search page, article pages and the JSON API over one search path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, current_app
from werkzeug.routing import PathConverter

from indexer import settings
from indexer.search import Engine

from .security import SECURITY_HEADERS, install  # noqa: F401  (SECURITY_HEADERS re-exported)


class DocIdConverter(PathConverter):
    """An article id in a URL: a path whose names may hold any character a file name can,
    newlines included (Werkzeug's ``path`` stops at one)."""

    regex = r"[^/][\s\S]*?"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``PRESSE_*`` environment, then ``test_config``."""
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=settings.get("INDEX_DIR"),
        PER_PAGE=int(settings.get("PER_PAGE")),
        MAX_CONTENT_LENGTH=64 * 1024,
        RATE_LIMIT=int(settings.get("RATE_LIMIT")),
    )
    app.config.from_prefixed_env("PRESSE")
    if test_config:
        app.config.from_mapping(test_config)
    app.url_map.converters["docid"] = DocIdConverter
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from . import api, feeds, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    views.register_error_pages(app)

    install(app)

    return app


def get_engine() -> Engine:
    """The process's one Engine for this app, opened on first use (IndexMissing/Outdated raise)."""
    engine = current_app.extensions.get("presse_engine")
    if engine is None:
        engine = Engine(Path(current_app.config["INDEX_DIR"]))
        current_app.extensions["presse_engine"] = engine
    return engine
