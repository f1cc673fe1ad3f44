"""The user's query language, parsed without ever failing.

Words are ANDed; ``"phrases"``; ``-word`` or ``SAUF``/``NOT`` excludes; ``OU``/``OR`` and
``ET``/``AND``; parentheses; ``coop*`` prefixes; fields ``titre:``, ``acteur:``, ``media:``,
``lieu:``, ``auteur:``, ``citation:`` (the words of attributed quotes). Anything malformed
is repaired or read as plain words: an unclosed quote closes at the end, stray parentheses and
lone operators are dropped, an unknown field is read as words, and input is cut to
``MAX_QUERY_CHARS``.

>>> parse('securite "Force unifiée" -Ukraine')
And([Word('securite'), Phrase('Force unifiée'), Not(Word('Ukraine'))])
>>> parse('(AES OU CEDEAO')
Or([Word('AES'), Word('CEDEAO')])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 1000
MAX_NODES = 64
MAX_DEPTH = 8

# Query field names (French, as users type them) → index fields.
FIELDS = {
    "titre": "title",
    "title": "title",
    "acteur": "actor",
    "actor": "actor",
    "media": "outlet",
    "média": "outlet",
    "source": "outlet",
    "lieu": "place",
    "place": "place",
    "auteur": "author",
    "texte": "body",
    "citation": "quote",
    "quote": "quote",
}
OR_WORDS = frozenset({"OU", "OR", "|"})
AND_WORDS = frozenset({"ET", "AND", "&"})
NOT_WORDS = frozenset({"SAUF", "NOT"})

_TOKEN = re.compile(
    r"""(?P<lp>\()|(?P<rp>\))
      |(?P<neg>-)(?=[^\s\-])
      |(?P<field>[^\W\d_][\w\u00e9]*):(?=[^\s])
      |(?P<phrase>["“”«»„][^"“”«»„]*(?:["“”«»„]|$))
      |(?P<word>[^\s()"“”«»„]+)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Word:
    """One word (or a hyphenated/apostrophed run, read as a phrase if it splits)."""

    text: str
    field: str | None = None

    def __repr__(self) -> str:
        return f"Word({self.text!r}{', ' + repr(self.field) if self.field else ''})"


@dataclass(frozen=True)
class Prefix:
    """``coop*``: every indexed word starting so (bounded expansion)."""

    text: str
    field: str | None = None

    def __repr__(self) -> str:
        return f"Prefix({self.text!r}{', ' + repr(self.field) if self.field else ''})"


@dataclass(frozen=True)
class Phrase:
    """``"Force unifiée"``: the words in this order."""

    text: str
    field: str | None = None

    def __repr__(self) -> str:
        return f"Phrase({self.text!r}{', ' + repr(self.field) if self.field else ''})"


@dataclass(frozen=True)
class Not:
    """Excludes what its child matches."""

    child: Node

    def __repr__(self) -> str:
        return f"Not({self.child!r})"


@dataclass(frozen=True)
class And:
    """Every child must match."""

    children: tuple[Node, ...]

    def __repr__(self) -> str:
        return f"And({list(self.children)!r})"


@dataclass(frozen=True)
class Or:
    """At least one child must match."""

    children: tuple[Node, ...]

    def __repr__(self) -> str:
        return f"Or({list(self.children)!r})"


Node = Word | Prefix | Phrase | Not | And | Or


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "word"
        value = m.group(kind)
        if kind == "phrase":
            value = value.strip("\"“”«»„ ").strip()
            if not value:
                continue
        out.append((kind, value))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.toks = tokens
        self.i = 0
        self.nodes = 0

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse_or(self, depth: int) -> Node | None:
        parts = [self.parse_and(depth)]
        while (tok := self.peek()) and tok[0] == "word" and tok[1] in OR_WORDS:
            self.take()
            parts.append(self.parse_and(depth))
        kept = tuple(p for p in parts if p is not None)
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(kept)

    def parse_and(self, depth: int) -> Node | None:
        parts: list[Node] = []
        while (tok := self.peek()) is not None:
            kind, value = tok
            if kind == "rp":
                if depth > 0:
                    break
                self.take()  # a stray closing parenthesis: dropped
                continue
            if kind == "word" and value in OR_WORDS:
                if parts:
                    break
                self.take()  # a leading OR: dropped
                continue
            if kind == "word" and value in AND_WORDS:
                self.take()
                continue
            node = self.parse_unary(depth)
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_unary(self, depth: int) -> Node | None:
        negate = False
        while (tok := self.peek()) and (tok[0] == "neg" or (tok[0] == "word" and tok[1] in NOT_WORDS)):
            self.take()  # a run of negations reads as one (looped: no recursion to exhaust)
            negate = True
        if self.peek() is None:
            return None
        child = self.parse_primary(depth)
        return Not(child) if negate and child is not None else child

    def parse_primary(self, depth: int) -> Node | None:
        kind, value = self.take()
        if kind == "lp":
            if depth >= MAX_DEPTH:
                return None  # too deep: the parenthesis is dropped, its words still read
            node = self.parse_or(depth + 1)
            if (tok := self.peek()) and tok[0] == "rp":
                self.take()
            return node
        if kind == "field":
            target = FIELDS.get(value.lower())
            nxt = self.peek()
            if target is None or nxt is None or nxt[0] not in ("word", "phrase"):
                return self._leaf("word", value, None)
            sub_kind, sub_value = self.take()
            return self._leaf(sub_kind, sub_value, target)
        if kind in ("word", "phrase"):
            return self._leaf(kind, value, None)
        return None

    def _leaf(self, kind: str, value: str, field: str | None) -> Node | None:
        if self.nodes >= MAX_NODES:
            return None
        self.nodes += 1
        if kind == "phrase":
            return Phrase(value, field)
        if value.endswith("*"):
            stem = value.rstrip("*")
            if len(re.sub(r"\W", "", stem)) < 2:
                return None if not re.sub(r"\W", "", stem) else Word(stem, field)
            return Prefix(stem, field)
        value = value.replace("*", "")
        if not re.search(r"\w", value):
            return None
        return Word(value, field)


def parse(text: str) -> Node | None:
    """The query tree of ``text``; None when nothing searchable is left."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text or "")[:MAX_QUERY_CHARS]
    return _Parser(_tokens(text)).parse_or(0)


def positive_leaves(node: Node | None) -> list[Word | Prefix | Phrase]:
    """Leaves that are not under a Not: what highlighting marks and suggestions fix."""
    if node is None:
        return []
    if isinstance(node, Not):
        return []
    if isinstance(node, And | Or):
        return [leaf for child in node.children for leaf in positive_leaves(child)]
    return [node]


def relaxed(node: Node | None) -> Node | None:
    """The query with every positive leaf ORed: offered when the strict query finds nothing."""
    leaves = positive_leaves(node)
    if len(leaves) < 2:
        return None
    return Or(tuple(leaves))
