"""Actors' names on both sides of the index: the key that identifies a name, and
``actor_names.json``, the other names of each displayed actor.

The annotator writes the file beside the index at each sync; the search engine reads it when it
opens a generation. A query, a filter or the facet filter box may then name an actor by any
variant it was seen under or that an alias file gives (``ECOWAS``, ``Daech``, ``Nations unies``).
The read side needs nothing else of the actor pipeline (no NER, no alias files).

>>> name_key("Jean-Marie Traoré") == name_key("jean marie TRAORE")
True
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .folding import fold_fast

NAMES_FILE = "actor_names.json"

_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The identity of a name: folded, lowercased words joined by single spaces."""
    return " ".join(_NON_WORD.sub(" ", fold_fast(text).lower()).split())


def write_names(index_dir: Path, names: dict[str, list[str]]) -> None:
    """Replace the file atomically: displayed name → other forms."""
    tmp = index_dir / f".{NAMES_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(names, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, index_dir / NAMES_FILE)


class ActorNames:
    """The variants of an index's actors, both ways."""

    def __init__(self, names: dict[str, list[str]] | None = None, displayed: Sequence[str] = ()) -> None:
        self.variants: dict[str, list[str]] = names or {}
        self._by_key: dict[str, list[str]] = {}
        for name in displayed:  # the index's own actor names, up to accents and case
            self._by_key.setdefault(name_key(name), []).append(name)
        for name, forms in self.variants.items():
            for form in (name, *forms):
                self._by_key.setdefault(name_key(form), []).append(name)

    @classmethod
    def load(cls, index_dir: Path, displayed: Sequence[str]) -> ActorNames:
        """The index's file (no variants when there is none: an index without actors) and the
        actor names the index displays."""
        try:
            data = json.loads((index_dir / NAMES_FILE).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            data = {}
        names = {str(k): [str(v) for v in vs] for k, vs in data.items()} if isinstance(data, dict) else {}
        return cls(names, displayed)

    def resolve(self, text: str) -> list[str]:
        """The displayed actors ``text`` names through a variant (empty when none)."""
        return list(dict.fromkeys(self._by_key.get(name_key(text), [])))

    def matches(self, needle: str, name: str) -> bool:
        """Whether a folded ``needle`` is in ``name`` or in one of its variants' keys."""
        return any(needle in name_key(v) for v in self.variants.get(name, ()))
