"""Extraction of the three seed articles: title, outlet, author, date, body boundaries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from indexer.extract import extract_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

GOLDEN = {
    "000_3983e56d166b3c85.txt": {
        "title": "Les ministres des Affaires étrangères de l’AES en visite à Moscou pour "
        "renforcer la coopération avec la Russie",
        "outlet": None,
        "author": "Carine Pierrette Zongo",
        "date": None,
        "first": "Les chefs de la diplomatie des pays membres de la Confédération des États du "
        "Sahel (AES)",
        "last": "pour tenir des discussions bilatérales avec leurs homologues russes",
    },
    "001_75f0ba55b50d97a0.txt": {
        "title": "Consultations ministérielles AES–Russie : un partenariat stratégique pour la "
        "paix, la sécurité et le développement",
        "outlet": "Nigerdiaspora",
        "author": "Boubacar Guédé",
        "date": date(2025, 4, 3),
        "first": "Communiqué conjoint - À l’invitation du gouvernement de la Fédération de Russie",
        "last": "à une date convenue par voie diplomatique.",
    },
    "004_18af9ebbefe4e5be.txt": {
        "title": "Diplomatie sahélienne : l’AES et la Russie préparent un sommet stratégique "
        "en 2026",
        "outlet": "aNiamey.com",
        "author": None,
        "date": date(2026, 1, 21),
        "first": "Un nouveau jalon diplomatique se dessine entre la Confédération des États du "
        "Sahel (AES)",
        "last": "dans un contexte de recomposition des alliances au Sahel.",
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
    assert article.body.startswith(str(expected["first"]))
    assert article.body.endswith(str(expected["last"]))


@pytest.mark.parametrize(
    "boilerplate",
    ["Derniers articles par", "Université Thomas Sankara", "Commentaires", "© Autre presse",
     "MonKiosk", "Accueil", "Publié le", "Boubacar Guédé", "Carine Pierrette Zongo",
     "Ouverture des travaux de la deuxième session"],
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
