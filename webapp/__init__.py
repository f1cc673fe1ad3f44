"""The Flask front end: search page, article pages and the JSON API over one search path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, current_app

from indexer import settings
from indexer.search import Engine

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``PRESSE_*`` environment, then ``test_config``."""
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=settings.get("INDEX_DIR"),
        PER_PAGE=int(settings.get("PER_PAGE")),
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.config.from_prefixed_env("PRESSE")
    if test_config:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from . import api, feeds, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    views.register_error_pages(app)

    @app.after_request
    def _headers(response):  # type: ignore[no-untyped-def]
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app


def get_engine() -> Engine:
    """The process's one Engine for this app, opened on first use (IndexMissing/Outdated raise)."""
    engine = current_app.extensions.get("presse_engine")
    if engine is None:
        engine = Engine(Path(current_app.config["INDEX_DIR"]))
        current_app.extensions["presse_engine"] = engine
    return engine
