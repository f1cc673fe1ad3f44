"""Spelling variants of the press (``jihadiste``/``djihadiste``, ``Daech``/``Daesh``): a query
word becomes an ``Or`` of its variants, on the parsed tree, so every backend searches them.

The list is a text file (``indexer/data/variants.txt``, or ``PRESSE_VARIANTS_FILE``), one group
a line. A plain member matches a word with the same stem; a member ending in ``*`` is a prefix
family: ``jihad* djihad*`` turns ``jihadistes`` into ``djihadistes``. It is read once per
process and again only when the file changes (path and mtime).

>>> v = Variants.parse(["jihad* djihad*", "daech daesh"])
>>> v.alternatives("Jihadistes")
['djihadistes']
>>> expand(parse("Daesh -jihad"), v)[0]
And([Or([Word('Daesh'), Word('daech')]), Not(Or([Word('jihad'), Word('djihad')]))])
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from itertools import islice, product
from pathlib import Path

from ..analysis import analyze, fold_words
from ..errors import BackendUnavailable
from .query import And, Node, Not, Or, Phrase, Prefix, Word, parse

__all__ = ["Variants", "VariantsError", "expand", "load_variants", "parse"]

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "variants.txt"
# Fields whose text is prose: an actor, outlet or author is matched by its own names.
EXPANDED_FIELDS = (None, "title", "body", "place")
# Bounds: at most this many leaves of a query are expanded, and a phrase gets at most this many
# spellings (one per combination of its words' variants).
MAX_EXPANDED = 8
MAX_PHRASES = 4
_WORD = re.compile(r"\w+")


class VariantsError(BackendUnavailable):
    """The variants file is missing or has a line that is not a group: no search can answer
    until it is fixed (a 503 naming the file and line, like an unreachable backend)."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"fichier de variantes {where} : {reason}")


@dataclass(frozen=True)
class Variants:
    """The groups of one variants file: plain members by stem, prefix members by prefix."""

    by_stem: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prefixes: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def parse(cls, lines: list[str], path: Path | str = "<variantes>") -> Variants:
        """Groups from the file's lines; raises VariantsError naming the first bad line."""
        by_stem: dict[str, tuple[str, ...]] = {}
        prefixes: list[tuple[str, tuple[str, ...]]] = []
        seen: dict[str, int] = {}
        for n, raw in enumerate(lines, 1):
            text = raw.split("#", 1)[0].strip()
            if not text:
                continue
            members = text.split()
            stars = {m.endswith("*") for m in members}
            if len(members) < 2:
                raise VariantsError(path, f"un groupe a au moins deux membres : {text!r}", n)
            if len(stars) > 1:
                raise VariantsError(path, "un groupe est tout en préfixes (`mot*`) ou tout en "
                                    f"mots : {text!r}", n)
            words, shown = [], []
            for m in members:
                folded = fold_words(m.rstrip("*"))
                if len(folded) != 1 or not folded[0].isalpha():
                    raise VariantsError(path, f"un membre est un seul mot, sans chiffre : {m!r}", n)
                words.append(folded[0])
                shown.append(m.rstrip("*"))  # as the file spells it: what the page shows
            keys = words if stars == {True} else [_stem(w) for w in words]
            for key in keys:
                if key in seen:
                    raise VariantsError(path, f"{key!r} est déjà dans le groupe de la ligne "
                                        f"{seen[key]}", n)
                seen[key] = n
            for i, key in enumerate(keys):
                others = tuple(o for j, o in enumerate(shown) if j != i)
                if stars == {True}:
                    prefixes.append((key, others))
                else:
                    by_stem[key] = others
        # Longest prefix first: a word is rewritten by its most specific family.
        return cls(by_stem, tuple(sorted(prefixes, key=lambda p: -len(p[0]))))

    def alternatives(self, word: str) -> list[str]:
        """The other spellings of one word (empty when it has none)."""
        folded = fold_words(word)
        if len(folded) != 1:
            return []
        for prefix, others in self.prefixes:
            if folded[0].startswith(prefix):
                rest = folded[0][len(prefix):]
                return [o + rest for o in others]
        return list(self.by_stem.get(_stem(folded[0]), ()))


def _stem(word: str) -> str:
    stems = analyze(word)
    return stems[0] if len(stems) == 1 else word


_CACHE: dict[tuple[str, int], Variants] = {}
_LOCK = threading.Lock()


def load_variants(path: Path | str | None = None) -> Variants:
    """The variants of ``path`` (the setting ``VARIANTS_FILE`` when None), read once per
    version of the file."""
    if path is None:
        from .. import settings

        path = settings.get("VARIANTS_FILE")
    path = Path(path)
    try:
        key = (str(path.resolve()), path.stat().st_mtime_ns)
    except OSError as exc:
        raise VariantsError(path, f"illisible ({exc.strerror or exc}) ; corrigez "
                            "PRESSE_VARIANTS_FILE") from exc
    with _LOCK:
        found = _CACHE.get(key)
    if found is not None:
        return found
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise VariantsError(path, f"illisible ({exc})") from exc
    variants = Variants.parse(lines, path)
    with _LOCK:
        _CACHE.clear()  # one file a process: the old version is never asked for again
        _CACHE[key] = variants
    return variants


def _phrase_spellings(text: str, variants: Variants) -> list[str]:
    tokens = _WORD.findall(text)
    choices = [[t, *variants.alternatives(t)] for t in tokens]
    if all(len(c) == 1 for c in choices):
        return []
    out = []
    for combo in islice(product(*choices), 1, MAX_PHRASES + 1):  # the first is the text itself
        out.append(" ".join(combo))
    return out


def _expand(node: Node, variants: Variants, added: dict[str, list[str]], budget: list[int]) -> Node:
    if isinstance(node, Word | Prefix | Phrase):
        if node.field not in EXPANDED_FIELDS or budget[0] <= 0:
            return node
        if isinstance(node, Prefix) or len(_WORD.findall(node.text)) == 1:
            others = variants.alternatives(node.text)
        else:  # a phrase, or a word that splits (`Al-Qaïda`): each word's spellings combined
            others = _phrase_spellings(node.text, variants)
        if not others:
            return node
        budget[0] -= 1
        suffix = "*" if isinstance(node, Prefix) else ""
        added.setdefault(node.text + suffix, []).extend(o + suffix for o in others)
        kind = type(node)
        return Or((node, *(kind(o, node.field) for o in others)))
    if isinstance(node, Not):
        return Not(_expand(node.child, variants, added, budget))
    kind_ = And if isinstance(node, And) else Or
    return kind_(tuple(_expand(c, variants, added, budget) for c in node.children))


def expand(node: Node | None, variants: Variants) -> tuple[Node | None, dict[str, list[str]]]:
    """``node`` with each word that has variants ORed with them, and what was added (typed
    word → its variants, as the page mentions them)."""
    if node is None:
        return None, {}
    added: dict[str, list[str]] = {}
    return _expand(node, variants, added, [MAX_EXPANDED]), added
