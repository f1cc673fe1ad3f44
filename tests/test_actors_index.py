"""Actors in the index and the product: search, facets, NER cache, alias edits, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.actors import make_annotator
from indexer.cli import main
from indexer.search import Engine, SearchRequest
from indexer.store import sync

S000 = "000_3983e56d166b3c85.txt"
S001 = "001_75f0ba55b50d97a0.txt"
S004 = "004_18af9ebbefe4e5be.txt"


def ids(engine: Engine, q: str = "", **kw: object) -> set[str]:
    return {h.id for h in engine.search(SearchRequest(q=q, **kw)).hits}  # type: ignore[arg-type]


def test_goita_matches_the_actor_assimi_goita(engine: Engine) -> None:
    page = engine.search(SearchRequest(q="acteur:Goita"))
    assert [S001] == [h.id for h in page.hits]
    assert "Assimi Goïta" in page.hits[0].people


def test_acteur_query_equals_the_facet_filter(engine: Engine) -> None:
    by_facet = ids(engine, actor=("Abdoulaye Diop",))
    assert {S000, S001} == by_facet
    assert by_facet == ids(engine, 'acteur:"Abdoulaye Diop"')
    assert by_facet == ids(engine, 'acteur:"abdoulaye diop"')
    # "Traoré" alone is two people: the text search finds both, the facet neither exactly.
    assert {S000, S001, S004} == ids(engine, "acteur:Traore")


def test_people_and_org_facets_count(engine: Engine) -> None:
    page = engine.search(SearchRequest(q=""))
    people = {b.value: b.count for b in page.facets["person"]}
    orgs = {b.value: b.count for b in page.facets["org"]}
    assert 3 == people["Karamoko Jean Marie Traoré"]
    assert 3 == orgs["AES"]
    assert "Boubacar Guédé" not in people and "Carine Pierrette Zongo" not in people


def test_incremental_reindex_never_reruns_ner(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    first = make_annotator(index)
    sync(corpus, index, annotator=first)
    assert 3 == first.ner_texts
    # An edited file is re-extracted; its unchanged twin and a rebuild come from the cache.
    (corpus / "copie.txt").write_bytes((corpus / S000).read_bytes())
    again = make_annotator(index)
    report = sync(corpus, index, annotator=again)
    assert (1, 0) == (report.added, again.ner_texts)
    rebuilt = make_annotator(index)
    sync(corpus, index, annotator=rebuilt, rebuild=True)
    assert 0 == rebuilt.ner_texts
    new = "Titre neuf\n\nLe président sénégalais Macky Sall a reçu à Dakar son homologue.\n"
    (corpus / "copie.txt").write_text(new, encoding="utf-8")
    changed = make_annotator(index)
    sync(corpus, index, annotator=changed)
    assert 1 == changed.ner_texts
    assert "Macky Sall" in (Engine(index).article("copie.txt") or {})["people"]  # type: ignore[operator]


def test_alias_edit_reannotates_from_cache(corpus_copy: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, index = corpus_copy
    aliases = tmp_path / "actors.toml"
    aliases.write_text("ignore = []\n", encoding="utf-8")
    runner = CliRunner()
    args = ["index", "--index", str(index), "--aliases", str(aliases), str(corpus)]
    result = runner.invoke(main, args)
    assert 0 == result.exit_code, result.output
    result = runner.invoke(main, args)
    assert "ré-annotation" not in result.output
    aliases.write_text(
        'ignore = ["Vladimir Poutine"]\n'
        '[[actor]]\nname = "Confédération des États du Sahel"\ntype = "organisation"\n'
        'variants = ["AES"]\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, args)
    assert 0 == result.exit_code, result.output
    assert "ré-annotation" in result.output
    article = Engine(index).article(S001)
    assert article is not None
    assert "Vladimir Poutine" not in article["people"]  # type: ignore[operator]
    assert "Confédération des États du Sahel" in article["orgs"]  # type: ignore[operator]
    assert make_annotator(index, aliases).stale() is False


def test_no_actors_then_actors_reannotates(corpus_copy: tuple[Path, Path]) -> None:
    corpus, index = corpus_copy
    runner = CliRunner()
    result = runner.invoke(main, ["index", "--no-actors", "--index", str(index), str(corpus)])
    assert 0 == result.exit_code, result.output
    assert () == (Engine(index).article(S001) or {})["people"]
    result = runner.invoke(main, ["index", "--index", str(index), str(corpus)])
    assert "ré-annotation" in result.output
    assert "Assimi Goïta" in (Engine(index).article(S001) or {})["people"]  # type: ignore[operator]


def test_actors_and_stats_commands(seeds_index: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    empty = tmp_path / "actors.toml"
    result = runner.invoke(main, ["actors", "--index", str(seeds_index), "--aliases", str(empty)])
    assert 0 == result.exit_code, result.output
    assert "  Sergueï Lavrov (2 articles) ← Lavrov" in result.output
    assert "  Karamoko Jean Marie Traoré (3 articles) ← Jean Marie Traoré" in result.output
    assert "  AES (3 articles) ← " in result.output
    result = runner.invoke(main, ["actors", "--index", str(seeds_index), "--type", "lieu"])
    assert "personnes" not in result.output and "Ouagadougou (1 article)" in result.output
    result = runner.invoke(main, ["stats", "--index", str(seeds_index), "--top", "3"])
    assert 0 == result.exit_code, result.output
    assert "acteurs : AES (3), Karamoko Jean Marie Traoré (3), Abdoulaye Diop (2)" in result.output


def test_bad_alias_file_is_one_clear_line(corpus_copy: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, index = corpus_copy
    bad = tmp_path / "actors.toml"
    bad.write_text("ignore = [", encoding="utf-8")
    result = CliRunner().invoke(main, ["index", "--index", str(index), "--aliases", str(bad), str(corpus)])
    assert 1 == result.exit_code
    assert f"fichier d'alias {bad} illisible" in result.output


@pytest.mark.slow
def test_worker_pool_does_not_keep_the_index_locked(tmp_path: Path) -> None:
    # A batch this big runs NER in worker processes, started while sync holds the write lock:
    # they must not inherit it, or the next sync of the same process would find the index busy.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [json.dumps({"title": f"Dépêche {n}", "text": f"Le colonel Assimi Goïta a reçu {n} "
                         "délégués de la CEDEAO à Bamako, selon la présidence."}, ensure_ascii=False)
             for n in range(80)]
    (corpus / "depeches.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    annotator = make_annotator(tmp_path / "index")
    report = sync(corpus, tmp_path / "index", annotator=annotator)
    assert (80, 80) == (report.documents, annotator.ner_texts)
    (corpus / "autre.json").write_text(json.dumps({"title": "Autre", "text": "Rien."}), encoding="utf-8")
    assert 1 == sync(corpus, tmp_path / "index", annotator=annotator).added
    assert 80 == Engine(tmp_path / "index").search(SearchRequest(actor=("CEDEAO",))).total
