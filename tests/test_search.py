"""Search over the real seeds index: accents, stems, phrases, snippets, facets."""

from __future__ import annotations

import pytest

from indexer.search import Engine, SearchRequest
from indexer.search.query import parse
from indexer.search.snippets import fragments, query_terms

S000 = "000_3983e56d166b3c85.txt"
S001 = "001_75f0ba55b50d97a0.txt"
S004 = "004_18af9ebbefe4e5be.txt"


def ids(engine: Engine, q: str, **kw: object) -> set[str]:
    return {h.id for h in engine.search(SearchRequest(q=q, **kw)).hits}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("securite", {S000, S001, S004}),
        ("sécurité", {S000, S001, S004}),
        ("cooperation", {S000, S001, S004}),
        ("Goita", {S001}),
        ("Goïta", {S001}),
        ("Serguei", {S000, S001}),
        ("etats", {S000, S001, S004}),
        ("l'AES", {S000, S001, S004}),
        ("l’AES", {S000, S001, S004}),
        ("AES", {S000, S001, S004}),
        ("securite cooperation Goita", {S001}),
        ("Martynov", {S004}),
        ("Ukraine", {S001}),
    ],
)
def test_accent_insensitive_search(engine: Engine, query: str, expected: set[str]) -> None:
    assert expected == ids(engine, query)


def test_stemmed_forms_match(engine: Engine) -> None:
    assert ids(engine, "ministres") == ids(engine, "ministre") == {S000, S001, S004}
    assert ids(engine, "développer") == ids(engine, "développement")


def test_phrase_query(engine: Engine) -> None:
    assert {S001} == ids(engine, '"Force unifiée"')
    assert set() == ids(engine, '"unifiée Force"')


def test_exclusion_and_or(engine: Engine) -> None:
    assert {S000, S004} == ids(engine, "AES -Goïta")
    assert {S001, S004} == ids(engine, "Goïta OU Martynov")


def test_title_matches_rank_first(engine: Engine) -> None:
    page = engine.search(SearchRequest(q="sommet"))
    assert S004 == page.hits[0].id


def test_snippet_marks_the_accented_original(engine: Engine) -> None:
    page = engine.search(SearchRequest(q="securite"))
    snippets = " ".join(str(h.snippet) for h in page.hits)
    assert "<mark>sécurité</mark>" in snippets
    assert "<mark>securite</mark>" not in snippets


def test_snippet_marks_aes_inside_elision(engine: Engine) -> None:
    page = engine.search(SearchRequest(q="l'AES", per_page=10))
    assert any("l’<mark>AES</mark>" in str(h.snippet) for h in page.hits)


def test_outlet_and_year_facets_count_and_filter(engine: Engine) -> None:
    page = engine.search(SearchRequest(q="AES"))
    outlets = {b.value: b.count for b in page.facets["outlet"]}
    years = {b.value: b.count for b in page.facets["year"]}
    assert {"Nigerdiaspora": 1, "aNiamey.com": 1} == outlets
    assert {"2026": 1, "2025": 1, "inconnue": 1} == years
    assert {S004} == ids(engine, "AES", outlet=("aNiamey.com",))
    assert {S001} == ids(engine, "AES", year=(2025,))
    assert {S001, S004} == ids(engine, "AES", outlet=("aNiamey.com", "Nigerdiaspora"))


def test_empty_query_lists_newest_first(engine: Engine) -> None:
    page = engine.search(SearchRequest(q=""))
    assert [S004, S001, S000] == [h.id for h in page.hits]


def test_stop_words_only_finds_nothing(engine: Engine) -> None:
    assert 0 == engine.search(SearchRequest(q="de la")).total


def test_hit_carries_metadata(engine: Engine) -> None:
    [hit] = engine.search(SearchRequest(q="Martynov")).hits
    assert ("aNiamey.com", "21 janvier 2026") == (hit.outlet, hit.date_label)
    assert hit.path.endswith("seeds/" + S004)


def test_selected_actor_shows_only_under_its_own_facet(engine: Engine) -> None:
    page = engine.search(SearchRequest(q="", actor=("Abdoulaye Diop", "AES")))
    people = {b.value: b.selected for b in page.facets["person"]}
    orgs = {b.value: b.selected for b in page.facets["org"]}
    assert (True, True) == (people["Abdoulaye Diop"], orgs["AES"])
    assert ("AES" in people, "Abdoulaye Diop" in orgs) == (False, False)


def test_snippets_of_a_long_article_of_short_sentences() -> None:
    # 16,000 sentences that all match: one pass over the matches, not one per sentence.
    text = "Le gouvernement parle. " * 16000
    frags = fragments(text, query_terms(parse("gouvernement")))
    assert [(0, 22), (23, 45), (46, 68)] == [(f.start, f.end) for f in frags]
