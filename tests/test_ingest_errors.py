"""Bad input through a real sync: one clear line, the file skipped, the rest indexed,
nothing already indexed lost, and the fixed file brought back by the next sync."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.search import Engine, SearchRequest
from indexer.store import sync

BAD = Path(__file__).resolve().parent / "data" / "bad"
MAX_BYTES = 32 * 1024


def good_text(town: str) -> bytes:
    return (
        f"Le gouverneur de {town} inaugure un nouveau marché à bétail\n"
        f"Le gouverneur de la région de {town} a inauguré samedi un marché à bétail moderne, "
        "construit avec l'appui des partenaires de la Confédération des États du Sahel.\n"
    ).encode()


def good_json(town: str) -> bytes:
    record = {"title": f"Marché à bétail de {town}", "text": good_text(town).decode(),
              "date": "2025-03-01"}
    return json.dumps(record, ensure_ascii=False).encode()


def good_html(town: str) -> bytes:
    return (f"<html><head><title>Marché de {town} : un nouvel équipement</title></head><body>"
            f"<article><p>{good_text(town).decode()}</p></article></body></html>").encode()


# case → (file in the corpus, good content maker, bad content, expected error line)
CASES = {
    "empty": ("article.txt", good_text, (BAD / "vide.txt").read_bytes(),
              "article.txt: fichier vide"),
    "blank": ("article.txt", good_text, (BAD / "blancs.txt").read_bytes(),
              "article.txt: fichier vide (seulement des blancs)"),
    "binary": ("article.txt", good_text, (BAD / "binaire.txt").read_bytes(),
               "article.txt: fichier binaire (octets nuls), pas du texte"),
    "too big": ("article.txt", good_text, b"x" * 40_000,
                "article.txt: fichier trop gros (40000 octets > limite 32768 octets, --max-file-mb)"),
    "mixed encodings": (
        "article.txt", good_text, (BAD / "melange.txt").read_bytes(),
        "article.txt: encodage mélangé : octet invalide en UTF-8 à la position 28, mais le "
        "fichier contient aussi de l'UTF-8",
    ),
    "undecodable byte": (
        "article.txt", good_text, (BAD / "octet_inconnu.txt").read_bytes(),
        "article.txt: encodage inconnu : octet invalide en UTF-8 à la position 42, et l'octet "
        "0x81 n'est pas du texte en Windows-1252/Latin-1",
    ),
    "only a menu": ("article.txt", good_text, (BAD / "seulement_menu.txt").read_bytes(),
                    "article.txt: aucun texte d'article trouvé"),
    "invalid front matter": (
        "article.txt", good_text, (BAD / "yaml_casse.txt").read_bytes(),
        "article.txt:4: en-tête YAML invalide : found unexpected end of stream",
    ),
    "front matter date not a date": (
        "article.txt", good_text, (BAD / "yaml_date.txt").read_bytes(),
        "article.txt: date invalide dans l’en-tête : 'la veille'",
    ),
    "malformed JSON": ("article.json", good_json, (BAD / "casse.json").read_bytes(),
                       "article.json:4: JSON invalide : Expecting ',' delimiter (colonne 3)"),
    "JSON not an object": ("article.json", good_json, (BAD / "liste.json").read_bytes(),
                           "article.json:1: JSON invalide : un objet article {…} est attendu"),
    "JSON without text": ("article.json", good_json, (BAD / "sans_texte.json").read_bytes(),
                          "article.json: enregistrement sans titre ni texte"),
    "JSON date not a date": ("article.json", good_json, (BAD / "date_fausse.json").read_bytes(),
                             "article.json: date invalide : 'bientôt'"),
    "HTML without article": ("article.html", good_html, (BAD / "page_vide.html").read_bytes(),
                             "article.html: HTML sans texte d'article reconnaissable"),
}
# case → (bad sidecar, expected error line); the article itself stays good
SIDECAR_CASES = {
    "sidecar not JSON": ((BAD / "sidecar_casse.meta.json").read_bytes(),
                         "article.meta.json:3: JSON invalide : Expecting ',' delimiter (colonne 3)"),
    "sidecar date not a date": ((BAD / "sidecar_date.meta.json").read_bytes(),
                                "article.meta.json: date invalide dans le sidecar : "
                                "'la semaine dernière'"),
}


def total(index: Path, q: str) -> int:
    return Engine(index).search(SearchRequest(q=q)).total


def run(corpus: Path, index: Path, expected_errors: list[str]) -> None:
    report = sync(corpus, index, max_bytes=MAX_BYTES)
    assert expected_errors == [str(e) for e in report.errors]
    assert len(expected_errors) == int(report.summary().split(", ")[-1].split()[0])
    assert 4 == report.documents  # the three seeds and the article, whatever happened


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_keeps_old_version_until_fixed(case: str, corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    name, make_good, bad, expected = CASES[case]
    target = corpus / name
    target.write_bytes(make_good("Zinder"))
    run(corpus, index, [])

    target.write_bytes(bad)
    run(corpus, index, [expected])
    assert (1, 3) == (total(index, "Zinder"), total(index, "AES"))

    target.write_bytes(make_good("Agadez"))
    run(corpus, index, [])
    assert (0, 1) == (total(index, "Zinder"), total(index, "Agadez"))


@pytest.mark.parametrize("case", sorted(SIDECAR_CASES))
def test_bad_sidecar_keeps_old_version_until_fixed(case: str, corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    bad, expected = SIDECAR_CASES[case]
    (corpus / "article.txt").write_bytes(good_text("Zinder"))
    run(corpus, index, [])

    (corpus / "article.meta.json").write_bytes(bad)
    run(corpus, index, [expected])
    assert 1 == total(index, "Zinder")

    (corpus / "article.meta.json").write_text('{"title": "Le marché de Tillabéri", "date": "2025-03-02"}',
                                              encoding="utf-8")
    run(corpus, index, [])
    assert 1 == total(index, "titre:Tillabéri")


def test_a_new_bad_file_comes_in_once_fixed(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    (corpus / "sub").mkdir()
    target = corpus / "sub" / "article.json"
    target.write_bytes((BAD / "casse.json").read_bytes())
    report = sync(corpus, index)
    assert (["sub/article.json:4: JSON invalide : Expecting ',' delimiter (colonne 3)"], 3) == (
        [str(e) for e in report.errors], report.documents)
    target.write_bytes(good_json("Zinder"))
    report = sync(corpus, index)
    assert ([], 4, 1) == (report.errors, report.documents, total(index, "Zinder"))


def records(*towns: str) -> bytes:
    return b"\n".join(
        json.dumps({"id": f"r{i}", "title": f"Marché de {t}", "text": good_text(t).decode()},
                   ensure_ascii=False).encode()
        for i, t in enumerate(towns, start=1)
    ) + b"\n"


def test_a_bad_jsonl_line_loses_nothing(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    target = corpus / "export.jsonl"
    target.write_bytes(records("Zinder", "Maradi", "Tahoua"))
    report = sync(corpus, index)
    assert ([], 6) == (report.errors, report.documents)

    lines = records("Dosso", "Maradi", "Tahoua").split(b"\n")
    lines[1] = b'{"id": "r2", "title": "Ligne cass\xc3\xa9e" "text": ""}'
    target.write_bytes(b"\n".join(lines))
    report = sync(corpus, index)
    assert ["export.jsonl:2: JSON invalide : Expecting ',' delimiter (colonne 38)"] == [
        str(e) for e in report.errors]
    # Line 1 is updated, line 2 keeps its indexed version, line 3 is untouched.
    assert (6, 0, 1, 1, 1) == (report.documents, total(index, "Zinder"), total(index, "Dosso"),
                               total(index, "Maradi"), total(index, "Tahoua"))

    target.write_bytes(records("Dosso", "Diffa"))
    report = sync(corpus, index)
    assert ([], 5, 0, 1) == (report.errors, report.documents, total(index, "Maradi"),
                             total(index, "Diffa"))


def test_cli_reports_errors_and_non_french_articles(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    (corpus / "vide.txt").write_bytes(b"")
    (corpus / "english.txt").write_bytes(
        (Path(__file__).resolve().parent / "data" / "formats" / "english.txt").read_bytes())
    (corpus / "ancien.txt").write_bytes(good_text("Zinder").decode().encode("cp1252"))
    result = CliRunner().invoke(main, ["index", "--index", str(index), str(corpus)])
    assert 1 == result.exit_code
    assert "erreur : vide.txt: fichier vide\n" in result.output
    assert ("note : english.txt : langue détectée « en », pas du français (indexé, signalé lang=en)"
            in result.output)
    assert "note : ancien.txt : encodage détecté Windows-1252 (Latin-1)" in result.output
    assert "5 ajoutés, 0 modifié, 0 supprimé, 1 en erreur" in result.output

    result = CliRunner().invoke(main, ["stats", "--index", str(index)])
    assert 0 == result.exit_code, result.output
    assert "provenance date : none (3), text (1), byline (1)" in result.output
    assert "provenance langue : text (5)" in result.output


def test_moving_lines_of_a_partly_bad_jsonl_makes_no_ghosts(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    target = corpus / "sans_id.jsonl"
    good = [json.dumps({"title": f"Marché de {t}", "text": good_text(t).decode()}, ensure_ascii=False)
            for t in ("Zinder", "Maradi", "Tahoua")]
    bad = '{"title": "Ligne cassée" "text": ""}'
    target.write_text("\n".join([good[0], good[1], bad, good[2]]) + "\n", encoding="utf-8")
    first = sync(corpus, index)
    assert (1, 6) == (len(first.errors), first.documents)
    # The line above the broken one goes: records are named by content, not by line number.
    target.write_text("\n".join([good[1], bad, good[2]]) + "\n", encoding="utf-8")
    second = sync(corpus, index)
    assert (1, 5, 0, 1, 1) == (len(second.errors), second.documents, total(index, "Zinder"),
                               total(index, "Maradi"), total(index, "Tahoua"))
    # Unchanged since: nothing to read again.
    third = sync(corpus, index)
    assert (0, 0, 0, 5) == (len(third.errors), third.modified, third.added, third.documents)
