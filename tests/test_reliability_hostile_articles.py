"""Hostile articles: markup and scripts stay inert, odd characters and sizes stay searchable."""

from __future__ import annotations

import json
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from flask.testing import FlaskClient
from helpers.reliability_kit import orangesum_records

from indexer.article import Article
from indexer.search import Engine, SearchRequest
from indexer.store import Annotation, FixedActors, sync
from webapp import create_app

pytestmark = pytest.mark.slow

XSS = {
    "title": "<script>alert('titre')</script> Niamey <img src=x onerror=alert(1)>",
    "text": "Le ministre a parlé de sécurité. <script>document.cookie</script> "
            "<img src=x onerror=\"alert(2)\"> <a href=\"javascript:alert(3)\">lien</a> "
            "<iframe src=//evil.example></iframe> piègeur",
    "url": "javascript:alert(4)",
    "author": "<b onmouseover=alert(5)>Auteur</b>",
    "outlet": "<svg onload=alert(6)>",
    "date": "2025-03-12",
}
ZW_RTL = {
    "title": "Le président Go\u200bïta\u202e reçoit l\u200d'AES",
    "text": "Assimi Go\u200cïta\u2067 a reçu ses homologues.\u2069 Co\u00adopération renforcée.\ufeff",
    "date": "2025-04-01",
}
ACCENTED_NAME = "Coopération sécurité – Niamey été.txt"
N_ACTORS = 10_000
FIRST = ["Moussa", "Aïcha", "Ibrahim", "Fatoumata", "Abdoulaye", "Mariam", "Oumar", "Kadiatou"]
LAST = ["Traoré", "Diallo", "Maïga", "Touré", "Coulibaly", "Sanogo", "Keïta", "Cissé"]


def names_annotator(articles: list[Article]) -> list[Annotation]:
    """A plain annotator: every `Prénom Nom` pair of the body is a person."""
    pattern = re.compile(rf"\b(?:{'|'.join(FIRST)}) [A-Z][\w\-]+")
    return [(tuple(dict.fromkeys(pattern.findall(a.body))), (), ()) for a in articles]


class TagCollector(HTMLParser):
    """Every tag and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_inert(html: str) -> None:
    """No script but the page's own static files, no image or frame element, no event handler
    (our SVG chart has none), no javascript: link."""
    parser = TagCollector()
    parser.feed(html)
    ours = [("src", "/static/app.js"), ("defer", None)], [("src", "/static/timeline.js"), ("defer", None)]
    scripts = [attrs for t, attrs in parser.tags if t == "script"]
    assert [a for a in scripts if a not in ours] == []
    assert len(scripts) <= len(ours)
    assert [] == [t for t, _ in parser.tags if t in ("img", "iframe", "object", "embed")]
    assert [] == [(t, a) for t, attrs in parser.tags for a, _ in attrs if a.startswith("on")]
    assert [] == [(t, v) for t, attrs in parser.tags for a, v in attrs
                  if a in ("href", "src", "action") and (v or "").strip().lower().startswith("javascript")]
    for bad in ("\u200b", "\u202e", "\u2067"):
        assert bad not in html


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A corpus of hostile files, indexed once (timed)."""
    base = tmp_path_factory.mktemp("hostile-a")
    seeds, outside = base / "seeds", base / "dehors"
    seeds.mkdir()
    outside.mkdir()
    (seeds / "xss.json").write_text(json.dumps(XSS, ensure_ascii=False), encoding="utf-8")
    (seeds / "zw.json").write_text(json.dumps(ZW_RTL, ensure_ascii=False), encoding="utf-8")
    (seeds / ACCENTED_NAME).write_text(
        "Coopération sécurité à Niamey\n\nLes ministres ont signé un accord tripartite.\n",
        encoding="utf-8")
    words = " ".join(r["text"] for r in orangesum_records(400)).split()  # type: ignore[misc]
    long_body = " ".join(words[i % len(words)] for i in range(100_000 - 1)) + " zanzibarite"
    (seeds / "long.json").write_text(json.dumps({"title": "Un très long article",
                                                 "text": long_body}), encoding="utf-8")
    names = [f"{FIRST[i % 8]} {LAST[i // 8 % 8]}-{i}" for i in range(N_ACTORS)]
    (seeds / "acteurs.json").write_text(json.dumps({
        "title": "Liste des participants", "text": "Étaient présents : " + ", ".join(names) + "."
    }, ensure_ascii=False), encoding="utf-8")
    (outside / "secret.txt").write_text("Document secret\n\nmotsecret hors corpus\n", encoding="utf-8")
    (seeds / "lien.txt").symlink_to(outside / "secret.txt")
    (seeds / "dossier-lien").symlink_to(outside, target_is_directory=True)
    started = time.perf_counter()
    report = sync(seeds, base / "index", annotator=FixedActors(names_annotator))
    return {"index": base / "index", "report": report, "seconds": time.perf_counter() - started}


@pytest.fixture()
def hclient(corpus: dict[str, object]) -> FlaskClient:
    """A client of the app (production mode) over the hostile index."""
    return create_app({"INDEX_DIR": str(corpus["index"])}).test_client()


def test_everything_indexed_and_nothing_followed_out(corpus: dict[str, object]) -> None:
    report = corpus["report"]
    assert ([], 5) == (report.errors, report.documents)  # type: ignore[attr-defined]
    engine = Engine(corpus["index"])  # type: ignore[arg-type]
    assert 0 == engine.search(SearchRequest(q="motsecret")).total
    ids = {h.id for h in engine.search(SearchRequest(per_page=100)).hits}
    assert {"xss.json", "zw.json", ACCENTED_NAME, "long.json", "acteurs.json"} == ids


def test_html_and_scripts_are_inert(hclient: FlaskClient) -> None:
    for url in ["/?q=piegeur", "/?q=Niamey", "/article/xss.json", "/article/xss.json?q=securite",
                "/?q=" + quote("<script>")]:
        r = hclient.get(url)
        assert 200 == r.status_code, url
        assert_inert(r.get_data(as_text=True))
    html = hclient.get("/article/xss.json").get_data(as_text=True)
    assert "&lt;script&gt;" in html and "Source" not in html  # shown as text; no link
    # The API returns the url as data (JSON, never sniffed as HTML); only pages decide on links.
    api = hclient.get("/api/search?q=piegeur")
    hit = api.get_json()["hits"][0]
    assert ("application/json", "nosniff") == (api.mimetype, api.headers["X-Content-Type-Options"])
    assert "<script>" not in hit["snippet"] and "&lt;script&gt;" in hit["snippet"]


def test_feed_is_inert(hclient: FlaskClient) -> None:
    r = hclient.get("/feed.atom?q=piegeur")
    assert 200 == r.status_code
    root = ElementTree.fromstring(r.get_data())  # well-formed XML despite the markup
    ns = {"a": "http://www.w3.org/2005/Atom"}
    [entry] = root.findall("a:entry", ns)
    assert XSS["title"] == entry.findtext("a:title", namespaces=ns)  # text, not markup
    summary = entry.findtext("a:summary", namespaces=ns) or ""
    assert_inert(summary)  # what a feed reader renders as HTML
    assert "&lt;script&gt;" in summary
    hrefs = [link.get("href") or "" for link in root.iter("{http://www.w3.org/2005/Atom}link")]
    assert [] == [h for h in hrefs if not h.startswith("http://localhost/")]


def test_zero_width_and_rtl_characters(hclient: FlaskClient) -> None:
    data = hclient.get("/api/search?q=Goita+cooperation").get_json()
    assert ["zw.json"] == [h["id"] for h in data["hits"]]
    assert "Le président Goïta reçoit l'AES" == data["hits"][0]["title"]
    assert_inert(hclient.get("/article/zw.json?q=Goita").get_data(as_text=True))


def test_hundred_thousand_word_article(hclient: FlaskClient) -> None:
    started = time.perf_counter()
    data = hclient.get("/api/search?q=zanzibarite").get_json()
    assert ["long.json"] == [h["id"] for h in data["hits"]]
    assert "<mark>zanzibarite</mark>" in data["hits"][0]["snippet"]
    assert 200 == hclient.get("/article/long.json?q=zanzibarite").status_code
    assert time.perf_counter() - started < 30


def test_ten_thousand_actors_in_one_file(hclient: FlaskClient) -> None:
    data = hclient.get("/api/search?q=" + quote("titre:participants")).get_json()
    [hit] = data["hits"]
    assert N_ACTORS == len(hit["people"])
    assert 50 == len(data["facets"]["person"])  # buckets stay bounded
    actor = hit["people"][1234]
    assert ["acteurs.json"] == [h["id"] for h in hclient.get(
        "/api/search?" + "actor=" + quote(actor)).get_json()["hits"]]
    assert 200 == hclient.get("/?q=participants").status_code


def test_file_name_with_spaces_and_accents(hclient: FlaskClient) -> None:
    data = hclient.get("/api/search?q=tripartite").get_json()
    assert [ACCENTED_NAME] == [h["id"] for h in data["hits"]]
    r = hclient.get("/article/" + quote(ACCENTED_NAME))
    assert (200, True) == (r.status_code, "Coopération sécurité à Niamey" in r.get_data(as_text=True))
    assert ACCENTED_NAME == hclient.get("/api/article/" + quote(ACCENTED_NAME)).get_json()["id"]


def test_symlink_files_are_not_indexed(corpus: dict[str, object]) -> None:
    index: Path = corpus["index"]  # type: ignore[assignment]
    seeds = index.parent / "seeds"
    assert seeds.joinpath("lien.txt").is_symlink() and seeds.joinpath("dossier-lien").is_symlink()
    report = sync(seeds, index)
    assert (0, 0, 5) == (report.added, report.deleted, report.unchanged)
    shutil.rmtree(index.parent / "dehors")  # a dangling link is not an error either
    assert [] == sync(seeds, index).errors


def test_a_facet_past_its_limit_says_so(corpus: dict[str, object]) -> None:
    page = Engine(Path(str(corpus["index"]))).search(SearchRequest())
    person = page.facets["person"]
    assert (50, True) == (len(person.buckets), person.truncated)
    assert False is page.facets["outlet"].truncated
