"""In-process latency of the actor page (``actor_page``, no HTTP): the index's 50 most
frequent actors, each alone and under a query from the benchmark list.

    .venv/bin/python -m bench.actor_page /work/big/t36c/index

Prints JSON: p50/p95 ms without a query, with one, and over both. The index is only read.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from indexer.search import Engine, SearchRequest
from indexer.search.actor_page import actor_page

from .latency import load_queries, percentiles

TOP_ACTORS = 50
# Rounds over every (actor, query) pair after one warm-up round.
ROUNDS = 3


def top_actors(engine: Engine, n: int = TOP_ACTORS) -> list[str]:
    """The ``n`` people and organisations named by the most articles."""
    facets = engine.search(SearchRequest(per_page=1), suggest=False).facets
    buckets = [b for name in ("person", "org") for b in facets[name]]
    return [b.value for b in sorted(buckets, key=lambda b: (-b.count, b.value))[:n]]


def measure(index_dir: Path, rounds: int = ROUNDS) -> dict[str, object]:
    """Milliseconds per actor page, without and with a query."""
    engine = Engine(index_dir)
    actors = top_actors(engine)
    queries = load_queries()[:10]
    cases = [(a, "") for a in actors] + [(a, queries[i % len(queries)])
                                         for i, a in enumerate(actors)]
    times: dict[str, list[float]] = {"no_query": [], "query": []}
    for r in range(rounds + 1):
        for name, q in cases:
            started = time.perf_counter()
            page = actor_page(engine, name, SearchRequest(q=q, sort="recent"))
            ms = (time.perf_counter() - started) * 1000
            assert page is not None and page.name == name, name
            if r:  # the first round warms the caches
                times["query" if q else "no_query"].append(ms)
    return {"index": str(index_dir), "documents": engine.documents, "actors": len(actors),
            "queries": queries, "rounds": rounds,
            "no_query": percentiles(times["no_query"]), "query": percentiles(times["query"]),
            "all": percentiles(times["no_query"] + times["query"])}


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/big/t36c/index")),
                     ensure_ascii=False, indent=2))
