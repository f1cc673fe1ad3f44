"""The OpenSearch backend on a real node: the same French analysis as the Python chain, the
incremental sync, rebuilds behind an alias, and a killed indexer that loses nothing.

The behaviour tests of the web app and the API (``press_client``) run on both backends; this
module holds what only the OpenSearch side has.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import PRESS, SEEDS, record_actors
from helpers.opensearch_node import Node, free_port
from helpers.reliability_kit import run_indexer, sigkill, start_paused_indexer
from opensearchpy import OpenSearch

from indexer.analysis import analyze
from indexer.extract import extract_file, iter_article_files
from indexer.opensearch.backend import OpenSearchBackend
from indexer.opensearch.connection import Connection
from indexer.opensearch.index_settings import index_body
from indexer.opensearch.sync import sync_opensearch
from indexer.search import SearchRequest


def _texts() -> list[str]:
    out = []
    for corpus in (SEEDS, PRESS):
        for path in iter_article_files(corpus):
            out += [f"{a.title}\n{a.body}" for a in extract_file(path, corpus)]
    return out


def test_french_chain_is_the_python_chain(opensearch_node: Node) -> None:
    client = OpenSearch(opensearch_node.url)
    client.indices.create(index="chain", body=index_body())
    # `française`: Lucene's Snowball says `francais`, PyStemmer `franc`; the shipped overrides agree.
    texts = _texts() + ["L’élève d’aujourd’hui créée", "sécurité de l’AES, Goïta, œuvre, été",
                        "la presse française"]
    differ = []
    for text in texts:
        found = client.indices.analyze(index="chain", body={"analyzer": "fr_press", "text": text})
        if [t["token"] for t in found["tokens"]] != analyze(text):
            differ.append(text[:60])
    assert ([], 22) == (differ, len(texts))


def test_unaccented_query_marks_accented_original(os_press: dict[str, str]) -> None:
    backend = OpenSearchBackend(Connection(os_press["OPENSEARCH_URL"], "press"))
    page = backend.search(SearchRequest(q="securite"))
    assert page.total > 0 and all("<mark>sécurité</mark>" in str(h.snippet).lower()
                                  or "<mark>" in str(h.title_html) for h in page.hits)


def _copy(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(PRESS, corpus)
    return corpus


def test_incremental_sync_and_rebuild_swap(opensearch_node: Node, tmp_path: Path) -> None:
    corpus = _copy(tmp_path)
    conn = Connection(opensearch_node.url, "inc")
    first = sync_opensearch(corpus, tmp_path / "local", conn, annotator=record_actors)
    assert (16, 16, True) == (first.added, first.documents, first.rebuilt)
    old_index = conn.current_index(conn.client())
    (corpus / "12_passeport.json").unlink()
    record = json.loads((corpus / "05_russie.json").read_text(encoding="utf-8"))
    record["title"] = "Titre neuf : la coopération avec Moscou"
    (corpus / "05_russie.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    (corpus / "nouveau.txt").write_text("Uranium au Niger\n\nLe Niger exporte son uranium.\n",
                                        encoding="utf-8")
    second = sync_opensearch(corpus, tmp_path / "local", conn, annotator=record_actors)
    assert (1, 1, 1, 14, 16, False) == (second.added, second.modified, second.deleted,
                                        second.unchanged, second.documents, second.rebuilt)
    backend = OpenSearchBackend(conn)
    assert 1 == backend.search(SearchRequest(q='titre:"Titre neuf"')).total
    assert 0 == backend.search(SearchRequest(q="passeport biométrique")).total
    third = sync_opensearch(corpus, tmp_path / "local", conn, annotator=record_actors,
                            rebuild=True)
    client = conn.client()
    assert (True, 16) == (third.rebuilt, third.documents)
    assert old_index != conn.current_index(client)
    assert not client.indices.exists(index=str(old_index))  # dropped in the same alias call


def test_killed_rebuild_loses_nothing(opensearch_node: Node, tmp_path: Path) -> None:
    corpus = _copy(tmp_path)
    env = {"PRESSE_OPENSEARCH_URL": opensearch_node.url, "PRESSE_OPENSEARCH_INDEX": "kill"}
    done = run_indexer(corpus, tmp_path / "local", "--backend", "opensearch", **env)
    assert 0 == done.returncode, done.stderr
    conn = Connection(opensearch_node.url, "kill")
    before = conn.current_index(conn.client())
    for phase in ("write", "commit"):
        proc = start_paused_indexer(corpus, tmp_path / "local", phase, "--backend", "opensearch",
                                    "--rebuild", **env)
        sigkill(proc)
        client = conn.client()
        assert before == conn.current_index(client)
        assert 16 == OpenSearchBackend(conn).search(SearchRequest()).total
    again = run_indexer(corpus, tmp_path / "local", "--backend", "opensearch", **env)
    assert 0 == again.returncode, again.stderr
    client = conn.client()
    assert [str(before)] == sorted(client.indices.get(index="kill-*"))  # the orphans are gone


@pytest.mark.parametrize("q", ["", "AES", "coop*", "acteur:CEDEAO", "securte"])
def test_generation_and_stats(os_press: dict[str, str], q: str) -> None:
    backend = OpenSearchBackend(Connection(os_press["OPENSEARCH_URL"], "press"))
    gen = backend.generation()
    assert (16, True) == (gen.documents, gen.name.startswith("press-"))
    stats = backend.stats()
    assert 16 == stats["documents"] and "title" in stats["fields"]  # type: ignore[operator]
    assert backend.search(SearchRequest(q=q)).total <= 16


def test_actor_variants_travel_with_the_index(opensearch_node: Node, seeds_index: Path,
                                              tmp_path: Path) -> None:
    from indexer.actors import make_annotator
    from indexer.search import Engine

    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    local = tmp_path / "local"  # another machine's state: only the cluster carries the variants
    annotator = make_annotator(local)
    conn = Connection(opensearch_node.url, "seeds")
    assert [] == sync_opensearch(corpus, local, conn, annotator=annotator).errors
    annotator.close()
    shutil.rmtree(local)
    backend = OpenSearchBackend(conn)
    assert ["Karamoko Jean Marie Traoré"] == backend.actor_names.resolve("Jean Marie Traoré")
    req = SearchRequest(q='acteur:"Jean Marie Traoré"')
    whoosh, cluster = Engine(seeds_index).search(req), backend.search(req)
    assert (3, 3) == (whoosh.total, cluster.total)
    assert whoosh.facets["person"][0] == cluster.facets["person"][0]


def test_hostile_inputs_on_opensearch(os_press: dict[str, str]) -> None:
    from test_reliability_hostile_queries import PARAM_NAMES, WORDS

    from webapp import create_app

    client = create_app(os_press).test_client()
    statuses = {(name, word): client.get("/api/search?" + urlencode({name: word})).status_code
                for name in PARAM_NAMES for word in WORDS}
    assert {} == {k: s for k, s in statuses.items() if s >= 500}
    far = client.get("/api/search?q=AES&page=1000&per_page=100")
    assert (400, True) == (far.status_code, "au-delà" in far.get_json()["error"])


def test_a_cluster_that_is_down_is_a_503(tmp_path: Path) -> None:
    from webapp import create_app

    port = free_port()  # nothing listens there
    app = create_app({"BACKEND": "opensearch", "OPENSEARCH_URL": f"http://127.0.0.1:{port}",
                      "INDEX_DIR": str(tmp_path)})
    r = app.test_client().get("/api/search?q=AES")
    assert (503, True) == (r.status_code, "OpenSearch injoignable" in r.get_json()["error"])
