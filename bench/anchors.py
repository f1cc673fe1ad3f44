"""The two anchors the quality figures compare against: tantivy and SQLite FTS5.

Both index the same documents (``id``, ``title``, ``text``) and take the same cleaned,
bag-of-words query as our engine, each in its usual configuration: tantivy with a French
pipeline (simple tokenizer, lowercase, ASCII folding, French stemmer) and its query parser's
default OR; FTS5 with ``unicode61 remove_diacritics 2`` and ``bm25()``, words ORed.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

import tantivy

_WORD = re.compile(r"[^\W_]+")


def words(query: str) -> list[str]:
    """The words of ``query``, lowercased (no `OR`/`ET` operators), punctuation gone."""
    return _WORD.findall(query.lower())


class Tantivy:
    """An in-memory tantivy index over title and body."""

    name = "tantivy"

    def __init__(self, docs: Iterable[dict[str, str]]) -> None:
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("id", stored=True, tokenizer_name="raw")
        sb.add_text_field("title", tokenizer_name="fr")
        sb.add_text_field("body", tokenizer_name="fr")
        self.index = tantivy.Index(sb.build())
        self.index.register_tokenizer("fr", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                                      .filter(tantivy.Filter.lowercase())
                                      .filter(tantivy.Filter.ascii_fold())
                                      .filter(tantivy.Filter.stemmer("french")).build())
        writer = self.index.writer(heap_size=200_000_000, num_threads=1)
        for d in docs:
            writer.add_document(tantivy.Document(id=d["id"], title=d["title"], body=d["text"]))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def search(self, query: str, k: int = 10) -> list[str]:
        """Ids of the top ``k`` documents for the words of ``query`` (any word)."""
        ws = words(query)
        if not ws:
            return []
        q = self.index.parse_query(" ".join(ws), ["title", "body"])
        return [self.searcher.doc(addr)["id"][0] for _score, addr in self.searcher.search(q, k).hits]


class Fts5:
    """An in-memory SQLite FTS5 table over title and body, ranked by ``bm25()``."""

    name = "sqlite-fts5"

    def __init__(self, docs: Iterable[dict[str, str]]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                        "tokenize = 'unicode61 remove_diacritics 2')")
        self.db.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                            ((d["id"], d["title"], d["text"]) for d in docs))
        self.db.commit()

    def search(self, query: str, k: int = 10) -> list[str]:
        """Ids of the top ``k`` documents for the words of ``query`` (any word)."""
        ws = words(query)
        if not ws:
            return []
        match = " OR ".join(f'"{w}"' for w in ws)
        rows = self.db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
                               (match, k))
        return [r[0] for r in rows]
