"""Grouping near-identical articles: the same communiqué published by several outlets.

Two articles are near-identical when the sets of 4-word shingles of their (folded) opening
words overlap by at least ``THRESHOLD`` (Jaccard). Grouping is done on one page of hits: the
first (best-ranked) article of a group is shown, the others are listed as "repris par".

>>> a = "Les ministres de la Défense se sont réunis à Bamako pour adopter le plan commun"
>>> similar(signature(a), signature("BAMAKO — " + a))
True
>>> similar(signature(a), signature("Le capitaine a inauguré une usine de tomates à Bobo"))
False
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .analysis import fold_words

SHINGLE = 4
OPENING_WORDS = 400
THRESHOLD = 0.6

T = TypeVar("T")


def signature(text: str) -> frozenset[int]:
    """Hashes of the 4-word shingles of the first ``OPENING_WORDS`` folded words."""
    words = fold_words(text)[:OPENING_WORDS]
    if len(words) < SHINGLE:
        return frozenset({hash(" ".join(words))}) if words else frozenset()
    return frozenset(hash(" ".join(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1))


def similar(a: frozenset[int], b: frozenset[int]) -> bool:
    """Whether two signatures are near-identical (Jaccard ≥ ``THRESHOLD``)."""
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= THRESHOLD


@dataclass
class Group(Generic[T]):
    """One shown item and the near-identical items folded under it."""

    lead: T
    others: list[T] = field(default_factory=list)


def group(items: Sequence[T], text_of: Callable[[T], str]) -> list[Group[T]]:
    """``items`` in order, each near-identical one folded under the first of its kind."""
    groups: list[tuple[frozenset[int], Group[T]]] = []
    for item in items:
        sig = signature(text_of(item))
        for lead_sig, g in groups:
            if similar(sig, lead_sig):
                g.others.append(item)
                break
        else:
            groups.append((sig, Group(item)))
    return [g for _, g in groups]
