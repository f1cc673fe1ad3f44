"""Attributed quotes: the extraction rules, the index fields, quote search, API and page."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.actors.quotes import attributed, find_quotes

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
