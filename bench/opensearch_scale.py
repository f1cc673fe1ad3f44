"""The OpenSearch backend on a real corpus: build time through ``presse index``'s pipeline, then
the in-process latency of the same query variants as ``bench.latency`` (a–e).

    python -m bench.opensearch_scale CORPUS LOCAL_DIR [--url …] [--actors] [--alias …]

``LOCAL_DIR`` holds the write lock and the actor cache (a Whoosh index folder of the same
corpus reuses its NER cache). Prints JSON. Needs a node: ``make opensearch`` (or ``--url``).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from indexer.opensearch.backend import OpenSearchBackend
from indexer.opensearch.connection import Connection
from indexer.opensearch.sync import sync_opensearch

from .latency import load_queries, measure_backend


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Build, measure, print and return the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("local", type=Path)
    parser.add_argument("--url", default="http://127.0.0.1:9200")
    parser.add_argument("--alias", default="presse-bench")
    parser.add_argument("--actors", action="store_true", help="with actors (NER from the cache)")
    parser.add_argument("--no-build", action="store_true", help="measure the existing index")
    args = parser.parse_args(argv)
    conn = Connection(args.url, args.alias)
    doc: dict[str, object] = {"corpus": str(args.corpus), "url": args.url}
    if not args.no_build:
        annotator = None
        if args.actors:
            from indexer.actors import make_annotator

            annotator = make_annotator(args.local)
        t0 = time.perf_counter()
        report = sync_opensearch(args.corpus, args.local, conn, rebuild=True, annotator=annotator)
        doc["build"] = {"wall_s": round(time.perf_counter() - t0, 1),
                        "documents": report.documents, "errors": len(report.errors),
                        "timings_s": {k: round(v, 1) for k, v in report.timings.items()}}
    backend = OpenSearchBackend(conn)
    doc["documents"] = backend.generation().documents
    doc["latency"] = measure_backend(backend, load_queries())
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return doc


if __name__ == "__main__":
    main()
