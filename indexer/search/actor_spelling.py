"""Misspelt actor names (``acteur:"Abdoulay Diop"``, ``acteur:Lavrof``) respelt to the index's
own, by the same typo thresholds as words (``suggest.max_typos``), word by word.

Built once per index generation from the displayed actor names and their variants (the
``ActorNames`` of either backend), and looked up by the first letter of each name's words, so a
query compares only the names that could match.

>>> s = ActorSpeller(["Abdoulaye Diop", "Sergueï Lavrov", "Assimi Goïta"])
>>> s.best("Abdoulay Diop"), s.best("Lavrof"), s.best("Goïta"), s.best("Diap")
('Abdoulaye Diop', 'Sergueï Lavrov', None, None)
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable

from ..actor_names import ActorNames, name_key
from .suggest import MAX_WORD, Deadline, distance, max_typos

# Names compared between two looks at the clock.
CHECK_EVERY = 512


class ActorSpeller:
    """Actor names by the first letter of each of their words."""

    def __init__(self, names: Iterable[str], variants: dict[str, list[str]] | None = None) -> None:
        # Every form (the displayed name and its variants) points to the displayed name.
        self.entries: list[tuple[tuple[str, ...], str]] = []
        seen: set[tuple[tuple[str, ...], str]] = set()
        forms = [(n, n) for n in names]
        forms += [(f, n) for n, fs in (variants or {}).items() for f in fs]
        for form, name in forms:
            words = tuple(name_key(form).split())
            if words and (words, name) not in seen:
                seen.add((words, name))
                self.entries.append((words, name))
        self.by_letter: dict[str, list[tuple[int, int]]] = {}
        for e, (words, _) in enumerate(self.entries):
            for pos, word in enumerate(words):
                self.by_letter.setdefault(word[0], []).append((e, pos))

    def best(self, text: str, deadline: Deadline | None = None) -> str | None:
        """The one displayed name that ``text`` names with a few typos (all of its words, or a
        run of them: a surname), or None when none or several are equally close."""
        typed = name_key(text).split()
        if not typed or any(len(w) > MAX_WORD for w in typed):
            return None
        limits = [max_typos(w) for w in typed]
        if not any(limits):
            return None  # nothing long enough to hold a typo
        best: dict[str, tuple[int, int]] = {}
        for n, (e, pos) in enumerate(self.by_letter.get(typed[0][0], ())):
            if deadline is not None and n % CHECK_EVERY == 0 and deadline.passed():
                return None
            words, name = self.entries[e]
            if pos + len(typed) > len(words):
                continue
            edits = 0
            for t, w, limit in zip(typed, words[pos:], limits, strict=False):
                if t[0] != w[0]:
                    edits = -1
                    break
                d = distance(t, w, limit)
                if d > limit:
                    edits = -1
                    break
                edits += d
            if edits == 0:
                return None  # the index knows this name (or part of one) as typed
            if edits < 0:
                continue
            # Fewest edits, then the whole name rather than part of it.
            rank = (edits, len(words) - len(typed))
            if name not in best or rank < best[name]:
                best[name] = rank
        if not best:
            return None
        top = min(best.values())
        winners = [n for n, r in best.items() if r == top]
        return winners[0] if len(winners) == 1 else None


_SPELLERS: weakref.WeakKeyDictionary[ActorNames, ActorSpeller] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def actor_speller(names: ActorNames, displayed: Iterable[str]) -> ActorSpeller:
    """The speller of one generation's actor names, built at its first respelling."""
    with _LOCK:
        speller = _SPELLERS.get(names)
    if speller is None:
        speller = ActorSpeller(displayed, names.variants)
        with _LOCK:
            _SPELLERS[names] = speller
    return speller
