"""How many corpus words OpenSearch stems differently from the Python chain.

The index settings are generated from the Python chain's lists (``indexer/opensearch/
index_settings.py``); what can still differ is Lucene's Snowball French against PyStemmer's
release, and ``asciifolding`` against ``unidecode`` for rarer characters. Every distinct word of
the OrangeSum articles (``../shared/data``) goes through both; prints JSON with the share that
differs and examples. Needs a node: ``make opensearch`` (or ``--url``).

    python -m bench.opensearch_analysis [--articles N] [--url …] [--corpus bbc]
    python -m bench.opensearch_analysis --write-overrides   # regenerate the shipped overrides

With ``--write-overrides`` the comparison runs without the shipped overrides and writes the
words that differ to ``indexer/data/stem_overrides.txt``: OpenSearch then stems them the Python
way. The BBC Afrique articles, never used to write them, measure what is left on unseen text.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import time
from collections import Counter

from opensearchpy import OpenSearch

from indexer.analysis import TOKEN_PATTERN, analyze
from indexer.folding import fold
from indexer.opensearch.index_settings import OVERRIDES, OVERRIDES_HEADER, index_body

from .corpus import DATA, orangesum

BATCH = 2000


def _texts(corpus: str, limit: int | None) -> list[str]:
    if corpus == "bbc":
        with (DATA / "masakhanews_fra" / "dev.tsv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))[:limit]
        return [f"{r['headline']}\n{r['text']}" for r in rows]
    return [f"{r['title']}\n{r.get('article') or ''}" for r in orangesum(limit)]


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Compare the stems of every distinct word; print and return the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="only the first N articles")
    parser.add_argument("--url", default="http://127.0.0.1:9200")
    parser.add_argument("--corpus", choices=["orangesum", "bbc"], default="orangesum",
                        help="bbc: the BBC Afrique articles (not used to write the overrides)")
    parser.add_argument("--write-overrides", action="store_true",
                        help=f"write the words that differ to {OVERRIDES.name} (orangesum only)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    words: Counter[str] = Counter()
    token = re.compile(TOKEN_PATTERN)
    for text in _texts(args.corpus, args.articles):
        words.update(token.findall(text))
    # One token in Python, so one in OpenSearch when the chains agree.
    single = {w: s[0] for w in words if len(s := analyze(w)) == 1}
    client = OpenSearch(args.url, timeout=120)
    overrides = not args.write_overrides  # the overrides being written must not hide the drift
    index = "presse-analysis-check"
    if client.indices.exists(index=index):
        client.indices.delete(index=index)
    client.indices.create(index=index, body=index_body(overrides=overrides))
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
    doc["overrides_applied"] = overrides
    if args.write_overrides and args.corpus == "orangesum":
        # Only stemming differences: a word folded otherwise (`½`, `µg`) is no rule to write.
        rules = {key: s for w, s, _ in differ
                 if (key := fold(w).lower()).isascii() and key.isalnum() and s.isalnum()}
        OVERRIDES.write_text(OVERRIDES_HEADER + "".join(
            f"{w} => {s}\n" for w, s in sorted(rules.items())), encoding="utf-8")
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return doc


if __name__ == "__main__":
    main()
