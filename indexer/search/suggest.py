"""Query rewrites offered to the user: "Vouliez-vous dire …" and the relaxed (OR) query.

Suggestions come from the ``vocab`` field: folded but unstemmed words, because stems make
bad suggestions (``cooper`` is not a word anyone types). A word is replaced only when the
vocabulary holds a close word that is much more frequent, and only when the word itself is
rare (a typo); whether the rewrite actually finds more is the caller's check. "Close" is
Meilisearch's rule (``max_typos``): no typo below 5 letters, 1 from 5, 2 from 9, never on the
first letter, two letters swapped counting as one. The vocabulary is folded: the page's
spelling comes back from the hits that the respelt query marks (``restore_accents``).

>>> node_text(parse('securite (AES OU titre:"Force unifiée") -Russie'))
'securite (AES OU titre:"Force unifiée") -Russie'
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from collections.abc import Iterable
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from whoosh.reading import IndexReader

from ..analysis import fold_words
from .query import And, Node, Not, Or, Phrase, Prefix, Word, parse, relaxed

if TYPE_CHECKING:
    from .actor_spelling import ActorSpeller
    from .page import Hit

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
# Meilisearch's typo thresholds: a word of 5 to 8 letters may hold 1 typo, of 9 or more 2, a
# shorter one none (`Mali` is never "corrected" into `Malé`).
ONE_TYPO = 5
TWO_TYPOS = 9
# The whole respelling of one query (words and actor names) stops after this long: what it
# has not reached stays as typed (each candidate walk or request is checked against it).
RESPELL_SECONDS = 1.0


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
        # Whoosh's walk is plain Levenshtein: two letters swapped (`bamkao`) count as one edit
        # here, as in Meilisearch and OpenSearch, so those words are looked up too.
        for i in range(1, len(word) - 1):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2:]
            if swapped != word and self.frequency(swapped):
                yield swapped


def max_typos(word: str) -> int:
    """Edits allowed in a word of this length, as Meilisearch counts them: none below
    ``ONE_TYPO`` letters, 1 from it, 2 from ``TWO_TYPOS`` (a swap of two letters is one)."""
    return 0 if len(word) < ONE_TYPO else 1 if len(word) < TWO_TYPOS else 2


def distance(a: str, b: str, limit: int) -> int:
    """Edits from ``a`` to ``b`` (substitution, insertion, deletion, adjacent swap), or
    ``limit + 1`` once it exceeds ``limit``.

    >>> distance("bamkao", "bamako", 2), distance("coopration", "cooperation", 2)
    (1, 1)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return min(prev[-1], limit + 1)


class Deadline:
    """The time one respelling may take (``RESPELL_SECONDS``), and the words it may still fix."""

    def __init__(self, seconds: float = RESPELL_SECONDS, words: int = MAX_RESPELT) -> None:
        self.until = time.perf_counter() + seconds
        self.words = words

    def passed(self) -> bool:
        """Whether the time is up."""
        return time.perf_counter() > self.until

    def take(self) -> bool:
        """One more word to look at, if any are left and time remains."""
        if self.words <= 0 or self.passed():
            return False
        self.words -= 1
        return True


def best_word(vocab: Vocabulary, word: str, deadline: Deadline | None = None) -> str | None:
    """The most frequent vocabulary word close to ``word`` that beats it, or None."""
    maxdist = max_typos(word)
    if not maxdist or len(word) > MAX_WORD or not word.isalpha():
        return None
    own = vocab.frequency(word)
    if own >= KNOWN_DF:
        return None
    best: tuple[int, str] | None = None
    for text in vocab.near(word, maxdist):
        if deadline is not None and deadline.passed():
            break
        # The walk's own distance may be plain Levenshtein: the thresholds are checked here,
        # the same for every backend, and the first letter is never changed.
        if text == word or text[:1] != word[:1] or distance(word, text, maxdist) > maxdist:
            continue
        df = vocab.frequency(text)
        if best is None or (df, text) > best:
            best = (df, text)
    if best is None or best[0] == 0:
        return None
    if own and best[0] < own * MIN_RATIO:
        return None
    return best[1]


def _respell(node: Node, vocab: Vocabulary, deadline: Deadline,
             actors: ActorSpeller | None) -> Node:
    if isinstance(node, Word | Phrase) and node.field == "actor" and actors is not None:
        if not deadline.take():
            return node
        name = actors.best(node.text, deadline)
        if name is not None:
            return Phrase(name, "actor") if " " in name else Word(name, "actor")
        if isinstance(node, Phrase):
            return node
        deadline.words += 1  # no actor close: the word may still be a typo of a common word
    if isinstance(node, Word):
        words = fold_words(node.text)
        if len(words) != 1 or not deadline.take():
            return node
        fixed = best_word(vocab, words[0], deadline)
        return Word(fixed, node.field) if fixed else node
    if isinstance(node, Not):
        return node  # excluded words are not worth correcting
    if isinstance(node, And):
        return And(tuple(_respell(c, vocab, deadline, actors) for c in node.children))
    if isinstance(node, Or):
        return Or(tuple(_respell(c, vocab, deadline, actors) for c in node.children))
    return node


def respell(node: Node, vocab: Vocabulary, actors: ActorSpeller | None = None,
            deadline: Deadline | None = None) -> Node | None:
    """``node`` with misspelt or rare words replaced by close frequent ones, and misspelt actor
    names by the index's own; None if unchanged. Bounded by ``deadline`` (``RESPELL_SECONDS``,
    ``MAX_RESPELT`` words): what it has not reached when time is up stays as typed."""
    fixed = _respell(node, vocab, deadline or Deadline(), actors)
    return None if fixed == node else fixed


_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def surface_forms(hits: Iterable[Hit]) -> dict[str, Counter[str]]:
    """The words marked in hits' titles and passages, by folded form: how the text spells
    ``cooperation`` (the vocabulary is folded; the page shows ``coopération``)."""
    forms: dict[str, Counter[str]] = {}
    for hit in hits:
        for html_text in (hit.title_html, *(f.html for f in hit.fragments)):
            for marked in _MARK.findall(str(html_text)):
                word = html.unescape(marked)
                folded = fold_words(word)
                if len(folded) == 1:
                    forms.setdefault(folded[0], Counter())[word] += 1
    return forms


def restore_accents(typed: Node, fixed: Node, forms: dict[str, Counter[str]]) -> Node:
    """``fixed`` with each respelt word in the text's spelling (accents back), lowercase when
    the user typed it so; a word no hit marks stays folded."""
    if isinstance(fixed, Word) and isinstance(typed, Word) and fixed != typed:
        seen = forms.get(fixed.text)
        if not seen:
            return fixed
        word = seen.most_common(1)[0][0]
        return Word(word.lower() if typed.text.islower() else word, fixed.field)
    if isinstance(fixed, And | Or) and isinstance(typed, And | Or):
        return type(fixed)(tuple(restore_accents(t, f, forms)
                                 for t, f in zip(typed.children, fixed.children, strict=True)))
    return fixed


def suggest_text(q: str, reader: IndexReader) -> str | None:
    """``q`` with misspelt or rare words replaced by close frequent ones; None if unchanged."""
    node = parse(q)
    fixed = respell(node, WhooshVocabulary(reader)) if node is not None else None
    return node_text(fixed) if fixed is not None else None
