"""Highlighted fragments: sentences that hold the query's words, with each match marked.

The text is run through the index's own analyzer with character offsets, so a query for
``securite`` marks the original ``sécurité`` and ``aes`` marks the ``AES`` of ``l’AES``.
Text is escaped first; only our ``<mark>`` tags are added, so the result is safe HTML.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..analysis import TOKEN_PATTERN, analyze
from .matching import prefix_stem
from .query import Node, Phrase, Prefix, Word, positive_leaves

_TOKEN = re.compile(TOKEN_PATTERN)
MAX_SCAN = 100_000
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[«\"“A-ZÀ-Ý0-9])|\n+")


@dataclass(frozen=True)
class Terms:
    """What to mark: exact stems and stem prefixes from the query's positive leaves."""

    stems: frozenset[str]
    prefixes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.stems or self.prefixes)

    def matches(self, stem: str) -> bool:
        """Whether an analysed token ``stem`` is one the query asked for."""
        return stem in self.stems or any(stem.startswith(p) for p in self.prefixes)


@dataclass(frozen=True)
class Fragment:
    """One highlighted passage: its HTML, and its span and marks as character offsets."""

    html: Markup
    start: int
    end: int
    marks: tuple[tuple[int, int], ...]


def query_terms(node: Node | None) -> Terms:
    """The stems and prefixes a query's positive words contribute."""
    stems: set[str] = set()
    prefixes: list[str] = []
    for leaf in positive_leaves(node):
        if isinstance(leaf, Word | Phrase):
            stems.update(analyze(leaf.text))
        elif isinstance(leaf, Prefix):
            prefixes.append(prefix_stem(leaf.text))
    return Terms(frozenset(stems), tuple(prefixes))


def match_spans(text: str, terms: Terms) -> list[tuple[int, int]]:
    """Character spans of every token of ``text`` that the query matches."""
    if not terms or not text:
        return []
    # Same tokens as the index's analyzer (its tokenizer, then per-token filters), but the
    # regexes run in C and only distinct words are looked up, in a per-process table: a body
    # is thousands of tokens and snippets are made for every hit of a page.
    stems, prefixes = terms.stems, terms.prefixes
    hits = []
    for word in set(_TOKEN.findall(text)):
        term = _TERMS.get(word)
        if term is None:
            term = _term_of(word)
        if term in stems or (prefixes and term and term.startswith(prefixes)):
            hits.append(word)
    if not hits:
        return []
    # A token is a maximal run of letters and digits: bound each matching word by non-tokens.
    words = "|".join(re.escape(w) for w in sorted(hits, key=len, reverse=True))
    return [m.span() for m in re.finditer(rf"(?<![^\W_])(?:{words})(?![^\W_])", text)]


_TERMS: dict[str, str] = {}
MAX_TERMS = 500_000


def _term_of(word: str) -> str:
    """The index term of one token ('' for a stop word), remembered in ``_TERMS``."""
    terms = analyze(word)
    if len(_TERMS) >= MAX_TERMS:
        _TERMS.clear()
    _TERMS[word] = term = terms[0] if terms else ""
    return term


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> Markup:
    """``text[start:end]`` escaped, with each span inside it wrapped in ``<mark>``."""
    end = len(text) if end is None else end
    out: list[str] = []
    pos = start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(str(escape(text[pos:s])))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(str(escape(text[pos:end])))
    return Markup("".join(out))


def highlight(text: str, terms: Terms) -> Markup:
    """The whole of ``text`` escaped, every match marked (titles, article pages)."""
    return mark(text, match_spans(text, terms))


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in SENTENCE_BREAK.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def fragments(text: str, terms: Terms, top: int = 3, width: int = 260) -> list[Fragment]:
    """Up to ``top`` sentences richest in matches, in text order, each at most ~``width`` chars.

    With no match (an empty query, or a match in the title only) the opening is returned.
    A long text is read ``MAX_SCAN`` characters at a time up to the first part that matches: a
    hit's snippet costs the reading of a 5 MB article only when its match is at the very end.
    """
    start = 0
    while start < len(text):
        end = len(text) if start + MAX_SCAN >= len(text) else text.rfind(" ", start, start + MAX_SCAN)
        end = start + MAX_SCAN if end <= start else end
        found = _fragments(text[start:end], terms, top, width)
        if found:
            return [Fragment(f.html, f.start + start, f.end + start,
                             tuple((a + start, b + start) for a, b in f.marks)) for f in found]
        start = end
    end = _cut_end(text, 0, width)
    return [Fragment(mark(text, [], 0, end) + ("…" if end < len(text) else ""), 0, end, ())]


def _fragments(text: str, terms: Terms, top: int, width: int) -> list[Fragment]:
    """The passages of ``text`` richest in matches ([] when nothing matches)."""
    spans = match_spans(text, terms)
    if not spans:
        return []
    scored = []
    starts = [a for a, _ in spans]  # sorted: one pass over the sentences, a bisect into the matches
    for s, e in _sentences(text):
        lo, hi = bisect_left(starts, s), bisect_right(starts, e)
        inside = [(a, b) for a, b in spans[lo:hi] if b <= e]
        if inside:
            distinct = len({text[a:b].lower() for a, b in inside})
            scored.append((distinct, len(inside), -s, s, e, inside))
    best = sorted(scored, reverse=True)[:top]
    out = []
    for _d, _n, _neg, s, e, inside in sorted(best, key=lambda row: row[3]):
        if e - s > width:
            # Centre the window on the first match, on word boundaries.
            first = inside[0][0]
            s2 = max(s, text.rfind(" ", s, max(s, first - width // 3)) + 1)
            e = min(e, _cut_end(text, s2, width))
            prefix = "…" if s2 > s else ""
            s = s2
        else:
            prefix = ""
        suffix = "…" if e < len(text) and text[e - 1] not in ".!?…»" else ""
        kept = tuple((a, b) for a, b in inside if a >= s and b <= e)
        out.append(Fragment(Markup(prefix) + mark(text, list(kept), s, e) + suffix, s, e, kept))
    return out


def _cut_end(text: str, start: int, width: int) -> int:
    end = start + width
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", start, end)
    return space if space > start else end
