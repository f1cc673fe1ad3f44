"""The web page and the JSON API through Flask's test client."""

from __future__ import annotations

import json

from flask.testing import FlaskClient

S001 = "001_75f0ba55b50d97a0.txt"


def test_search_page_shows_results_and_facets(client: FlaskClient) -> None:
    r = client.get("/?q=securite+cooperation+Goita")
    html = r.get_data(as_text=True)
    assert 200 == r.status_code
    assert '<html lang="fr">' in html
    assert "1 résultat" in html
    assert "Consultations ministérielles AES–Russie" in html
    assert "<mark>Goïta</mark>" in html
    assert "3 avril 2025" in html
    assert 'id="facette-outlet"' in html and "Nigerdiaspora" in html


def test_facet_link_filters(client: FlaskClient) -> None:
    html = client.get("/?q=AES").get_data(as_text=True)
    assert 'href="/?q=AES&amp;outlet=aNiamey.com"' in html
    filtered = client.get("/?q=AES&outlet=aNiamey.com").get_data(as_text=True)
    assert "1 résultat" in filtered and "Diplomatie sahélienne" in filtered


def test_api_returns_utf8_json_contract(client: FlaskClient) -> None:
    r = client.get("/api/search?q=Goita")
    raw = r.get_data(as_text=True)
    assert ("application/json", 200) == (r.mimetype, r.status_code)
    assert "\\u" not in raw and "Goïta" in raw
    data = json.loads(raw)
    assert {"total", "page", "per_page", "hits", "facets"} <= set(data)
    [hit] = data["hits"]
    assert {"id", "path", "title", "outlet", "date", "author", "actors", "snippet"} <= set(hit)
    assert (S001, "Nigerdiaspora", "2025-04-03", "Boubacar Guédé") == (
        hit["id"], hit["outlet"], hit["date"], hit["author"])
    assert "<mark>Goïta</mark>" in hit["snippet"]


def test_api_null_date_and_pagination(client: FlaskClient) -> None:
    data = client.get("/api/search?q=AES&per_page=1&page=3&sort=pertinence").get_json()
    assert (3, 3, 1, 1) == (data["total"], data["page"], data["per_page"], len(data["hits"]))
    dates = [h["date"] for h in client.get("/api/search?q=AES").get_json()["hits"]]
    assert None in dates


def test_bad_parameters_are_400_not_500(client: FlaskClient) -> None:
    for url in ["/api/search?page=x", "/api/search?per_page=0", "/api/search?sort=hasard",
                "/api/search?date_from=hier", "/api/search?year=deux"]:
        r = client.get(url)
        assert 400 == r.status_code, url
        assert "error" in r.get_json()
    assert 400 == client.get("/?page=-1").status_code


def test_query_with_script_is_escaped(client: FlaskClient) -> None:
    html = client.get("/?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_article_page_and_security_headers(client: FlaskClient) -> None:
    r = client.get(f"/article/{S001}?q=securite")
    html = r.get_data(as_text=True)
    assert 200 == r.status_code
    assert "<mark>Sécurité</mark>" in html
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    assert 404 == client.get("/article/inconnu.txt").status_code


def test_healthz(client: FlaskClient) -> None:
    assert {"status": "ok", "documents": 3} == {
        k: v for k, v in client.get("/healthz").get_json().items() if k in ("status", "documents")}
