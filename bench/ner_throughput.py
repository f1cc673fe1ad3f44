"""NER throughput on OrangeSum: words per second through the actor annotator, both cores.

Usage: ``.venv/bin/python bench/ner_throughput.py [N]`` (default 2,000 articles) → JSON.

The first pass runs spaCy (``fr_core_news_md``, tok2vec+ner) on every article in the worker
pool, plus canonicalisation and the cache writes: what a full rebuild pays per article. The
second pass is the same batch again, served from the content-hash cache: what a reindex after
an alias edit pays. Pool start-up (each worker loads the model once) is timed apart.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.actors import article_text, make_annotator  # noqa: E402
from indexer.actors.ner import close_pool, run_ner, workers  # noqa: E402
from indexer.article import Article  # noqa: E402

ORANGESUM = ROOT.parent / "shared" / "data" / "orangesum.jsonl.gz"
BATCH = 256  # what store.sync hands the annotator at a time


def load(n: int) -> list[Article]:
    """The first ``n`` OrangeSum articles with a body, as Articles (standfirst + body)."""
    out: list[Article] = []
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if not rec.get("article"):
                continue
            body = "\n\n".join(p for p in (rec.get("heading"), rec["article"]) if p)
            out.append(Article(doc_id=str(rec["id"]), path=str(rec["id"]), title=rec["title"], body=body))
            if len(out) == n:
                break
    return out


def main() -> None:
    """Run both passes and print the figures."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    articles = load(n)
    words = sum(len(article_text(a).split()) for a in articles)
    t0 = time.perf_counter()
    run_ner(["Amorçage du pool."] * 64, parallel=True)  # start the workers, load the model
    startup = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        annotator = make_annotator(Path(tmp))
        t0 = time.perf_counter()
        for start in range(0, len(articles), BATCH):
            annotator(articles[start : start + BATCH])
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        for start in range(0, len(articles), BATCH):
            annotator(articles[start : start + BATCH])
        cached = time.perf_counter() - t0
        annotator.close()
    close_pool()
    print(json.dumps({
        "articles": len(articles), "words": words, "workers": workers(),
        "pool_startup_s": round(startup, 2),
        "ner_pass_s": round(first, 2), "words_per_s": round(words / first),
        "cached_pass_s": round(cached, 2), "cached_words_per_s": round(words / cached),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
