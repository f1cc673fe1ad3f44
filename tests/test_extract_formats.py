"""Every input format and encoding → the expected Article, from the files in `tests/data/`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from indexer.errors import ArticleError
from indexer.extract import extract_file, iter_article_files, iter_jsonl

DATA = Path(__file__).resolve().parent / "data"
FORMATS = DATA / "formats"
ENCODINGS = DATA / "encodings"

# file → (title, date, outlet, author, url, lang, provenance of title/date/outlet/author)
EXPECTED = {
    "simple.txt": (
        "Le Niger et le Mali signent un accord sur l'énergie solaire", date(2025, 3, 12), None,
        None, None, "fr", ("text", "dateline", "none", "none"),
    ),
    "avec_sidecar.txt": (
        "Frontière ivoirienne : Ouagadougou ferme le passage de Niangoloko", date(2025, 5, 14),
        "Lefaso.net", "Aminata Ouédraogo", "https://lefaso.net/spip.php?article140000", "fr",
        ("sidecar", "sidecar", "sidecar", "sidecar"),
    ),
    "front_matter.txt": (
        "Mali : la transition prolongée de cinq ans", date(2025, 7, 9), "Maliweb",
        "Seydou Coulibaly", None, "fr", ("sidecar", "sidecar", "sidecar", "sidecar"),
    ),
    "english.txt": (
        "Niger junta extends transition by five years", None, None, None, None, "en",
        ("text", "none", "none", "none"),
    ),
    "sub/dossier/imbrique.txt": (
        "Côte d'Ivoire : l'Assemblée adopte le budget 2026", date(2025, 12, 12), None,
        "Koffi Kouamé", None, "fr", ("text", "byline", "none", "byline"),
    ),
    "page_fil_ariane.txt": (
        "Burkina : le capitaine Traoré reçoit les chefs coutumiers du Sahel", date(2025, 5, 12),
        None, None, None, "fr", ("text", "byline", "none", "none"),
    ),
    "page_sans_meta.html": (
        "Mali : Bamako accueille la réunion des ministres de la Défense de l’AES", date(2025, 2, 18),
        "Journal du Mali", "Aïssata Diallo", None, "fr", ("html-meta", "dateline", "signature",
                                                          "signature"),
    ),
    # Dates only in "related articles" and comments, even in `class="date"` and `<time>`: none.
    "page_dates_piege.html": (
        "Mali : la transition présente son bilan à mi-parcours", None, None, None, None, "fr",
        ("html-meta", "none", "none", "none"),
    ),
    "page_aniamey.html": (
        "Niger : la junte annonce un nouveau calendrier de transition", date(2025, 3, 26),
        "aNiamey.com", "Moussa Ibrahim", "https://www.aniamey.com/art/niger-calendrier-transition",
        "fr", ("html-meta", "html-meta", "html-meta", "html-meta"),
    ),
    "page_monkiosk.htm": (
        "Sahel : le G5 dissous, ses membres misent sur l’AES", date(2024, 12, 3), "Nigerdiaspora",
        None, None, "fr", ("html-meta", "byline", "byline", "none"),
    ),
    "record.json": (
        "Tchad : ouverture du dialogue national inclusif", date(2022, 8, 20), "RFI",
        "Madjiasra Nako, Service Afrique", "https://www.rfi.fr/fr/afrique/20220820-tchad-dialogue",
        "fr", ("record", "record", "record", "record"),
    ),
}
# file → (first words of the body, last words of the body, text that must not be in it)
BODIES = {
    "simple.txt": ("Niamey, 12 mars 2025 – Les ministres", "partenaires de la Confédération des "
                   "États du Sahel.", ()),
    "avec_sidecar.txt": ("Les autorités burkinabè", "et les chefs coutumiers.", ("Politique",)),
    "front_matter.txt": ("Le président de la transition", "saisir la Cour constitutionnelle.",
                         ("---", "outlet:", "maliweb")),
    "sub/dossier/imbrique.txt": ("Les députés ivoiriens", "les mines et les infrastructures.",
                                 ("Par Koffi", "Publié le")),
    "page_fil_ariane.txt": ("Le chef de l'État a reçu vendredi", "a déclaré le porte-parole de la "
                            "délégation.", ("Accueil", "Lire aussi", "PUBLICITÉ", "Partager", "Tags",
                                            "bravo", "Rédaction", "Lundi 12 mai")),
    "page_sans_meta.html": ("Bamako, 18 février 2025 – Les ministres", "avec un état-major "
                            "installé à Niamey.", ("Aïssata", "similaires", "2024", "Moussa",
                                                   "Accueil", "Politique")),
    "page_aniamey.html": ("Le Conseil national pour la sauvegarde", "Confédération des États du "
                          "Sahel.", ("SUITE APRÈS", "Accueil", "similaires", "Tous droits")),
    "page_monkiosk.htm": ("Les derniers États membres du G5 Sahel", "sera installé à Niamey.",
                          ("Partager", "© Autre presse", "chefs d’état-major", "Excellent article",
                           "grève", "Publié le", "MonKiosk")),
    "record.json": ("Le dialogue national inclusif", "a refusé de venir.", ()),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_format_metadata(name: str) -> None:
    title, when, outlet, author, url, lang, provenance = EXPECTED[name]
    [article] = extract_file(FORMATS / name, FORMATS)
    assert (title, when, outlet, author, url, lang) == (
        article.title, article.date, article.outlet, article.author, article.url, article.lang
    )
    fields = ("title", "date", "outlet", "author")
    assert provenance == tuple(article.provenance[f] for f in fields)
    assert name == article.doc_id


@pytest.mark.parametrize("name", sorted(BODIES))
def test_format_body(name: str) -> None:
    first, last, absent = BODIES[name]
    [article] = extract_file(FORMATS / name, FORMATS)
    assert article.body.startswith(first), article.body[:200]
    assert article.body.endswith(last), article.body[-200:]
    for text in absent:
        assert text not in article.body


def test_unknown_record_fields_are_kept_apart() -> None:
    [article] = extract_file(FORMATS / "record.json", FORMATS)
    assert {"category": "politique", "views": 1534} == article.extra


def test_sidecar_fields_are_all_applied() -> None:
    [article] = extract_file(FORMATS / "avec_sidecar.txt", FORMATS)
    assert "sidecar" == article.provenance["lang"] == article.provenance["url"]


def test_jsonl_bad_lines_are_errors_for_that_line_only() -> None:
    items = list(iter_jsonl(FORMATS / "records.jsonl", FORMATS))
    articles = [(a.doc_id, a.title, a.date, a.outlet, a.lang) for a in items
                if not isinstance(a, ArticleError)]
    errors = [str(e) for e in items if isinstance(e, ArticleError)]
    assert [
        ("records.jsonl#a1", "Sénégal : le Premier ministre en visite à Bamako", date(2024, 6, 3),
         "aBamako.com", "fr"),
        ("records.jsonl#a3", "Guinée : référendum constitutionnel fixé au 21 septembre",
         date(2025, 8, 1), "Jeune Afrique", "fr"),
        ("records.jsonl#a5", "Nigeria: ECOWAS leaders meet in Abuja", date(2025, 1, 12), "Reuters",
         "en"),
    ] == articles
    assert [
        "records.jsonl:2: JSON invalide : Expecting ',' delimiter (colonne 71)",
        "records.jsonl:5: date invalide : 'hier soir'",
        "records.jsonl:6: JSON invalide : un objet article {…} est attendu",
    ] == errors


def test_jsonl_aliases_and_extra() -> None:
    items = [a for a in iter_jsonl(FORMATS / "records.jsonl", FORMATS) if not isinstance(a, ArticleError)]
    assert {"rubrique": "Afrique de l’Ouest"} == items[1].extra
    assert items[1].body.startswith("Les autorités de transition")


def test_walk_scans_subfolders_skips_hidden_and_sidecars() -> None:
    found = [p.relative_to(FORMATS).as_posix() for p in iter_article_files(FORMATS)]
    assert [
        "avec_sidecar.txt", "english.txt", "front_matter.txt", "page_aniamey.html",
        "page_dates_piege.html", "page_fil_ariane.txt", "page_monkiosk.htm", "page_sans_meta.html",
        "record.json", "records.jsonl", "simple.txt", "sub/dossier/imbrique.txt",
    ] == found


# file → the encoding the decoder must name (None: UTF-8, nothing to say)
ENCODING_CASES = {
    "utf8.txt": None,
    "utf8_bom.txt": None,
    "utf8_crlf.txt": None,
    "utf16_bom.txt": "utf-16",
    "utf16le_sans_bom.txt": "utf-16-le",
    "cp1252_crlf.txt": "cp1252",
    "latin1_cr_mac.txt": "cp1252",
}


@pytest.mark.parametrize("name", sorted(ENCODING_CASES))
def test_encodings_and_line_endings(name: str) -> None:
    [article] = extract_file(ENCODINGS / name, ENCODINGS)
    assert "Sécurité : le Niger et le Burkina renforcent leur coopération" == article.title
    assert date(2025, 2, 1) == article.date
    assert ENCODING_CASES[name] == article.extra.get("encoding")
    paragraphs = article.body.split("\n\n")
    assert 2 == len(paragraphs)
    assert "\r" not in article.body
    assert paragraphs[0].endswith("état-major commun « dès cette année ».")
    assert paragraphs[1].startswith("Les deux pays, membres de la Confédération des États du Sahel")
