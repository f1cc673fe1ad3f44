"""Hostile queries: property tests over the parser, the engine and ``/api/search``.

Whatever arrives (random Unicode, control characters, huge inputs, deep parentheses, wildcard
storms, negative or huge page numbers, unknown parameters), the answer is a 2xx or a 4xx, never
a 500, and it comes within the engine's time limit plus a margin.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from flask import Flask
from helpers.reliability_kit import orangesum_records, write_jsonl
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from indexer.errors import QueryError, QueryTimeout
from indexer.search import TIME_LIMIT, Engine, SearchRequest
from indexer.search.matching import to_whoosh
from indexer.search.query import MAX_NODES, And, Not, Or, parse
from indexer.store import sync
from webapp import create_app

BOUND = TIME_LIMIT + 2.0  # seconds: the engine's own limit plus room for a busy machine
# No shrinking: a failure is reported as found, and a busy machine is not kept busy minutes more.
PHASES = [Phase.explicit, Phase.generate]
FAST = settings(max_examples=150, deadline=None, database=None, phases=PHASES,
                suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=100, deadline=None, database=None, phases=PHASES,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

WORDS = ["AES", "Niger", "sécurité", "Goïta", "a", "l'", "«", "OU", "ET", "SAUF", "-", "NOT",
         "titre:", "acteur:", "media:", "foo:", "*", "**", "\"", "(", ")", "coop*", "e*",
         "\u200b", "\u202e", "\x00", "\ud7ff", "𝔄𝔈𝔖", "ﷺ", "\u0301"]
hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=3000),
    st.lists(st.sampled_from(WORDS), max_size=200).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=200).map("".join),
    st.integers(0, 5000).map(lambda n: "(" * n + "AES" + ")" * (n // 2)),
    st.integers(1, 400).map(lambda n: " OU ".join(f"{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}*"
                                                   for i in range(n))),
    st.integers(1, 3000).map(lambda n: "-" * n + "AES"),
    st.integers(1, 100_000).map(lambda n: "x" * n),
)
PARAM_NAMES = ["q", "page", "per_page", "sort", "outlet", "actor", "place", "year", "month",
               "date_from", "date_to", "facet", "inconnu", "__class__", "q[]"]
param_value = st.one_of(
    hostile_text,
    st.integers(-10**30, 10**30).map(str),
    st.sampled_from(["", "0", "-1", "1e9", "NaN", "inf", "2025-13", "2025-02-30", "0000-00-00",
                     "9999-99", "recent", "ancien", "pertinence", "x" * 5000]),
)
params = st.lists(st.tuples(st.sampled_from(PARAM_NAMES), param_value), max_size=8)
INPUTS = {"count": 0}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus 500 real articles: enough terms for prefixes to expand."""
    base = tmp_path_factory.mktemp("hostile-q")
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", base / "corpus")
    write_jsonl(base / "corpus" / "orangesum.jsonl", orangesum_records(500))
    assert [] == sync(base / "corpus", base / "index").errors
    return base / "index"


@pytest.fixture(scope="module")
def engine(index: Path) -> Engine:
    """One engine for the whole module, as a server process has."""
    return Engine(index)


@pytest.fixture(scope="module")
def hostile_app(index: Path) -> Flask:
    """The app (not in testing mode: errors are handled as in production)."""
    return create_app({"INDEX_DIR": str(index)})


def _size(node: object) -> int:
    if isinstance(node, And | Or):
        return 1 + sum(_size(c) for c in node.children)
    if isinstance(node, Not):
        return 1 + _size(node.child)
    return 1


@FAST
@given(hostile_text)
def test_parser_never_fails_and_stays_bounded(text: str) -> None:
    INPUTS["count"] += 1
    started = time.perf_counter()
    node = parse(text)
    assert time.perf_counter() - started < BOUND
    assert node is None or _size(node) <= 2 * MAX_NODES + 1


@SLOW
@given(hostile_text)
def test_engine_answers_or_refuses_within_bound(engine: Engine, text: str) -> None:
    INPUTS["count"] += 1
    started = time.perf_counter()
    searcher, _ = engine._searcher()
    to_whoosh(parse(text), searcher.reader())  # the matcher builds, whatever the tree
    try:
        page = engine.search(SearchRequest(q=text))
        assert 0 <= page.total <= page.documents
    except QueryError as exc:  # a clear refusal (too large, cut off) is an answer too
        assert str(exc)
    assert time.perf_counter() - started < BOUND


@SLOW
@given(params)
def test_api_search_is_never_a_500(hostile_app: Flask, pairs: list[tuple[str, str]]) -> None:
    INPUTS["count"] += 1
    client = hostile_app.test_client()
    query = urlencode(pairs)
    for path in ("/api/search?", "/?"):
        started = time.perf_counter()
        r = client.get(path + query)
        assert r.status_code < 500, (path + query)[:300]
        assert time.perf_counter() - started < BOUND
        if path.startswith("/api/"):
            data = r.get_json()
            assert ("error" in data) if r.status_code >= 400 else ("hits" in data)


def test_bad_numbers_and_unknown_facets_are_4xx_or_empty(hostile_app: Flask) -> None:
    client = hostile_app.test_client()
    for url in ["/api/search?page=-1", "/api/search?page=99999999999999999999",
                "/api/search?per_page=100000", "/api/search?per_page=-5", "/api/search?year=1e3",
                "/api/search?month=2025-13", "/api/search?date_from=2025-02-30"]:
        assert 400 == client.get(url).status_code, url
    data = client.get("/api/search?q=AES&outlet=Inconnu+Média&actor=Personne").get_json()
    assert (0, []) == (data["total"], data["hits"])
    assert 200 == client.get("/api/search?facette=x&inconnu=1&q=AES").status_code


def test_slow_query_is_cut_off_with_a_message(index: Path) -> None:
    storm = "a* OU p*"
    assert 0 < Engine(index).search(SearchRequest(q=storm)).total  # it does finish, in time
    with pytest.raises(QueryTimeout, match="recherche interrompue"):
        Engine(index, time_limit=0.0001).search(SearchRequest(q=storm))
    app = create_app({"INDEX_DIR": str(index)})
    app.extensions["presse_backend"] = Engine(index, time_limit=0.0)
    r = app.test_client().get("/api/search?" + urlencode({"q": storm}))
    assert (400, True) == (r.status_code, "recherche interrompue" in r.get_json()["error"])
    assert issubclass(QueryTimeout, QueryError)


def test_wildcard_storm_is_refused_up_front(hostile_app: Flask) -> None:
    storm = " OU ".join(f"{a}{b}*" for a in "abcdefgh" for b in "aeiou")
    r = hostile_app.test_client().get("/api/search?" + urlencode({"q": storm}))
    assert (400, True) == (r.status_code, "requête trop large" in r.get_json()["error"])


def test_every_hostile_word_in_every_parameter(hostile_app: Flask,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The property tests' vocabulary, each word in each parameter: never a 500."""
    client = hostile_app.test_client()
    statuses = {(name, word): client.get("/api/search?" + urlencode({name: word})).status_code
                for name in PARAM_NAMES for word in WORDS}
    assert {} == {k: s for k, s in statuses.items() if s >= 500}
    with capsys.disabled():
        print(f"\nhostile query inputs tried in this module: {INPUTS['count'] + len(statuses)}")
