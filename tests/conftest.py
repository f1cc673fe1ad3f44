"""Fixtures: a real index built once per session from a copy of the seeds."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from helpers import browser as real_browser
from helpers.opensearch_node import Node
from helpers.opensearch_node import start as start_node
from helpers.shared_data import shared_file

from indexer.actors import make_annotator
from indexer.article import Article
from indexer.search import Engine
from indexer.store import Annotation, FixedActors, sync
from webapp import create_app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the three seed articles, built once (read-only for tests)."""
    base = tmp_path_factory.mktemp("seeds-index")
    corpus = base / "seeds"
    shutil.copytree(SEEDS, corpus)
    report = sync(corpus, base / "index", annotator=make_annotator(base / "index"))
    assert report.errors == []
    return base / "index"


@pytest.fixture(scope="session")
def engine(seeds_index: Path) -> Engine:
    """A search Engine over the seeds index."""
    return Engine(seeds_index)


@pytest.fixture()
def app(seeds_index: Path) -> Flask:
    """The Flask app over the seeds index."""
    return create_app({"TESTING": True, "INDEX_DIR": str(seeds_index)})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    """A test client of the app."""
    return app.test_client()


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A private, writable copy of the seeds and an empty index dir, for tests that change them."""
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    yield corpus, tmp_path / "index"


PRESS = DATA / "presse"


def _record_actors(articles: list[Article]) -> list[Annotation]:
    """The test corpus's actors, read from each record's `people`/`orgs`/`places` keys."""
    return [
        tuple(tuple(str(v) for v in a.extra.get(key, ()) or ())  # type: ignore[union-attr]
              for key in ("people", "orgs", "places"))
        for a in articles
    ]  # type: ignore[misc]


record_actors = FixedActors(_record_actors)


@pytest.fixture(scope="session")
def press_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the 16-article test press corpus (`tests/data/presse`), built once."""
    base = tmp_path_factory.mktemp("press-index")
    report = sync(PRESS, base / "index", annotator=record_actors)
    assert report.errors == []
    return base / "index"


@pytest.fixture(scope="session")
def opensearch_node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Node]:
    """One real OpenSearch node for the whole run (fails in CI when it cannot start)."""
    node = start_node(tmp_path_factory.mktemp("opensearch") / "n1")
    yield node
    node.stop()


@pytest.fixture(scope="session")
def os_press(opensearch_node: Node, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The test press corpus indexed into the node: the app config that reads it."""
    from indexer.opensearch.connection import Connection
    from indexer.opensearch.sync import sync_opensearch

    local = tmp_path_factory.mktemp("os-press")
    report = sync_opensearch(PRESS, local, Connection(opensearch_node.url, "press"),
                             annotator=record_actors, rebuild=True)
    assert report.errors == []
    return {"BACKEND": "opensearch", "OPENSEARCH_URL": opensearch_node.url,
            "OPENSEARCH_INDEX": "press", "INDEX_DIR": str(local)}


@pytest.fixture(params=["whoosh", "opensearch"])
def press_client(request: pytest.FixtureRequest, press_index: Path) -> FlaskClient:
    """A test client of the app over the test press corpus, on each backend in turn: the
    behaviour tests that use it hold for both."""
    config: dict[str, str] = {"INDEX_DIR": str(press_index)}
    if request.param == "opensearch":
        config = request.getfixturevalue("os_press")
    return create_app({"TESTING": True, **config}).test_client()


@pytest.fixture(scope="session")
def shared_data() -> Callable[[str], Path]:
    """``shared_data(name)``: a file of ``../shared/data`` (fails in CI when missing)."""
    return shared_file


@pytest.fixture(scope="session")
def base_url(press_index: Path) -> Iterator[str]:
    """The app over the test press corpus, served by waitress (browser tests)."""
    yield from real_browser.serve(press_index)


@pytest.fixture(scope="session")
def seeds_url(seeds_index: Path) -> Iterator[str]:
    """The app over the seeds, served by waitress (browser tests)."""
    yield from real_browser.serve(seeds_index)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole run (skips, or fails in CI, when absent)."""
    real_browser.require_browser()
    yield from real_browser.launch()
