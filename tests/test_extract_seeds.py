"""Extraction of the three seed articles: title, outlet, author, date, first and last sentence."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from indexer.extract import extract_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# A sentence ends with . ! ? or », before a capital letter or an opening quote.
SENTENCE_BREAK = re.compile(r"(?<=[.!?»])\s+(?=[A-ZÀ-Ý«])")

GOLDEN = {
    "000_3983e56d166b3c85.txt": {
        "title": "Les ministres des Affaires étrangères de l’AES en visite à Moscou pour "
        "renforcer la coopération avec la Russie",
        "outlet": None,
        "author": "Carine Pierrette Zongo",
        "date": None,
        "first": "Les chefs de la diplomatie des pays membres de la Confédération des États du "
        "Sahel (AES) Abdoulaye Diop, Bakary Yaou Sangaré et Karamoko Jean Marie Traoré, séjournent "
        "à Moscou, la capitale russe, où ils rencontreront ce 3 avril leur homologue russe, Sergueï "
        "Lavrov.",
        # The page itself ends this sentence without a full stop.
        "last": "Les trois pays, qui entretiennent depuis longtemps des relations de coopération "
        "avec la Russie, profiteront également de leur présence à Moscou pour tenir des "
        "discussions bilatérales avec leurs homologues russes",
    },
    "001_75f0ba55b50d97a0.txt": {
        "title": "Consultations ministérielles AES–Russie : un partenariat stratégique pour la "
        "paix, la sécurité et le développement",
        "outlet": "Nigerdiaspora",
        "author": "Boubacar Guédé",
        "date": date(2025, 4, 3),
        "first": "Communiqué conjoint - À l’invitation du gouvernement de la Fédération de Russie, "
        "Moscou a accueilli le 3 avril 2025 la toute première session des Consultations des "
        "ministres des Affaires étrangères de la Confédération des États du Sahel (AES) et de la "
        "Fédération de Russie.",
        "last": "La prochaine session se déroulera dans un pays de la Confédération, à une date "
        "convenue par voie diplomatique.",
    },
    "004_18af9ebbefe4e5be.txt": {
        "title": "Diplomatie sahélienne : l’AES et la Russie préparent un sommet stratégique "
        "en 2026",
        "outlet": "aNiamey.com",
        "author": None,
        "date": date(2026, 1, 21),
        "first": "Un nouveau jalon diplomatique se dessine entre la Confédération des États du "
        "Sahel (AES) et la Fédération de Russie.",
        "last": "Le ministre Jean Marie Traoré s’est félicité de la solidité croissante du "
        "partenariat avec Moscou, illustrant une coopération qui s’intensifie à la fois sur les "
        "plans bilatéral et multilatéral, dans un contexte de recomposition des alliances au Sahel.",
    },
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_seed_metadata(name: str) -> None:
    expected = GOLDEN[name]
    [article] = extract_file(SEEDS / name, SEEDS)
    assert expected["title"] == article.title
    assert expected["outlet"] == article.outlet
    assert expected["author"] == article.author
    assert expected["date"] == article.date
    paragraphs = article.body.split("\n\n")
    assert str(expected["first"]) == first_sentence(paragraphs[0])
    assert str(expected["last"]) == last_sentence(paragraphs[-1])
    assert "fr" == article.lang


def first_sentence(paragraph: str) -> str:
    return SENTENCE_BREAK.split(paragraph)[0]


def last_sentence(paragraph: str) -> str:
    return SENTENCE_BREAK.split(paragraph)[-1]


@pytest.mark.parametrize(
    "boilerplate",
    ["Derniers articles par", "Université Thomas Sankara", "Commentaires", "© Autre presse",
     "MonKiosk", "Accueil", "Publié le", "Boubacar Guédé", "Carine Pierrette Zongo",
     "Ouverture des travaux de la deuxième session", "Comment\n", "décembre 2025", "NEWS",
     "voir tous", "Politique\n"],
)
def test_boilerplate_is_not_in_any_body(boilerplate: str) -> None:
    for name in GOLDEN:
        [article] = extract_file(SEEDS / name, SEEDS)
        assert boilerplate not in article.body, name


def test_dates_record_where_they_came_from() -> None:
    provenance = {
        name: extract_file(SEEDS / name, SEEDS)[0].provenance["date"] for name in GOLDEN
    }
    assert {"000_3983e56d166b3c85.txt": "none", "001_75f0ba55b50d97a0.txt": "text",
            "004_18af9ebbefe4e5be.txt": "byline"} == provenance


def test_outlet_and_author_record_where_they_came_from() -> None:
    provenance = {
        name: {k: v for k, v in extract_file(SEEDS / name, SEEDS)[0].provenance.items()
               if k in ("outlet", "author")}
        for name in GOLDEN
    }
    assert {
        "000_3983e56d166b3c85.txt": {"outlet": "none", "author": "byline"},
        "001_75f0ba55b50d97a0.txt": {"outlet": "signature", "author": "signature"},
        "004_18af9ebbefe4e5be.txt": {"outlet": "byline", "author": "none"},
    } == provenance
