"""Query rewrites offered to the user: "Vouliez-vous dire …" and the relaxed (OR) query.

Suggestions come from the ``vocab`` field: folded but unstemmed words, because stems make
bad suggestions (``cooper`` is not a word anyone types). A word is replaced only when the
vocabulary holds a close word (edit distance 1, or 2 for long words) that is much more
frequent, and only when the word itself is rare (a typo); whether the rewrite actually finds
more is the caller's check.

>>> node_text(parse('securite (AES OU titre:"Force unifiée") -Russie'))
'securite (AES OU titre:"Force unifiée") -Russie'
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Protocol

from whoosh.reading import IndexReader

from ..analysis import fold_words
from .query import And, Node, Not, Or, Phrase, Prefix, Word, parse, relaxed

VOCAB_FIELD = "vocab"
# Query field names as users type them, for turning a tree back into text.
FIELD_NAMES = {"title": "titre", "actor": "acteur", "outlet": "media", "place": "lieu",
               "author": "auteur", "body": "texte"}
# A word found in this many articles is a real word: never replaced ("tomates" is not a typo
# of the far more frequent "toutes"). A rarer one is replaced only by a word this many times
# more frequent.
KNOWN_DF = 5
MIN_RATIO = 100
MAX_CANDIDATES = 200
# Bounds on the work of one suggestion: a longer word is no typo anyone fixes by one or two
# letters (and Whoosh's fuzzy walk grows with its length), and only the first few words of a
# long query are respelt.
MAX_WORD = 24
MAX_RESPELT = 6


def _leaf_text(leaf: Word | Prefix | Phrase) -> str:
    field = f"{FIELD_NAMES[leaf.field]}:" if leaf.field in FIELD_NAMES else ""
    if isinstance(leaf, Phrase):
        return f'{field}"{leaf.text}"'
    if isinstance(leaf, Prefix):
        return f"{field}{leaf.text}*"
    return f"{field}{leaf.text}"


def node_text(node: Node | None, top: bool = True) -> str:
    """The query text that parses back to ``node`` ('' for None)."""
    if node is None:
        return ""
    if isinstance(node, Word | Prefix | Phrase):
        return _leaf_text(node)
    if isinstance(node, Not):
        return "-" + node_text(node.child, top=False)
    if isinstance(node, And):
        return " ".join(node_text(c, top=False) for c in node.children)
    inner = " OU ".join(node_text(c, top=False) for c in node.children)
    return inner if top else f"({inner})"


def relaxed_text(q: str) -> str | None:
    """``q`` with its positive words ORed, or None when that would change nothing."""
    node = parse(q)
    loose = relaxed(node)
    if loose is None or isinstance(node, Or):
        return None
    return node_text(loose)


class Vocabulary(Protocol):
    """What respelling needs of an index's folded, unstemmed words."""

    def frequency(self, word: str) -> int:
        """In how many articles ``word`` appears."""
        ...

    def near(self, word: str, maxdist: int) -> Iterable[str]:
        """Words within ``maxdist`` edits of ``word`` sharing its first letter (bounded)."""
        ...


class WhooshVocabulary:
    """The ``vocab`` field of a Whoosh index."""

    def __init__(self, reader: IndexReader) -> None:
        self.reader = reader

    def frequency(self, word: str) -> int:
        """Document frequency in ``vocab`` (0 when absent)."""
        try:
            return int(self.reader.doc_frequency(VOCAB_FIELD, word))
        except KeyError:
            return 0

    def near(self, word: str, maxdist: int) -> Iterable[str]:
        """Whoosh's fuzzy walk of the ``vocab`` terms."""
        if VOCAB_FIELD not in self.reader.schema:
            return
        terms = self.reader.terms_within(VOCAB_FIELD, word, maxdist, prefix=1)
        for term in islice(terms, MAX_CANDIDATES):
            yield term.decode("utf-8") if isinstance(term, bytes) else str(term)


def best_word(vocab: Vocabulary, word: str) -> str | None:
    """The most frequent vocabulary word close to ``word`` that beats it, or None."""
    if not 3 <= len(word) <= MAX_WORD or not word.isalpha():
        return None
    own = vocab.frequency(word)
    if own >= KNOWN_DF:
        return None
    maxdist = 1 if len(word) < 6 else 2
    best: tuple[int, str] | None = None
    for text in vocab.near(word, maxdist):
        if text == word:
            continue
        df = vocab.frequency(text)
        if best is None or (df, text) > best:
            best = (df, text)
    if best is None or best[0] == 0:
        return None
    if own and best[0] < own * MIN_RATIO:
        return None
    return best[1]


def _respell(node: Node, vocab: Vocabulary, budget: list[int]) -> Node:
    if isinstance(node, Word):
        words = fold_words(node.text)
        if len(words) != 1 or budget[0] <= 0:
            return node
        budget[0] -= 1
        fixed = best_word(vocab, words[0])
        return Word(fixed, node.field) if fixed else node
    if isinstance(node, Not):
        return node  # excluded words are not worth correcting
    if isinstance(node, And):
        return And(tuple(_respell(c, vocab, budget) for c in node.children))
    if isinstance(node, Or):
        return Or(tuple(_respell(c, vocab, budget) for c in node.children))
    return node


def respell(node: Node, vocab: Vocabulary) -> Node | None:
    """``node`` with misspelt or rare words replaced by close frequent ones; None if unchanged."""
    fixed = _respell(node, vocab, [MAX_RESPELT])
    return None if fixed == node else fixed


def suggest_text(q: str, reader: IndexReader) -> str | None:
    """``q`` with misspelt or rare words replaced by close frequent ones; None if unchanged."""
    node = parse(q)
    fixed = respell(node, WhooshVocabulary(reader)) if node is not None else None
    return node_text(fixed) if fixed is not None else None
