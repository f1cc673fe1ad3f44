"""`python -m bench.quality`: ranking quality of our engine beside tantivy and SQLite FTS5.

PIAF: 7,569 French questions, each with the Wikipedia paragraph that answers it (recall@10,
MRR@10, nDCG@10). OrangeSum known-item: an article's title (and, separately, its standfirst,
which is not indexed) as the query, the article as the one relevant answer (recall@1,
recall@10, MRR@10). Every engine gets the same words (``anchors.words``), combined with OR:
our engine through ``SearchRequest(mode="or")``. Prints one JSON document and appends a
summary line to ``bench/results.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from indexer.search import Engine, SearchRequest
from indexer.store import sync

from .anchors import Fts5, Tantivy, words
from .corpus import orangesum, piaf, scaled, write_chunks
from .latency import percentiles
from .report import append_result, machine

Searcher = Callable[[str], list[str]]


def ours(index_dir: Path) -> Searcher:
    """Our engine, any-word mode, top 10, no snippets, facets or folding of copies; returns ids."""
    engine = Engine(index_dir)

    def search(query: str) -> list[str]:
        page = engine.search(SearchRequest(q=" ".join(words(query)), mode="or"),
                             snippets=False, facets=False, group=False, suggest=False)
        return [h.id.split("#", 1)[1] for h in page.hits]

    return search


def evaluate(search: Searcher, queries: list[tuple[str, str]], relevant: dict[str, set[str]]
             ) -> dict[str, object]:
    """recall@1, recall@10, MRR@10, nDCG@10 and per-query latency of ``search``."""
    r1 = r10 = mrr = ndcg = 0.0
    ms: list[float] = []
    for qid, text in queries:
        rel = relevant[qid]
        t0 = time.perf_counter()
        got = search(text)[:10]
        ms.append((time.perf_counter() - t0) * 1000)
        ranks = [i for i, d in enumerate(got) if d in rel]
        r1 += 1.0 if ranks and ranks[0] == 0 else 0.0
        r10 += len(ranks) / len(rel)
        mrr += 1.0 / (ranks[0] + 1) if ranks else 0.0
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(rel), 10)))
        ndcg += sum(1 / math.log2(i + 2) for i in ranks) / ideal
    n = len(queries) or 1
    lat = percentiles(ms)
    return {"queries": len(queries), "recall@1": round(r1 / n, 4), "recall@10": round(r10 / n, 4),
            "mrr@10": round(mrr / n, 4), "ndcg@10": round(ndcg / n, 4),
            "latency_ms": {k: lat[k] for k in ("p50", "p95", "p99", "mean")}}


def compare(index_dir: Path, docs: list[dict[str, str]],
            sets: dict[str, tuple[list[tuple[str, str]], dict[str, set[str]]]]) -> dict[str, object]:
    """Every query set through our engine and both anchors (built here, timed)."""
    out: dict[str, object] = {}
    engines: dict[str, Searcher] = {"ours": ours(index_dir)}
    for cls in (Tantivy, Fts5):
        t0 = time.perf_counter()
        anchor = cls(docs)
        out[f"{cls.name}_build_s"] = round(time.perf_counter() - t0, 1)
        engines[cls.name] = anchor.search
    for set_name, (queries, relevant) in sets.items():
        out[set_name] = {name: evaluate(fn, queries, relevant) for name, fn in engines.items()}
        print(f"{set_name}: {json.dumps(out[set_name])}", file=sys.stderr)
    return out


def build_ours(docs: list[dict[str, str]], work: Path, name: str) -> tuple[Path, float]:
    """Our index of ``docs`` through the `.jsonl` ingestion; returns its directory and build time."""
    corpus, index_dir = work / f"{name}-corpus", work / f"{name}-index"
    write_chunks(iter(docs), corpus, prefix=name)
    report = sync(corpus, index_dir, rebuild=True)
    return index_dir, round(report.seconds, 1)


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Run both evaluations; print the JSON document; append the summary line."""
    p = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__.splitlines()[0])
    p.add_argument("--limit", type=int, default=None, help="first N OrangeSum articles only")
    p.add_argument("--sample", type=int, default=2000,
                   help="known-item queries drawn (seeded) from the corpus; 0 = every article")
    p.add_argument("--orangesum-index", type=Path, default=None,
                   help="reuse an index of the same OrangeSum corpus (bench.run --workdir W: W/index)")
    p.add_argument("--no-results", action="store_true", help="do not append to bench/results.md")
    p.add_argument("--note", default="", help="what else ran on the machine, for the record")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="presse-quality-"))
    doc: dict[str, object] = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"), "machine": machine(),
                              "note": args.note}
    try:
        pdocs, pqueries, qrels = piaf()
        pqueries = [(q, t) for q, t in pqueries if q in qrels]
        pindex, pbuild = build_ours(pdocs, work, "piaf")
        doc["piaf"] = {"documents": len(pdocs), "ours_build_s": pbuild,
                       **compare(pindex, pdocs, {"questions": (pqueries, qrels)})}

        records = orangesum(args.limit)
        odocs = [{"id": r["id"], "title": r["title"], "text": r["text"]} for r in scaled(records, 1)]
        if args.orangesum_index:
            oindex, obuild = args.orangesum_index, None
        else:
            corpus = work / "orangesum-corpus"
            write_chunks(scaled(records, 1), corpus)
            oindex = work / "orangesum-index"
            obuild = round(sync(corpus, oindex, rebuild=True).seconds, 1)
        pick = records if not args.sample else random.Random(6).sample(records, min(args.sample,
                                                                                    len(records)))
        relevant = {r["id"]: {r["id"]} for r in pick}
        doc["orangesum"] = {"documents": len(odocs), "sampled_articles": len(pick), "ours_build_s": obuild,
                            **compare(oindex, odocs, {
                                "title": ([(r["id"], r["title"]) for r in pick], relevant),
                                "heading": ([(r["id"], r["heading"]) for r in pick if r.get("heading")],
                                            relevant)})}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(doc, ensure_ascii=False, indent=1))
    if not args.no_results:
        append_result(summary_line(doc))
    return doc


def summary_line(doc: dict[str, object]) -> str:
    """One Markdown bullet for ``bench/results.md``."""
    parts = []
    for corpus, sets in (("piaf", ("questions",)), ("orangesum", ("title", "heading"))):
        for s in sets:
            res = doc[corpus][s]  # type: ignore[index]
            cells = ", ".join(f"{e} r@10 {r['recall@10']} MRR {r['mrr@10']} p50 {r['latency_ms']['p50']} ms"
                              for e, r in res.items())
            parts.append(f"{corpus}/{s}: {cells}")
    o: dict[str, object] = doc["orangesum"]  # type: ignore[assignment]
    return (f"- quality {doc['date']} UTC, {o['documents']} OrangeSum articles "
            f"({o['sampled_articles']} known-item queries): " + "; ".join(parts))


if __name__ == "__main__":
    main()
