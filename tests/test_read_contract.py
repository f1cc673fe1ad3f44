"""The read contract: the web only reads, a page is one search (plus one for a suggestion),
the CLI and the API give the same JSON, facets carry their own toggles, settings are a table."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from indexer import settings
from indexer.cli import main
from indexer.search import Engine, SearchRequest
from indexer.search.facets import FACETS, KEYWORD_FIELDS
from indexer.store.schema import build_schema
from webapp import get_backend

ROOT = Path(__file__).resolve().parent.parent
WRITE_SIDE = re.compile(r"^indexer\.(extract|store|actors)(\.|$)|^indexer\.schema$|^yaml$|^spacy")


def test_web_imports_no_write_path() -> None:
    code = "import webapp, sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    modules = json.loads(out.stdout)
    assert [] == [m for m in modules if WRITE_SIDE.search(m)]
    assert "indexer.search.engine" in modules  # the check looks at the right list


def _searches(client: FlaskClient, url: str) -> tuple[int, dict[str, object]]:
    with client.application.app_context():
        counter = get_backend().searches  # type: ignore[attr-defined]
    before = counter.count
    data = client.get(url).get_json()
    return counter.count - before, data


@pytest.mark.parametrize("q", ["securte", "Nigr", "securiteé Nigerr", "tomates uranium", "AES"])
def test_one_request_searches_at_most_twice(press_client: FlaskClient, q: str) -> None:
    runs, data = _searches(press_client, f"/api/search?q={q}")
    assert runs <= 2
    # The second search only for a suggestion, or for a correction of a query that finds
    # nothing (`Nigr` tries `Nigr*`, which finds nothing either).
    assert (data["suggestion"] is not None or data["total"] == 0) == (runs == 2)


@pytest.mark.parametrize("q", ["securte", "Nigr", "AES", ""])
def test_one_selected_actor_still_searches_at_most_twice(press_client: FlaskClient, q: str) -> None:
    """"Qui apparaît avec X" takes the second search only when no respelling took it."""
    name = press_client.get("/api/search").get_json()["facets"]["person"][0]["value"]
    runs, data = _searches(press_client, f"/api/search?q={q}&actor={name}")
    assert runs <= 2
    assert (data["suggestion"] is None and data["total"] > 0) == bool(data.get("with"))


def test_suggestion_total_is_the_counting_search(press_client: FlaskClient) -> None:
    runs, data = _searches(press_client, "/api/search?q=securte")
    alone = press_client.get("/api/search?q=securite").get_json()
    # `securte` finds nothing: the second search is the corrected page itself.
    assert (2, "sécurité", alone["total"]) == (runs, data["suggestion"], data["total"])
    html = press_client.get("/?q=securte").get_data(as_text=True)
    assert f"{alone['total']} résultats</strong>" in html and "Résultats pour <a" in html


def test_cli_json_is_the_api_json(press_client: FlaskClient) -> None:
    config = press_client.application.config
    env = {f"PRESSE_{k}": str(v) for k, v in config.items()
           if k == "BACKEND" or k.startswith("OPENSEARCH_")}
    for q in ("securte", "AES", "tomates uranium"):
        result = CliRunner().invoke(main, ["search", "--index", config["INDEX_DIR"], "--json", q],
                                    env=env)
        assert 0 == result.exit_code, result.output
        cli = json.loads(result.output)
        api = press_client.get(f"/api/search?q={q}").get_json()
        cli.pop("took_ms"), api.pop("took_ms")
        assert api == cli


def test_buckets_carry_their_toggles(press_client: FlaskClient) -> None:
    data = press_client.get("/api/search?q=AES&outlet=Maliweb").get_json()
    maliweb = next(b for b in data["facets"]["outlet"] if b["value"] == "Maliweb")
    assert (True, {"q": "AES"}) == (maliweb["selected"], maliweb["params"])
    other = next(b for b in data["facets"]["outlet"] if b["value"] != "Maliweb")
    assert {"q": "AES", "outlet": ["Maliweb", other["value"]]} == other["params"]


def test_undated_articles_are_selectable(press_client: FlaskClient) -> None:
    data = press_client.get("/api/search?q=cooperation").get_json()
    [unknown] = [b for b in data["facets"]["year"] if b["value"] == "inconnue"]
    only = press_client.get("/api/search?q=cooperation&year=inconnue").get_json()
    assert (unknown["count"], [None] * unknown["count"]) == (only["total"],
                                                             [h["date"] for h in only["hits"]])
    assert {"q": "cooperation", "year": ["inconnue"]} == unknown["params"]


def test_small_facets_are_not_truncated(engine: Engine) -> None:
    page = engine.search(SearchRequest())
    assert {name: False for name in page.facets} == {n: r.truncated for n, r in page.facets.items()}


def test_facet_fields_are_keyword_fields_of_the_schema() -> None:
    schema = build_schema()
    assert [] == [f for f in KEYWORD_FIELDS if type(schema[f]).__name__ != "KEYWORD"]
    assert {"outlet", "person", "org", "place", "year", "month"} == {f.name for f in FACETS}


def test_every_setting_is_documented_and_read() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sources = "\n".join(p.read_text(encoding="utf-8") for d in ("indexer", "webapp")
                        for p in (ROOT / d).rglob("*.py") if p.name != "settings.py")
    undocumented = [s.env for s in settings.SETTINGS if s.env not in readme]
    unread = [s.name for s in settings.SETTINGS if f'"{s.name}"' not in sources]
    assert ([], []) == (undocumented, unread)


def test_settings_are_read_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSE_PER_PAGE", "3")
    assert 3 == settings.get_int("PER_PAGE")
    from webapp import create_app

    app = create_app({"TESTING": True})
    assert 3 == app.config["PER_PAGE"]
