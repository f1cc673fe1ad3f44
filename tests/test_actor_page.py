"""Actor pages (`/acteur/<name>`, `/api/actor/<name>`) and "Qui apparaît avec X" on the search
page: the seeds (real NER) and the test press corpus on both backends."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from click.testing import CliRunner
from conftest import PRESS
from flask.testing import FlaskClient

from indexer.article import Article
from indexer.cli import main
from indexer.search.coactors import and_query
from indexer.store import Annotation, FixedActors, sync
from webapp import create_app


def _actor(client: FlaskClient, name: str, query: str = "") -> dict[str, object]:
    r = client.get(f"/api/actor/{quote(name)}{'?' + query if query else ''}")
    assert 200 == r.status_code, r.get_data(as_text=True)
    return r.get_json()  # type: ignore[no-any-return]


def _ids(data: dict[str, object]) -> list[str]:
    return [h["id"] for h in data["hits"]]  # type: ignore[attr-defined,index]


def test_seeds_actor_page_months_outlets_coactors(client: FlaskClient) -> None:
    data = _actor(client, "Abdoulaye Diop")
    assert ("Abdoulaye Diop", "personne", ["Diop"], 2) == (
        data["name"], data["type"], data["variants"], data["total"])
    assert [{"month": "2025-04", "count": 1}] == data["months"]  # the other article is undated
    assert [{"name": "Nigerdiaspora", "count": 1}] == data["outlets"]
    assert [{"name": "AES", "count": 2, "type": "organisation"},
            {"name": "Bakary Yaou Sangaré", "count": 2, "type": "personne"},
            {"name": "Karamoko Jean Marie Traoré", "count": 2, "type": "personne"},
            {"name": "Sergueï Lavrov", "count": 2, "type": "personne"}] == data["with"][:4]
    assert (2, [{"speaker": "Abdoulaye Diop", "count": 2}]) == (
        data["quotes"]["total"], data["quotes"]["speakers"])  # "Dernières citations"
    r = client.get("/acteur/Diop")  # a variant the annotator recorded
    assert (302, "/acteur/Abdoulaye%20Diop") == (r.status_code, r.headers["Location"])
    html = client.get("/acteur/Abdoulaye%20Diop").get_data(as_text=True)
    assert '<h1 id="titre-acteur">Abdoulaye Diop</h1>' in html
    assert "aussi écrit : <span class=\"variant\">Diop</span>" in html
    assert 'class="timeline"' in html and "Nigerdiaspora</a>" in html
    assert 'id="titre-citations">Dernières citations</h2>' in html
    # Every co-actor, linked to the search that ANDs both actors.
    section = html[html.index('id="titre-avec"'):html.index('id="titre-medias"')]
    links = [parse_qs(urlsplit(unescape(h)).query)["q"][0]
             for h in re.findall(r'href="(/\?q=[^"]*)"', section)]
    assert [and_query("", "and", ["Abdoulaye Diop", c["name"]]) for c in data["with"]] == links


def test_seeds_name_with_apostrophe(client: FlaskClient) -> None:
    r = client.get("/acteur/" + quote("Force unifiée de l'AES"))
    assert 200 == r.status_code
    assert ("organisation", 1) == (_actor(client, "Force unifiée de l'AES")["type"],
                                   _actor(client, "Force unifiée de l'AES")["total"])


def test_actor_page_is_the_search_restricted_to_the_actor(press_client: FlaskClient) -> None:
    data = _actor(press_client, "Sergueï Lavrov")
    assert (["05_russie.json"], "personne", [{"month": "2025-04", "count": 1}],
            [{"name": "Sahel Tribune", "count": 1}]) == (
        _ids(data), data["type"], data["months"], data["outlets"])
    assert [{"name": "AES", "count": 1, "type": "organisation"},
            {"name": "Abdoulaye Diop", "count": 1, "type": "personne"}] == data["with"]
    everything = _actor(press_client, "AES")
    narrowed = _actor(press_client, "AES", "q=ministres&year=2025")
    search = press_client.get("/api/search?q=ministres&year=2025&actor=AES&sort=recent").get_json()
    assert (_ids(search), search["total"]) == (_ids(narrowed), narrowed["total"])
    assert 0 < narrowed["total"] < everything["total"]
    # Newest first by default.
    dates = [h["date"] for h in everything["hits"] if h["date"]]
    assert sorted(dates, reverse=True) == dates


def test_unknown_actor_is_404_and_variant_redirects(press_client: FlaskClient) -> None:
    r = press_client.get("/acteur/Personne%20Inconnue")
    assert 404 == r.status_code and "Acteur introuvable : Personne Inconnue" in r.get_data(as_text=True)
    r = press_client.get("/api/actor/Personne%20Inconnue")
    assert (404, {"error": "acteur inconnu : Personne Inconnue"}) == (r.status_code, r.get_json())
    r = press_client.get("/acteur/serguei%20lavrov?q=retrait&year=2025")
    assert (302, "/acteur/Sergue%C3%AF%20Lavrov?q=retrait&year=2025") == (
        r.status_code, r.headers["Location"])
    r = press_client.get("/api/actor/aes")
    assert (302, "/api/actor/AES") == (r.status_code, r.headers["Location"])


def test_and_link_finds_only_articles_with_both(press_client: FlaskClient) -> None:
    html = press_client.get("/acteur/Assimi%20Go%C3%AFta").get_data(as_text=True)
    start = html.index('href="/?q=', html.index('id="titre-avec"'))
    link = html[start + 6:html.index('"', start + 6)].replace("&amp;", "&").replace("&#39;", "'")
    params = parse_qs(urlsplit(link).query)
    data = press_client.get("/api/search", query_string=params).get_json()
    first = _actor(press_client, "Assimi Goïta")["with"][0]["name"]
    assert data["total"] == _actor(press_client, "Assimi Goïta")["with"][0]["count"]
    assert all({"Assimi Goïta", first} <= set(h["actors"]) for h in data["hits"])
    either = press_client.get(f"/api/search?actor=Assimi+Go%C3%AFta&actor={quote(first)}").get_json()
    assert either["total"] > data["total"]  # the facet's OR, for contrast


def test_search_page_lists_who_appears_with_one_actor(press_client: FlaskClient) -> None:
    data = press_client.get("/api/search?actor=Assimi+Go%C3%AFta").get_json()
    assert [{"name": "AES", "count": 1, "type": "organisation"},
            {"name": "CEDEAO", "count": 1, "type": "organisation"},
            {"name": "ONU", "count": 1, "type": "organisation"}] == data["with"]
    assert "with" not in press_client.get("/api/search?q=AES").get_json()
    assert "with" not in press_client.get("/api/search?actor=AES&actor=CEDEAO").get_json()
    html = press_client.get("/?actor=Assimi+Go%C3%AFta").get_data(as_text=True)
    assert "Qui apparaît avec Assimi Goïta" in html
    assert 'href="/?q=acteur:%22CEDEAO%22&amp;actor=Assimi+Go%C3%AFta"' in html
    # Chips lead to the actor page (with the search), facet entries keep their filter + a fiche.
    html = press_client.get("/?q=Lavrov").get_data(as_text=True)
    assert 'class="chip" href="/acteur/Sergue%C3%AF%20Lavrov?q=Lavrov"' in html
    assert 'class="fiche" href="/acteur/Sergue%C3%AF%20Lavrov?q=Lavrov"' in html


def test_cli_json_is_the_api_json_with_one_actor(press_client: FlaskClient) -> None:
    config = press_client.application.config
    env = {f"PRESSE_{k}": str(v) for k, v in config.items()
           if k == "BACKEND" or k.startswith("OPENSEARCH_")}
    result = CliRunner().invoke(main, ["search", "--index", config["INDEX_DIR"], "--json",
                                       "--actor", "Assimi Goïta", "Mali"], env=env)
    assert 0 == result.exit_code, result.output
    cli = json.loads(result.output)
    api = press_client.get("/api/search?q=Mali&actor=Assimi+Go%C3%AFta").get_json()
    cli.pop("took_ms"), api.pop("took_ms")
    assert api == cli and "with" in api


def _odd_names(articles: list[Article]) -> list[Annotation]:
    return [(("N'Golo Traoré",), ("SOS Villages/Mali",), ()) for _ in articles]


def test_names_with_slash_and_apostrophe(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("01_aes_force.json", "06_cedeao.json"):
        shutil.copy(PRESS / name, corpus / name)
    assert [] == sync(corpus, tmp_path / "index", annotator=FixedActors(_odd_names)).errors
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    data = _actor(client, "SOS Villages/Mali")
    assert ("organisation", 2, [{"name": "N'Golo Traoré", "count": 2, "type": "personne"}]) == (
        data["type"], data["total"], data["with"])
    html = client.get("/acteur/SOS%20Villages/Mali").get_data(as_text=True)
    assert 'href="/acteur/N&#39;Golo%20Traor%C3%A9"' in html
    assert 200 == client.get("/acteur/N'Golo%20Traor%C3%A9").status_code
