"""Grouping near-identical articles: the same communiqué published by several outlets.

Two articles are near-identical when the sets of 4-word shingles of their (folded) opening
words overlap by at least ``THRESHOLD`` (Jaccard). Each article's ``KEYS`` MinHash values are
computed when it is indexed and stored in a column; the share of equal values between two
articles estimates their Jaccard (±0.09 at 0.6 with 32 values), so grouping reads no text at
query time: numpy compares each result's keys with those of the results already shown.

A search groups its best ``WINDOW`` results beyond the page it shows, in rank order: each
article joins the first better-ranked article it nearly copies, so page 2 does not show again
what page 1 folded under "repris par".

>>> a = ("Les ministres de la Défense se sont réunis à Bamako pour adopter le plan commun de la "
...      "force unifiée, qui comptera cinq mille hommes d'ici la fin de l'année")
>>> keys = np.stack([key_row(t) for t in (a, "BAMAKO — " + a, "Une usine de tomates à Bobo")])
>>> group_ranked([0, 1, 2], keys)
[[0, 1], [2]]
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import numpy as np

from .analysis import fold_words

SHINGLE = 4
OPENING_WORDS = 400
# Enough characters for OPENING_WORDS French words: the rest of a long article is not read.
OPENING_CHARS = OPENING_WORDS * 12
THRESHOLD = 0.6
# MinHash values kept per article (uint32 each), and the results grouped beyond the page shown.
KEYS = 32
WINDOW = 100
KEY_BYTES = 4 * KEYS

# Fixed odd multipliers and offsets (multiply-shift hashing): the same text gets the same keys
# in every process.
_RNG = np.random.default_rng(20261123)
_MUL = (_RNG.integers(1, 2**63, KEYS, dtype=np.uint64) | np.uint64(1))[:, None]
_ADD = _RNG.integers(0, 2**63, KEYS, dtype=np.uint64)[:, None]

T = TypeVar("T")


def shingles(text: str) -> np.ndarray:
    """CRC-32 of each 4-word shingle of the first ``OPENING_WORDS`` folded words of ``text``."""
    words = fold_words(text[:OPENING_CHARS])[:OPENING_WORDS]
    if len(words) < SHINGLE:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    return np.array([zlib.crc32(g.encode()) for g in grams], dtype=np.uint64)


def key_row(text: str) -> np.ndarray:
    """The ``KEYS`` MinHash values of ``text`` (all zero for a text without words)."""
    h = shingles(text)
    if not len(h):
        return np.zeros(KEYS, dtype=np.uint32)
    with np.errstate(over="ignore"):
        mixed = (_MUL * h[None, :] + _ADD) >> np.uint64(33)  # 31 bits: +1 never overflows
    return (mixed.min(axis=1) + np.uint64(1)).astype(np.uint32)


def dup_keys(text: str) -> bytes:
    """``key_row`` packed for the index column."""
    return key_row(text).astype("<u4").tobytes()


def key_table(column: Callable[[int], bytes | None] | None, ndocs: int) -> np.ndarray:
    """Every document's keys as an ``(ndocs, KEYS)`` array (zeros where the column has none)."""
    if column is None or ndocs == 0:
        return np.zeros((ndocs, KEYS), dtype=np.uint32)
    empty = bytes(KEY_BYTES)
    raw = b"".join((v if v and len(v) == KEY_BYTES else empty) for v in map(column, range(ndocs)))
    return np.frombuffer(raw, dtype="<u4").reshape(ndocs, KEYS).astype(np.uint32)


def group_ranked(docnums: Sequence[int], keys: np.ndarray) -> list[list[int]]:
    """``docnums`` (best first) as groups: each one's first is shown, the rest fold under it."""
    if not len(docnums):
        return []
    rows = keys[np.asarray(docnums, dtype=np.int64)]
    n = len(rows)
    # Every pair at once (n ≤ page + WINDOW): the share of equal MinHash values, over signed rows.
    signed: np.ndarray = np.asarray(rows.any(axis=1))
    equal = (rows[:, None, :] == rows[None, :, :]).sum(axis=2)
    sim: np.ndarray = equal >= THRESHOLD * KEYS
    sim &= signed[:, None] & signed[None, :]
    sim &= np.tri(n, k=-1, dtype=bool)  # only better-ranked results can take one in
    groups: list[list[int]] = []
    group_of = np.full(n, -1, dtype=np.int64)  # for a lead: its group; -1 for a folded copy
    for i in range(n):
        home = -1
        if sim[i].any():
            leads = np.flatnonzero(sim[i] & (group_of >= 0))
            home = int(group_of[leads[0]]) if len(leads) else -1
        if home >= 0:
            groups[home].append(docnums[i])
        else:
            group_of[i] = len(groups)
            groups.append([docnums[i]])
    return groups


@dataclass
class Group(Generic[T]):
    """One shown item and the near-identical items folded under it."""

    lead: T
    others: list[T] = field(default_factory=list)
