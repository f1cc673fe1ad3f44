"""The one French analysis chain, shared by indexing and querying.

Tokens are split on anything that is not a letter or digit (so both apostrophes ``'`` and ``’``
separate ``l’AES`` into ``l`` and ``AES``), lowercased, folded to ASCII with ``unidecode``, cut
of French stop words (a folded list, so ``été`` and ``ete`` are both stopped) and stemmed with
Snowball French. Folding comes *before* stemming: stemming first gives ``sécurité → secur`` but
``securite → securit``.

>>> [t.text for t in french_analyzer()("La sécurité de l’AES")]
['securit', 'ae']
>>> [t.text for t in french_analyzer()("securite, AES")]
['securit', 'ae']

Every class here is pickled into the index by Whoosh, so they stay module-level, and any change
to what they produce must bump ``ANALYSIS_VERSION``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import Stemmer  # PyStemmer: the C build of the Snowball stemmers
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, Token

from .folding import STOP_WORDS, fold

# Bump whenever the tokens produced for a given text change: the index stores it in meta.json
# and the app refuses (the CLI rebuilds) an index built with another version.
ANALYSIS_VERSION = 1

# Letters and digits; everything else (spaces, both apostrophes, hyphens, punctuation) splits.
TOKEN_PATTERN = r"[^\W_]+"

class FoldFilter(Filter):
    """Replace each token's text by its ASCII folding; offsets are left untouched."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold(t.text)
            yield t


class FrenchStopFilter(Filter):
    """Drop folded French stop words, renumbering positions like Whoosh's StopFilter."""

    def __init__(self, stoplist: frozenset[str] = STOP_WORDS, minsize: int = 1) -> None:
        self.stops = stoplist
        self.min = minsize

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        pos = None
        for t in tokens:
            text = t.text
            if len(text) >= self.min and text not in self.stops:
                if t.positions:
                    pos = 0 if pos is None else pos + 1
                    t.pos = pos
                t.stopped = False
                yield t
            elif not t.removestops:
                t.stopped = True
                yield t


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("french")


class FrenchStemFilter(Filter):
    """Snowball French stemming with a per-process cache of recent words."""

    def __init__(self, cachesize: int = 50000) -> None:
        self.cachesize = cachesize

    def __getstate__(self) -> dict[str, int]:
        return {"cachesize": self.cachesize}

    def __setstate__(self, state: dict[str, int]) -> None:
        self.cachesize = state["cachesize"]

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stem = stem_word
        for t in tokens:
            if not t.stopped:
                t.text = stem(t.text)
            yield t


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """Snowball French stem of an already folded, lowercased word."""
    return str(_stemmer().stemWord(word))


def french_analyzer():  # type: ignore[no-untyped-def]
    """Tokenize → lowercase → fold → stop words → stem: used for every text field."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | FoldFilter()
        | FrenchStopFilter()
        | FrenchStemFilter()
    )


def folded_analyzer():  # type: ignore[no-untyped-def]
    """Tokenize → lowercase → fold, no stemming: for exact names and suggestion vocabulary."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()


def analyze(text: str) -> list[str]:
    """The index terms the French chain makes of ``text``."""
    return [t.text for t in _ANALYZER(text)]


def fold_words(text: str) -> list[str]:
    """Lowercased, folded words of ``text`` without stemming or stop words: what
    ``folded_analyzer`` gives, one table lookup a word (``test_analysis`` checks they agree).

    >>> fold_words("L’Œuvre de Goïta")
    ['l', 'oeuvre', 'de', 'goita']
    """
    table = _FOLDED_WORDS
    out = []
    for raw in _TOKEN.findall(text):
        word = table.get(raw)
        if word is None:
            if len(table) >= 1_000_000:
                table.clear()
            word = table[raw] = fold(raw.lower())
        out.append(word)
    return out


_TOKEN = re.compile(TOKEN_PATTERN)
# raw word → its lowercased, folded form
_FOLDED_WORDS: dict[str, str] = {}


_ANALYZER = french_analyzer()
_FOLDED = folded_analyzer()
