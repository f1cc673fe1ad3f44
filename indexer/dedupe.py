"""Grouping near-identical articles: the same communiqué published by several outlets.

Two articles are near-identical when the sets of 4-word shingles of their (folded) opening
words overlap by at least ``THRESHOLD`` (Jaccard).

Each article's ``KEYS`` MinHash values are computed when it is indexed and stored in a
column, so grouping needs no text at query time but for the few pairs that share a key: a
shared MinHash value makes a pair a candidate (probability = their Jaccard), and the
signatures confirm it. A search groups its best ``WINDOW`` results beyond the page it shows,
in rank order: each article joins the first shown article it nearly copies, so page 2 does
not show again what page 1 folded under "repris par".

>>> a = "Les ministres de la Défense se sont réunis à Bamako pour adopter le plan commun"
>>> similar(signature(a), signature("BAMAKO — " + a))
True
>>> similar(signature(a), signature("Le capitaine a inauguré une usine de tomates à Bobo"))
False
>>> len(dup_keys(a)), dup_keys("") == bytes(KEY_BYTES)
(24, True)
"""

from __future__ import annotations

import struct
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
# MinHash values kept per article, and the ranked results grouped beyond the page shown.
KEYS = 3
WINDOW = 100
KEY_BYTES = 8 * KEYS

_PRIME = (1 << 61) - 1
# Fixed odd multipliers and offsets: the same article gets the same keys in every process.
_MUL = (0x5851F42D4C957F2D % _PRIME, 0x2545F4914F6CDD1D % _PRIME, 0x9E3779B97F4A7C15 % _PRIME)
_ADD = (0x14057B7EF767814F % _PRIME, 0x27BB2EE687B0B0FD % _PRIME, 0x6A09E667F3BCC909 % _PRIME)

T = TypeVar("T")


def signature(text: str) -> frozenset[int]:
    """Stable hashes (CRC-32) of the 4-word shingles of the first ``OPENING_WORDS`` folded words."""
    words = fold_words(text[:OPENING_CHARS])[:OPENING_WORDS]
    if len(words) < SHINGLE:
        return frozenset({zlib.crc32(" ".join(words).encode())}) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
                     for i in range(len(words) - SHINGLE + 1))


def similar(a: frozenset[int], b: frozenset[int]) -> bool:
    """Whether two signatures are near-identical (Jaccard ≥ ``THRESHOLD``)."""
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= THRESHOLD


def dup_keys(text: str) -> bytes:
    """The ``KEYS`` MinHash values of ``text``'s signature, packed for the index column.

    All zero for a text without words (zero never makes a candidate).
    """
    sig = signature(text)
    if not sig:
        return bytes(KEY_BYTES)
    values = [1 + min((m * h + a) % _PRIME for h in sig) for m, a in zip(_MUL, _ADD, strict=True)]
    return struct.pack(f"<{KEYS}Q", *values)


def key_table(column: Callable[[int], bytes | None] | None, ndocs: int) -> np.ndarray:
    """Every document's keys as an ``(ndocs, KEYS)`` array (zeros where the column has none)."""
    if column is None or ndocs == 0:
        return np.zeros((ndocs, KEYS), dtype=np.uint64)
    raw = b"".join((column(n) or bytes(KEY_BYTES)) for n in range(ndocs))
    return np.frombuffer(raw, dtype="<u8").reshape(ndocs, KEYS).astype(np.uint64)


def group_ranked(docnums: Sequence[int], keys: np.ndarray, text_of: Callable[[int], str]
                 ) -> list[list[int]]:
    """``docnums`` (best first) as groups: each one's first is shown, the rest fold under it."""
    groups: list[list[int]] = []
    by_key: dict[int, list[int]] = {}
    sigs: dict[int, frozenset[int]] = {}

    def sig(n: int) -> frozenset[int]:
        if n not in sigs:
            sigs[n] = signature(text_of(n))
        return sigs[n]

    rows = keys[np.asarray(docnums, dtype=np.int64)].tolist() if len(docnums) else []
    for n, row in zip(docnums, rows, strict=True):
        candidates = dict.fromkeys(g for k in row if k for g in by_key.get(k, ()))
        home = next((g for g in candidates if similar(sig(n), sig(groups[g][0]))), None)
        if home is not None:
            groups[home].append(n)
            continue
        for k in row:
            if k:
                by_key.setdefault(k, []).append(len(groups))
        groups.append([n])
    return groups


@dataclass
class Group(Generic[T]):
    """One shown item and the near-identical items folded under it."""

    lead: T
    others: list[T] = field(default_factory=list)
