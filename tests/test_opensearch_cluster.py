"""Three real OpenSearch nodes (one JVM each): an index of 3 shards and 1 replica keeps
answering in full while a node is SIGKILLed, and the cluster is green again once it restarts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.opensearch_node import Node, free_port, start, wait_for
from helpers.reliability_kit import orangesum_records, write_jsonl

from indexer.opensearch.backend import OpenSearchBackend
from indexer.opensearch.connection import Connection
from indexer.opensearch.sync import sync_opensearch
from indexer.search import SearchRequest

ARTICLES = 3000
QUERIES = ["gouvernement", "santé hôpital", "élection présidentielle", "police -Paris", ""]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Node]]:
    base = tmp_path_factory.mktemp("cluster")
    names = ["c1", "c2", "c3"]
    ports = [free_port() for _ in names]
    nodes = [start(base / n, n, heap_mb=256, seeds=ports, masters=names, transport=p, wait=False)
             for n, p in zip(names, ports, strict=True)]
    wait_for(nodes[0], "?wait_for_nodes=3&wait_for_status=green&timeout=1s")
    yield nodes
    for node in nodes:
        node.stop()


@pytest.mark.slow
def test_a_killed_node_loses_no_answer(cluster: list[Node], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = orangesum_records(ARTICLES)
    for i in range(0, ARTICLES, 500):
        write_jsonl(corpus / f"lot-{i // 500}.jsonl", records[i : i + 500])
    conn = Connection(cluster[0].url, "trio")
    report = sync_opensearch(corpus, tmp_path / "local", conn, shards=3, replicas=1)
    assert (ARTICLES, []) == (report.documents, report.errors)
    wait_for(cluster[0], "?wait_for_status=green&timeout=1s")
    backend = OpenSearchBackend(conn)
    expected = {q: backend.search(SearchRequest(q=q)).total for q in QUERIES}

    answers: list[tuple[str, int]] = []
    failures: list[str] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            for q in QUERIES:
                try:
                    answers.append((q, backend.search(SearchRequest(q=q), suggest=False).total))
                except Exception as exc:  # noqa: BLE001  (any failure is what the test counts)
                    failures.append(f"{q}: {exc}")

    asker = threading.Thread(target=ask)
    asker.start()
    time.sleep(1.0)
    victim = cluster[2]
    victim.stop(kill=True)
    killed_at = time.perf_counter()
    time.sleep(4.0)
    during = len(answers)
    cluster[2] = start(victim.home, victim.name, heap_mb=256, transport=victim.transport,
                       seeds=[n.transport for n in cluster], masters=[n.name for n in cluster],
                       wait=False)
    wait_for(cluster[0], "?wait_for_nodes=3&wait_for_status=green&timeout=1s", timeout=180)
    green_after = time.perf_counter() - killed_at
    stop.set()
    asker.join(30)
    wrong = [(q, n) for q, n in answers if n != expected[q]]
    assert ([], [], True) == (failures, wrong, during > 0)
    assert ARTICLES == backend.generation().documents
    with capsys.disabled():
        print(f"\ncluster: {len(answers)} searches answered in full ({during} before the killed node "
              f"was restarted), green again {green_after:.1f} s after the SIGKILL")
