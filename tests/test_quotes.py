"""Attributed quotes: the extraction rules, the index fields, quote search, API and page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import record_actors
from flask.testing import FlaskClient

from indexer.actors.quotes import attributed, find_quotes
from indexer.store import sync
from webapp import create_app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PEOPLE = ["Abdoulaye Diop", "Assimi Goïta", "Aminata Traoré"]


@pytest.mark.parametrize(("body", "speaker", "rule"), [
    ("« Nous sommes ici pour une consultation », a déclaré Abdoulaye Diop.",
     "Abdoulaye Diop", "quote-verb-speaker"),
    ("« La sécurité passe avant tout », affirme Assimi Goïta.", "Assimi Goïta",
     "quote-verb-speaker"),
    ("« Nous ne reculerons pas », a martelé le colonel Assimi Goïta.", "Assimi Goïta",
     "quote-verb-speaker"),
    ("« Rien n'est encore décidé », a précisé Goïta.", "Assimi Goïta", "quote-verb-speaker"),
    ("Abdoulaye Diop a reçu ses homologues. « Notre priorité est la paix », a-t-il ajouté.",
     "Abdoulaye Diop", "quote-verb-pronoun"),
    ("« Le dialogue reste ouvert », a déclaré Diop. « Nous attendons leur réponse », "
     "a-t-il poursuivi.", "Abdoulaye Diop", "quote-verb-pronoun"),
    ("Abdoulaye Diop a indiqué que « le Mali ne cédera pas aux pressions ».",
     "Abdoulaye Diop", "speaker-verb-que-quote"),
    ("Aminata Traoré a déclaré : « Le peuple malien a choisi sa voie ».", "Aminata Traoré",
     "speaker-verb-que-quote"),
    ("Selon Abdoulaye Diop, « la Russie est un partenaire fiable ».", "Abdoulaye Diop",
     "selon-speaker"),
    ("Pour Aminata Traoré, “ce partenariat doit profiter aux peuples”.", "Aminata Traoré",
     "selon-speaker"),
    ("« Nous voulons des résultats concrets », déclarait Assimi Goïta.", "Assimi Goïta",
     "quote-verb-speaker"),
    ("« Nous voulons des résultats concrets », avait déclaré Assimi Goïta.", "Assimi Goïta",
     "quote-verb-speaker"),
])
def test_pattern_attributes_the_speaker(body: str, speaker: str, rule: str) -> None:
    found = attributed(find_quotes(body, PEOPLE))
    assert [(speaker, rule)] == [(q.speaker, q.rule) for q in found][-1:]


@pytest.mark.parametrize(("body", "people"), [
    # The speaker is not among the article's people.
    ("« Nous sommes prêts à dialoguer », a déclaré Emmanuel Macron.", PEOPLE),
    # Two people share the surname: nobody is named.
    ("« Nous sommes prêts à dialoguer », a déclaré Traoré.",
     ["Aminata Traoré", "Ibrahim Traoré"]),
    # A given name that is not the person's own.
    ("« Nous sommes prêts à dialoguer », a déclaré Moussa Diop.", PEOPLE),
    # A pronoun with several candidates and no previous speaker.
    ("« Nous sommes prêts à dialoguer », a-t-il déclaré.", PEOPLE),
    # No reporting verb.
    ("« Nous sommes prêts à dialoguer » : le slogan de Diop.", PEOPLE),
])
def test_not_attributed(body: str, people: list[str]) -> None:
    assert [] == attributed(find_quotes(body, people))


def test_short_quotes_are_titles_not_quotes() -> None:
    body = "Il lit « Le Monde » et cite des « terroristes », a déclaré Abdoulaye Diop."
    assert [] == find_quotes(body, PEOPLE)


def test_offsets_point_at_the_text() -> None:
    body = "Hier. « Nous sommes prêts à dialoguer », a déclaré Abdoulaye Diop."
    (q,) = find_quotes(body, PEOPLE)
    assert q.text == body[q.start:q.end]
    assert {"text": "Nous sommes prêts à dialoguer", "speaker": "Abdoulaye Diop",
            "start": 8, "end": 37, "rule": "quote-verb-speaker"} == q.to_json()


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


SEED0_PEOPLE = ["Abdoulaye Diop", "Bakary Yaou Sangaré", "Karamoko Jean Marie Traoré",
                "Sergueï Lavrov"]


def test_seed_000_diop() -> None:
    found = [(q.text.split()[:4], q.speaker, q.rule)
             for q in attributed(find_quotes(_seed("000"), SEED0_PEOPLE))]
    assert [(["Nous", "sommes", "ici", "pour"], "Abdoulaye Diop", "quote-verb-speaker"),
            (["Le", "ministre", "malien", "a"], "Abdoulaye Diop", "title-subject")] == found


def test_title_needs_one_person_of_that_nationality() -> None:
    body = ("Abdoulaye Diop, ministre du Mali, et Ousmane Sonko, ministre malien aussi, sont là. "
            "« Nous sommes ici pour consulter », a-t-on dit.\n"
            "Le ministre malien a exprimé l'espoir que tout ira bien.")
    assert [] == attributed(find_quotes(body, ["Abdoulaye Diop", "Ousmane Sonko"]))


# A small corpus of quotes for both backends: three articles, two speakers, two outlets.
QUOTED = [
    {"title": "Diop à Moscou", "outlet": "Sahel Tribune", "date": "2025-04-03",
     "text": "« Nous sommes ici pour une consultation avec la Fédération de Russie », a déclaré "
             "Abdoulaye Diop. « La sécurité reste notre priorité », a-t-il ajouté.",
     "people": ["Abdoulaye Diop", "Sergueï Lavrov"]},
    {"title": "Goïta et la transition", "outlet": "Maliweb", "date": "2025-06-01",
     "text": "Selon Assimi Goïta, « la Russie est un partenaire de confiance pour le Mali ».",
     "people": ["Assimi Goïta"]},
    {"title": "Sans auteur", "outlet": "Maliweb", "date": "2025-07-01",
     "text": "« La Russie nous a beaucoup aidés », a déclaré un habitant de Gao.",
     "people": ["Assimi Goïta"]},
]


@pytest.fixture(scope="module")
def quoted_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("quoted") / "corpus"
    root.mkdir()
    for i, record in enumerate(QUOTED):
        (root / f"{i:02d}.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    return root


@pytest.fixture(params=["whoosh", "opensearch"])
def quotes_client(request: pytest.FixtureRequest, quoted_corpus: Path,
                  tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    local = tmp_path_factory.mktemp(f"quoted-{request.param}")
    if request.param == "whoosh":
        assert [] == sync(quoted_corpus, local / "index", annotator=record_actors).errors
        config: dict[str, object] = {"INDEX_DIR": str(local / "index")}
    else:
        from indexer.opensearch.connection import Connection
        from indexer.opensearch.sync import sync_opensearch

        node = request.getfixturevalue("opensearch_node")
        report = sync_opensearch(quoted_corpus, local, Connection(node.url, "quoted"),
                                 annotator=record_actors, rebuild=True)
        assert [] == report.errors
        config = {"BACKEND": "opensearch", "OPENSEARCH_URL": node.url,
                  "OPENSEARCH_INDEX": "quoted", "INDEX_DIR": str(local)}
    return create_app({"TESTING": True, **config}).test_client()


def _said(doc: dict[str, object]) -> list[tuple[str, str]]:
    return [(str(q["speaker"]), str(q["text"])[:20]) for q in doc["quotes"]]  # type: ignore[attr-defined]


def test_api_quotes_both_backends(quotes_client: FlaskClient) -> None:
    doc = quotes_client.get("/api/quotes?q=russie").get_json()
    assert 2 == doc["total"]
    assert [("Assimi Goïta", "la Russie est un par"), ("Abdoulaye Diop", "Nous sommes ici pour")] \
        == _said(doc)
    assert [{"speaker": "Assimi Goïta", "count": 1}, {"speaker": "Abdoulaye Diop", "count": 1}] \
        == sorted(doc["speakers"], key=lambda s: s["speaker"], reverse=True)
    first = doc["quotes"][1]
    assert ("Diop à Moscou", "2025-04-03", "Sahel Tribune", "quote-verb-speaker") == (
        first["title"], first["date"], first["outlet"], first["rule"])


@pytest.mark.parametrize(("query", "said"), [
    # Newest article first, an article's quotes in text order.
    ("speaker=Abdoulaye%20Diop", [("Abdoulaye Diop", "Nous sommes ici pour"),
                                  ("Abdoulaye Diop", "La sécurité reste no")]),
    ("q=securite", [("Abdoulaye Diop", "La sécurité reste no")]),
    ("q=russie&outlet=Maliweb", [("Assimi Goïta", "la Russie est un par")]),
    ("q=russie&speaker=Abdoulaye%20Diop&limit=1", [("Abdoulaye Diop", "Nous sommes ici pour")]),
    ("q=uranium", []),
])
def test_api_quotes_filters(quotes_client: FlaskClient, query: str,
                            said: list[tuple[str, str]]) -> None:
    assert said == _said(quotes_client.get("/api/quotes?" + query).get_json())


def test_citation_field_in_search(quotes_client: FlaskClient) -> None:
    doc = quotes_client.get("/api/search?q=citation:priorite").get_json()
    assert ["Diop à Moscou"] == [h["title"] for h in doc["hits"]]
    # The unattributed quote of the third article is not searchable as a quote.
    assert 2 == quotes_client.get("/api/search?q=quote:russie").get_json()["total"]


def test_api_quotes_on_press_corpus(press_client: FlaskClient) -> None:
    assert {"total": 0, "quotes": [], "speakers": []} == press_client.get(
        "/api/quotes?q=russie").get_json()
    bad = press_client.get("/api/quotes?limit=500")
    assert (400, "limit : doit être entre 1 et 200, reçu 500") == (
        bad.status_code, bad.get_json()["error"])


def test_seeds_api_and_citation_search(client: FlaskClient) -> None:
    doc = client.get("/api/quotes?q=russie").get_json()
    assert [("Abdoulaye Diop", "Nous sommes ici pour")] == _said(doc)[:1]
    assert all(q["speaker"] == "Abdoulaye Diop" for q in doc["quotes"])
    hits = client.get("/api/search?q=citation:russie").get_json()["hits"]
    assert [h["id"] for h in hits if h["id"].startswith("000_")] != []


def test_seed_001_quotes_only_from_its_people(client: FlaskClient) -> None:
    art = client.get("/api/search?q=&per_page=20").get_json()["hits"]
    people = {h["id"]: set(h["people"]) for h in art}
    for q in client.get("/api/quotes?limit=200").get_json()["quotes"]:
        assert q["speaker"] in people[q["id"]]
    seed1 = next(i for i in people if i.startswith("001_"))
    body = client.get(f"/api/article/{seed1}").get_json()["body"]
    assert all(q.speaker in people[seed1] for q in attributed(find_quotes(body, sorted(
        people[seed1]))))


def test_citations_page(client: FlaskClient) -> None:
    html = client.get("/citations?q=russie").get_data(as_text=True)
    assert "<blockquote" in html
    assert 'href="/acteur/Abdoulaye%20Diop"' in html
    assert "Aucune citation" in client.get("/citations?q=uranium").get_data(as_text=True)


@pytest.mark.browser
@pytest.mark.slow
def test_citations_in_browser(browser, seeds_url: str) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page = browser.new_context().new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(seeds_url + "/citations?q=russie")
    page.wait_for_function("() => document.querySelectorAll('blockquote').length > 0")
    first = page.locator("blockquote").first.inner_text()
    assert first.startswith("« Nous sommes ici pour une consultation")
    assert "Abdoulaye Diop" == page.locator("a.speaker").first.inner_text()
    assert "/acteur/Abdoulaye%20Diop" == page.locator("a.speaker").first.get_attribute("href")
    page.locator("nav.speakers a").first.click()
    page.wait_for_function("() => location.search.includes('speaker=')")
    assert [] == errors


@pytest.mark.parametrize(("body", "said"), [
    ("« Il y aura des moments difficiles », explique M. Diop. « Trouver des moyens est urgent. »",
     [("Abdoulaye Diop", "quote-verb-speaker"), ("Abdoulaye Diop", "quote-continues")]),
    # An unattributed quote in between: the next one does not inherit an older speaker.
    ("« Il y aura des moments difficiles », a déclaré Diop. Un habitant : « Nous avons peur "
     "ici » . « Trouver des moyens est urgent. »", [("Abdoulaye Diop", "quote-verb-speaker")]),
])
def test_continued_quote(body: str, said: list[tuple[str, str]]) -> None:
    assert said == [(q.speaker, q.rule) for q in attributed(find_quotes(body, PEOPLE))]
