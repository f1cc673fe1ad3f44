"""Build time side by side, in one run: this project, tantivy and SQLite FTS5 on the same articles.

    python -m bench.build_anchors [--limit 10000]

The first ``limit`` OrangeSum articles (title and body), without actors. Ours is the real
ingestion (``store.sync`` over ``.jsonl`` files of 100 articles, as a user's folder would hold
them: extraction, the MinHash keys, the stored fields, the folded vocabulary); tantivy gets the
same records in memory with a French pipeline and one indexing thread, as ``bench/anchors.py``
builds it for the quality figures, plus a stored body for its snippets; FTS5 as there. Then the
282 benchmark queries, ANDed, with a highlighted snippet: ours through the whole page
(``Engine.search``: snippets and the six facets, variant (c) of ``bench/latency.py``; and
without the facets, variant (b)), tantivy
through its query parser (``conjunction_by_default``) and its ``SnippetGenerator`` on the top
10 (no facets: tantivy has nothing built in that counts our six). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

import tantivy

from indexer.search import Engine, SearchRequest
from indexer.store import sync

from .anchors import Fts5, words
from .corpus import orangesum, scaled, write_chunks
from .latency import load_queries, percentiles
from .report import machine


def _tantivy(docs: list[dict[str, str]]) -> tuple[float, tantivy.Index]:
    t0 = time.perf_counter()
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=True, tokenizer_name="fr")
    sb.add_text_field("body", stored=True, tokenizer_name="fr")
    index = tantivy.Index(sb.build())
    index.register_tokenizer("fr", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                             .filter(tantivy.Filter.lowercase())
                             .filter(tantivy.Filter.ascii_fold())
                             .filter(tantivy.Filter.stemmer("french")).build())
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for d in docs:
        writer.add_document(tantivy.Document(id=d["id"], title=d["title"], body=d["text"]))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return time.perf_counter() - t0, index


def _tantivy_queries(index: tantivy.Index, queries: list[str]) -> dict[str, float]:
    searcher = index.searcher()
    schema = index.schema
    ms = []
    for _ in range(2):  # the first pass warms up, as ours does
        ms = []
        for q in queries:
            ws = words(q)
            if not ws:
                continue
            t0 = time.perf_counter()
            query = index.parse_query(" ".join(ws), ["title", "body"], conjunction_by_default=True)
            hits = searcher.search(query, 10).hits
            gen = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
            for _score, addr in hits:
                gen.snippet_from_doc(searcher.doc(addr)).to_html()
            ms.append((time.perf_counter() - t0) * 1000)
    return percentiles(ms)


def _ours_queries(index_dir: Path, queries: list[str], facets: bool) -> dict[str, float]:
    engine = Engine(index_dir)
    ms = []
    for _ in range(2):
        ms = []
        for q in queries:
            t0 = time.perf_counter()
            engine.search(SearchRequest(q=q), suggest=False, facets=facets)
            ms.append((time.perf_counter() - t0) * 1000)
    return percentiles(ms)


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(prog="python -m bench.build_anchors")
    ap.add_argument("--limit", type=int, default=10_000)
    a = ap.parse_args(argv)
    docs = list(scaled(orangesum(a.limit), 1))
    queries = load_queries()
    work = Path(tempfile.mkdtemp(prefix="build-anchors-"))
    try:
        write_chunks(iter(docs), work / "corpus")
        t0 = time.perf_counter()
        report = sync(work / "corpus", work / "index")
        ours = time.perf_counter() - t0
        tantivy_s, tindex = _tantivy(docs)
        t0 = time.perf_counter()
        Fts5(docs)
        fts5 = time.perf_counter() - t0
        ours_q = _ours_queries(work / "index", queries, facets=True)
        ours_b = _ours_queries(work / "index", queries, facets=False)
        tantivy_q = _tantivy_queries(tindex, queries)
        doc: dict[str, object] = {
            "bench": "build_anchors", "articles": len(docs), "machine": machine(),
            "build_s": {"ours": round(ours, 1), "tantivy": round(tantivy_s, 2),
                        "sqlite_fts5": round(fts5, 2)},
            "ours_over_tantivy": round(ours / tantivy_s, 1),
            "ours_timings": {k: round(v, 1) for k, v in report.timings.items()},
            "query_and_highlight_ms": {"ours_page_with_facets": ours_q,
                                       "ours_snippets_no_facets": ours_b,
                                       "tantivy_top10_snippets": tantivy_q},
            "p95_over_tantivy": round(ours_q["p95"] / tantivy_q["p95"], 2),
            "p95_no_facets_over_tantivy": round(ours_b["p95"] / tantivy_q["p95"], 2),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(doc, ensure_ascii=False, indent=1))
    return doc


if __name__ == "__main__":
    main()
