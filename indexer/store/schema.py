"""The Whoosh schema and the document each Article becomes."""

from __future__ import annotations

import json

from whoosh.columns import FixedBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from ..actors.quotes import attributed, find_quotes
from ..analysis import folded_analyzer, french_analyzer
from ..article import Article
from ..dedupe import KEY_BYTES, dup_keys

PENDING = "1"


def build_schema() -> Schema:
    """The schema: stemmed French text fields, facet keywords, a sortable date.

    A change of fields bumps ``SCHEMA_VERSION`` (index_dir.py); the facet keyword fields are
    the ones the reader's facets (search/facets.py) count.
    """
    french = french_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        path=ID(stored=True, sortable=True),
        file_hash=ID(stored=True, sortable=True),
        content_hash=ID(stored=True),
        title=TEXT(analyzer=french, stored=True, field_boost=2.5),
        body=TEXT(analyzer=french, stored=True),
        actor_text=TEXT(analyzer=french, field_boost=1.5),
        place_text=TEXT(analyzer=french),
        outlet_text=TEXT(analyzer=french),
        author=TEXT(analyzer=french, stored=True),
        # yyyymmdd as an integer, 0 when the article states no date.
        date=NUMERIC(int, bits=32, stored=True, sortable=True, signed=False),
        outlet=KEYWORD(stored=True, commas=True, lowercase=False),
        actor=KEYWORD(stored=True, commas=True, lowercase=False),
        person=KEYWORD(stored=True, commas=True, lowercase=False),
        org=KEYWORD(stored=True, commas=True, lowercase=False),
        place=KEYWORD(stored=True, commas=True, lowercase=False),
        url=STORED(),
        lang=ID(stored=True),
        meta=STORED(),
        # Folded but unstemmed words of title and body: the "Vouliez-vous dire" vocabulary.
        vocab=TEXT(analyzer=folded_analyzer(), phrase=False),
        # MinHash keys of the opening words: near-identical articles share some (dedupe.py).
        dupkeys=COLUMN(FixedBytesColumn(KEY_BYTES)),
        # `1` on an article indexed before its actors: the actor phase re-writes it with them.
        pending=ID(),
        # Attributed quotes (actors/quotes.py): JSON list of {text, speaker, start, end, rule},
        # their texts for `citation:` and their speakers as a keyword.
        quotes=STORED(),
        quote_text=TEXT(analyzer=french),
        speaker=KEYWORD(stored=True, commas=True, lowercase=False),
    )


def _keywords(values: list[str] | tuple[str, ...]) -> str:
    # Commas separate values in a KEYWORD field: a name holding one would split.
    return ",".join(v.replace(",", " ") for v in values)


def to_document(
    article: Article,
    file_hash: str,
    people: tuple[str, ...] = (),
    orgs: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    why: dict[str, str] | None = None,
    pending: bool = False,
    keys: bool = True,
) -> dict[str, object]:
    """The Whoosh document for one Article and its canonical actors (``why``: each one's reason;
    ``pending``: its actors are still to come; ``keys=False`` leaves the near-duplicate keys
    to the segment builder, which computes them in its worker process)."""
    actors = tuple(people) + tuple(orgs)
    when = article.date
    doc: dict[str, object] = {
        "id": article.doc_id,
        "path": article.path,
        "file_hash": file_hash,
        "content_hash": article.content_hash,
        "title": article.title,
        "body": article.body,
        "actor_text": " ; ".join(actors),
        "place_text": " ; ".join(places),
        "outlet_text": article.outlet or "",
        "author": article.author or "",
        "date": when.year * 10000 + when.month * 100 + when.day if when else 0,
        "outlet": _keywords([article.outlet] if article.outlet else []),
        "actor": _keywords(actors),
        "person": _keywords(people),
        "org": _keywords(orgs),
        "place": _keywords(places),
        "url": article.url or "",
        "lang": article.lang,
        "meta": json.dumps(
            {"provenance": article.provenance, "extra": article.extra, "actors_why": why or {},
             "line": article.line},
            ensure_ascii=False,
        ),
        "vocab": f"{article.title}\n{article.body}",
    }
    # Quotes need the article's people: a pending article gets them with its actors.
    quotes = attributed(find_quotes(article.body, people)) if people else []
    doc["quotes"] = json.dumps([q.to_json() for q in quotes], ensure_ascii=False)
    doc["quote_text"] = "\n".join(q.text for q in quotes)
    doc["speaker"] = _keywords(list(dict.fromkeys(q.speaker for q in quotes if q.speaker)))
    if keys:
        doc["dupkeys"] = dup_keys(article.body)
    if pending:
        doc["pending"] = PENDING
    return doc
