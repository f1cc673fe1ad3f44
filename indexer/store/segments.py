"""Whoosh segments written in bulk: the same files Whoosh's own writer makes, a few times faster.

Whoosh's ``add_document`` sends every field through a chain of token generators, puts each
posting through an external sort (pickled to temporary runs and merged back), and at commit
looks up each posting's field length one by one: 97 % of a build without actors
(cProfile of 10,000 OrangeSum articles, 193 s: analysis 50 s, the pool 29 s, the commit 82 s).
Here a ``SegmentBuilder`` keeps the postings of one segment in memory, term by term:

- the French chain (``analysis.py``) runs once per distinct raw word, not once per token: a
  word's lowercased, folded and stemmed forms are looked up in a table, and the folded form is
  what the ``vocab`` field counts, so title and body are read once for both fields;
- the postings of a term are already in document order, so nothing is sorted but the terms;
- field lengths are known when a document is added, so none is read back.

Other fields go through their Whoosh field object as before. The files are written by Whoosh's
own codec (``W3Codec``) and the segment is committed by Whoosh's writer
(``BulkWriter``): an index built here is read, merged and updated like any other, and a test
checks that it holds exactly the terms, postings, lengths, stored fields and columns Whoosh's
writer gives the same documents. Segments are independent, so a build writes several at once
in worker processes (``store/build.py``).
"""

from __future__ import annotations

import pickle
import re
import struct
from array import array
from collections import defaultdict
from functools import lru_cache
from typing import Any

from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, RegexTokenizer
from whoosh.codec.whoosh3 import W3Codec, W3Segment
from whoosh.fields import Schema
from whoosh.filedb.filestore import Storage
from whoosh.formats import Frequency, Positions
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import MERGE_SMALL, SegmentWriter

from ..analysis import TOKEN_PATTERN, FoldFilter, FrenchStemFilter, FrenchStopFilter, stem_word
from ..dedupe import dup_keys
from ..folding import STOP_WORDS, fold

_TOKEN = re.compile(TOKEN_PATTERN)
# Whoosh's pack_uint (whoosh.system): a big-endian unsigned int.
_pack_uint = struct.Struct("!I").pack

# raw word → (its folded lowercase form, its stem, or None for a stop word)
_WORDS: dict[str, tuple[str, str | None]] = {}
_MAX_WORDS = 1_000_000

FRENCH = "french"
FOLDED = "folded"
# A segment below this many live documents is merged with the other small ones at a commit;
# bigger ones (a build's) are left alone: merging goes through Whoosh's slow path.
SMALL_SEGMENT = 2_000


def _word(raw: str) -> tuple[str, str | None]:
    hit = _WORDS.get(raw)
    if hit is None:
        folded = fold(raw.lower())
        stem = stem_word(folded) if folded and folded not in STOP_WORDS else None
        if len(_WORDS) >= _MAX_WORDS:
            _WORDS.clear()
        hit = _WORDS[raw] = (folded, stem)
    return hit


def chain_of(field: Any) -> str | None:
    """Which of the two chains of ``analysis.py`` a field's analyzer is, or None (another one)."""
    analyzer = getattr(field, "analyzer", None)
    if not isinstance(analyzer, CompositeAnalyzer):
        return None
    items = analyzer.items
    if not items or type(items[0]) is not RegexTokenizer or items[0].gaps or \
            items[0].expression.pattern != TOKEN_PATTERN:
        return None
    kinds = [type(x) for x in items[1:]]
    if kinds == [LowercaseFilter, FoldFilter, FrenchStopFilter, FrenchStemFilter] and \
            items[3].stops == STOP_WORDS and items[3].min == 1:
        return FRENCH
    if kinds == [LowercaseFilter, FoldFilter]:
        return FOLDED
    return None


def analyse(text: str) -> tuple[dict[str, list[int]], list[str]]:
    """The French chain's terms of ``text`` with their positions, and its folded words.

    >>> terms, folded = analyse("La sécurité de l’AES, la sécurité")
    >>> terms, folded
    ({'securit': [0, 2], 'ae': [1]}, ['la', 'securite', 'de', 'l', 'aes', 'la', 'securite'])
    """
    terms: dict[str, list[int]] = {}
    folded: list[str] = []
    pos = 0
    word = _word
    for raw in _TOKEN.findall(text):
        f, stem = word(raw)
        folded.append(f)
        if stem is not None:
            at = terms.get(stem)
            if at is None:
                terms[stem] = [pos]
            else:
                at.append(pos)
            pos += 1
    return terms, folded


def _positions(poslist: list[int]) -> bytes:
    # Whoosh's Positions.encode: the count, then the pickled deltas.
    deltas = []
    base = 0
    for p in poslist:
        deltas.append(p - base)
        base = p
    return _pack_uint(len(deltas)) + pickle.dumps(deltas, 2)


@lru_cache(maxsize=4096)
def _one_position(pos: int) -> bytes:
    # Most postings hold one position: its encoding, once.
    return _positions([pos])


class SegmentBuilder:
    """One new segment of an index, built in memory and written at ``finish``."""

    def __init__(self, storage: Storage, schema: Schema, indexname: str = "MAIN") -> None:
        self.storage = storage
        self.schema = schema
        self.codec = W3Codec()
        self.segment: W3Segment = self.codec.new_segment(storage, indexname)
        self.perdoc = self.codec.per_document_writer(storage, self.segment)
        self.docnum = 0
        # field → term bytes → [docnum, weight, value, docnum, weight, value, …]
        self.postings: dict[str, dict[bytes, list[Any]]] = defaultdict(dict)
        # field → quantised length of each document (None: no length)
        self.lengths: dict[str, dict[int, int | None]] = defaultdict(dict)
        self.chains = {name: chain_of(f) for name, f in schema.items()}

    def add(self, fields: dict[str, Any]) -> None:
        """Add one document, as ``SegmentWriter.add_document(**fields)`` would."""
        schema = self.schema
        docnum = self.docnum
        perdoc = self.perdoc
        if "dupkeys" not in fields and "dupkeys" in schema and isinstance(fields.get("body"), str):
            # Left to us by `to_document(keys=False)`: computed here, in the worker.
            fields = dict(fields, dupkeys=dup_keys(str(fields["body"])))
        names = sorted(n for n in fields if not n.startswith("_"))
        analysed: dict[str, tuple[dict[str, list[int]], list[str]]] = {}
        perdoc.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                chain = self.chains.get(name)
                if chain == FRENCH and isinstance(value, str) and isinstance(field.format, Positions):
                    terms, folded = analysed.get(name) or analyse(value)
                    analysed[name] = (terms, folded)
                    boost = field.format.field_boost
                    table = self.postings[name]
                    for stem, poslist in terms.items():
                        n = len(poslist)
                        length += n
                        # The same (document, weight, positions) a posting Whoosh's way.
                        entry = (docnum, float(n) * boost,
                                 _one_position(poslist[0]) if n == 1 else _positions(poslist))
                        key = stem.encode("utf-8")
                        plist = table.get(key)
                        if plist is None:
                            table[key] = list(entry)
                        else:
                            plist.extend(entry)
                elif chain == FOLDED and isinstance(value, str) and \
                        isinstance(field.format, Frequency) and type(field.format) is Frequency:
                    counts: dict[str, int] = {}
                    for f in self._folded(value, fields, analysed):
                        counts[f] = counts.get(f, 0) + 1
                    boost = field.format.field_boost
                    table = self.postings[name]
                    for word, n in counts.items():
                        length += n
                        entry = (docnum, float(n) * boost, _pack_uint(n))
                        key = word.encode("utf-8")
                        plist = table.get(key)
                        if plist is None:
                            table[key] = list(entry)
                        else:
                            plist.extend(entry)
                else:
                    scorable = field.scorable
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if scorable:
                            length += freq
                        self._post(name, tbytes, docnum, weight, vbytes)
                if not field.scorable:
                    length = 0
            perdoc.add_field(name, field, value if field.stored else None, length)
            if length:
                lb = length_to_byte(length)
                self.lengths[name][docnum] = byte_to_length(lb) if lb else None
            column = field.column_type
            if column:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self.docnum += 1

    def _folded(self, value: str, fields: dict[str, Any],
                analysed: dict[str, tuple[dict[str, list[int]], list[str]]]) -> list[str]:
        # The vocabulary of `title\nbody` is the folded words of the title, then of the body:
        # reuse them when those fields were analysed (fields are added in name order).
        title, body = fields.get("title"), fields.get("body")
        if isinstance(title, str) and isinstance(body, str) and value == f"{title}\n{body}":
            parts = []
            for name, text in (("title", title), ("body", body)):
                got = analysed.get(name)
                parts.append(got[1] if got is not None else analyse(text)[1])
            return parts[0] + parts[1]
        return analyse(value)[1]

    def _post(self, name: str, tbytes: bytes, docnum: int, weight: float, vbytes: bytes) -> None:
        terms = self.postings[name]
        plist = terms.get(tbytes)
        if plist is None:
            terms[tbytes] = [docnum, weight, vbytes]
        else:
            plist.extend((docnum, weight, vbytes))

    def finish(self) -> W3Segment:
        """Write the segment's files (a compound file) and return it, to commit."""
        self.perdoc.close()
        fw = self.codec.field_writer(self.storage, self.segment)
        for name in sorted(self.postings):
            fw.start_field(name, self.schema[name])
            lengths = self.lengths.get(name, {})
            terms = self.postings[name]
            for tbytes in sorted(terms):
                flat = terms[tbytes]  # docnum, weight, value, docnum, …
                ids, weights, values = flat[0::3], flat[1::3], flat[2::3]
                fw.start_term(tbytes)
                _add_postings(fw._postwriter, ids, weights, values,
                              [lengths.get(d) for d in ids])
                fw.finish_term()
            fw.finish_field()
        fw.close()
        self.postings.clear()
        self.segment.set_doc_count(self.docnum)
        self.segment.create_compound_file(self.storage)
        self.segment.compound = True
        return self.segment


def _add_postings(pw: Any, ids: list[int], weights: list[float], values: list[bytes],
                  lengths: list[int | None]) -> None:
    """One term's postings into Whoosh's postings writer a block at a time, as its
    ``add_posting`` would one at a time (a full block is written when the next posting comes;
    the last one by ``finish_postings``, inlined when short)."""
    limit = pw._blocklimit
    n = len(ids)
    for start in range(0, n, limit):
        if start:
            pw._write_block()
        end = min(start + limit, n)
        pw._ids = array("I", ids[start:end])
        block_w = weights[start:end]
        pw._weights = array("f", block_w)
        pw._values = [v for v in values[start:end] if v]
        pw._maxweight = max(0, max(block_w))
        given = [x for x in lengths[start:end] if x]
        pw._minlength = min(given) if given else None
        pw._maxlength = max(given) if given else 0


class BulkWriter(SegmentWriter):
    """Whoosh's writer (deletions, merges, the table of contents) committing prepared segments
    beside whatever it was given itself."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.prepared: list[W3Segment] = []

    def add_segment(self, segment: W3Segment) -> None:
        """Commit ``segment`` (written by a ``SegmentBuilder`` on this index's storage)."""
        self.prepared.append(segment)

    def _commit_toc(self, segments: list[W3Segment]) -> None:
        super()._commit_toc(list(segments) + self.prepared)


def merge_small(writer: SegmentWriter, segments: list[W3Segment]) -> list[W3Segment]:
    """Whoosh's ``MERGE_SMALL`` among the small segments only, dropping emptied ones.

    A build's big segments are never merged (Whoosh's merge reads and rewrites every posting
    in Python); a segment whose documents were all deleted (re-written with their actors) goes.
    """
    live = [s for s in segments if s.deleted_count() < s.doc_count_all()]
    big = [s for s in live if s.doc_count() >= SMALL_SEGMENT]
    small = [s for s in live if s.doc_count() < SMALL_SEGMENT]
    return big + list(MERGE_SMALL(writer, small))
