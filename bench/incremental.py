"""Incremental `presse index` with actors, as a user runs it: the whole command, timed.

    python -m bench.incremental CORPUS INDEX

On an index of CORPUS built with actors: (1) a new file of 100 articles whose text is new
(OrangeSum records retitled, so NER must run on them), (2) one more article whose text the NER
cache already holds (an existing record under a new id), (3) the two files removed again. Each
step is `python -m indexer index` in a fresh process, so the figures include Python's start,
the imports and, when NER runs, the model load. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from .report import machine

NEW = "zz-bench-nouveaux.jsonl"
ONE = "zz-bench-un.jsonl"


def _records(corpus: Path, n: int) -> list[dict[str, object]]:
    first = sorted(corpus.glob("*.jsonl"))[0]
    lines = [json.loads(x) for x in first.read_text(encoding="utf-8").splitlines() if x.strip()]
    return lines[:n]


def _index(corpus: Path, index: Path) -> dict[str, object]:
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "indexer", "index", "--index", str(index),
                          "--actors", str(corpus)], capture_output=True, text=True, check=False)
    return {"seconds": round(time.perf_counter() - t0, 2), "returncode": res.returncode,
            "output": res.stdout.strip().splitlines()}


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(prog="python -m bench.incremental")
    ap.add_argument("corpus", type=Path)
    ap.add_argument("index", type=Path)
    a = ap.parse_args(argv)
    records = _records(a.corpus, 100)
    new = [dict(r, id=f"{r['id']}-nouveau", title=f"{r['title']} (nouveau)") for r in records]
    (a.corpus / NEW).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in new),
                                encoding="utf-8")
    out: dict[str, object] = {"bench": "incremental", "machine": machine()}
    try:
        out["add_100_new_text"] = _index(a.corpus, a.index)
        one = dict(records[0], id=f"{records[0]['id']}-copie")
        (a.corpus / ONE).write_text(json.dumps(one, ensure_ascii=False) + "\n", encoding="utf-8")
        out["add_1_cached_text"] = _index(a.corpus, a.index)
    finally:
        for name in (NEW, ONE):
            (a.corpus / name).unlink(missing_ok=True)
    out["delete_101"] = _index(a.corpus, a.index)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return out


if __name__ == "__main__":
    main()
