"""Incremental reindexing: add, change, delete; bad files; versions; locking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.errors import IndexBusy, IndexMissing, IndexOutdated
from indexer.index_dir import open_index, writer_lock
from indexer.search import Engine, SearchRequest
from indexer.store import sync

NEW_ARTICLE = """Le Niger et le Mali signent un accord sur l'énergie solaire
Niamey, 12 mars 2025 – Les ministres de l'Énergie du Niger et du Mali ont signé un accord \
de coopération pour développer des centrales solaires dans la zone des trois frontières.
"""


def total(index: Path, q: str) -> int:
    return Engine(index).search(SearchRequest(q=q)).total


def test_first_sync_adds_everything(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    report = sync(corpus, index)
    assert "3 ajoutés, 0 modifié, 0 supprimé, 0 en erreur" == report.summary()
    assert 3 == report.documents


def test_second_sync_touches_nothing(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    sync(corpus, index)
    report = sync(corpus, index)
    assert ("0 ajouté, 0 modifié, 0 supprimé, 0 en erreur", 3) == (report.summary(),
                                                                     report.unchanged)


def test_add_change_delete(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    sync(corpus, index)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "solaire.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    seed = corpus / "004_18af9ebbefe4e5be.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Martynov", "Martinov"),
                    encoding="utf-8")
    (corpus / "000_3983e56d166b3c85.txt").unlink()

    report = sync(corpus, index)

    assert "1 ajouté, 1 modifié, 1 supprimé, 0 en erreur" == report.summary()
    assert 3 == report.documents
    assert 1 == total(index, "solaire")
    assert 0 == total(index, "Martynov")
    assert 1 == total(index, "Martinov")
    assert 0 == total(index, "Zongo")  # only seed 000 named its author
    assert 0 == total(index, '"huis clos"')


def test_bad_file_is_reported_and_others_indexed(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    (corpus / "vide.txt").write_bytes(b"")
    (corpus / "binaire.txt").write_bytes(bytes(range(256)) * 4)
    report = sync(corpus, index)
    assert {
        ("vide.txt", "fichier vide"),
        ("binaire.txt", "fichier binaire (octets nuls), pas du texte"),
    } == {(e.path, e.reason) for e in report.errors}
    assert 3 == report.documents


def test_a_file_that_goes_bad_keeps_its_indexed_version(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    sync(corpus, index)
    (corpus / "004_18af9ebbefe4e5be.txt").write_bytes(b"")
    report = sync(corpus, index)
    assert (1, 3) == (len(report.errors), report.documents)
    assert 1 == total(index, "Martynov")


def test_rebuild_replaces_generation(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    sync(corpus, index)
    first = json.loads((index / "meta.json").read_text())["generation"]
    engine = Engine(index)
    report = sync(corpus, index, rebuild=True)
    second = json.loads((index / "meta.json").read_text())["generation"]
    assert report.rebuilt and first != second
    assert [p.name for p in index.glob("gen-*")] == [second]
    assert 3 == engine.search(SearchRequest(q="AES")).total


def test_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match="presse index"):
        open_index(tmp_path / "nowhere")


def test_outdated_index_is_refused_then_rebuilt(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    sync(corpus, index)
    meta = json.loads((index / "meta.json").read_text())
    meta["version"] = "analysis-0/schema-0"
    (index / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(IndexOutdated, match="--rebuild"):
        open_index(index)
    report = sync(corpus, index)
    assert (True, 3) == (report.rebuilt, report.documents)


def test_second_writer_is_refused(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    with writer_lock(index), pytest.raises(IndexBusy, match="autre indexation"):
        sync(corpus, index)
