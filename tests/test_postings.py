"""Matching and ranking from cached postings agree with Whoosh; any-word mode; search options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import indexer.search.postings as postings
from indexer.analysis import french_analyzer
from indexer.search import Engine, SearchRequest
from indexer.search.matching import to_whoosh
from indexer.search.query import parse
from indexer.search.snippets import match_spans, query_terms
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


def _brute_bm25f(searcher, word: str, ndocs: int) -> dict[int, float]:  # type: ignore[no-untyped-def]
    """BM25F of one bare word written out from the formula, field by field, plus the exact form."""
    import math

    from indexer.analysis import analyze, fold_words
    from indexer.search.matching import DEFAULT_FIELDS, EXACT_BONUS

    k1, b = postings.K1, postings.B
    boosts = {name: searcher.schema[name].format.field_boost for name in DEFAULT_FIELDS}
    (stem,) = analyze(word)
    (form,) = fold_words(word)

    def bm25(acc: dict[int, float], idf_docs: int) -> dict[int, float]:
        idf = math.log(1 + (ndocs - idf_docs + 0.5) / (idf_docs + 0.5))
        return {d: idf * t * (k1 + 1) / (t + k1) for d, t in acc.items()}

    def norm(name: str, d: int, tf: int) -> float:
        length = searcher.doc_field_length(d, name, 1)
        return tf / ((1 - b) + b * length / searcher.avg_field_length(name))

    acc: dict[int, float] = {}
    exact: dict[int, float] = {}
    for d in range(ndocs):
        stored = searcher.stored_fields(d)
        for name in ("title", "body"):  # the other default fields are empty in this corpus
            tf = analyze(stored.get(name, "")).count(stem)
            if tf:
                acc[d] = acc.get(d, 0.0) + boosts[name] * norm(name, d, tf)
        tf = fold_words(stored["title"] + "\n" + stored["body"]).count(form)
        if tf:
            exact[d] = norm("vocab", d, tf)
    out = bm25(acc, len(acc))
    for d, s in bm25(exact, len(exact)).items():
        out[d] += EXACT_BONUS * s
    return out


@pytest.mark.parametrize("text", ["CEDEAO", "Niger CEDEAO", "securite Sahel", "Niger OU Sénégal"])
def test_scores_equal_bm25f_written_out(small_index: Path, text: str) -> None:
    engine = Engine(small_index)
    searcher, fx = engine._searcher()
    expected: dict[int, float] = {}
    for word in text.replace(" OU ", " ").split():
        for d, s in _brute_bm25f(searcher, word, fx.ndocs).items():
            expected[d] = expected.get(d, 0.0) + s
    q = to_whoosh(parse(text), searcher.reader())
    scores = postings.Postings(fx.ndocs).scores(searcher, q)
    matched = postings.Postings(fx.ndocs).mask(searcher, q, fx.alive)
    assert {d: round(v, 3) for d, v in expected.items() if matched[d]} == {
        int(d): round(float(scores[d]), 3) for d in matched.nonzero()[0]}


def test_a_word_in_title_and_body_saturates_once(small_index: Path) -> None:
    # BM25F sums the fields' frequencies before saturating: the score stays below the
    # idf·(K1+1) bound that one BM25 per field, added up, would exceed.
    engine = Engine(small_index)
    searcher, fx = engine._searcher()
    from indexer.analysis import analyze

    p = postings.Postings(fx.ndocs)
    stem = analyze("CEDEAO")[0]
    ids, score = p.group(searcher, ("title", "body"), stem)
    assert [0, 4, 6] == ids.tolist()  # 0 and 6 name it in title and body, 4 in the body
    bound = postings.IDF(fx.ndocs, len(ids)) * (postings.K1 + 1)
    per_field = {d: 0.0 for d in ids.tolist()}
    for name in ("title", "body"):
        fids, fscore = p.posting(searcher, name, stem)
        for d, v in zip(fids.tolist(), fscore.tolist(), strict=True):
            per_field[d] += v * postings.IDF(fx.ndocs, len(ids)) / postings.IDF(fx.ndocs, len(fids))
    assert float(score.max()) < bound < max(per_field.values())


def test_the_exact_form_ranks_first_and_matches_nothing_more(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [("Le président africain", "Le président reçoit les ministres à Niamey ce lundi."),
            ("Les présidents africains", "Les présidents reçoivent les ministres à Niamey ce lundi."),
            ("Sommet à Niamey", "Les ministres se retrouvent à Niamey ce lundi matin.")]
    (corpus / "a.jsonl").write_text("".join(json.dumps({"id": str(i), "title": t, "text": b},
                                                       ensure_ascii=False) + "\n"
                                            for i, (t, b) in enumerate(rows)), encoding="utf-8")
    sync(corpus, tmp_path / "index")
    engine = Engine(tmp_path / "index")
    plural = engine.search(SearchRequest(q="presidents"))
    singular = engine.search(SearchRequest(q="Président"))
    assert ["Les présidents africains", "Le président africain"] == [h.title for h in plural.hits]
    assert ["Le président africain", "Les présidents africains"] == [h.title for h in singular.hits]


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
