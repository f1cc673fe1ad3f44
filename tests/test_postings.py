"""Matching and ranking from cached postings agree with Whoosh; any-word mode; search options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import indexer.postings as postings
from indexer.analysis import french_analyzer
from indexer.matching import to_whoosh
from indexer.query import parse
from indexer.search import Engine, SearchRequest
from indexer.snippets import match_spans, query_terms
from indexer.store import sync

ARTICLES = [
    ("Le Mali quitte la CEDEAO", "Bamako annonce son retrait de la CEDEAO avec le Niger et le Burkina."),
    ("Sécurité au Sahel", "La sécurité reste fragile au Sahel ; l’AES prépare une force unifiée."),
    ("Force unifiée de l'AES", "Les ministres de la Défense de l'AES valident la force unifiée à Niamey."),
    ("Coopération avec la Russie", "Le Niger renforce sa coopération militaire avec la Russie."),
    ("Élection présidentielle au Sénégal", "Le Sénégal élit son président ; la CEDEAO salue le scrutin."),
    ("Grève à Niamey", "Les enseignants de Niamey sont en grève depuis lundi, sans accord."),
    ("La CEDEAO et le Niger", "Sommet de la CEDEAO sur le Niger : sanctions levées, sécurité au menu."),
    ("Securite routiere", "La securite routiere au Senegal : campagne nationale."),
]
QUERIES = ["CEDEAO", "securite", "Niger CEDEAO", '"force unifiée"', "AES -Russie", "Niger OU Sénégal",
           "coop*", "titre:CEDEAO", "grève Niamey accord", "inconnu"]


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of ARTICLES written as one `.jsonl` file."""
    base = tmp_path_factory.mktemp("postings")
    (base / "corpus").mkdir()
    lines = [json.dumps({"id": str(i), "title": t, "text": b, "date": f"2025-0{i % 9 + 1}-15"},
                        ensure_ascii=False) for i, (t, b) in enumerate(ARTICLES)]
    (base / "corpus" / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert sync(base / "corpus", base / "index").errors == []
    return base / "index"


@pytest.mark.parametrize("text", QUERIES)
def test_mask_equals_whoosh_matches(small_index: Path, text: str) -> None:
    engine = Engine(small_index)
    searcher, fx = engine._searcher()
    q = to_whoosh(parse(text), searcher.reader())
    assert q is not None
    expected = sorted(searcher.docs_for_query(q))
    got = postings.Postings(fx.ndocs).mask(searcher, q, fx.alive).nonzero()[0].tolist()
    assert expected == got


@pytest.mark.parametrize("text", ["CEDEAO", "Niger CEDEAO", "securite Sahel", "Niger OU Sénégal"])
def test_scores_equal_whoosh_bm25f_with_its_idf(
    small_index: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postings, "IDF", postings.whoosh_idf)
    monkeypatch.setattr(postings, "K1", 1.2)
    engine = Engine(small_index)
    searcher, fx = engine._searcher()
    q = to_whoosh(parse(text), searcher.reader())
    results = searcher.search(q, limit=None)
    expected = {results.docnum(i): round(results.score(i), 4) for i in range(len(results))}
    scores = postings.Postings(fx.ndocs).scores(searcher, q)
    assert expected == {d: round(float(scores[d]), 4) for d in expected}


def test_top_orders_by_score_then_docnum() -> None:
    import numpy as np

    scores = np.array([1.0, 3.0, 2.0, 3.0, 0.5], dtype=np.float32)
    assert [1, 3, 2] == postings.top(scores, np.arange(5), 3).tolist()


def test_any_word_mode_finds_more_and_ranks_the_fullest_first(small_index: Path) -> None:
    engine = Engine(small_index)
    strict = engine.search(SearchRequest(q="grève Niamey CEDEAO"))
    loose = engine.search(SearchRequest(q="grève Niamey CEDEAO", mode="or"))
    assert 0 == strict.total
    assert 5 == loose.total  # 3 name the CEDEAO, 2 Niamey (one of them on strike)
    assert "Grève à Niamey" == loose.hits[0].title
    assert "or" == SearchRequest.from_params({"mode": ["ou"]}).mode
    assert {"q": "x", "mode": "or"} == SearchRequest(q="x", mode="or").params()


def test_any_word_mode_keeps_exclusions(small_index: Path) -> None:
    engine = Engine(small_index)
    page = engine.search(SearchRequest(q="Niger coopération -Russie", mode="or", per_page=20))
    assert all("Russie" not in h.title for h in page.hits)
    assert 2 == page.total  # the Mali and the CEDEAO articles name the Niger


def test_search_can_skip_snippets_and_facets(small_index: Path) -> None:
    engine = Engine(small_index)
    full = engine.search(SearchRequest(q="CEDEAO"))
    bare = engine.search(SearchRequest(q="CEDEAO"), snippets=False, facets=False)
    assert [h.id for h in full.hits] == [h.id for h in bare.hits]
    assert all(h.fragments for h in full.hits)
    assert all(h.fragments == () for h in bare.hits)
    assert {} == bare.facets
    assert "year" in full.facets


@pytest.mark.parametrize("query", ["securite AES", "force unifiée", "Sénégal président", "ministres"])
def test_match_spans_equal_the_analyzer_tokens(query: str) -> None:
    text = " ".join(t + " — " + b for t, b in ARTICLES)
    terms = query_terms(parse(query))
    expected = [(t.startchar, t.endchar) for t in french_analyzer()(text, chars=True)
                if terms.matches(t.text)]
    assert expected == match_spans(text, terms)
