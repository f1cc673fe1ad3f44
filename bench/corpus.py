"""The benchmark corpora: OrangeSum written as `.jsonl` files for our own ingestion, and PIAF.

OrangeSum records become chunk files of ``CHUNK`` articles each, so incremental figures
(add, change, delete 100 articles) touch whole files the way a user's drop folder would.
``scale`` replicates the corpus with new ids and dates shifted back 11 years per copy.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ``ROOT.parent / "shared" / "data"`` from a clone; a git worktree sits one level deeper.
DATA = next((p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").is_dir()),
            ROOT.parent / "shared" / "data")
ORANGESUM = DATA / "orangesum.jsonl.gz"
PIAF = DATA / "piaf_ir"
CHUNK = 100
# OrangeSum was scraped from Orange Actu; the records carry no outlet of their own.
OUTLET = "actu.orange.fr"


def orangesum(limit: int | None = None) -> list[dict[str, str]]:
    """OrangeSum records in file order (``id``, ``title``, ``heading``, ``article``, ``date``)."""
    out: list[dict[str, str]] = []
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(out) >= limit:
                break
            out.append(json.loads(line))
    return out


def _shift(day: str, years: int) -> str:
    if not years or not day:
        return day
    d = date.fromisoformat(day)
    return d.replace(year=d.year - years, day=min(d.day, 28)).isoformat()


def scaled(records: list[dict[str, str]], scale: int) -> Iterator[dict[str, str]]:
    """``scale`` copies of ``records``; copy k gets ids suffixed ``-k`` and dates 11·k years back."""
    for k in range(scale):
        for r in records:
            yield {
                "id": r["id"] if k == 0 else f"{r['id']}-{k}",
                "title": r["title"],
                # The standfirst stays out: it is a known-item query of its own (bench.quality).
                "text": r.get("article", ""),
                "date": _shift(r.get("date", ""), 11 * k),
                "outlet": OUTLET,
            }


def write_chunks(records: Iterator[dict[str, str]], corpus: Path, prefix: str = "orangesum") -> int:
    """Write records as ``corpus/<prefix>-NNNNN.jsonl`` files of CHUNK lines; returns the count."""
    corpus.mkdir(parents=True, exist_ok=True)
    n = 0
    chunk: list[str] = []

    def flush() -> None:
        path = corpus / f"{prefix}-{(n - 1) // CHUNK:05d}.jsonl"
        path.write_text("".join(chunk), encoding="utf-8")
        chunk.clear()

    for record in records:
        chunk.append(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
        if len(chunk) == CHUNK:
            flush()
    if chunk:
        flush()
    return n


def piaf() -> tuple[list[dict[str, str]], list[tuple[str, str]], dict[str, set[str]]]:
    """PIAF: paragraphs (``id``, ``title``, ``text``), questions (id, text), relevant ids per question."""
    docs = [json.loads(line) for line in (PIAF / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    queries = []
    for line in (PIAF / "queries.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            qid, text = line.split("\t", 1)
            queries.append((qid, text))
    qrels: dict[str, set[str]] = {}
    for line in (PIAF / "qrels.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "0":
            qrels.setdefault(parts[0], set()).add(parts[2])
    return docs, queries, qrels
