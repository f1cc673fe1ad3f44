"""The Atom feed of a search (validated with feedparser) and the OpenSearch description."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.store import sync
from webapp import create_app


def test_feed_is_valid_atom_newest_first(press_client: FlaskClient) -> None:
    r = press_client.get("/feed.atom?q=AES&outlet=Sahel+Tribune&outlet=aNiamey.com")
    assert ("application/atom+xml", 200) == (r.mimetype, r.status_code)
    feed = feedparser.parse(r.data)
    assert (0, "atom10") == (feed.bozo, feed.version)
    assert "Presse Sahel : AES" == feed.feed.title
    titles = [e.title for e in feed.entries]
    assert [
        "La Banque confédérale d'investissement de l'AES",
        "Consultations entre l'AES et la Russie",
        "Bamako accueille les ministres de la Défense de l'AES",
        "Réunion des ministres de la Défense de l'AES à Bamako",
        "La Force unifiée de l'AES entre en action",
        "Tribune : l'avenir de la coopération sahélienne",
    ] == titles
    first = feed.entries[0]
    assert first.link.startswith("http://localhost/article/14_economie.json")
    assert "l’AES ont rencontré" in feed.entries[1].summary  # the body of 05_russie.json
    assert "l’&lt;mark&gt;AES&lt;/mark&gt; ont" in r.get_data(as_text=True)  # marked, as escaped HTML
    assert first.updated.startswith("2025-05-30")


def test_feed_ignores_sort_and_page_params(press_client: FlaskClient) -> None:
    a = feedparser.parse(press_client.get("/feed.atom?q=AES&sort=ancien&page=3").data)
    b = feedparser.parse(press_client.get("/feed.atom?q=AES").data)
    assert [e.id for e in b.entries] == [e.id for e in a.entries]
    assert 9 == len(a.entries)


def test_feed_escapes_untrusted_text(press_client: FlaskClient) -> None:
    r = press_client.get("/feed.atom?q=piégé")
    raw = r.get_data(as_text=True)
    feed = feedparser.parse(r.data)
    assert 0 == feed.bozo
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    [entry] = feed.entries
    assert entry.title.startswith("<script>alert('titre')</script>")  # text, shown as text


def test_feed_bad_parameter_is_400(press_client: FlaskClient) -> None:
    r = press_client.get("/feed.atom?date_from=hier")
    assert 400 == r.status_code and "error" in r.get_json()


def test_opensearch_description_linked_and_valid(press_client: FlaskClient) -> None:
    html = press_client.get("/").get_data(as_text=True)
    assert ('<link rel="search" type="application/opensearchdescription+xml" title="Presse Sahel" '
            'href="/opensearch.xml">') in html
    r = press_client.get("/opensearch.xml")
    assert "application/opensearchdescription+xml" == r.mimetype
    root = ET.fromstring(r.data)
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    templates = {u.get("type"): u.get("template") for u in root.findall("os:Url", ns)}
    assert "http://localhost/?q={searchTerms}" == templates["text/html"]
    assert "http://localhost/feed.atom?q={searchTerms}" == templates["application/atom+xml"]
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_undated_article_stands_under_its_indexing_date(press_client: FlaskClient) -> None:
    feed = feedparser.parse(press_client.get("/feed.atom").data)
    undated = [e for e in feed.entries if any(t.term == "non daté" for t in e.get("tags", []))]
    assert undated, "the test corpus has an undated article"
    assert all(not e.updated.startswith("1970") for e in feed.entries)
    assert not feed.feed.updated.startswith("1970")


def test_control_characters_in_the_query_keep_the_feed_xml(press_client: FlaskClient) -> None:
    r = press_client.get("/feed.atom?q=AES%01%08%0B%EF%BF%BE")
    ET.fromstring(r.data)  # raises on invalid XML
    feed = feedparser.parse(r.data)
    assert (0, "Presse Sahel : AES") == (feed.bozo, feed.feed.title)


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_query_gives_a_well_formed_feed(press_client: FlaskClient, q: str) -> None:
    r = press_client.get("/feed.atom", query_string={"q": q})
    if r.status_code == 200:
        ET.fromstring(r.data)
        assert 0 == feedparser.parse(r.data).bozo
    else:
        assert 400 == r.status_code


def test_control_characters_in_articles_keep_the_feed_xml(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    nasty = "".join(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 0x7F, 0xFFFE, 0xFFFF))
    (corpus / "a.json").write_text(json.dumps({
        "title": f"Titre{nasty} du Niger", "text": f"Le texte{nasty} parle du Niger et du Mali.",
        "author": f"Awa{nasty} Koné", "outlet": f"Le{nasty} Sahel", "date": "2024-05-02"}),
        encoding="utf-8")
    assert [] == sync(corpus, tmp_path / "index").errors
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    r = client.get("/feed.atom?q=Niger")
    ET.fromstring(r.data)
    feed = feedparser.parse(r.data)
    assert (0, ["Titre du Niger"]) == (feed.bozo, [" ".join(e.title.split()) for e in feed.entries])


@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=80),
                min_size=1, max_size=4))
def test_articles_of_any_text_give_a_well_formed_feed(tmp_path_factory: pytest.TempPathFactory,
                                                      texts: list[str]) -> None:
    base = tmp_path_factory.mktemp("feed")
    corpus = base / "c"
    corpus.mkdir()
    for n, text in enumerate(texts):
        (corpus / f"{n}.json").write_text(json.dumps(
            {"title": f"Niger {text}", "text": f"Le Niger {text} et le Mali.", "author": text[:20],
             "outlet": text[:15] or None}), encoding="utf-8")
    sync(corpus, base / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(base / "index")}).test_client()
    for q in ("Niger", texts[0][:30]):
        r = client.get("/feed.atom", query_string={"q": q})
        if r.status_code == 200:
            ET.fromstring(r.data)
            assert 0 == feedparser.parse(r.data).bozo
