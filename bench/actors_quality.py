"""Precision and recall of people and organisations: on the seeds and on BBC Afrique paragraphs.

Usage: ``.venv/bin/python bench/actors_quality.py`` → JSON on stdout.

Gold: ``bench/data/seeds_actors.json`` (the three seeds) and ``bench/data/masakhanews_actors.jsonl``
(22 West-African paragraphs of ``../shared/data/masakhanews_fra/dev.tsv``, located by URL and
length, never copied here; each gold organisation lists its accepted names, e.g. an acronym and
its expansion). A predicted name matches a gold one when their name keys are equal (accents,
case, hyphens folded). Annotation rule: outlets and news agencies cited as sources (BBC Afrique,
AFP), competitions (CAN, Ligue des champions) and buildings are not actors.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.actors import make_annotator  # noqa: E402
from indexer.actors.aliases import name_key  # noqa: E402
from indexer.article import Article  # noqa: E402
from indexer.extract import extract_file  # noqa: E402

DATA = ROOT / "bench" / "data"
MASAKHANEWS = ROOT.parent / "shared" / "data" / "masakhanews_fra" / "dev.tsv"

Gold = list[list[str]]  # one entity = its accepted names


def score(pairs: list[tuple[tuple[str, ...], Gold]]) -> dict[str, object]:
    """Micro precision/recall over (predicted names, gold entities) pairs, with the misses."""
    tp_pred = n_pred = tp_gold = n_gold = 0
    wrong: list[str] = []
    missed: list[str] = []
    for predicted, gold in pairs:
        keys = [{name_key(n) for n in entity} for entity in gold]
        for p in predicted:
            n_pred += 1
            if any(name_key(p) in k for k in keys):
                tp_pred += 1
            else:
                wrong.append(p)
        for entity, k in zip(gold, keys, strict=True):
            n_gold += 1
            if any(name_key(p) in k for p in predicted):
                tp_gold += 1
            else:
                missed.append(entity[0])
    return {
        "precision": round(tp_pred / n_pred, 3) if n_pred else None,
        "recall": round(tp_gold / n_gold, 3) if n_gold else None,
        "predicted": n_pred, "gold": n_gold, "false_positives": wrong, "missed": missed,
    }  # fmt: skip


def evaluate(articles: list[Article], gold: list[dict[str, Gold]]) -> dict[str, object]:
    """Annotate ``articles`` in one batch (as an index build does) and score them."""
    with tempfile.TemporaryDirectory() as tmp:
        annotator = make_annotator(Path(tmp))
        results = annotator(articles)
        annotator.close()
    return {
        "documents": len(articles),
        "people": score([(r[0], g["people"]) for r, g in zip(results, gold, strict=True)]),
        "orgs": score([(r[1], g["orgs"]) for r, g in zip(results, gold, strict=True)]),
    }


def seeds() -> dict[str, object]:
    """The three seeds against their golden sets."""
    golden = json.loads((DATA / "seeds_actors.json").read_text(encoding="utf-8"))
    articles: list[Article] = []
    gold: list[dict[str, Gold]] = []
    for doc_id in sorted(k for k in golden if not k.startswith("_")):
        articles.extend(extract_file(ROOT / "seeds" / doc_id, ROOT / "seeds", 5 * 1024 * 1024))
        gold.append({kind: [[n] for n in golden[doc_id][kind]] for kind in ("people", "orgs")})
    return evaluate(articles, gold)


def masakhanews() -> dict[str, object]:
    """The annotated BBC Afrique paragraphs."""
    csv.field_size_limit(10**8)
    with MASAKHANEWS.open(encoding="utf-8", newline="") as fh:
        by_url = {r["url"]: r for r in csv.DictReader(fh, delimiter="\t")}
    articles: list[Article] = []
    gold: list[dict[str, Gold]] = []
    for n, line in enumerate((DATA / "masakhanews_actors.jsonl").read_text(encoding="utf-8").splitlines()):
        item = json.loads(line)
        row = by_url[item["url"]]
        articles.append(Article(doc_id=f"p{n}", path=f"p{n}", title=row["headline"],
                                body=row["text"][: item["chars"]]))
        gold.append({"people": [[p] for p in item["people"]], "orgs": item["orgs"]})
    return evaluate(articles, gold)


def main() -> None:
    """Print the figures as JSON."""
    print(json.dumps({"seeds": seeds(), "masakhanews_paragraphs": masakhanews()},
                     ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
