"""NER throughput on OrangeSum: words per second through the actor annotator, both cores.

Usage: ``.venv/bin/python bench/ner_throughput.py [N] [--single MODEL ...]`` (default 2,000
articles) → JSON.

First, each ``--single`` model (default: the chosen one, ``ner.MODEL``) runs alone in this
process on the first 300 articles: its one-process words/s, the rate two cores should double.
Then the chosen model's worker pool (spaCy tok2vec+ner in 2 processes) runs on every article,
plus canonicalisation and the cache writes: what a full rebuild pays per article. The last pass
is the same batch again, served from the cache: what a reindex after an alias edit pays. Pool
start-up (each worker loads the model once) is timed apart.
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

from bench.corpus import DATA  # noqa: E402
from indexer.actors import article_text, make_annotator  # noqa: E402
from indexer.actors.ner import MAX_CHARS, MODEL, close_pool, run_ner, workers  # noqa: E402
from indexer.article import Article  # noqa: E402

ORANGESUM = DATA / "orangesum.jsonl.gz"
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


def single(model: str, texts: list[str]) -> dict[str, object]:
    """One process, one model: words per second of tok2vec+ner alone."""
    import spacy

    nlp = spacy.load(model, exclude=["morphologizer", "parser", "attribute_ruler", "lemmatizer",
                                     "senter", "tagger"])
    list(nlp.pipe(texts[:10]))  # warm-up
    words = sum(len(t[:MAX_CHARS].split()) for t in texts)
    t0 = time.perf_counter()
    for _ in nlp.pipe((t[:MAX_CHARS] for t in texts), batch_size=32):
        pass
    dt = time.perf_counter() - t0
    return {"model": model, "texts": len(texts), "words": words, "seconds": round(dt, 2),
            "words_per_s": round(words / dt)}


def main() -> None:
    """Run the passes and print the figures."""
    args = sys.argv[1:]
    models = [args[i + 1] for i, a in enumerate(args) if a == "--single" and i + 1 < len(args)]
    plain = [a for i, a in enumerate(args) if a != "--single" and (i == 0 or args[i - 1] != "--single")]
    n = int(plain[0]) if plain else 2000
    articles = load(n)
    words = sum(len(article_text(a).split()) for a in articles)
    alone = [single(m, [article_text(a) for a in articles[:300]]) for m in models or [MODEL]]
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
        "one_process": alone, "model": MODEL,
        "articles": len(articles), "words": words, "workers": workers(),
        "pool_startup_s": round(startup, 2),
        "ner_pass_s": round(first, 2), "words_per_s": round(words / first),
        "cached_pass_s": round(cached, 2), "cached_words_per_s": round(words / cached),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
