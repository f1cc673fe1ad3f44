"""Scraped page text: the headline, the byline, the signature and the paragraphs told apart."""

from __future__ import annotations

import pytest

from indexer.extract.outlets import normalize_outlet
from indexer.extract.text import split_page

HEADLINE = "Le Burkina Faso lance un grand plan de construction de routes rurales"
P1 = ("Le gouvernement burkinabè a lancé lundi à Ouagadougou un programme de construction de "
      "cinq mille kilomètres de routes rurales, financé sur le budget national.")
P2 = ("Les travaux doivent commencer avant la saison des pluies dans les régions du Centre-Nord "
      "et du Sahel, selon le ministre des Infrastructures.")


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# page → (title, author, outlet, provenance of author and outlet)
PAGES = {
    "menu, section name and photo caption before the headline": (
        page("Accueil   Actualités   Politique   Sport   Contact", "Politique", "NEWS", "Comment",
             "© Sidwaya", "Le ministre et les entrepreneurs lors du lancement du programme",
             HEADLINE, P1, P2),
        (HEADLINE, None, None, "none", "none"),
    ),
    "byline Par": (
        page(HEADLINE, "Par Awa Traoré", P1, P2),
        (HEADLINE, "Awa Traoré", None, "byline", "none"),
    ),
    "byline Par with a date": (
        page(HEADLINE, "Par Awa Traoré | 3 mars 2025", P1, P2),
        (HEADLINE, "Awa Traoré", None, "byline", "none"),
    ),
    "name line before Derniers articles par": (
        page(HEADLINE, P1, P2, "Carine Pierrette Zongo", "Derniers articles par: Carine Pierrette "
             "Zongo (voir tous)", "- Un autre article - jeudi le 4 décembre 2025"),
        (HEADLINE, "Carine Pierrette Zongo", None, "byline", "none"),
    ),
    "signature with outlet": (
        page(HEADLINE, P1, P2, "Boubacar Guédé (Nigerdiaspora)"),
        (HEADLINE, "Boubacar Guédé", "Nigerdiaspora", "signature", "signature"),
    ),
    "source line": (
        page(HEADLINE, P1, P2, "Source : AFP"),
        (HEADLINE, None, "AFP", "none", "signature"),
    ),
    "copyright line in domain form": (
        page(HEADLINE, P1, P2, "© www.lefaso.net"),
        (HEADLINE, None, "Lefaso.net", "none", "signature"),
    ),
    "byline outlet in lowercase domain form": (
        page(HEADLINE, "Publié le lundi 3 mars 2025 | www.aniamey.com", P1, P2),
        (HEADLINE, None, "aNiamey.com", "none", "byline"),
    ),
    "aggregator byline, original source signed": (
        page(HEADLINE, "Publié le lundi 3 mars 2025 | MonKiosk.com", P1, P2,
             "Ismaël Sawadogo (Sidwaya)"),
        (HEADLINE, "Ismaël Sawadogo", "Sidwaya", "signature", "signature"),
    ),
    "aggregator alone stays the outlet": (
        page(HEADLINE, "Publié le lundi 3 mars 2025 | MonKiosk.com", P1, P2),
        (HEADLINE, None, "MonKiosk.com", "none", "byline"),
    ),
    "outlet suffix of the headline": (
        page(HEADLINE + " - aBamako.com", P1, P2),
        (HEADLINE, None, "aBamako.com", "none", "text"),
    ),
    "no headline: first sentence": (
        page(P1, P2),
        ("Le gouvernement burkinabè a lancé lundi à Ouagadougou un programme de construction de "
         "cinq mille kilomètres de routes…", None, None, "none", "none"),
    ),
}


@pytest.mark.parametrize("case", sorted(PAGES))
def test_page_metadata(case: str) -> None:
    text, (title, author, outlet, author_from, outlet_from) = PAGES[case]
    parts = split_page(text)
    assert (title, author, outlet, author_from, outlet_from) == (
        parts.title, parts.author, parts.outlet, parts.provenance["author"],
        parts.provenance["outlet"],
    )


@pytest.mark.parametrize("case", sorted(PAGES))
def test_page_body_is_the_paragraphs(case: str) -> None:
    text, _ = PAGES[case]
    assert "\n\n".join([P1, P2]) == split_page(text).body


# boilerplate lines inside or after the article → never in the body
NOISE = [
    "LA SUITE APRÈS LA PUBLICITÉ",
    "Publicité",
    "Partager",
    "Partager sur Facebook",
    "Imprimer",
    "Tweeter",
    "WhatsApp",
    "Comment",
    "© Autre presse par DR",
    "Photo : Présidence du Faso",
    "Lire aussi : Mali : la transition prolongée",
    "- Niger : un autre article de la même rubrique - mardi le 2 décembre 2025",
]


@pytest.mark.parametrize("line", NOISE)
def test_boilerplate_line_inside_the_body_is_dropped(line: str) -> None:
    assert "\n\n".join([P1, P2]) == split_page(page(HEADLINE, P1, line, P2)).body


TAILS = [
    "Commentaires",
    "Commentaires (12)",
    "0 commentaire",
    "Derniers articles par : Awa Traoré",
    "Articles similaires",
    "Sur le même sujet",
    "Dans la même rubrique",
    "Laisser un commentaire",
]


@pytest.mark.parametrize("marker", TAILS)
def test_everything_after_a_tail_marker_is_dropped(marker: str) -> None:
    text = page(HEADLINE, P1, P2, marker, "Un autre article qui n’a rien à voir avec celui-ci, "
                "publié le 3 mars 2025 et signé par un autre auteur.", "Moussa : bravo")
    assert "\n\n".join([P1, P2]) == split_page(text).body


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("aniamey.com", "aNiamey.com"), ("aNiamey.com", "aNiamey.com"), ("www.aniamey.com", "aNiamey.com"),
     ("https://www.aniamey.com/", "aNiamey.com"), ("ANIAMEY.COM", "aNiamey.com"),
     ("Nigerdiaspora", "Nigerdiaspora"), ("NIGERDIASPORA", "Nigerdiaspora"),
     ("nigerdiaspora.net", "Nigerdiaspora"), ("© Sidwaya", "Sidwaya"), ("Source : AFP", "AFP"),
     ("www.example-presse.org", "example-presse.org"), ("LE PAYS", "Le Pays"), ("  ", None)],
)
def test_outlet_names_are_normalised(raw: str, expected: str | None) -> None:
    assert expected == normalize_outlet(raw)


def test_a_brief_of_short_sentences_keeps_its_headline_and_text() -> None:
    parts = split_page(page("Accueil   Politique   Sport", "Niger : le couvre-feu levé à Niamey",
                            "Le couvre-feu est levé.", "La mesure prend effet ce soir.",
                            "Commentaires", "bravo"))
    assert ("Niger : le couvre-feu levé à Niamey",
            "Le couvre-feu est levé.\n\nLa mesure prend effet ce soir.") == (parts.title, parts.body)


def test_agency_dateline_and_source_line() -> None:
    parts = split_page(page("Le Niger suspend les exportations de bétail vers le Nigeria", "",
                            "Niamey, 5 juin 2025 (ANP) - Le gouvernement nigérien a décidé de "
                            "suspendre les exportations de bétail.", "", "Source : ANP"))
    assert ("ANP", "signature", "dateline") == (parts.outlet, parts.provenance["outlet"],
                                                parts.provenance["date"])


def test_a_sentence_about_something_published_stays_in_the_body() -> None:
    sentence = "Le décret publié le 3 mars 2025 au Journal officiel fixe les nouvelles règles."
    parts = split_page(page(HEADLINE, P1, sentence, P2))
    assert "\n\n".join([P1, sentence, P2]) == parts.body


def test_a_byline_at_the_end_of_the_body_is_metadata() -> None:
    parts = split_page(page(HEADLINE, P1, P2, "Publié le 3 mars 2025 | aNiamey.com"))
    assert ("\n\n".join([P1, P2]), "aNiamey.com", "byline") == (
        parts.body, parts.outlet, parts.provenance["date"])


def test_a_closing_publication_note_is_metadata() -> None:
    parts = split_page(page(HEADLINE, P1, P2, "Cet article a été publié le 29 septembre 2021."))
    assert ("\n\n".join([P1, P2]), "byline") == (parts.body, parts.provenance["date"])
