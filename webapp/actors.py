"""Actor pages: ``/acteur/<name>`` and its JSON twin ``/api/actor/<name>``, both rendering the
backend-agnostic ``ActorPage`` (``indexer/search/actor_page.py``) of one search.

The URL's query and filters narrow the page (``/acteur/Abdoulaye%20Diop?q=russie&year=2025``);
its articles are the newest first unless ``sort`` says otherwise. A variant of a name
(``/acteur/Diop``) redirects to the displayed one's page; an unknown name is a 404.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, redirect, render_template, request, url_for

from indexer.search.actor_page import ActorPage, actor_page
from indexer.search.coactors import and_params
from indexer.search.request import SearchRequest

from . import get_backend, search_request

bp = Blueprint("actors", __name__)


@bp.app_template_global("and_params")
def _and_params(req: SearchRequest, *names: str) -> dict[str, object]:
    return and_params(req, *names)


@bp.app_template_global("actor_args")
def actor_args(req: SearchRequest) -> dict[str, object]:
    """The search's query and filters, carried to an actor page (its own sort and page)."""
    return req.params(actor=[], page="", sort="", per_page="", filtre_acteur="")


def _page(name: str) -> ActorPage | Response | None:
    """The page, a redirect to the displayed name's, or None for an unknown actor."""
    params = request.args.to_dict(flat=False)
    params.setdefault("sort", ["recent"])  # an actor's record reads newest first
    found = actor_page(get_backend(), name, search_request(params))
    if found is None:
        return None
    if found.name != name:  # a variant: the displayed name's page, with the same search
        target = url_for(request.endpoint or "actors.page", name=found.name)
        query = request.query_string.decode()
        return redirect(f"{target}?{query}" if query else target, 302)  # type: ignore[return-value]
    return found


@bp.get("/acteur/<actor:name>")
def page(name: str) -> str | Response | tuple[str, int]:
    """An actor's page: type, other names, months, outlets, co-actors, articles."""
    found = _page(name)
    if found is None:
        return render_template("error.html", message=f"Acteur introuvable : {name}"), 404
    if isinstance(found, Response):
        return found
    return render_template("actor.html", actor=found, req=found.request, page=found.page,
                           q="")


@bp.get("/api/actor/<actor:name>")
def api(name: str) -> Response | tuple[Response, int]:
    """The actor page as JSON (``ActorPage.to_json``)."""
    found = _page(name)
    if found is None:
        return jsonify({"error": f"acteur inconnu : {name}"}), 404
    return found if isinstance(found, Response) else jsonify(found.to_json())
