"""Article pages, the article API, untrusted content, health, and picking up a reindex."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import quote

from conftest import PRESS, record_actors
from flask.testing import FlaskClient

from indexer.store import sync
from webapp import create_app


def test_article_page_marks_query_and_links_actors(press_client: FlaskClient) -> None:
    r = press_client.get("/article/05_russie.json?q=securite+Lavrov")
    html = r.get_data(as_text=True)
    assert 200 == r.status_code
    assert "<mark>sécurité</mark> alimentaire" in html and "rencontré Sergueï <mark>Lavrov</mark>" in html
    assert '<a class="chip" href="/acteur/Sergue%C3%AF%20Lavrov">Sergueï Lavrov</a>' in html
    assert 'href="/?place=Russie"' in html
    assert "champ de l&#39;enregistrement" in html  # provenance of the metadata
    assert "Retour aux résultats pour « securite Lavrov »" in html


def test_article_related_and_source_link(press_client: FlaskClient) -> None:
    html = press_client.get("/article/02_communique_a.json").get_data(as_text=True)
    assert "Articles liés" in html
    assert 'href="/article/03_communique_b.json"' in html
    assert 'href="/article/04_communique_c.json"' in html
    source = press_client.get("/article/01_aes_force.json").get_data(as_text=True)
    assert '<a href="https://www.aniamey.com/force-unifiee" rel="noopener noreferrer nofollow">' in source


def test_xss_article_is_escaped_everywhere(press_client: FlaskClient) -> None:
    for url in ["/article/13_xss.json?q=securite", "/?q=piégé", "/?q=securite&actor=%3Ci%3EPirate%3C/i%3E"]:
        html = press_client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html and "<i>Pirate</i>" not in html, url
        assert "javascript:" not in html, url
    html = press_client.get("/article/13_xss.json?q=securite").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;titre&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; parle de <mark>sécurité</mark>" in html
    data = press_client.get("/api/article/13_xss.json").get_json()
    assert "javascript:alert(1)" == data["url"]  # the API returns data; only pages decide on links


def test_api_article_highlights_and_offsets(press_client: FlaskClient) -> None:
    data = press_client.get("/api/article/05_russie.json?q=securite").get_json()
    body = data["body"]
    assert [body[s:e] for s, e in data["marks"]] == ["sécurité"]
    [frag] = data["highlights"]
    assert "<mark>sécurité</mark>" in frag["html"] and body[frag["start"]:frag["end"]] in body
    assert ("Sahel Tribune", "2025-04-20", "record") == (
        data["outlet"], data["date"], data["provenance"]["date"])
    assert "<mark>sécurité</mark>" in data["body_html"]
    assert isinstance(data["related"], list)


def test_api_errors_are_json_4xx(press_client: FlaskClient) -> None:
    r = press_client.get("/api/article/absent.json")
    assert (404, {"error": "article inconnu : absent.json"}) == (r.status_code, r.get_json())
    r = press_client.get("/api/search?month=2025-13")
    assert 400 == r.status_code and "month" in r.get_json()["error"]
    assert 404 == press_client.get("/api/nope").status_code
    assert "error" in press_client.get("/api/nope").get_json()


def test_article_path_never_reaches_the_filesystem(press_client: FlaskClient) -> None:
    for doc_id in ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "%00"]:
        r = press_client.get(f"/article/{doc_id}", follow_redirects=True)
        assert 404 == r.status_code, doc_id
        assert "root:" not in r.get_data(as_text=True)


def test_api_search_all_parameters(press_client: FlaskClient) -> None:
    data = press_client.get(
        "/api/search?q=AES&outlet=Sahel+Tribune&actor=AES&place=Mali&year=2025&month=2025-04"
        "&date_from=2025-04-01&date_to=2025-04-30&sort=ancien&page=1&per_page=5").get_json()
    assert (["04_communique_c.json", "05_russie.json"], 2) == ([h["id"] for h in data["hits"]], data["total"])
    assert {"query", "total", "distinct", "page", "per_page", "pages", "sort", "took_ms", "hits", "facets",
            "suggestion", "relaxed", "corrected", "variants", "short_prefix", "groups",
            "actors", "with"} == set(data)  # `with`: exactly one actor is selected
    hl = data["hits"][1]["highlights"]
    assert hl and all(isinstance(m, list) and len(m) == 2 for f in hl for m in f["marks"])


def test_healthz_reports_index(press_client: FlaskClient) -> None:
    data = press_client.get("/healthz").get_json()
    assert ("ok", 16) == (data["status"], data["documents"])
    assert data["updated_at"]


def test_app_picks_up_a_reindex_without_restart(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("01_aes_force.json", "06_cedeao.json"):
        (corpus / name).write_bytes((PRESS / name).read_bytes())
    index = tmp_path / "index"
    sync(corpus, index, annotator=record_actors)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    assert 2 == client.get("/healthz").get_json()["documents"]
    assert 0 == client.get("/api/search?q=uranium").get_json()["total"]

    (corpus / "new.json").write_text(json.dumps(
        {"title": "Uranium : nouveau permis", "text": "Le Niger accorde un permis d'uranium.",
         "outlet": "aNiamey.com", "date": "2025-06-01"}), encoding="utf-8")
    sync(corpus, index, annotator=record_actors)
    time.sleep(0.6)  # Engine looks at meta.json at most every 0.5 s
    assert 1 == client.get("/api/search?q=uranium").get_json()["total"]
    assert 3 == client.get("/healthz").get_json()["documents"]
    html = client.get("/?q=uranium").get_data(as_text=True)
    assert "<mark>Uranium</mark> : nouveau permis" in html


def test_snippet_has_one_ellipsis_between_passages() -> None:
    from markupsafe import Markup

    from indexer.search import Hit
    from indexer.search.snippets import Fragment

    frags = (Fragment(Markup("Début coupé…"), 0, 10, ()), Fragment(Markup("…milieu."), 20, 30, ()),
             Fragment(Markup("Fin."), 40, 44, ()))
    hit = Hit("x", "x", "t", Markup("t"), None, None, None, (), (), (), None, None, frags)
    assert "Début coupé… …milieu. … Fin." == str(hit.snippet)


def test_a_file_name_with_a_newline_routes(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ligne\nbrisée.json").write_text(
        json.dumps({"title": "Titre à part", "text": "Un article au nom de fichier étrange."}),
        encoding="utf-8")
    assert [] == sync(corpus, tmp_path / "index").errors
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    [hit] = client.get("/api/search?q=étrange").get_json()["hits"]
    page = client.get("/?q=étrange").get_data(as_text=True)
    link = re.search(r'href="(/article/ligne[^"]*)"', page)
    assert link is not None and "%0A" in link.group(1)
    assert (200, 200) == (client.get(link.group(1)).status_code,
                          client.get(f"/api/article/{quote(hit['id'])}").status_code)


def test_a_huge_article_is_searchable_and_its_page_is_cut(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "long.json").write_text(json.dumps(
        {"title": "Un très long texte", "text": "Le gouvernement parle. " * 16000}), encoding="utf-8")
    assert [] == sync(corpus, tmp_path / "index").errors
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    [hit] = client.get("/api/search?q=gouvernement").get_json()["hits"]
    assert 3 == len(hit["highlights"])
    art = client.get("/api/article/long.json?q=gouvernement").get_json()
    assert (True, 16000 * 23 - 1, 200_000) == (art["truncated"], art["length"], len(art["body"]))
    page = client.get("/article/long.json?q=gouvernement").get_data(as_text=True)
    assert "texte tronqué : 200 000 premiers caractères sur 367 999" in page
    assert 200 == client.get("/feed.atom?q=gouvernement").status_code
