"""Actors on the seeds: golden canonical sets, and the canonicalisation rules one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.actors import best_form, make_annotator
from indexer.actors.aliases import AliasFileError, load_aliases, name_key
from indexer.actors.canonical import Cleaner, strip_titles
from indexer.actors.ner import run_ner
from indexer.article import Article
from indexer.search import Engine

S000 = "000_3983e56d166b3c85.txt"
S001 = "001_75f0ba55b50d97a0.txt"
S004 = "004_18af9ebbefe4e5be.txt"

# Written by reading the three articles (the file says what is not an actor and why); the
# quality bench (bench/actors_quality.py) scores against the same file.
GOLDEN_FILE = Path(__file__).resolve().parent.parent / "bench" / "data" / "seeds_actors.json"
GOLDEN = {
    doc_id: (set(sets["people"]), set(sets["orgs"]))
    for doc_id, sets in json.loads(GOLDEN_FILE.read_text(encoding="utf-8")).items()
    if not doc_id.startswith("_")
}


def test_golden_covers_the_three_seeds() -> None:
    assert {S000, S001, S004} == set(GOLDEN)


@pytest.mark.parametrize("doc_id", sorted(GOLDEN))
def test_seed_golden_people_and_orgs(engine: Engine, doc_id: str) -> None:
    article = engine.article(doc_id)
    assert article is not None
    people, orgs = GOLDEN[doc_id]
    assert (people, orgs) == (set(article["people"]), set(article["orgs"]))  # type: ignore[call-overload]


def test_seed_places_are_places_not_actors(engine: Engine) -> None:
    article = engine.article(S004)
    assert article is not None
    assert {"Ouagadougou", "Moscou", "Bamako", "Niamey", "Burkina Faso"} <= set(article["places"])  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("M. Diop", "Diop"),
        ("MM. Lavrov", "Lavrov"),
        ("Mme Aminata Touré", "Aminata Touré"),
        ("SEM Abdoulaye Diop", "Abdoulaye Diop"),
        ("S.E. Abdoulaye Diop", "Abdoulaye Diop"),
        ("Président Assimi Goïta", "Assimi Goïta"),
        ("ministre Abdoulaye Diop", "Abdoulaye Diop"),
        ("colonel Assimi Goïta", "Assimi Goïta"),
        ("Général Abdourahamane Tiani", "Abdourahamane Tiani"),
        ("El Hadj Oumar Tall", "Oumar Tall"),
        ("Me Mamadou Konaté", "Mamadou Konaté"),
        ("Dr Akshay Nair", "Akshay Nair"),
        ("Le Président russe Vladimir Poutine", "Vladimir Poutine"),
    ],
)
def test_titles_are_stripped(raw: str, expected: str) -> None:
    assert expected == strip_titles(raw)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Goïta", "Goita"), ("Traoré", "TRAORE"), ("Sergueï Lavrov", "Serguei Lavrov"),
     ("Jean-Marie Traoré", "Jean Marie Traore"), ("l’AES", "l'AES")],
)
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_display_is_the_most_complete_accented_form() -> None:
    assert "Sergueï Lavrov" == best_form({"Serguei Lavrov": 5, "Sergueï Lavrov": 1})
    assert "Assimi Goïta" == best_form({"ASSIMI GOITA": 2, "Assimi Goïta": 1, "Assimi Goita": 4})


def test_acronym_pairs_are_learnt_from_the_text() -> None:
    text = "les membres de la Communauté des Bidules du Sahel (CBS) et la Banque mondiale"
    assert {"communaute des bidules du sahel": "CBS"} == Cleaner(load_aliases()).acronyms(text, set())


def _art(body: str, title: str = "Titre", doc_id: str = "x.txt") -> Article:
    return Article(doc_id=doc_id, path=doc_id, title=title, body=body)


@pytest.fixture(scope="module")
def annotate(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    ann = make_annotator(tmp_path_factory.mktemp("actors"))
    return ann


def test_surnames_resolve_and_ambiguous_ones_do_not(annotate) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Le capitaine Ibrahim Traoré a reçu le ministre Karamoko Jean Marie Traoré et "
        "Sergueï Lavrov. M. Lavrov a salué M. Traoré. Le ministre Jean Marie Traoré a conclu."
    )
    people, _, _ = annotate([_art(body, doc_id="amb.txt")])[0][:3]
    assert {"Ibrahim Traoré", "Karamoko Jean Marie Traoré", "Sergueï Lavrov"} == set(people)


def test_mm_a_et_b_gives_two_people(annotate) -> None:  # type: ignore[no-untyped-def]
    body = ("Abdoulaye Diop a rencontré Sergueï Lavrov à Moscou. La réunion a été coprésidée par "
            "MM. Lavrov et Diop.")
    people, _, _ = annotate([_art(body, doc_id="mm.txt")])[0][:3]
    assert {"Abdoulaye Diop", "Sergueï Lavrov"} == set(people)


def test_surname_resolves_through_the_corpus_once_confirmed(tmp_path: Path) -> None:
    ann = make_annotator(tmp_path)
    first = _art("Le président de la transition, Assimi Goïta, a reçu les ministres.", doc_id="a.txt")
    later = _art("Le colonel Goita a signé le décret lundi à Bamako.", doc_id="b.txt")
    # One article naming him in full is not evidence enough for the corpus: a surname behind a
    # title stays a surname...
    assert ("Goita",) == ann([first, later])[1][0]
    second = _art("Assimi Goïta a présidé le Conseil des ministres à Koulouba.", doc_id="c.txt")
    # ...a second one is.
    assert ("Assimi Goïta",) == ann([second, later])[1][0]


@pytest.mark.parametrize(
    "text",
    [
        "La Confédération des États du Sahel (AES) tient un sommet.",
        "La Confédération AES tient un sommet à Niamey.",
        "Les dirigeants de l'AES tiennent un sommet.",
        "L'Alliance des États du Sahel tient un sommet.",
    ],
)
def test_aes_variants_are_one_organisation(annotate, text: str) -> None:  # type: ignore[no-untyped-def]
    _, orgs, _ = annotate([_art(text, doc_id="aes.txt")])[0][:3]
    assert ("AES",) == orgs


@pytest.mark.parametrize(
    "text",
    [
        "Le sommet de la CEDEAO s'ouvre à Abuja.",
        "Le sommet de la Cedeao s'ouvre à Abuja.",
        "Le sommet de la Communauté économique des États de l'Afrique de l'Ouest s'ouvre à Abuja.",
    ],
)
def test_cedeao_variants_are_one_organisation(annotate, text: str) -> None:  # type: ignore[no-untyped-def]
    _, orgs, _ = annotate([_art(text, doc_id="cedeao.txt")])[0][:3]
    assert ("CEDEAO",) == orgs


def test_noise_is_dropped(annotate) -> None:  # type: ignore[no-untyped-def]
    body = "Comment\nDerniers articles\nDiplomatie : la diplomatie du Mali.\nCommentaires\nS’il vient."
    people, orgs, _ = annotate([_art(body, title="Diplomatie", doc_id="noise.txt")])[0][:3]
    assert ((), ()) == (people, orgs)


def test_user_aliases_map_ignore_and_type(tmp_path: Path) -> None:
    user = tmp_path / "actors.toml"
    user.write_text(
        'ignore = ["Vladimir Poutine"]\n'
        '[[actor]]\nname = "Abdoulaye Diop (Mali)"\ntype = "personne"\nvariants = ["Abdoulaye Diop"]\n'
        '[[actor]]\nname = "Ukraine"\ntype = "organisation"\n',
        encoding="utf-8",
    )
    ann = make_annotator(tmp_path / "index", user)
    body = "Abdoulaye Diop et Vladimir Poutine ont parlé de l'Ukraine à Moscou."
    people, orgs, places = ann([_art(body)])[0][:3]
    assert (("Abdoulaye Diop (Mali)",), ("Ukraine",)) == (people, orgs)
    assert "Ukraine" not in places


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("ignore = [", "illisible"),
        ('[[actor]]\ntype = "personne"\n', "« name » manquant"),
        ('[[actor]]\nname = "X"\ntype = "chose"\n', "type inconnu « chose »"),
    ],
)
def test_bad_alias_file_is_a_clear_error(tmp_path: Path, content: str, reason: str) -> None:
    user = tmp_path / "actors.toml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(AliasFileError) as err:
        load_aliases(user)
    assert str(user) in str(err.value) and reason in str(err.value)


def test_dictionary_finds_what_ner_misses() -> None:
    found = Cleaner(load_aliases()).dictionary("Les ministres de l’AES et de la Cedeao.")
    assert ["AES", "CEDEAO"] == sorted(f.form for f in found)


@pytest.mark.slow
def test_worker_pool_gives_the_same_mentions_as_one_process() -> None:
    texts = [f"Le colonel Assimi Goïta a reçu {n} délégués de la CEDEAO à Bamako." for n in range(70)]
    assert run_ner(texts, parallel=False) == run_ner(texts, parallel=True)


def test_ambiguous_surname_in_the_corpus_is_not_guessed(tmp_path: Path) -> None:
    ann = make_annotator(tmp_path)
    results = ann([
        _art("Le capitaine Ibrahim Traoré a parlé à Ouagadougou.", doc_id="1.txt"),
        _art("Le ministre Karamoko Jean Marie Traoré est arrivé à Moscou.", doc_id="2.txt"),
        _art("Selon M. Traoré, la réunion a été utile.", doc_id="3.txt"),
    ])
    assert [("Ibrahim Traoré",), ("Karamoko Jean Marie Traoré",), ()] == [r[0] for r in results]
