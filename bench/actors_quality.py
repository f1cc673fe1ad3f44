"""Precision and recall of people, organisations and places, and authors leaked as actors.

Usage: ``.venv/bin/python -m bench.actors_quality [--raw MODEL]`` → JSON on stdout.

The gold set is ``bench/data/actors_gold.jsonl`` (how it was annotated: ``ACTORS_GOLD.md``):
the seeds, BBC Afrique articles of ``../shared/data/masakhanews_fra/dev.tsv`` (located by URL
and length, never copied here) and articles composed in the styles of West-African press
(``tests/data/actors/``). Every article goes through the real path a user's files take: written
as a file of a corpus, indexed by ``store.sync`` with the actor annotator, then read back from
the index (``Engine.article``). Each line belongs to one half, fixed by its id (``half``): rules
are chosen on ``tune``; ``test`` is what the README reports beside it.

A predicted name matches a gold entity when their name keys are equal (accents, case, hyphens
folded) with any of the entity's accepted names, or with the canonical name that the shipped
alias file gives one of them. An author leak is an article one of whose
authors (the gold ``author``) is among its predicted people or organisations.

``--raw MODEL`` scores spaCy's own PER/ORG/LOC spans instead (no cleaning, no rules), on the same
text the pipeline's NER reads: the model comparison of the README.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import DATA as SHARED  # noqa: E402
from indexer.actors import article_text, make_annotator  # noqa: E402
from indexer.actors.aliases import load_aliases, name_key  # noqa: E402
from indexer.actors.ner import close_pool  # noqa: E402
from indexer.extract import extract_file  # noqa: E402
from indexer.search import Engine  # noqa: E402
from indexer.store import sync  # noqa: E402

GOLD = ROOT / "bench" / "data" / "actors_gold.jsonl"
MASAKHANEWS = SHARED / "masakhanews_fra" / "dev.tsv"
KINDS = ("people", "orgs", "places")
ALIASES = load_aliases()

Gold = list[list[str]]  # one entity = its accepted names


def half(item_id: str) -> str:
    """The half a gold line belongs to, fixed once by its id."""
    return "tune" if int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def load_gold() -> list[dict[str, object]]:
    """The gold lines, each with its ``half``."""
    items = [json.loads(ln) for ln in GOLD.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for item in items:
        item["half"] = half(str(item["id"]))
    return items


def write_corpus(items: list[dict[str, object]], corpus: Path) -> dict[str, str]:
    """Each gold article as a file of ``corpus``; gold id → document id."""
    csv.field_size_limit(10**8)
    with MASAKHANEWS.open(encoding="utf-8", newline="") as fh:
        by_url = {r["url"]: r for r in csv.DictReader(fh, delimiter="\t")}
    corpus.mkdir(parents=True)
    ids: dict[str, str] = {}
    for item in items:
        gid = str(item["id"])
        if item["source"] == "masakhanews":
            row = by_url[str(item["url"])]
            record = {"title": row["headline"], "text": row["text"][: int(str(item["chars"]))],
                      "outlet": "BBC Afrique", "url": row["url"]}
            name = f"{gid}.json"
            (corpus / name).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        else:
            src = ROOT / str(item["path"])
            name = f"{gid}{src.suffix}"
            shutil.copyfile(src, corpus / name)
        ids[gid] = name
    return ids


def _accepted(entity: list[str]) -> set[str]:
    """The keys of an entity's accepted names, and of the canonical name the shipped alias file
    gives it (the gold may write ``GSIM`` where the facets show ``JNIM``)."""
    keys = {name_key(n) for n in entity}
    keys |= {name_key(a.name) for n in entity if (a := ALIASES.lookup(n)) is not None}
    return keys


def score(pairs: list[tuple[list[str], Gold]]) -> dict[str, object]:
    """Micro precision/recall over (predicted names, gold entities) pairs, with the errors."""
    tp_pred = n_pred = tp_gold = n_gold = 0
    wrong: list[str] = []
    missed: list[str] = []
    for predicted, gold in pairs:
        keys = [_accepted(entity) for entity in gold]
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


def _words(name: str) -> frozenset[str]:
    return frozenset(name_key(name).split())


def leaks(predicted: dict[str, list[str]], item: dict[str, object]) -> list[str]:
    """The gold authors of an article found among its predicted people or organisations."""
    authors = {_words(str(a)) for a in item.get("author", []) or []}  # type: ignore[union-attr]
    return [n for n in predicted["people"] + predicted["orgs"] if _words(n) in authors]


def index_gold(ids: dict[str, str], work: Path) -> Engine:
    """The corpus ``work/corpus`` indexed with actors by the real path, opened for reading."""
    annotator = make_annotator(work / "index")
    report = sync(work / "corpus", work / "index", annotator=annotator)
    annotator.close()
    if report.errors:
        raise SystemExit(f"gold articles failed to index: {report.errors}")
    return Engine(work / "index")


def predict_pipeline(items: list[dict[str, object]], work: Path) -> dict[str, dict[str, list[str]]]:
    """Index the gold articles with actors and read each one's actors back from the index."""
    ids = write_corpus(items, work / "corpus")
    engine = index_gold(ids, work)
    out: dict[str, dict[str, list[str]]] = {}
    for gid, doc_id in ids.items():
        art = engine.article(doc_id)
        assert art is not None, doc_id
        out[gid] = {k: list(art[k]) for k in KINDS}  # type: ignore[call-overload]
    return out


def predict_raw(items: list[dict[str, object]], work: Path, model: str) -> dict[str, dict[str, list[str]]]:
    """spaCy's own spans on the text the pipeline's NER reads."""
    import spacy

    nlp = spacy.load(model, exclude=["morphologizer", "parser", "attribute_ruler", "lemmatizer",
                                     "senter", "tagger"])
    ids = write_corpus(items, work / "corpus")
    out: dict[str, dict[str, list[str]]] = {}
    for gid, doc_id in ids.items():
        art = extract_file(work / "corpus" / doc_id, work / "corpus")[0]
        doc = nlp(article_text(art))
        spans = {"PER": "people", "ORG": "orgs", "LOC": "places"}
        found: dict[str, list[str]] = {k: [] for k in KINDS}
        for e in doc.ents:
            if e.label_ in spans and e.text.strip() not in found[spans[e.label_]]:
                found[spans[e.label_]].append(e.text.strip())
        out[gid] = found
    return out


def report(items: list[dict[str, object]], predicted: dict[str, dict[str, list[str]]]) -> dict[str, object]:
    """Scores of one set of items."""
    out: dict[str, object] = {"documents": len(items)}
    for kind in KINDS:
        out[kind] = score([(predicted[str(i["id"])][kind], i[kind]) for i in items])  # type: ignore[misc]
    leaked = {str(i["id"]): found for i in items if (found := leaks(predicted[str(i["id"])], i))}
    out["author_leaks"] = {"articles": len(leaked), "names": leaked}
    return out


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Print the figures as JSON: tuning half, test half, all, and per source."""
    p = argparse.ArgumentParser(prog="python -m bench.actors_quality", description=__doc__.splitlines()[0])
    p.add_argument("--raw", metavar="MODEL", help="score a spaCy model's raw spans instead")
    p.add_argument("--brief", action="store_true", help="figures only, without the error lists")
    args = p.parse_args(argv)
    items = load_gold()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        if args.raw:
            predicted = predict_raw(items, Path(tmp), args.raw)
        else:
            predicted = predict_pipeline(items, Path(tmp))
    close_pool()
    seconds = round(time.perf_counter() - t0, 1)
    result: dict[str, object] = {"system": args.raw or "pipeline", "seconds": seconds}
    for name in ("tune", "test"):
        result[name] = report([i for i in items if i["half"] == name], predicted)
    result["all"] = report(items, predicted)
    result["by_source"] = {
        src: report([i for i in items if i["source"] == src], predicted)
        for src in sorted({str(i["source"]) for i in items})
    }
    if args.brief:
        sections = [result["tune"], result["test"], result["all"], *result["by_source"].values()]  # type: ignore[attr-defined]
        for section in sections:
            for kind in KINDS:
                for key in ("false_positives", "missed"):
                    section[kind].pop(key)  # type: ignore[index]
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    main()
