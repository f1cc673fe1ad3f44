"""Matching and BM25F ranking over numpy arrays, from postings cached per index generation.

Whoosh's ``docs_for_query`` and its collector walk every match in Python: a broad word
(``france``) over five fields is tens of thousands of matcher steps a search. Here each
(field, term) posting list is read once into a sorted ``int32`` array of document numbers
and a ``float32`` array of its length-normalised frequency, kept for the life of the index
generation. ``Or``/``And``/``AndNot`` become mask operations and scoring is scatter-adds.

Ranking is BM25F (Robertson, Zaragoza & Taylor 2004): a word searched in several fields (the
``Or`` of one term per field that ``matching`` builds for a bare word) has its boosted,
length-normalised frequencies summed over the fields *before* the one saturation
``tf·(K1+1)/(tf+K1)``, times one idf counted over the documents holding it in any of those
fields. Scoring each field apart and adding (Whoosh's way) lets a word found in the title and
in the body count nearly twice. An ``AndMaybe`` adds its optional part to the score without
changing what matches: ``matching`` uses it for the exact, unstemmed form of a word (the
``vocab`` field), so ``présidents`` ranks articles saying ``présidents`` above those saying
``président``. Phrases (they need positions) and any other query type are matched by Whoosh;
a phrase scores as its words do.
"""

from __future__ import annotations

import math
import threading

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import Searcher

# Cached posting arrays per generation: beyond this many terms, the cache starts over.
MAX_TERMS = 20_000
# BM25 parameters: Whoosh's B; K1 0.9 as Anserini/Lucene baselines use. On PIAF (bench.quality)
# MRR@10 is flat within 0.004 for K1 0.6–1.5 and B 0.5–0.9: nothing here is tuned to a query set.
B = 0.75
K1 = 0.9

Posting = tuple[np.ndarray, np.ndarray]


def rsj_idf(n: int, df: int) -> float:
    """Robertson–Spärck Jones idf as Lucene and tantivy use it: ``ln(1 + (N - df + .5) / (df + .5))``."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


# The standard BM25 idf; Whoosh's flatter one over-weights common words of long queries.
IDF = rsj_idf


def _read(searcher: Searcher, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers and weights of one term, a block at a time where the codec allows."""
    reader = searcher.reader()
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for sub, offset in reader.leaf_readers():
        if (field, text) not in sub:
            continue
        m = sub.postings(field, text)
        if isinstance(m, FilterMatcher) and isinstance(m.child, W3LeafMatcher):
            # A segment with deletions (a document re-written with its actors): its raw
            # postings, as every mask is ANDed with the live documents.
            m = m.child
        if isinstance(m, W3LeafMatcher):
            while m.is_active():
                m._read_ids()
                m._read_weights()
                ids.append(np.asarray(m._ids, dtype=np.int64) + offset)
                weights.append(np.asarray(m._weights, dtype=np.float32))
                m._next_block()
        else:  # another codec: one posting at a time
            i, w = [], []
            while m.is_active():
                i.append(m.id() + offset)
                w.append(m.weight())
                m.next()
            ids.append(np.array(i, dtype=np.int64))
            weights.append(np.array(w, dtype=np.float32))
    if not ids:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids).astype(np.int32), np.concatenate(weights)


class Postings:
    """Query → match mask and scores over the document numbers of one index generation."""

    def __init__(self, ndocs: int) -> None:
        self.ndocs = ndocs
        self._cache: dict[tuple[str, str], Posting] = {}
        self._lengths: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _field_lengths(self, searcher: Searcher, field: str) -> np.ndarray:
        lengths = self._lengths.get(field)
        if lengths is None:
            # Whoosh's own (byte-quantised) lengths, so that scores equal its BM25F.
            fl = searcher.doc_field_length
            lengths = np.fromiter((fl(n, field, 1) for n in range(self.ndocs)), dtype=np.float32,
                                  count=self.ndocs)
            self._lengths[field] = lengths
        return lengths

    def _norm_tf(self, searcher: Searcher, field: str, text: str) -> Posting:
        """Documents holding ``text`` in ``field`` and its boosted frequency over the length norm."""
        key = ("\x00tf:" + field, text)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        if field not in searcher.schema:
            ids, ntf = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        else:
            # The stored weight is the frequency times the field's boost (title 2.5…).
            ids, weight = _read(searcher, field, text)
            avgfl = np.float32(searcher.avg_field_length(field) or 1)
            fl = self._field_lengths(searcher, field)[ids] if len(ids) else np.zeros(0, np.float32)
            ntf = weight / ((1 - B) + B * fl / avgfl)
        return self._keep(key, (ids, ntf.astype(np.float32)))

    def _keep(self, key: tuple[str, str], value: Posting) -> Posting:
        with self._lock:
            if len(self._cache) >= MAX_TERMS:
                self._cache.clear()
            self._cache[key] = value
        return value

    def posting(self, searcher: Searcher, field: str, text: str) -> Posting:
        """The documents holding ``text`` in ``field`` and the term's BM25 score in each."""
        return self.group(searcher, (field,), text)

    def group(self, searcher: Searcher, fields: tuple[str, ...], text: str) -> Posting:
        """The documents holding ``text`` in any of ``fields`` and its BM25F score in each."""
        key = ("\x00bm25f:" + ",".join(fields), text)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        parts = [self._norm_tf(searcher, f, text) for f in fields]
        if len(parts) == 1:
            ids, tf = parts[0]
        else:
            acc = np.zeros(self.ndocs, dtype=np.float32)
            for pids, ptf in parts:
                acc[pids] += ptf  # a document appears once in one field's posting list
            ids = np.flatnonzero(acc).astype(np.int32)
            tf = acc[ids]
        idf = np.float32(IDF(searcher.doc_count_all(), len(ids))) if len(ids) else np.float32(0)
        score = idf * (tf * np.float32(K1 + 1)) / (tf + np.float32(K1))
        return self._keep(key, (ids, score.astype(np.float32)))

    def mask(self, searcher: Searcher, query: wq.Query, alive: np.ndarray) -> np.ndarray:
        """Live documents matching ``query``."""
        return self._mask(searcher, query, alive) & alive

    def _mask(self, searcher: Searcher, q: wq.Query, alive: np.ndarray) -> np.ndarray:
        if isinstance(q, wq.Term):
            out = np.zeros(self.ndocs, dtype=bool)
            out[self.posting(searcher, q.fieldname, q.text)[0]] = True
            return out
        if isinstance(q, wq.Or):
            out = np.zeros(self.ndocs, dtype=bool)
            for sub in q.subqueries:
                if isinstance(sub, wq.Term):  # the common case, without a temporary mask
                    out[self.posting(searcher, sub.fieldname, sub.text)[0]] = True
                else:
                    out |= self._mask(searcher, sub, alive)
            return out
        if isinstance(q, wq.And):
            out = alive.copy()
            for sub in q.subqueries:
                out &= self._mask(searcher, sub, alive)
            return out
        if isinstance(q, wq.AndNot):
            return self._mask(searcher, q.a, alive) & ~self._mask(searcher, q.b, alive)
        if isinstance(q, wq.AndMaybe):
            return self._mask(searcher, q.a, alive)
        if isinstance(q, wq.Every):
            return alive.copy()
        if q is wq.NullQuery:
            return np.zeros(self.ndocs, dtype=bool)
        out = np.zeros(self.ndocs, dtype=bool)
        if isinstance(q, wq.Phrase):
            out[self._phrase(searcher, q, alive)] = True
            return out
        out[np.fromiter(searcher.docs_for_query(q), dtype=np.int64)] = True
        return out

    def _phrase(self, searcher: Searcher, q: wq.Phrase, alive: np.ndarray) -> np.ndarray:
        """Documents holding the phrase: checked by Whoosh once, then cached like a term."""
        key = ("\x00phrase:" + q.fieldname, " ".join(q.words))
        hit = self._cache.get(key)
        if hit is not None:
            return hit[0]
        words = wq.And([wq.Term(q.fieldname, w) for w in q.words])
        if self._mask(searcher, words, alive).any():  # positions only where every word occurs
            ids = np.fromiter(searcher.docs_for_query(q), dtype=np.int32)
        else:
            ids = np.zeros(0, dtype=np.int32)
        self._keep(key, (ids, np.zeros(0, dtype=np.float32)))
        return ids

    def scores(self, searcher: Searcher, query: wq.Query) -> np.ndarray:
        """Each document's BM25F score for ``query`` (sum over matched terms and fields)."""
        out = np.zeros(self.ndocs, dtype=np.float32)
        self._score(searcher, query, out)
        return out

    def _score(self, searcher: Searcher, q: wq.Query, out: np.ndarray) -> None:
        if isinstance(q, wq.Term):
            ids, score = self.posting(searcher, q.fieldname, q.text)
            out[ids] += score * np.float32(q.boost)
        elif isinstance(q, wq.Phrase):
            for word in q.words:
                self._score(searcher, wq.Term(q.fieldname, word, boost=q.boost), out)
        elif isinstance(q, wq.AndNot):
            self._score(searcher, q.a, out)
        elif isinstance(q, wq.Or) and (words := _same_words(q.subqueries)) is not None:
            fields = tuple(sub.fieldname for sub in q.subqueries)
            for word in words:  # one word searched in several fields: BM25F
                ids, score = self.group(searcher, fields, word)
                out[ids] += score * np.float32(q.boost)
        elif isinstance(q, wq.CompoundQuery):  # And, Or, AndMaybe (both parts score)
            for sub in q.subqueries:
                self._score(searcher, sub, out)


def _same_words(subs: list[wq.Query]) -> list[str] | None:
    """The words, when ``subs`` are one term (or one phrase) per distinct field, unboosted."""
    if not subs or any(s.boost != 1 for s in subs):
        return None
    if all(isinstance(s, wq.Term) for s in subs):
        words = {s.text for s in subs}  # type: ignore[attr-defined]
        found = [str(s.text) for s in subs[:1]]  # type: ignore[attr-defined]
    elif all(isinstance(s, wq.Phrase) for s in subs):
        words = {tuple(s.words) for s in subs}  # type: ignore[attr-defined]
        found = list(dict.fromkeys(subs[0].words))  # type: ignore[attr-defined]
    else:
        return None
    fields = [s.fieldname for s in subs]  # type: ignore[attr-defined]
    return found if len(words) == 1 and len(set(fields)) == len(fields) else None


def top(scores: np.ndarray, ids: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` best of ``ids`` by descending score, ties by document number."""
    s = scores[ids]
    if len(ids) > k:
        keep = np.argpartition(-s, k - 1)[:k]
        ids, s = ids[keep], s[keep]
    return ids[np.lexsort((ids, -s))]
