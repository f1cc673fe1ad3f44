"""Downloads: a search's every match as CSV or JSON Lines, and a facet's every count as CSV.

- ``/export.csv?…``, ``/export.jsonl?…``: the search page's parameters (``page``/``per_page``
  ignored), one row per matching article in the page's order, copies not folded, at most
  ``EXPORT_MAX`` rows; ``X-Presse-Total`` and ``X-Presse-Exported`` say how many match and how
  many follow. The rows stream in chunks: the backend settles the matches and their order
  first, so a bad query is a 400 page before any byte of the file.
- ``/export/facette/<name>.csv?…``: every bucket of one facet under the request
  (``value,label,count``), not only those the page lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from flask import Blueprint, Response, abort, current_app, request, stream_with_context
from flask.blueprints import BlueprintSetupState

from indexer import settings
from indexer.search import SearchRequest
from indexer.search.export import csv_chunks, facet_csv, file_name, jsonl_chunks
from indexer.search.facets import BY_NAME

from . import get_backend, search_request

bp = Blueprint("export", __name__)
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


@bp.record_once
def _default_cap(state: BlueprintSetupState) -> None:
    # After the factory read the environment and the test config: they win over the default.
    state.app.config.setdefault("EXPORT_MAX", settings.get_int("EXPORT_MAX"))


def export_max() -> int:
    """The most rows one export sends (``EXPORT_MAX``)."""
    return max(0, int(current_app.config["EXPORT_MAX"]))


@bp.app_context_processor
def _export_context() -> dict[str, object]:
    return {"export_max": export_max()}


def _request() -> SearchRequest:
    params = request.args.to_dict(flat=False)
    for ignored in ("page", "per_page"):  # an export is every page: a bad page number is moot
        params.pop(ignored, None)
    return search_request(params)


def _download(chunks: Iterator[str], mimetype: str, name: str,
              headers: dict[str, str] | None = None) -> Response:
    out = Response(stream_with_context(chunks), content_type=mimetype, headers=headers or {})
    out.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return out


def _articles(fmt: str) -> Response:
    req = _request()
    found = get_backend().export(req, export_max())  # QueryError here: a 400, nothing sent
    chunks = csv_chunks(found.rows) if fmt == "csv" else jsonl_chunks(found.rows)
    return _download(chunks, FORMATS[fmt], file_name(req.q, date.today(), fmt),
                     {"X-Presse-Total": str(found.total), "X-Presse-Exported": str(found.exported)})


@bp.get("/export.csv")
def articles_csv() -> Response:
    """Every article the request matches, one CSV row each (header first)."""
    return _articles("csv")


@bp.get("/export.jsonl")
def articles_jsonl() -> Response:
    """Every article the request matches, one JSON object a line."""
    return _articles("jsonl")


@bp.get("/export/facette/<name>.csv")
def facet_csv_export(name: str) -> Response:
    """Every bucket of facet ``name`` under the request, as ``value,label,count``."""
    if name not in BY_NAME:
        abort(404)
    req = _request()
    buckets = get_backend().facet_counts(req, name)
    return _download(facet_csv(buckets), FORMATS["csv"],
                     file_name(req.q, date.today(), "csv", facet=name))
