"""The bulk segment writer gives exactly the index Whoosh's own writer gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import PRESS, SEEDS, _record_actors
from whoosh import index as whoosh_index

from indexer.extract import read_file
from indexer.store.schema import build_schema, to_document
from indexer.store.segments import BulkWriter, SegmentBuilder, analyse, chain_of

BBC = "masakhanews_fra/dev.tsv"


def _documents(shared_data: Any) -> list[dict[str, object]]:
    articles = []
    for root in (SEEDS, PRESS, Path(__file__).parent / "data" / "formats"):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            articles.extend(read_file(path, root, 5_000_000).articles)
    # Real press with every accent and apostrophe the chain folds: BBC Afrique paragraphs.
    for i, line in enumerate(shared_data(BBC).read_text(encoding="utf-8").splitlines()[1:121]):
        cols = line.split("\t")
        body = " ".join(cols[2:])
        articles.extend(read_file(_write(i, cols[1] if len(cols) > 1 else "", body), _TMP[0],
                                  5_000_000).articles)
    docs = []
    for a, (people, orgs, places) in zip(articles, _record_actors(articles), strict=True):
        people = people or tuple(w for w in a.title.split() if w[:1].isupper())[:3]
        docs.append(to_document(a, "h" * 16, people, orgs, places, {p: "ner" for p in people}))
    assert len(docs) > 130
    return docs


_TMP: list[Path] = []


def _write(i: int, title: str, body: str) -> Path:
    path = _TMP[0] / f"bbc-{i:03d}.txt"
    path.write_text(f"{title}\n{body}\n", encoding="utf-8")
    return path


def _dump(ix: Any) -> dict[str, Any]:
    """Everything a reader can tell of an index: terms with postings and statistics, lengths,
    stored fields, columns."""
    out: dict[str, Any] = {}
    with ix.reader() as r:
        out["doc_count"] = r.doc_count()
        schema = ix.schema
        for name in schema.names():
            field = schema[name]
            out[("length", name)] = r.field_length(name)
            out[("lengths", name)] = [r.doc_field_length(n, name) for n in range(r.doc_count())]
            if field.indexed:
                for text in r.lexicon(name):
                    m = r.postings(name, text)
                    postings = []
                    while m.is_active():
                        postings.append((m.id(), m.weight(), m.value()))
                        m.next()
                    info = r.term_info(name, text)
                    out[(name, text)] = (postings, info.weight(), info.doc_frequency(),
                                         info.min_length(), info.max_length(), info.max_weight())
            if field.column_type:
                col = r.column_reader(name)
                out[("column", name)] = [col[n] for n in range(r.doc_count())]
        out["stored"] = [r.stored_fields(n) for n in range(r.doc_count())]
    return out


@pytest.fixture()
def documents(tmp_path: Path, shared_data: Any) -> list[dict[str, object]]:
    _TMP[:] = [tmp_path / "bbc"]
    _TMP[0].mkdir()
    return _documents(shared_data)


def test_bulk_segment_equals_whoosh_writer(tmp_path: Path, documents: list[dict[str, object]]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = whoosh_index.create_in(str(tmp_path / "a"), build_schema())
    with a.writer() as w:
        for doc in documents:
            w.add_document(**doc)
    b = whoosh_index.create_in(str(tmp_path / "b"), build_schema())
    builder = SegmentBuilder(b.storage, b.schema)
    for i, doc in enumerate(documents):
        # Every other one leaves its near-duplicate keys to the builder (`keys=False`).
        builder.add({k: v for k, v in doc.items() if k != "dupkeys"} if i % 2 else doc)
    writer = BulkWriter(b)
    writer.add_segment(builder.finish())
    writer.commit()

    want, got = _dump(a), _dump(b)
    assert want["doc_count"] == got["doc_count"] == len(documents)
    assert sorted(map(str, want)) == sorted(map(str, got))
    differ = [k for k in want if want[k] != got[k]]
    assert differ == []


def test_bulk_segments_commit_beside_existing_ones(tmp_path: Path,
                                                   documents: list[dict[str, object]]) -> None:
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    half = len(documents) // 2
    with ix.writer() as w:
        for doc in documents[:half]:
            w.add_document(**doc)
    builders = [SegmentBuilder(ix.storage, ix.schema) for _ in range(2)]
    for i, doc in enumerate(documents[half:]):
        builders[i % 2].add(doc)
    writer = BulkWriter(ix)
    writer.delete_by_term("id", str(documents[0]["id"]))
    for b in builders:
        writer.add_segment(b.finish())
    writer.commit(merge=False)
    with ix.searcher() as s:
        assert len(s.reader().leaf_readers()) == 3
        assert s.doc_count() == len(documents) - 1
        ids = {f["id"] for f in s.all_stored_fields()}
    assert ids == {str(d["id"]) for d in documents[1:]}


def test_analysis_matches_the_chain() -> None:
    from indexer.analysis import analyze, fold_words

    text = "L’AES, l'Alliance des États du Sahel : Niamey, Œuvre, ½ façon İstanbul Straße _x_ 2025"
    terms, folded = analyse(text)
    flat = sorted((p, t) for t, ps in terms.items() for p in ps)
    assert [t for _, t in flat] == analyze(text)
    assert folded == fold_words(text)
    schema = build_schema()
    assert (chain_of(schema["body"]), chain_of(schema["vocab"]), chain_of(schema["outlet"])) == \
        ("french", "folded", None)
