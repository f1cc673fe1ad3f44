"""The spelling tests' corpus: the seeds, 50 BBC Afrique articles (the four that say
"djihadistes" first) and three hand-written records (Tillabéry/Tillabéri, Daech/Daesh, two
named ministers), with the records' own actors."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from indexer.article import Article
from indexer.folding import fold
from indexer.store import Annotation, FixedActors

ROOT = Path(__file__).resolve().parent.parent.parent
RECORDS = ROOT / "tests" / "data" / "spelling" / "variantes.jsonl"
BBC = "masakhanews_fra/dev.tsv"


def _record_actors(articles: list[Article]) -> list[Annotation]:
    return [tuple(tuple(str(v) for v in a.extra.get(k) or ())  # type: ignore[union-attr]
                  for k in ("people", "orgs", "places")) for a in articles]  # type: ignore[misc]


record_actors = FixedActors(_record_actors)


def spelling_corpus(base: Path, shared_data: Callable[[str], Path]) -> Path:
    """The corpus folder, written under ``base``."""
    corpus = base / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    shutil.copy(RECORDS, corpus)
    csv.field_size_limit(10**7)
    with shared_data(BBC).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    jihad = [r for r in rows if "djihad" in fold(r["headline"] + r["text"]).lower()]
    chosen = jihad + [r for r in rows if r not in jihad][: 50 - len(jihad)]
    (corpus / "bbc.jsonl").write_text("\n".join(
        json.dumps({"title": r["headline"], "text": r["text"], "url": r["url"], "outlet": "bbc.com"},
                   ensure_ascii=False) for r in chosen), encoding="utf-8")
    return corpus
