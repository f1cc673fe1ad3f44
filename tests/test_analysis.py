"""The French analysis chain: accents, apostrophes, stop words, stems."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from indexer.analysis import analyze, french_analyzer


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("securite", "sécurité"),
        ("cooperation", "coopération"),
        ("Goita", "Goïta"),
        ("Serguei", "Sergueï"),
        ("etats", "États"),
        ("developpement", "développement"),
        ("senegalais", "Sénégalais"),
        ("oeuvre", "œuvre"),
        ("ministere", "ministère"),
    ],
)
def test_unaccented_matches_accented(typed: str, written: str) -> None:
    assert analyze(written) == analyze(typed)
    assert len(analyze(typed)) == 1


@pytest.mark.parametrize("text", ["l'AES", "l’AES", "AES", "L’AES"])
def test_apostrophes_split_elision(text: str) -> None:
    assert analyze(text) == ["ae"]


@pytest.mark.parametrize(
    ("a", "b"),
    [("ministres", "ministre"), ("développer", "développement"), ("Sahéliens", "sahélien")],
)
def test_stemming_joins_forms(a: str, b: str) -> None:
    assert analyze(a) == analyze(b)


def test_stop_words_are_dropped_after_folding() -> None:
    assert analyze("de la et été d’un qu’il jusqu’à Bamako") == ["bamako"]


def test_offsets_point_at_the_original_accented_word() -> None:
    text = "La sécurité de l’AES"
    tokens = [(t.text, text[t.startchar : t.endchar])
              for t in french_analyzer()(text, chars=True)]
    assert tokens == [("securit", "sécurité"), ("ae", "AES")]


def test_analyzer_pickles() -> None:
    analyzer = pickle.loads(pickle.dumps(french_analyzer()))
    assert [t.text for t in analyzer("Coopération")] == ["cooper"]


def test_fold_words_is_the_folded_chain(shared_data: Any) -> None:
    """The table-lookup ``fold_words`` gives what Whoosh's folded analyzer gives, on real press."""
    from indexer.analysis import fold_words, folded_analyzer

    chain = folded_analyzer()
    lines = shared_data("masakhanews_fra/dev.tsv").read_text(encoding="utf-8").splitlines()[:300]
    text = "\n".join(lines) + " L’AES, İstanbul, Straße, ½, Œuvre, _x_, ǅ, ﬁn"
    assert fold_words(text) == [t.text for t in chain(text)]
