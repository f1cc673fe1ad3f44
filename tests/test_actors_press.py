"""Actors on West-African press conventions: one test per failure class seen on real press.

Real spaCy model, real index; every example is invented (names, papers), written the way
Burkinabè, Nigerien, Malian and Béninois papers write.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from indexer.actors import make_annotator
from indexer.actors.evidence import acronym_definitions, fits, reorder_surname_first
from indexer.article import Article
from indexer.extract import extract_file
from indexer.extract.signature import credited_names, split_signature
from indexer.search import Engine, SearchRequest
from indexer.store import sync
from webapp import create_app


def _art(body: str, doc_id: str = "x.json", title: str = "Actualité", author: str | None = None,
         extra: dict[str, object] | None = None) -> Article:
    return Article(doc_id=doc_id, path=doc_id, title=title, body=body, author=author,
                   extra=extra or {})


@pytest.fixture(scope="module")
def annotate(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return make_annotator(tmp_path_factory.mktemp("press"))


# --- 1. Signatures are byline, not body ------------------------------------------------------

BODY = ("Le ministre de l'Agriculture a lancé mardi à Kaya la campagne agricole.\n\n"
        "Les producteurs ont salué l'arrivée des semences améliorées.")


@pytest.mark.parametrize(
    ("tail", "names", "agency"),
    [
        ("Marceline KABORÉ", ["Marceline Kaboré"], None),
        ("Par Issa SAWADOGO", ["Issa Sawadogo"], None),
        ("Issa SAWADOGO (AIB)", ["Issa Sawadogo"], "AIB"),
        ("Boukary OUÉDRAOGO/Sidwaya", ["Boukary Ouédraogo"], "Sidwaya"),
        ("Texte et photos : Aminata DIALLO", ["Aminata Diallo"], None),
        ("KABORÉ Marceline Photos", ["Kaboré Marceline"], None),
        ("Moussa HAMANI (ANP)\n\nCorrespondance particulière", ["Moussa Hamani"], "ANP"),
        ("Par Awa KONÉ, envoyée spéciale à Dori", ["Awa Koné"], None),
        ("Fatou SOW et Ali BA (APS)", ["Fatou Sow", "Ali Ba"], "APS"),
        ("Envoyés spéciaux à Gaya : Idé MOUSSA et Awa GAOH/ONEP", ["Idé Moussa", "Awa Gaoh"], "ONEP"),
    ],
)
def test_signature_lines_leave_the_body(tail: str, names: list[str], agency: str | None) -> None:
    sig = split_signature(f"{BODY}\n\n{tail}")
    assert (BODY, names, agency) == (sig.body, sig.names, sig.agency)


def test_signature_glued_to_the_last_sentence_is_cut() -> None:
    sig = split_signature("Un paragraphe.\n\nLa séance a été levée à 18 h. Issa SAWADOGO (AIB)")
    assert ("Un paragraphe.\n\nLa séance a été levée à 18 h.", ["Issa Sawadogo"]) == (sig.body, sig.names)


@pytest.mark.parametrize(
    "body",
    [
        "Le président a reçu les délégués.\n\nIls ont parlé de Abdoulaye Diop et Sergueï Lavrov.",
        "Premier paragraphe.\n\nLa cérémonie s'est achevée par une prière.",
    ],
)
def test_ordinary_closing_sentences_stay(body: str) -> None:
    assert body == split_signature(body).body


def test_record_signature_fills_the_author_and_leaves_ner(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    record = {"title": "Lancement de la campagne agricole à Kaya", "outlet": "Sidwaya",
              "text": BODY + "\n\nMarceline KABORÉ\n\nDerniers articles par Marceline KABORÉ"}
    (corpus / "a.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    art = extract_file(corpus / "a.json", corpus)[0]
    assert ("Marceline Kaboré", "signature", BODY) == (art.author, art.provenance["author"], art.body)


@pytest.mark.parametrize(
    ("author", "body"),
    [
        # The author field and the name in the text, in the press's two orders.
        ("Issa Sawadogo", "Issa SAWADOGO a rencontré Adama Tapsoba, maire de Kaya, mardi."),
        ("Issa Sawadogo", "SAWADOGO Issa a rencontré Adama Tapsoba, maire de Kaya, mardi."),
        (None, "Le maire Adama Tapsoba a inauguré le marché de Kaya.\n\nReportage de Issa SAWADOGO"),
        # An author field written like a signature.
        ("Par Issa SAWADOGO (AIB)", "Issa Sawadogo a rencontré Adama Tapsoba, maire de Kaya, mardi."),
        ("De notre correspondant à Kaya, Issa SAWADOGO",
         "Issa Sawadogo a rencontré Adama Tapsoba, maire de Kaya, mardi."),
    ],
)
def test_the_author_is_never_an_actor(annotate, author: str | None, body: str) -> None:  # type: ignore[no-untyped-def]
    art = _art(split_signature(body).body, author=author,
               extra={"signature": split_signature(body).names})
    people = annotate([art])[0][0]
    assert ("Adama Tapsoba",) == people


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Reporter : Awa Koné Vidéo : Ali Sow Montage : Issa Ba & Paul Dah QUESTIONS D'ARGENT",
         ["Awa Koné", "Ali Sow", "Issa Ba", "Paul Dah"]),
        ("Un reportage de Fatou Sarr monté par Ali Ba.", ["Fatou Sarr", "Ali Ba"]),
        ("Amadou Dicko, journaliste de la BBC à Dakar, écrit que la ville change.", ["Amadou Dicko"]),
        ("La transition s'éternise, écrit l'analyste régional Marc Dupuis. Les voisins s'inquiètent.",
         ["Marc Dupuis"]),
        ("« Nous partons », écrit le ministre Abdoulaye Diop sur Twitter.", []),
    ],
)
def test_credits_in_the_text_are_the_pieces_makers(text: str, names: list[str]) -> None:
    assert names == credited_names(text, "BBC Afrique")


def test_a_journalist_who_is_the_subject_stays_an_actor(annotate) -> None:  # type: ignore[no-untyped-def]
    body = ("Le journaliste Issa Sawadogo a reçu mardi le prix de l'excellence. Issa Sawadogo "
            "travaille depuis vingt ans pour l'agence.")
    people = annotate([_art(body, author="Awa Koné")])[0][0]
    assert "Issa Sawadogo" in people


# --- 2. Evidence before spreading: acronyms ----------------------------------------------------

def test_acronym_letters_must_fit_the_long_name() -> None:
    assert (True, False, True) == (
        fits("UFB", "Union des femmes du Burkina Faso".split()),
        fits("UFB", ["Burkina", "Faso"]),
        fits("CEDEAO", "Communauté économique des États de l'Afrique de l'Ouest".split()),
    )
    assert [("Union des femmes du Burkina Faso", "UFB")] == acronym_definitions(
        "Le bureau de l'Union des femmes du Burkina Faso (UFB) a été installé.")


def test_one_article_does_not_teach_the_corpus_an_acronym(tmp_path: Path) -> None:
    ann = make_annotator(tmp_path)
    teach = _art("Le bureau de l'Union des femmes du Burkina Faso (UFB) a été installé à Kaya.",
                 doc_id="a")
    others = [_art(f"Le Burkina Faso accueille le forum numéro {n} des jeunes à Ouagadougou.",
                   doc_id=f"b{n}") for n in range(3)]
    results = ann([teach, *others])
    assert ("UFB",) == results[0][1]
    assert [(), (), ()] == [r[1] for r in results[1:]]
    assert all("Burkina Faso" in r[2] for r in results[1:])


def test_a_pair_seen_in_two_articles_names_the_organisation_elsewhere(tmp_path: Path) -> None:
    ann = make_annotator(tmp_path)
    ann([_art("La Coordination des femmes rurales du Sanmatenga (CFRS) a tenu son assemblée.",
              doc_id="a"),
         _art("Les membres de la Coordination des femmes rurales du Sanmatenga (CFRS) ont voté.",
              doc_id="b")])
    third = ann([_art("La Coordination des femmes rurales du Sanmatenga a reçu des semences.",
                      doc_id="c")])[0]
    assert ("CFRS",) == third[1]


# --- 3. Type from evidence ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "name",
    [
        "Association mondiale de l'appel islamique",
        "Commission nationale de pèlerinage",
        "Réseau des associations féminines du Kadiogo",
    ],
)
def test_sentence_case_organisations_are_kept(annotate, name: str) -> None:  # type: ignore[no-untyped-def]
    body = f"Les responsables de la {name} ont présenté leur programme annuel aux autorités de Kaya."
    assert name in annotate([_art(body)])[0][1]


@pytest.mark.parametrize(
    ("written", "person"),
    [
        ("El Hadj Oumarou Zoungrana", "Oumarou Zoungrana"),
        ("l'imam Souleymane Compaoré", "Souleymane Compaoré"),
        ("Hadja Mariam Ouédraogo", "Mariam Ouédraogo"),
        ("Mgr Paul Yaméogo", "Paul Yaméogo"),
        ("Cheick Adama Sanou", "Adama Sanou"),
    ],
)
def test_honorifics_make_a_person(annotate, written: str, person: str) -> None:  # type: ignore[no-untyped-def]
    body = f"La cérémonie a été présidée par {written}, en présence des fidèles venus de Kaya."
    people, orgs, places = annotate([_art(body)])[0][:3]
    assert person in people and person not in orgs + places


def test_surname_first_in_capitals_is_the_same_person(annotate) -> None:  # type: ignore[no-untyped-def]
    assert "Issa Sawadogo" == reorder_surname_first("SAWADOGO Issa")
    body = ("Le bureau est composé de SAWADOGO Issa, président, et de KABORÉ Awa, trésorière. "
            "Issa Sawadogo a remercié les membres.")
    people = annotate([_art(body, doc_id="bureau")])[0][0]
    assert {"Issa Sawadogo", "Awa Kaboré"} == set(people)


def test_a_given_name_alone_never_resolves_across_the_corpus(tmp_path: Path) -> None:
    ann = make_annotator(tmp_path)
    full = [_art(f"Le ministre Ahmed Mohamed a reçu la délégation numéro {n}.", doc_id=f"a{n}")
            for n in range(2)]
    alone = _art("« Mohamed, viens voir », a lancé sa mère devant la maison.", doc_id="b")
    assert () == ann([*full, alone])[2][0]


@pytest.mark.parametrize(
    "body",
    [
        "LE MARCHÉ EST OUVERT : POSITION DES COMMERÇANTS\n\nLes commerçants ont repris le travail.",
        "Mariez-vous tôt, conseille le sage.\n\nSecourons nos frères du Nord.",
        "Ajoutez à cela la cherté de la vie.\n\nAgé de 45 ans, il vit à Kaya depuis dix ans.",
        "Mercredi dernier, les élèves ont repris les cours.\n\nJanvier 2024 restera dans les mémoires.",
    ],
)
def test_headline_capitals_verbs_and_calendar_words_are_no_actors(annotate, body: str) -> None:  # type: ignore[no-untyped-def]
    people, orgs, places = annotate([_art(body, title=body.split("\n")[0])])[0][:3]
    junk = {"OUVERT", "POSITION", "Mariez", "Secourons", "Ajoutez", "Agé", "Mercredi", "Janvier"}
    assert set() == junk & set(people + orgs + places)


# --- 6. Corpus-level recall, with provenance ------------------------------------------------------

def test_a_confirmed_name_is_found_where_ner_missed_it(tmp_path: Path) -> None:
    ann = make_annotator(tmp_path)
    known = [_art(f"Le capitaine Ibrahim Traoré a présidé le conseil numéro {n} à Ouagadougou.",
                  doc_id=f"k{n}") for n in range(2)]
    ann(known)
    # Written in lowercase (a caption, a comment): NER misses it, the corpus does not.
    people, _, _, why = ann([_art("photo : le capitaine ibrahim traoré salue la foule à Kaya.",
                                  doc_id="c")])[0]
    assert (("Ibrahim Traoré",), "corpus") == (people, why["Ibrahim Traoré"])


# --- 7. Aliases everywhere ------------------------------------------------------------------------

ALIAS_DOCS = {
    "aes.json": {"title": "Sommet à Niamey", "text": "La Confédération des États du Sahel a tenu son "
                 "sommet à Niamey. Les ministres de la confédération ont parlé de sécurité."},
    "cedeao.json": {"title": "Abuja", "text": "Les chefs d'État de la CEDEAO se sont réunis à Abuja."},
    "daech.json": {"title": "Attaque", "text": "L'État islamique a revendiqué l'attaque de Ménaka."},
    "onu.json": {"title": "Aide", "text": "Les Nations unies ont envoyé de l'aide à Mopti."},
}


@pytest.fixture(scope="module")
def alias_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("aliases")
    corpus = base / "c"
    corpus.mkdir()
    for name, record in ALIAS_DOCS.items():
        (corpus / name).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    annotator = make_annotator(base / "index")
    assert [] == sync(corpus, base / "index", annotator=annotator).errors
    annotator.close()
    return base / "index"


@pytest.mark.parametrize(
    ("query", "doc_id"),
    [
        ('acteur:"Confédération des États du Sahel"', "aes.json"),
        ("acteur:ECOWAS", "cedeao.json"),
        ("acteur:Daech", "daech.json"),
        ('acteur:"Nations unies"', "onu.json"),
        ("acteur:ONU", "onu.json"),
    ],
)
def test_every_variant_finds_the_actor(alias_index: Path, query: str, doc_id: str) -> None:
    page = Engine(alias_index).search(SearchRequest(q=query))
    assert [doc_id] == [h.id for h in page.hits]


def test_variants_filter_and_facet_box(alias_index: Path) -> None:
    engine = Engine(alias_index)
    assert ["cedeao.json"] == [h.id for h in engine.search(SearchRequest(actor=("ECOWAS",))).hits]
    page = engine.search(SearchRequest(actor_filter="daech"))
    assert ["État islamique"] == [b.label for b in page.facets["org"]]


def test_api_filter_and_why(alias_index: Path) -> None:
    client: FlaskClient = create_app({"TESTING": True, "INDEX_DIR": str(alias_index)}).test_client()
    hits = client.get("/api/search?actor=Daech").get_json()["hits"]
    assert [["État islamique"]] == [h["actors"] for h in hits]
    art = client.get("/api/article/onu.json").get_json()
    assert ({"ONU": "ner"}, ["ONU"]) == (art["actors_why"], art["orgs"])


@pytest.mark.parametrize(
    ("title", "body", "place"),
    [
        ("TOMBOUCTOU EN FÊTE", "La ville de Tombouctou a célébré le Maouloud dans la ferveur.", "Tombouctou"),
        ("Diplomatie", "Les États-Unis ont salué l'accord. Selon les États-Unis, il tiendra.", "États-Unis"),
        ("Agriculture", "La province du Sanmatenga attend les pluies depuis trois semaines.", "Sanmatenga"),
    ],
)
def test_places_in_press_forms(annotate, title: str, body: str, place: str) -> None:  # type: ignore[no-untyped-def]
    assert place in annotate([_art(body, title=title)])[0][2]


def test_a_ministers_portfolio_is_no_place(annotate) -> None:  # type: ignore[no-untyped-def]
    body = ("Le ministre de la Santé a visité Kaya. Selon le ministère de l'Intérieur, le "
            "ministre de la Santé reviendra en mai.")
    people, orgs, places = annotate([_art(body)])[0][:3]
    assert {"Santé", "Intérieur"}.isdisjoint(orgs + places)
