"""The ``Article``: what extraction makes of a file, with where each field came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

# Where a metadata value came from, from most to least trusted.
PROVENANCES = ("sidecar", "record", "html-meta", "byline", "dateline", "signature", "text", "none")


@dataclass(frozen=True)
class Article:
    """One article, ready to be annotated with actors and written to the index.

    ``doc_id`` is stable across reindexes: the file's path relative to the corpus root, plus,
    for a record of a ``.jsonl`` file, ``#`` and the record's own ``id`` (else its ``url``, else
    a hash of the line), so moving lines never changes an id. ``provenance`` maps a field name
    (``title``, ``date``, ``outlet``, ``author``, ``lang``, and ``url`` when overridden) to one
    of ``PROVENANCES``. ``extra`` holds a record's unknown fields (stored, not indexed) and,
    for a file not in UTF-8, the ``encoding`` it was detected in.
    """

    doc_id: str
    path: str
    title: str
    body: str
    date: date | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    lang: str = "fr"
    provenance: dict[str, str] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)
    # The line of a `.jsonl` record (None for a file of its own).
    line: int | None = None

    @property
    def content_hash(self) -> str:
        """A hash of what the index holds for this article (changes when the file's meaning does)."""
        h = hashlib.sha256()
        for part in (self.title, self.body, str(self.date), self.outlet, self.author, self.url):
            h.update((part or "").encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()[:32]
