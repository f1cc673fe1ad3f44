"""Atom feeds: any search, newest first, so users can subscribe to an alert."""

from __future__ import annotations

from datetime import UTC, datetime, time

from flask import Blueprint, Response, render_template, request, url_for

from indexer.search import Hit

from . import get_backend, search_request

bp = Blueprint("feeds", __name__)
FEED_SIZE = 30


def _indexed_at(updated_at: str) -> datetime:
    """When the index was last written: the date an undated article stands under."""
    try:
        return datetime.fromisoformat(updated_at)
    except ValueError:
        return datetime.now(UTC)


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


@bp.get("/feed.atom")
def feed() -> Response:
    """`/feed.atom?q=…&outlet=…`: the newest matching articles as an Atom feed."""
    params = request.args.to_dict(flat=False)
    params["sort"] = ["recent"]
    params["page"] = ["1"]
    params["per_page"] = [str(FEED_SIZE)]
    backend = get_backend()
    page = backend.search(search_request(params), group=False, suggest=False)
    req = page.request
    hits = page.hits
    indexed = _indexed_at(backend.generation().updated_at)

    def _updated(hit: Hit) -> str:
        # An undated article stands under the date it was indexed (the entry says so), never 1970.
        return _stamp(datetime.combine(hit.date, time(0, 0), UTC) if hit.date else indexed)

    updated = max((_updated(h) for h in hits), default=_stamp(indexed))
    xml = render_template(
        "feed.xml", page=page, req=req, hits=hits, updated=updated, entry_updated=_updated,
        # From the parsed request, not `request.url`: that one carries the raw bytes of `q`.
        self_url=url_for("feeds.feed", _external=True, **req.params()),  # type: ignore[arg-type]
        page_url=url_for("views.search", _external=True, **req.params()),  # type: ignore[arg-type]
        base=request.host_url.rstrip("/"),
    )
    return Response(xml, mimetype="application/atom+xml")
