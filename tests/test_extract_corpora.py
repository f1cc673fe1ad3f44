"""The extractor over real French news nobody here wrote: BBC Afrique (MasakhaNEWS) and
OrangeSum, written as `.jsonl` exports in a temporary folder, read through the real path."""

from __future__ import annotations

import csv
import gzip
import itertools
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from indexer.article import Article
from indexer.errors import ArticleError
from indexer.extract import extract_file, iter_jsonl

Shared = Callable[[str], Path]

MASAKHANE = "masakhanews_fra/dev.tsv"
ORANGESUM = "orangesum.jsonl.gz"


def read_all(path: Path) -> tuple[list[Article], list[ArticleError]]:
    items = list(iter_jsonl(path, path.parent))
    return ([a for a in items if isinstance(a, Article)],
            [e for e in items if isinstance(e, ArticleError)])


def test_masakhanews_every_record_gets_title_and_body(tmp_path: Path, shared_data: Shared) -> None:
    csv.field_size_limit(10**7)
    with shared_data(MASAKHANE).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    export = tmp_path / "bbc.jsonl"
    export.write_text("\n".join(
        json.dumps({"title": r["headline"], "text": r["text"], "url": r["url"], "outlet": "bbc.com",
                    "category": r["category"]}, ensure_ascii=False)
        for r in rows
    ), encoding="utf-8")

    articles, errors = read_all(export)

    assert ([], len(rows)) == (errors, len(articles))
    assert [" ".join(r["headline"].split()) for r in rows] == [a.title for a in articles]
    assert all(a.body for a in articles)
    assert {"BBC Afrique"} == {a.outlet for a in articles}
    assert {r["category"] for r in rows} == {str(a.extra["category"]) for a in articles}
    # Every one of these articles is French: the language check must not cry wolf.
    assert [] == [(a.title, a.lang) for a in articles if a.lang != "fr"]


def test_masakhanews_as_pasted_pages(tmp_path: Path, shared_data: Shared) -> None:
    """Each BBC Afrique article pasted as a page (headline, then text): the headline is the
    title, the text the body, and no date is made up from an event mentioned in the text."""
    csv.field_size_limit(10**7)
    with shared_data(MASAKHANE).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for i, row in enumerate(rows):
        (tmp_path / f"{i:03d}.txt").write_text(f"{row['headline']}\n{row['text']}\n", encoding="utf-8")

    articles = [extract_file(path, tmp_path)[0] for path in sorted(tmp_path.glob("*.txt"))]

    assert [" ".join(r["headline"].split()) for r in rows] == [a.title for a in articles]
    assert [" ".join(r["text"].replace("\u200b", "").split()) for r in rows] == [
        " ".join(a.body.split()) for a in articles]  # zero-width spaces are dropped
    # The one date found opens its article: "Le 14 avril 2021, une députée suppléante…".
    assert [(date(2021, 4, 14), "text")] == [(a.date, a.provenance["date"]) for a in articles if a.date]
    assert ([], []) == ([a.author for a in articles if a.author], [a.outlet for a in articles if a.outlet])


@pytest.mark.slow
def test_orangesum_thousand_records(tmp_path: Path, shared_data: Shared) -> None:
    with gzip.open(shared_data(ORANGESUM), "rt", encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, 1000))
    export = tmp_path / "orangesum.jsonl"
    export.write_text("".join(lines), encoding="utf-8")
    records = [json.loads(line) for line in lines]

    articles, errors = read_all(export)

    assert ([], 1000) == (errors, len(articles))
    assert all(a.title and a.body for a in articles)
    # One title holds `\x80`, a euro sign mangled upstream: the decoder puts the `€` back.
    assert [" ".join(r["title"].replace("\x80", "€").split()) for r in records] == [
        a.title for a in articles]
    assert [date.fromisoformat(r["date"]) if r["date"] else None for r in records] == [
        a.date for a in articles]
    assert [f"orangesum.jsonl#{r['id']}" for r in records] == [a.doc_id for a in articles]
    assert {"heading"} <= set(articles[0].extra)
    assert [] == [(a.title, a.lang) for a in articles if a.lang != "fr"]
