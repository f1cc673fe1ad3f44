"""The actor cache beside the index: raw NER mentions by text hash, names seen, state.

One SQLite file, ``actors.sqlite``, in the index directory (outside the generations, so a
rebuild keeps it). ``mentions`` holds what NER found in an article, keyed by a hash of the text NER
read and the model version, so NER never runs twice on the same text. ``people`` holds every full
person name seen (for surname-only mentions that the article alone cannot resolve) and
``forms`` every written form of a name (to display the most complete accented one), ``seen``
which texts NER found each name in (the corpus evidence of ``Knowledge``), ``words`` the
model's answer to "is this an ordinary French word" (so that annotating from the cache never
loads the model). ``state``
records the alias signature the index was last annotated with.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from ..store.annotator import NoActors
from .ner import Mention

CACHE_NAME = "actors.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS mentions (hash TEXT, model TEXT, data TEXT, PRIMARY KEY (hash, model));
CREATE TABLE IF NOT EXISTS forms (kind TEXT, key TEXT, form TEXT, n INTEGER,
                                  PRIMARY KEY (kind, key, form));
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS seen (kind TEXT, key TEXT, text TEXT, PRIMARY KEY (kind, key, text));
CREATE TABLE IF NOT EXISTS spread (key TEXT PRIMARY KEY, written INTEGER, ner INTEGER);
CREATE TABLE IF NOT EXISTS words (model TEXT, word TEXT, common INTEGER, PRIMARY KEY (model, word));
"""


class ActorCache:
    """The cache file of one index directory."""

    def __init__(self, index_dir: Path) -> None:
        index_dir.mkdir(parents=True, exist_ok=True)
        self.path = index_dir / CACHE_NAME
        self.db = sqlite3.connect(self.path)
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the file."""
        self.db.close()

    def get_mentions(self, hashes: list[str], model: str) -> dict[str, list[Mention]]:
        """The cached mentions of those content hashes that are cached."""
        found: dict[str, list[Mention]] = {}
        for start in range(0, len(hashes), 500):
            part = hashes[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self.db.execute(
                f"SELECT hash, data FROM mentions WHERE model = ? AND hash IN ({marks})",
                [model, *part],
            )
            for h, data in rows:
                found[h] = [(str(t), str(lab)) for t, lab in json.loads(data)]
        return found

    def put_mentions(self, items: Iterable[tuple[str, list[Mention]]], model: str) -> None:
        """Store the mentions of new content hashes."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO mentions VALUES (?, ?, ?)",
                [(h, model, json.dumps(m, ensure_ascii=False)) for h, m in items],
            )

    def words(self, model: str) -> dict[str, bool]:
        """Every recorded common-word answer of ``model``."""
        rows = self.db.execute("SELECT word, common FROM words WHERE model = ?", (model,))
        return {w: bool(c) for w, c in rows}

    def put_words(self, model: str, answers: dict[str, bool]) -> None:
        """Record common-word answers of ``model``."""
        if answers:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?, ?)",
                                    [(model, w, int(c)) for w, c in answers.items()])

    def add_forms(self, counts: dict[tuple[str, str, str], int]) -> None:
        """Count written forms of names: (kind, key, form) → occurrences."""
        with self.db:
            self.db.executemany(
                "INSERT INTO forms VALUES (?, ?, ?, ?) "
                "ON CONFLICT (kind, key, form) DO UPDATE SET n = n + excluded.n",
                [(k, key, form, n) for (k, key, form), n in counts.items()],
            )

    def forms(self, kind: str) -> dict[str, dict[str, int]]:
        """Every form seen of every name of one kind: key → {form: count}."""
        out: dict[str, dict[str, int]] = {}
        for key, form, n in self.db.execute("SELECT key, form, n FROM forms WHERE kind = ?", (kind,)):
            out.setdefault(key, {})[form] = n
        return out

    def add_seen(self, items: Iterable[tuple[str, str, str]]) -> None:
        """Record that NER found a name in a text: (kind, key, text hash), each once."""
        with self.db:
            self.db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", list(items))

    def seen(self) -> dict[tuple[str, str], int]:
        """How many distinct texts each (kind, key) was found in by NER."""
        return {(k, key): n for k, key, n in
                self.db.execute("SELECT kind, key, COUNT(*) FROM seen GROUP BY kind, key")}

    def add_spread(self, counts: dict[str, tuple[int, int]]) -> None:
        """Count, per confirmed name, the texts that write it and those where NER found it."""
        with self.db:
            self.db.executemany(
                "INSERT INTO spread VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "written = written + excluded.written, ner = ner + excluded.ner",
                [(key, w, n) for key, (w, n) in counts.items()],
            )

    def spread(self) -> dict[str, tuple[int, int]]:
        """Per confirmed name: (texts that write it, texts where NER found it)."""
        return {k: (int(w), int(n)) for k, w, n in self.db.execute("SELECT key, written, ner FROM spread")}

    def forget_corpus(self) -> None:
        """Drop what annotation derived from the corpus (forms, names seen, spread); keep NER."""
        with self.db:
            for table in ("forms", "seen", "spread"):
                self.db.execute(f"DELETE FROM {table}")

    def get_state(self, name: str) -> str | None:
        """A recorded value (e.g. the alias signature last applied)."""
        row = self.db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_state(self, name: str, value: str | None) -> None:
        """Record (or, with None, forget) a value."""
        with self.db:
            if value is None:
                self.db.execute("DELETE FROM state WHERE name = ?", (name,))
            else:
                self.db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (name, value))


class WithoutActors(NoActors):
    """A sync that extracts no actors (``--no-actors``): its articles carry none, so the
    next sync with actors must annotate every article again."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir

    def finish(self, committed: bool) -> None:
        """Forget which rules annotated the index: it now holds articles without actors."""
        if (self.index_dir / CACHE_NAME).exists():
            cache = ActorCache(self.index_dir)
            cache.set_state("applied", None)
            cache.close()

    def close(self) -> None:
        """Nothing held open."""
