"""Atom feeds: any search, newest first, so users can subscribe to an alert."""

from __future__ import annotations

from datetime import UTC, datetime, time

from flask import Blueprint, Response, render_template, request, url_for

from indexer.search import Hit

from . import get_engine
from .results import run

bp = Blueprint("feeds", __name__)
FEED_SIZE = 30


def _updated(hit: Hit) -> str:
    when = datetime.combine(hit.date, time(0, 0), UTC) if hit.date else datetime(1970, 1, 1, tzinfo=UTC)
    return when.isoformat().replace("+00:00", "Z")


@bp.get("/feed.atom")
def feed() -> Response:
    """`/feed.atom?q=…&outlet=…`: the newest matching articles as an Atom feed."""
    params = request.args.to_dict(flat=False)
    params["sort"] = ["recent"]
    params["page"] = ["1"]
    params["per_page"] = [str(FEED_SIZE)]
    res = run(get_engine(), params, group=False)
    req = res.page.request
    hits = res.page.hits
    updated = max((_updated(h) for h in hits), default="1970-01-01T00:00:00Z")
    xml = render_template(
        "feed.xml", res=res, req=req, hits=hits, updated=updated, entry_updated=_updated,
        self_url=request.url,
        page_url=url_for("views.search", _external=True, **req.params()),  # type: ignore[arg-type]
        base=request.host_url.rstrip("/"),
    )
    return Response(xml, mimetype="application/atom+xml")
