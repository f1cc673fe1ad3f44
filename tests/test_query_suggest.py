"""Query rewrites: tree → text round trips, the relaxed query, spelling suggestions, grouping."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.dedupe import group
from indexer.query import parse
from indexer.search import Engine, SearchRequest
from indexer.suggest import node_text, relaxed_text, suggest_text


@pytest.mark.parametrize("q", [
    "securite AES",
    '"Force unifiée" -Russie',
    "AES OU CEDEAO",
    "(AES OU CEDEAO) Mali",
    "titre:AES acteur:\"Assimi Goïta\" lieu:Niger media:Maliweb auteur:Diallo",
    "coop* -tomates",
])
def test_node_text_round_trips(q: str) -> None:
    assert parse(q) == parse(node_text(parse(q)))


@pytest.mark.parametrize(("q", "expected"), [
    ("tomates uranium", "tomates OU uranium"),
    ('"Force unifiée" Goïta -Russie', '"Force unifiée" OU Goïta'),
    ("AES", None),
    ("AES OU CEDEAO", None),
    ("", None),
])
def test_relaxed_text(q: str, expected: str | None) -> None:
    assert expected == relaxed_text(q)


@pytest.mark.parametrize(("q", "expected"), [
    ("securte", "securite"),
    ("cooperaton", "cooperation"),
    ("Bamkao", "bamako"),      # two letters swapped
    ("xyzzyq", None),          # nothing close
    ("securite", None),        # a known, frequent word stays
    ("souverainete tomatos", "souverainete tomates"),
    ("-securte", None),        # excluded words are not corrected
])
def test_suggestions_from_folded_vocabulary(press_index: Path, q: str, expected: str | None) -> None:
    engine = Engine(press_index)
    searcher, _ = engine._searcher()
    assert expected == suggest_text(q, searcher.reader())


def test_suggestion_only_when_more_results(press_index: Path) -> None:
    engine = Engine(press_index)
    assert "securite" == engine.suggestion(engine.search(SearchRequest(q="securte")))
    # "radios" is in the vocabulary; "radio" is not a frequent neighbour that finds more.
    assert None is engine.suggestion(engine.search(SearchRequest(q="radios")))


def test_group_keeps_order_and_folds_copies() -> None:
    comm = "Les ministres de la Défense de l'AES se sont réunis à Bamako pour adopter le plan."
    items = [("a", comm), ("b", "Le capitaine a inauguré une usine de tomates."),
             ("c", "BAMAKO — " + comm), ("d", comm + " (Communiqué)")]
    groups = group(items, lambda it: it[1])
    assert [("a", ["c", "d"]), ("b", [])] == [(g.lead[0], [o[0] for o in g.others]) for g in groups]
