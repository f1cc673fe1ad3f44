"""French dates: each form read right, and every doubtful case read as no date."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.extract.dates import (
    date_after_cue,
    date_from_dateline,
    is_plausible,
    parse_french_date,
    sole_year,
)
from indexer.extract.text import split_page

# text → the date it states (None: no complete date)
STATED = [
    ("mercredi 21 janvier 2026", date(2026, 1, 21)),
    ("Mercredi 21 Janvier 2026", date(2026, 1, 21)),
    ("mercredi le 21 janvier 2026", date(2026, 1, 21)),
    ("le 1er février 2025", date(2025, 2, 1)),
    ("1er févr. 2025", date(2025, 2, 1)),
    ("3 janv. 2024", date(2024, 1, 3)),
    ("15 août 2023", date(2023, 8, 15)),
    ("15 aout 2023", date(2023, 8, 15)),
    ("7 sept. 2022", date(2022, 9, 7)),
    ("21 décembre, 2025", date(2025, 12, 21)),
    ("21/01/2026", date(2026, 1, 21)),
    ("1/2/2025", date(2025, 2, 1)),
    ("21.01.2026", date(2026, 1, 21)),
    ("21-01-2026", date(2026, 1, 21)),
    ("2026-01-21", date(2026, 1, 21)),
    ("2026-01-21T08:30:00+01:00", date(2026, 1, 21)),
    ("ce 3 avril", None),
    ("en mai 2025", None),
    ("sept pays ont signé en 2025", None),
    ("le 31 février 2025", None),
    ("32/01/2025", None),
    ("21/13/2025", None),
    ("jeudi 21 janvier 2026", None),  # 21 January 2026 is a Wednesday: the page is wrong
    ("l'an 2025", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), STATED)
def test_parse_french_date(text: str, expected: date | None) -> None:
    assert expected == parse_french_date(text)


def test_day_and_month_take_the_year_only_when_given() -> None:
    assert (None, date(2025, 4, 3)) == (parse_french_date("ce 3 avril"),
                                        parse_french_date("ce 3 avril", year=2025))


# a byline → the date its cue introduces
CUES = [
    ("Publié le mercredi 21 janvier 2026 | aNiamey.com", date(2026, 1, 21)),
    ("Publié le 21/01/2026 à 10h30", date(2026, 1, 21)),
    ("Publie le 21/01/2026", date(2026, 1, 21)),
    ("Mis en ligne le 1er mars 2025", date(2025, 3, 1)),
    ("Mis à jour le 2 mars 2025", date(2025, 3, 2)),
    ("Date de publication : 2024-11-30", date(2024, 11, 30)),
    ("Paru le 4 juin 2024", date(2024, 6, 4)),
    ("Le sommet de Niamey du 6 juillet 2024", None),  # a date, but no cue
    ("Publié le mercredi | aNiamey.com", None),
]


@pytest.mark.parametrize(("line", "expected"), CUES)
def test_date_after_cue(line: str, expected: date | None) -> None:
    assert expected == date_after_cue(line)


DATELINES = [
    ("Moscou, 3 avril 2025 – Les ministres des Affaires étrangères…", date(2025, 4, 3)),
    ("BAMAKO (AFP) - 3 avril 2025 : le gouvernement malien…", date(2025, 4, 3)),
    ("Niamey, le 12 mars 2025 - Le Premier ministre…", date(2025, 3, 12)),
    ("Ouagadougou, 21/01/2026 – Le ministre…", date(2026, 1, 21)),
    ("Communiqué conjoint - À l’invitation du gouvernement…", None),
    ("Les ministres se sont réunis le 3 avril 2025 à Moscou.", None),
]


@pytest.mark.parametrize(("paragraph", "expected"), DATELINES)
def test_date_from_dateline(paragraph: str, expected: date | None) -> None:
    assert expected == date_from_dateline(paragraph)


def test_sole_year_and_plausibility() -> None:
    assert (2025, None, None) == (
        sole_year("le 3 avril, puis en 2025 et encore en 2025"),
        sole_year("entre 2024 et 2025"),
        sole_year("sans année, 150 000 personnes"),
    )
    today = date(2026, 1, 1)
    assert (True, False, False) == (
        is_plausible(date(2025, 12, 31), today),
        is_plausible(date(2026, 1, 2), today),
        is_plausible(date(1900, 1, 1), today),
    )


TITLE = "Le Mali et le Niger renforcent leur coopération militaire\n"
PARA = ("Les deux pays ont décidé de mettre en commun leurs moyens aériens pour sécuriser la "
        "zone des trois frontières, a annoncé le ministère de la Défense.\n")

# page text → (date, provenance): the whole page, through the text extractor
PAGES = [
    (TITLE + "Publié le mercredi 21 janvier 2026 | aNiamey.com\n" + PARA,
     (date(2026, 1, 21), "byline")),
    (TITLE + "Publié le 21/01/2026\n" + PARA, (date(2026, 1, 21), "byline")),
    (TITLE + "Moscou, 3 avril 2025 – " + PARA, (date(2025, 4, 3), "dateline")),
    # A dateline without its year takes the one year the article states.
    (TITLE + "Bamako, 3 avril – " + PARA + "Le plan doit être appliqué d'ici la fin de 2025.\n",
     (date(2025, 4, 3), "dateline")),
    (TITLE + "Bamako, 3 avril – " + PARA, (None, "none")),
    # Two years stated: which one goes with `3 avril` is a guess, so no date.
    (TITLE + "Bamako, 3 avril – " + PARA + "Le plan de 2024 sera révisé en 2025.\n", (None, "none")),
    (TITLE + "Ils ont réuni ce 3 avril leurs experts à Bamako pour préparer la rencontre.\n" + PARA,
     (None, "none")),
    # In running text a day and month are some event's: no year is borrowed for them.
    (TITLE + "Ils ont réuni ce 3 avril leurs experts à Bamako pour préparer la rencontre.\n" + PARA
     + "Le plan doit être appliqué d'ici la fin de 2025.\n", (None, "none")),
    (TITLE + "Le ministre a reçu ce 3 avril - en audience - les ambassadeurs de la région.\n"
     + PARA + "Le plan doit être appliqué d'ici la fin de 2025.\n", (None, "none")),
    # A date alone on its line under the headline is the byline's.
    (TITLE + "Par Awa Traoré\n21 janvier 2026\n" + PARA, (date(2026, 1, 21), "byline")),
    (TITLE + PARA + "La réunion du 14 février 2025 avait préparé ce rapprochement décisif.\n",
     (date(2025, 2, 14), "text")),
    # A deadline, a starting point, a date deep into the text, a past event: not the article's.
    (TITLE + "L'entraîneur a signé un accord jusqu'au 30 juin 2022 avec le club de la capitale.\n"
     + PARA, (None, "none")),
    (TITLE + "Le couvre-feu est en vigueur depuis le 3 mars 2025 dans toute la région de Tillabéri.\n"
     + PARA, (None, "none")),
    (TITLE + PARA * 4 + "La réunion du 14 février 2025 avait préparé ce rapprochement décisif.\n",
     (None, "none")),
    (TITLE + "Il y a trente ans, le 25 décembre 1991, l'Union soviétique cessait d'exister.\n"
     + "En 2021, la Russie est revenue au Sahel par d'autres moyens, selon les chercheurs.\n",
     (None, "none")),
    # A future date in the text is an announced event, not when the article was published.
    (TITLE + "Le sommet prévu le 14 février 2099 réunira les trois chefs d'État à Niamey.\n" + PARA,
     (None, "none")),
    # Dates in an "other articles" list and in comments never count.
    (TITLE + PARA + "Derniers articles par: Awa Traoré (voir tous)\n"
     "- Mali : la rentrée scolaire reportée - vendredi le 19 décembre 2025\n",
     (None, "none")),
    (TITLE + PARA + "Commentaires\nMoussa, 12 mars 2025 à 10h02 : très bon article\n",
     (None, "none")),
]


@pytest.mark.parametrize(("page", "expected"), PAGES)
def test_page_dates(page: str, expected: tuple[date | None, str]) -> None:
    parts = split_page(page)
    assert expected == (parts.date, parts.provenance["date"])
