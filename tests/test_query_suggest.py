"""Query rewrites: tree → text round trips, the relaxed query, spelling suggestions, grouping."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from indexer.dedupe import dup_keys, group_ranked, key_table
from indexer.search import Engine, SearchRequest
from indexer.search.query import parse
from indexer.search.suggest import node_text, relaxed_text, suggest_text


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
    # `securte` finds nothing: the page is `securite`'s, spelt as the articles spell it.
    page = engine.search(SearchRequest(q="securte"))
    assert ("sécurité", "securte") == (page.suggestion, page.corrected)
    # "radios" is in the vocabulary; "radio" is not a frequent neighbour that finds more.
    assert None is engine.search(SearchRequest(q="radios")).suggestion


def test_group_keeps_order_and_folds_copies() -> None:
    comm = ("Les ministres de la Défense de l'AES se sont réunis à Bamako pour adopter le plan "
            "de la force unifiée, qui doit compter cinq mille hommes d'ici la fin de l'année.")
    texts = [comm, "Le capitaine a inauguré une usine de tomates à Bobo-Dioulasso ce lundi.",
             "BAMAKO — " + comm, comm + " (Communiqué)", "", ""]
    keys = key_table(lambda n: dup_keys(texts[n]), len(texts))
    # Stored keys are the same in every process (no salted hash() in them): pinned here.
    assert 566224312 == zlib.crc32(dup_keys(comm))
    assert dup_keys(comm) != dup_keys(texts[1])
    assert [[0, 2, 3], [1], [4], [5]] == group_ranked(list(range(6)), keys)
    assert [[3, 0, 2], [1]] == group_ranked([3, 1, 0, 2], keys)


def test_suggestion_work_is_bounded(press_index: Path) -> None:
    reader = Engine(press_index)._searcher()[0].reader()
    assert suggest_text("a" * 1000, reader) is None  # no typo anyone makes
    typos = " ".join(f"securitee{chr(97 + n % 26)}" for n in range(64))
    fixed = suggest_text(typos, reader)
    # At most MAX_RESPELT words are looked at: the rest of a long query stays as typed.
    assert fixed is None or sum(a != b for a, b in zip(typos.split(), fixed.split(), strict=True)) <= 6
