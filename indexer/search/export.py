"""Exports: every article a search matches as CSV or JSON Lines, and a facet's counts as CSV.

A backend's ``export(req, limit)`` decides the order and the total at once (a bad query fails
there, before any byte is sent) and hands back an ``Export`` whose rows are read lazily, so a
web response can stream them in chunks. Everything about the file formats lives here, shared
by both backends: the columns, the ``" ; "`` joins, the spreadsheet formula guard.

>>> row = Row("a.json", "=HYPERLINK()", date(2025, 4, 3), "Maliweb", None, None, ("A", "B"),
...           (), ("Mali",), 1.5)
>>> print("".join(csv_chunks([row])).replace("\\r", ""), end="")
id,title,date,outlet,author,url,people,organisations,places,score
a.json,'=HYPERLINK(),2025-04-03,Maliweb,,,A ; B,,Mali,1.5
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ..folding import fold
from .answer import any_word
from .facets import Bucket
from .query import Node, parse
from .request import SearchRequest

COLUMNS = ("id", "title", "date", "outlet", "author", "url", "people", "organisations", "places",
           "score")
FACET_COLUMNS = ("value", "label", "count")
# Rows written between two yields: big enough for few network writes, small enough to stream.
CHUNK_ROWS = 500
# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
JOIN = " ; "


@dataclass(frozen=True)
class Row:
    """One exported article: what a spreadsheet needs, no passages."""

    id: str
    title: str
    date: date | None
    outlet: str | None
    author: str | None
    url: str | None
    people: tuple[str, ...]
    organisations: tuple[str, ...]
    places: tuple[str, ...]
    # BM25 score when the request is ranked by relevance, None when it is sorted by date.
    score: float | None

    def to_json(self) -> dict[str, object]:
        """One JSON Lines record (lists for the multi-valued fields)."""
        return {"id": self.id, "title": self.title,
                "date": self.date.isoformat() if self.date else None, "outlet": self.outlet,
                "author": self.author, "url": self.url, "people": list(self.people),
                "organisations": list(self.organisations), "places": list(self.places),
                "score": self.score}

    def cells(self) -> list[str | float]:
        """The CSV cells, text guarded against formulas (the score stays a number)."""
        texts = [self.id, self.title, self.date.isoformat() if self.date else "",
                 self.outlet or "", self.author or "", self.url or "", JOIN.join(self.people),
                 JOIN.join(self.organisations), JOIN.join(self.places)]
        return [*(spreadsheet_safe(t) for t in texts), "" if self.score is None else self.score]


@dataclass(frozen=True)
class Export:
    """A search's export: how many articles match, how many rows follow, and the rows in the
    request's order (an iterator: read once, lazily)."""

    total: int
    exported: int
    rows: Iterator[Row]


def search_node(req: SearchRequest) -> Node | None:
    """The query tree a search page runs for ``req`` (``mode=or`` ORs the words), as ``answer``."""
    typed = parse(req.q)
    return any_word(typed) if req.mode == "or" else typed


def spreadsheet_safe(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("-Mali"), spreadsheet_safe("Mali")
    ("'=1+1", "'-Mali", 'Mali')
    """
    return "'" + text if text.startswith(FORMULA_START) else text


def _chunks(header: Iterable[str], lines: Iterable[list[str | float] | list[object]],
            chunk: int) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf)  # RFC 4180: quotes as needed, CRLF line ends
    writer.writerow(header)
    for n, cells in enumerate(lines, 1):
        writer.writerow(cells)
        if n % chunk == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def csv_chunks(rows: Iterable[Row], chunk: int = CHUNK_ROWS) -> Iterator[str]:
    """The CSV text of ``rows``, header first, ``chunk`` rows at a time."""
    return _chunks(COLUMNS, (r.cells() for r in rows), chunk)


def jsonl_chunks(rows: Iterable[Row], chunk: int = CHUNK_ROWS) -> Iterator[str]:
    """The JSON Lines text of ``rows`` (one object a line), ``chunk`` rows at a time."""
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps(row.to_json(), ensure_ascii=False) + "\n")
        if len(lines) == chunk:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


def facet_csv(buckets: Iterable[Bucket]) -> Iterator[str]:
    """A facet's buckets as CSV: ``value,label,count``."""
    return _chunks(FACET_COLUMNS, ([spreadsheet_safe(b.value), spreadsheet_safe(b.label),
                                    b.count] for b in buckets), CHUNK_ROWS)


def file_name(q: str, today: date, ext: str, facet: str = "") -> str:
    """The download's name: ``presse-<query slug, or "articles">[-<facet>]-<date>.<ext>``.

    >>> file_name("Sécurité AES à Niamey", date(2026, 12, 1), "csv")
    'presse-securite-aes-a-niamey-2026-12-01.csv'
    >>> file_name("", date(2026, 12, 1), "csv", facet="person")
    'presse-articles-person-2026-12-01.csv'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", fold(q).lower()).strip("-")[:60].strip("-")
    return f"presse-{slug or 'articles'}{'-' + facet if facet else ''}-{today.isoformat()}.{ext}"
