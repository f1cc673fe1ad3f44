"""Exports: every match of a search as CSV or JSON Lines, a facet's every count as CSV; on both
backends, over the 16-article press corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from indexer.article import Article
from indexer.search.export import COLUMNS, Row, csv_chunks, spreadsheet_safe
from indexer.store import Annotation, FixedActors, sync
from webapp import create_app

ORDERS = [
    {"sort": "recent"},
    {"sort": "ancien"},
    {"q": "AES", "sort": "recent"},
    {"q": "AES"},
    {"q": "ministres Bamako", "mode": "or"},
    {"q": "", "outlet": ["Sahel Tribune", "aNiamey.com"]},
    {"actor": "AES", "place": "Mali"},
    {"year": "inconnue"},
]


def _csv(client: FlaskClient, params: dict[str, object]) -> tuple[list[dict[str, str]], dict[str, str]]:
    res = client.get("/export.csv", query_string=params)
    assert (200, "text/csv; charset=utf-8") == (res.status_code, res.content_type)
    reader = csv.reader(io.StringIO(res.get_data(as_text=True), newline=""))
    header, *rows = list(reader)
    assert list(COLUMNS) == header
    return [dict(zip(header, r, strict=True)) for r in rows], dict(res.headers)


def _jsonl(client: FlaskClient, params: dict[str, object]) -> list[dict[str, object]]:
    res = client.get("/export.jsonl", query_string=params)
    assert (200, "application/x-ndjson; charset=utf-8") == (res.status_code, res.content_type)
    return [json.loads(line) for line in res.get_data(as_text=True).splitlines()]


def _pages(client: FlaskClient, params: dict[str, object]) -> tuple[list[str], dict[str, str], int]:
    """The search page's results page after page (3 a page): each lead id in order, the copies
    folded under each, and the total."""
    leads: list[str] = []
    also: dict[str, str] = {}
    page = 1
    while True:
        data = client.get("/api/search", query_string={**params, "per_page": 3,
                                                       "page": page}).get_json()
        leads += [h["id"] for h in data["hits"]]
        also.update({other: g["id"] for g in data["groups"] for other in g["also"]})
        if page >= data["pages"]:
            return leads, also, data["total"]
        page += 1


@pytest.mark.parametrize("params", ORDERS)
def test_export_lists_every_match_in_the_page_order(press_client: FlaskClient,
                                                   params: dict[str, object]) -> None:
    rows, headers = _csv(press_client, params)
    leads, also, total = _pages(press_client, params)
    ids = [r["id"] for r in rows]
    # Every match once: the page's results and the copies it folds under them.
    assert (total, sorted(leads + list(also))) == (len(ids), sorted(ids))
    # The page's results in the page's order; each copy after the result it is folded under.
    assert leads == [i for i in ids if i not in also]
    assert [] == [c for c, lead in also.items() if ids.index(c) < ids.index(lead)]
    assert (str(total), str(total)) == (headers["X-Presse-Total"], headers["X-Presse-Exported"])
    assert [r["id"] for r in _jsonl(press_client, params)] == ids


def test_recent_order_is_the_page_order_exactly(press_client: FlaskClient) -> None:
    # Dated newest first, ties (02/03 on 2025-04-03, 06/12 on 2025-01-29) as the page, undated last.
    ids = [r["id"] for r in _csv(press_client, {"sort": "recent"})[0]]
    assert ["14_economie.json", "05_russie.json", "04_communique_c.json",
            "02_communique_a.json", "03_communique_b.json", "01_aes_force.json",
            "13_xss.json", "06_cedeao.json", "12_passeport.json", "08_traore.json",
            "07_tiani.json", "10_goita_onu.json", "11_uranium.json", "15_sanctions.json",
            "16_radio.json", "09_undated.json"] == ids


def test_rows_carry_the_article_fields(press_client: FlaskClient) -> None:
    rows, headers = _csv(press_client, {"q": "passeport", "sort": "recent", "page": "abc",
                                        "per_page": "5000"})  # page/per_page: ignored
    assert [{"id": "12_passeport.json",
             "title": "Le passeport biométrique de l'AES mis en circulation",
             "date": "2025-01-29", "outlet": "Maliweb", "author": "", "url": "",
             "people": "", "organisations": "AES", "places": "Mali ; Burkina Faso ; Niger",
             "score": ""}] == rows
    assert headers["Content-Disposition"].startswith('attachment; filename="presse-passeport-')
    [line] = _jsonl(press_client, {"q": "passeport", "sort": "recent"})
    assert {"id": "12_passeport.json", "title": "Le passeport biométrique de l'AES mis en circulation",
            "date": "2025-01-29", "outlet": "Maliweb", "author": None, "url": None, "people": [],
            "organisations": ["AES"], "places": ["Mali", "Burkina Faso", "Niger"],
            "score": None} == line


def test_relevance_rows_carry_the_page_scores(press_client: FlaskClient) -> None:
    rows, _ = _csv(press_client, {"q": "AES"})
    page = press_client.get("/api/search", query_string={"q": "AES", "per_page": 100}).get_json()
    scores = {h["id"]: h["score"] for h in page["hits"]}
    assert scores == {r["id"]: float(r["score"]) for r in rows if r["id"] in scores}
    lines = _jsonl(press_client, {"q": "AES"})
    assert sorted((float(x["score"]) for x in lines), reverse=True) == [x["score"] for x in lines]
    undated = _jsonl(press_client, {"q": "AES", "sort": "recent"})
    assert {None} == {x["score"] for x in undated}


def test_the_cap_cuts_and_says_so(press_client: FlaskClient) -> None:
    press_client.application.config["EXPORT_MAX"] = 3
    rows, headers = _csv(press_client, {"sort": "recent"})
    assert ["14_economie.json", "05_russie.json", "04_communique_c.json"] == [r["id"] for r in rows]
    assert ("16", "3") == (headers["X-Presse-Total"], headers["X-Presse-Exported"])
    assert 3 == len(_jsonl(press_client, {"sort": "recent"}))
    html = press_client.get("/", query_string={"q": "AES"}).get_data(as_text=True)
    assert "JSON Lines</a> (les 3 premiers sur 9)</p>" in html
    small = press_client.get("/", query_string={"q": "passeport"}).get_data(as_text=True)
    assert ("Exporter :" in small, "premiers sur" in small) == (True, False)


def test_the_cap_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                           press_index: Path) -> None:
    monkeypatch.setenv("PRESSE_EXPORT_MAX", "2")
    client = create_app({"TESTING": True, "INDEX_DIR": str(press_index)}).test_client()
    assert "2" == client.get("/export.csv").headers["X-Presse-Exported"]
    monkeypatch.delenv("PRESSE_EXPORT_MAX")
    client = create_app({"TESTING": True, "INDEX_DIR": str(press_index)}).test_client()
    assert 10_000 == client.application.config["EXPORT_MAX"]


def test_the_file_streams(press_client: FlaskClient) -> None:
    res = press_client.get("/export.csv", query_string={"q": "AES"})
    assert (True, False) == (res.is_streamed, isinstance(res.response, list))


@pytest.mark.parametrize("name", ["outlet", "person", "org", "place", "year", "month"])
@pytest.mark.parametrize("params", [{}, {"q": "AES", "outlet": "Sahel Tribune"},
                                    {"actor": "AES", "year": ["2025", "inconnue"]}])
def test_facet_csv_is_the_page_facet(press_client: FlaskClient, name: str,
                                     params: dict[str, object]) -> None:
    res = press_client.get(f"/export/facette/{name}.csv", query_string=params)
    assert (200, "text/csv; charset=utf-8") == (res.status_code, res.content_type)
    got = list(csv.reader(io.StringIO(res.get_data(as_text=True), newline="")))
    page = press_client.get("/api/search", query_string=params).get_json()
    expected = [[spreadsheet_safe(b["value"]), spreadsheet_safe(b["label"]), str(b["count"])]
                for b in page["facets"][name]]
    assert [["value", "label", "count"], *expected] == got


def test_facet_csv_lists_past_the_page_limit(press_client: FlaskClient) -> None:
    # The page lists 50 values at most; the press corpus has fewer, so compare with no query.
    res = press_client.get("/export/facette/place.csv")
    rows = list(csv.DictReader(io.StringIO(res.get_data(as_text=True), newline="")))
    assert ("Mali", len(rows)) == (rows[0]["value"], len({r["value"] for r in rows}))


@pytest.mark.parametrize(("path", "params", "status"), [
    ("/export.csv", {"date_from": "hier"}, 400),
    ("/export.jsonl", {"sort": "n'importe"}, 400),
    ("/export.csv", {"year": "deux mille"}, 400),
    ("/export.csv", {"month": "2025-13"}, 400),
    ("/export.csv", {"mode": "xor"}, 400),
    ("/export/facette/outlet.csv", {"date_to": "2025-02-30"}, 400),
    ("/export/facette/auteur.csv", {}, 404),
    ("/export.xlsx", {}, 404),
    ("/export.csv", {"q": "(((((AES" + " OU" * 300}, 200),
    ("/export.csv", {"q": "le la les"}, 200),
])
def test_bad_parameters_are_a_client_error(press_client: FlaskClient, path: str,
                                           params: dict[str, object], status: int) -> None:
    res = press_client.get(path, query_string=params)
    assert status == res.status_code
    if status == 404:
        assert "Page introuvable." in res.get_data(as_text=True)
    if status == 400:  # the French error page, not a file
        assert (True, None) == ('<html lang="fr">' in res.get_data(as_text=True),
                                res.headers.get("Content-Disposition"))


def test_cells_that_a_spreadsheet_would_run_are_quoted() -> None:
    row = Row("=1+1", "+33 morts", None, "-Média", "@auteur", "\thttp://x", ("=A", "B"), (),
              ("\rMali",), 12.5)
    header, line = list(csv.reader(io.StringIO("".join(csv_chunks([row])), newline="")))
    assert ["'=1+1", "'+33 morts", "", "'-Média", "'@auteur", "'\thttp://x", "'=A ; B", "",
            "'\rMali", "12.5"] == line


def test_formula_guard_end_to_end(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.json").write_text(json.dumps({
        "title": '=HYPERLINK("http://x","clic")', "outlet": "@Média", "date": "2025-01-02",
        "text": "Un article sur la sécurité au Sahel, avec une\nligne de plus.", "people": ["-Moi"],
    }), encoding="utf-8")

    def names(articles: list[Article]) -> list[Annotation]:
        return [(tuple(a.extra.get("people") or ()), (), ()) for a in articles]  # type: ignore[arg-type]

    assert [] == sync(corpus, tmp_path / "index", annotator=FixedActors(names)).errors
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    rows, _ = _csv(client, {"q": "sécurité"})
    assert [("a.json", "'=HYPERLINK(\"http://x\",\"clic\")", "'@Média", "'-Moi")] == [
        (r["id"], r["title"], r["outlet"], r["people"]) for r in rows]
