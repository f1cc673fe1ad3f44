"""How many corpus words OpenSearch stems differently from the Python chain.

The index settings are generated from the Python chain's lists (``indexer/opensearch/
index_settings.py``); what can still differ is Lucene's Snowball French against PyStemmer's
release, and ``asciifolding`` against ``unidecode`` for rarer characters. Every distinct word of
the OrangeSum articles (``../shared/data``) goes through both; prints JSON with the share that
differs and examples. Needs a node: ``make opensearch`` (or ``--url``).

    python -m bench.opensearch_analysis [--articles N] [--url http://127.0.0.1:9200]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter

from opensearchpy import OpenSearch

from indexer.analysis import TOKEN_PATTERN, analyze
from indexer.opensearch.index_settings import index_body

from .corpus import orangesum

BATCH = 2000


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Compare the stems of every distinct word; print and return the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="only the first N articles")
    parser.add_argument("--url", default="http://127.0.0.1:9200")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    words: Counter[str] = Counter()
    token = re.compile(TOKEN_PATTERN)
    for rec in orangesum(args.articles):
        words.update(token.findall(f"{rec['title']}\n{rec.get('article') or ''}"))
    # One token in Python, so one in OpenSearch when the chains agree.
    single = {w: s[0] for w in words if len(s := analyze(w)) == 1}
    client = OpenSearch(args.url, timeout=120)
    index = "presse-analysis-check"
    if client.indices.exists(index=index):
        client.indices.delete(index=index)
    client.indices.create(index=index, body=index_body())
    differ: list[tuple[str, str, str]] = []
    items = sorted(single.items())
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        found = client.indices.analyze(index=index, body={
            "analyzer": "fr_press", "text": [w for w, _ in batch]})["tokens"]
        if len(found) == len(batch):
            ours = [t["token"] for t in found]
        else:  # a word OpenSearch splits or drops: ask for each word of this batch alone
            ours = [" ".join(t["token"] for t in client.indices.analyze(index=index, body={
                "analyzer": "fr_press", "text": w})["tokens"]) for w, _ in batch]
        differ += [(w, s, o) for (w, s), o in zip(batch, ours, strict=True) if s != o]
    client.indices.delete(index=index)
    occurrences = sum(words[w] for w in single)
    differing = sum(words[w] for w, _, _ in differ)
    doc: dict[str, object] = {
        "articles": args.articles or "all", "distinct_words": len(single),
        "differ_words": len(differ), "differ_share": round(len(differ) / max(1, len(single)), 5),
        "differ_occurrences_share": round(differing / max(1, occurrences), 5),
        "examples": [list(x) for x in sorted(differ, key=lambda x: -words[x[0]])[:15]],
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return doc


if __name__ == "__main__":
    main()
