"""Malformed queries never error: every one is a 200 page and a 200 JSON answer, bounded."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from indexer.search import Engine
from indexer.search.matching import MAX_PREFIX_TERMS, to_whoosh
from indexer.search.query import MAX_NODES, parse

MALFORMED = [
    '"Force unifiée',                 # unclosed quote
    'AES "',                          # lone quote
    '""',                             # empty phrase
    "«»",                             # empty French quotes
    "(AES OU CEDEAO",                 # unclosed parenthesis
    "AES OU CEDEAO)",                 # stray closing parenthesis
    ")))(((",                         # only parentheses
    "((((((((((((AES))))))))))))",    # deeper than the limit
    "OU",                             # lone operator
    "ET",
    "SAUF",
    "AND OR NOT",
    "AES OU",                         # trailing operator
    "OU AES",                         # leading operator
    "-",                              # lone minus
    "--AES",
    "- - -",
    "*",                              # bare star
    "**",
    "a*",                             # one-letter prefix
    "*AES",
    "s*",
    "inconnu:AES",                    # unknown field
    "titre:",                         # field without value
    "acteur:(",                       # field with a parenthesis
    "media:\"",                       # field with a lone quote
    ":::",
    "AES " * 1250,                    # 5,000 characters
    "x" * 5000,                       # one 5,000-character word
    "\x00\x01\x1f AES",               # control characters
    "<script>alert(1)</script>",      # markup
    "%00%ff",                         # encoded junk, literally
    "l'",                             # only an elided article
    "le la les de",                   # only stop words
    "🙂 🇲🇱",                          # emoji
    "AES\tOU\nCEDEAO",                # tabs and newlines
    "SAUF SAUF SAUF AES",
    "(-)",
    "\"AES\" OU (\"Mali\" ET -\"Niger\"",
    "acteur:\"Assimi Goïta\" OU lieu:Niger)",
]


def test_at_least_thirty_cases() -> None:
    assert len(MALFORMED) >= 30


@pytest.mark.parametrize("q", MALFORMED)
def test_malformed_query_page_is_200(press_client: FlaskClient, q: str) -> None:
    r = press_client.get("/", query_string={"q": q})
    assert 200 == r.status_code
    assert "<script>alert" not in r.get_data(as_text=True)


@pytest.mark.parametrize("q", MALFORMED)
def test_malformed_query_api_is_200(press_client: FlaskClient, q: str) -> None:
    r = press_client.get("/api/search", query_string={"q": q})
    data = r.get_json()
    assert 200 == r.status_code
    assert isinstance(data["total"], int) and data["total"] >= 0


@pytest.mark.parametrize("q", ["feed", "atom"])
def test_malformed_query_feed_is_200(press_client: FlaskClient, q: str) -> None:
    r = press_client.get("/feed.atom", query_string={"q": '(' * 50 + q + '"'})
    assert (200, "application/atom+xml") == (r.status_code, r.mimetype)


def _leaves(q: wq.Query) -> int:
    children = q.children() if hasattr(q, "children") else []
    return sum(_leaves(c) for c in children) if children else 1


def test_prefix_expansion_is_bounded(press_index) -> None:  # type: ignore[no-untyped-def]
    engine = Engine(press_index)
    searcher, _ = engine._searcher()
    wquery = to_whoosh(parse("se* OR co* OR ma*"), searcher.reader())
    assert wquery is not None
    assert _leaves(wquery) <= 3 * 5 * MAX_PREFIX_TERMS


def test_node_count_is_bounded() -> None:
    node = parse(" OU ".join(f"mot{i}" for i in range(500)))
    assert node is not None and len(node.children) <= MAX_NODES  # type: ignore[union-attr]


def test_whole_query_words_still_found(press_client: FlaskClient) -> None:
    data = press_client.get("/api/search", query_string={"q": "(AES OU CEDEAO"}).get_json()
    both = press_client.get("/api/search", query_string={"q": "AES OU CEDEAO"}).get_json()
    assert both["total"] == data["total"] and data["total"] > 0


QUERY_ALPHABET = st.sampled_from(list('aeéAES()"«»-*: OUETSAUFNOT\'’|&') + ["OU ", "SAUF ", "titre:"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.lists(QUERY_ALPHABET, max_size=40).map("".join))
def test_random_queries_never_error(press_client: FlaskClient, q: str) -> None:
    r = press_client.get("/api/search", query_string={"q": q})
    assert 200 == r.status_code, q
