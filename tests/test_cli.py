"""The `presse` command line through click's runner."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from indexer.cli import main


def test_index_search_stats(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    runner = CliRunner()
    result = runner.invoke(main, ["index", "--index", str(index), str(corpus)])
    assert 0 == result.exit_code, result.output
    assert "3 ajoutés, 0 modifié, 0 supprimé, 0 en erreur" in result.output

    result = runner.invoke(main, ["search", "--index", str(index), "securite Goita"])
    assert 0 == result.exit_code, result.output
    assert result.output.startswith("1 résultat(s)")
    assert "Consultations ministérielles AES–Russie" in result.output
    assert "Nigerdiaspora · 3 avril 2025" in result.output

    result = runner.invoke(main, ["stats", "--index", str(index)])
    assert 0 == result.exit_code, result.output
    assert "documents : 3" in result.output
    assert "médias : Nigerdiaspora (1), aNiamey.com (1)" in result.output
    assert "années : 2026 (1), 2025 (1), date inconnue (1)" in result.output


def test_failed_file_gives_nonzero_exit_and_lists_it(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    (corpus / "casse.json").write_text("{ pas du json", encoding="utf-8")
    result = CliRunner().invoke(main, ["index", "--index", str(index), str(corpus)])
    assert 1 == result.exit_code
    assert "erreur : casse.json:1: JSON invalide" in result.output
    assert "3 ajoutés, 0 modifié, 0 supprimé, 1 en erreur" in result.output


def test_search_without_index_says_how_to_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["search", "--index", str(tmp_path / "x"), "AES"])
    assert 1 == result.exit_code
    assert "presse index" in result.output
