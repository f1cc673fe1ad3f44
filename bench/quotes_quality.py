"""Attributed quotes: precision of attribution and share of quotes found, on a hand-checked set.

Usage: ``.venv/bin/python -m bench.quotes_quality`` → JSON on stdout.

The gold set ``bench/data/quotes_gold.jsonl`` holds one line per quote: the article (BBC Afrique
articles of ``../shared/data/masakhanews_fra/dev.tsv`` located by URL, never copied here, and
the seeds), the quote's first words and the speaker the text names (null when the text names
no person: an organisation, an unnamed spokesman, a headline). Each article goes through the
real path: written as a file of a corpus, indexed by ``store.sync`` with the actor annotator
(spaCy), its people and body read back from the index, then ``find_quotes``. Each line belongs
to one half, fixed by its article's id (``bench.actors_quality.half``); the rules were tuned on
``tune``, ``test`` is what the README reports.

- precision: quotes attributed to the right person / quotes attributed;
- found: quotes attributed to the right person / gold quotes that have a speaker;
- detected: gold quotes the extractor sees at all (attributed or not) / gold quotes.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.actors_quality import half, index_gold  # noqa: E402
from bench.actors_quality import write_corpus as actors_write_corpus  # noqa: E402
from indexer.actors.quotes import Quote, find_quotes  # noqa: E402
from indexer.folding import fold  # noqa: E402

GOLD = ROOT / "bench" / "data" / "quotes_gold.jsonl"


def load_gold() -> list[dict[str, object]]:
    """The gold lines, each with its ``half`` (by article)."""
    items = [json.loads(ln) for ln in GOLD.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for item in items:
        item["half"] = half(str(item["id"]))
    return items


def _norm(text: str) -> str:
    return " ".join(fold(text).lower().replace("’", "'").split())


def same_person(predicted: str, gold: str) -> bool:
    """Whether the predicted canonical name is the gold speaker (a gold surname alone names
    whoever has it)."""
    p, g = _norm(predicted).split(), _norm(gold).split()
    return p == g or (p[-1:] == g[-1:] and set(g) <= set(p))


def write_corpus(items: list[dict[str, object]], corpus: Path) -> dict[str, str]:
    """Each gold article once as a file of ``corpus`` (whole: ``chars`` is the text's length
    for ``bench.actors_quality``'s writer); article id → document id."""
    articles = {str(i["id"]): {**i, "chars": 10**9} for i in items}
    return actors_write_corpus(list(articles.values()), corpus)


def predict(items: list[dict[str, object]], work: Path) -> dict[str, tuple[list[str], list[Quote]]]:
    """Article id → (its people, its quotes), through the real indexing path."""
    ids = write_corpus(items, work / "corpus")
    engine = index_gold(ids, work)
    out = {}
    for aid, doc_id in ids.items():
        art = engine.article(doc_id)
        assert art is not None, doc_id
        people = list(art["people"])  # type: ignore[call-overload]
        out[aid] = (people, find_quotes(str(art["body"]), people))  # type: ignore[call-overload]
    return out


def score(items: list[dict[str, object]],
          predicted: dict[str, tuple[list[str], list[Quote]]]) -> dict[str, object]:
    """Precision, found and detected shares over ``items``, with the wrong attributions."""
    attributed = correct = detected = speakers = 0
    wrong: list[str] = []
    for item in items:
        gold = item["speaker"]
        speakers += gold is not None
        start = _norm(str(item["quote"]))
        quote = next((q for q in predicted[str(item["id"])][1]
                      if _norm(q.text).startswith(start)), None)
        if quote is None:
            continue
        detected += 1
        if quote.speaker is None:
            continue
        attributed += 1
        if gold is not None and same_person(quote.speaker, str(gold)):
            correct += 1
        else:
            wrong.append(f"{item['quote']} → {quote.speaker} (gold {gold})")
    return {"gold": len(items), "with_speaker": speakers, "attributed": attributed,
            "precision": round(correct / attributed, 3) if attributed else None,
            "found": round(correct / speakers, 3) if speakers else None,
            "detected": round(detected / len(items), 3) if items else None, "wrong": wrong}


def main() -> None:
    """Print the figures of each half as JSON."""
    items = load_gold()
    with tempfile.TemporaryDirectory() as tmp:
        predicted = predict(items, Path(tmp))
    result = {h: score([i for i in items if i["half"] == h], predicted) for h in ("tune", "test")}
    result["all"] = score(items, predicted)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
