"""The two backends side by side on the same OrangeSum slice: totals, facet counts and the
overlap of the top 10 for every benchmark query (and latency in process, for the record).

    python -m bench.opensearch_parity [--articles 2000] [--url http://127.0.0.1:9200]

Builds a Whoosh index and an OpenSearch index (alias ``presse-parity``) of the first N articles
through the normal pipeline without actors, then asks both the queries of ``bench/queries.txt``.
Prints JSON. Needs a node: ``make opensearch`` (or ``--url``).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from indexer.opensearch.backend import OpenSearchBackend
from indexer.opensearch.connection import Connection
from indexer.opensearch.sync import sync_opensearch
from indexer.search import Engine, SearchPage, SearchRequest
from indexer.store import sync

from .corpus import orangesum, scaled, write_chunks
from .latency import load_queries, percentiles


def _facets(page: SearchPage) -> dict[str, list[tuple[str, int]]]:
    return {name: [(b.value, b.count) for b in result] for name, result in page.facets.items()}


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Build both indexes, compare every query, print and return the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--url", default="http://127.0.0.1:9200")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="parity-"))
    write_chunks(scaled(orangesum(args.articles), 1), work / "corpus")
    t0 = time.perf_counter()
    sync(work / "corpus", work / "whoosh")
    whoosh_s = time.perf_counter() - t0
    conn = Connection(args.url, "presse-parity")
    t0 = time.perf_counter()
    sync_opensearch(work / "corpus", work / "local", conn, rebuild=True)
    opensearch_s = time.perf_counter() - t0
    engines = {"whoosh": Engine(work / "whoosh"), "opensearch": OpenSearchBackend(conn)}
    queries = load_queries()
    same_total = same_facets = 0
    overlaps: list[float] = []
    ms: dict[str, list[float]] = {name: [] for name in engines}
    differ: list[str] = []
    for q in queries:
        pages = {}
        for name, engine in engines.items():
            t0 = time.perf_counter()
            pages[name] = engine.search(SearchRequest(q=q), suggest=False)
            ms[name].append((time.perf_counter() - t0) * 1000)
        w, o = pages["whoosh"], pages["opensearch"]
        same_total += w.total == o.total
        same_facets += _facets(w) == _facets(o)
        if (w.total, _facets(w)) != (o.total, _facets(o)) and len(differ) < 10:
            differ.append(q)
        top_w, top_o = {h.id for h in w.hits}, {h.id for h in o.hits}
        if top_w or top_o:
            overlaps.append(len(top_w & top_o) / max(len(top_w), len(top_o)))
    doc: dict[str, object] = {
        "articles": args.articles, "queries": len(queries),
        "build_s": {"whoosh": round(whoosh_s, 1), "opensearch": round(opensearch_s, 1)},
        "same_total": same_total, "same_facets": same_facets, "differ_examples": differ,
        "top10_overlap": {"p50": round(float(np.percentile(overlaps, 50)), 3),
                          "p10": round(float(np.percentile(overlaps, 10)), 3),
                          "mean": round(float(np.mean(overlaps)), 3)},
        "latency_ms": {name: percentiles(v) for name, v in ms.items()},
    }
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return doc


if __name__ == "__main__":
    main()
