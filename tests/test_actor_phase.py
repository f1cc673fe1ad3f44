"""Text first, actors after: the index is searchable before NER, and the actor phase resumes."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import PRESS, SEEDS
from helpers.reliability_kit import ROOT, child_env, run_indexer, sigkill, start_paused_indexer

from indexer.actors import make_annotator
from indexer.index_dir import read_meta
from indexer.search import Engine, SearchRequest
from indexer.store import sync
from indexer.store.actor_phase import annotate
from indexer.store.progress import Bar
from webapp import create_app

DIOP = "000_3983e56d166b3c85.txt"


def test_text_is_searchable_before_its_actors(tmp_path: Path, engine: Engine) -> None:
    seeds_engine = engine
    index = tmp_path / "index"
    annotator = make_annotator(index)
    try:
        report = sync(SEEDS, index, annotator=annotator, actors_later=True)
        assert (3, 3) == (report.documents, report.pending)
        engine = Engine(index)
        assert 1 == engine.search(SearchRequest(q="Martynov")).total  # the text answers
        assert not engine.article(DIOP)["people"]  # type: ignore[index]
        assert 3 == engine.generation().pending_actors
        assert "acteurs : 0 / 3 articles annotés" == engine.generation().coverage_label()

        done = annotate(SEEDS, index, annotator)
        assert (3, 0, 1) == (done.annotated, done.pending, done.chunks)
    finally:
        annotator.close()
    engine = Engine(index)
    assert "Abdoulaye Diop" in engine.article(DIOP)["people"]  # type: ignore[index]
    assert engine.generation().coverage_label() is None
    assert {"annotated": 3, "documents": 3} == engine.generation().coverage()
    # The same index as a sync that annotates as it goes (``seeds_index``): same actors, same
    # counts; the text segments went.
    assert 3 == engine.search(SearchRequest(q="")).total
    for name in ("Abdoulaye Diop", "AES"):
        req = SearchRequest(q="", actor=(name,))
        assert engine.search(req).total == seeds_engine.search(req).total > 0
    assert _facets(engine) == _facets(seeds_engine)


def _facets(engine: Engine) -> dict[str, list[tuple[str, int]]]:
    page = engine.search(SearchRequest(q=""))
    return {name: [(b.value, b.count) for b in f] for name, f in page.facets.items()}


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(PRESS, corpus)
    for seed in SEEDS.iterdir():
        shutil.copy(seed, corpus / seed.name)
    return corpus


def _ner_rows(index: Path) -> int:
    with sqlite3.connect(index / "actors.sqlite") as db:
        return int(db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0])


def test_kill_during_the_actor_phase_resumes_without_redoing_work(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    index = tmp_path / "index"
    articles = len(list(corpus.iterdir()))
    env = {"PRESSE_ACTORS": "1", "PRESSE_ACTORS_CHUNK": "5"}
    proc = start_paused_indexer(corpus, index, "actors-chunk", **env)
    # Paused after the first chunk's commit: the page and the API show the partial coverage.
    meta = read_meta(index)
    assert meta is not None and (articles, articles - 5) == (meta["documents"], meta["pending_actors"])
    client = create_app({"INDEX_DIR": str(index)}).test_client()
    partial = {"annotated": 5, "documents": articles}
    assert partial == client.get("/api/search?q=").get_json()["actors"]
    assert partial == client.get("/healthz").get_json()["actors"]
    page = client.get("/?q=Niger").get_data(as_text=True)
    assert f"acteurs : 5 / {articles} articles annotés" in page
    sigkill(proc)

    first = _ner_rows(index)
    assert 5 <= first < articles  # the first chunk's NER is cached (and its next one maybe)
    rerun = run_indexer(corpus, index, **env)
    assert 0 == rerun.returncode, rerun.stderr
    assert f"acteurs : {articles - 5} articles annotés" in rerun.stdout
    ner = int(rerun.stdout.split("NER : ")[1].split()[0])
    assert ner == _ner_rows(index) - first  # no text went through NER twice
    meta = read_meta(index)
    assert meta is not None and 0 == meta["pending_actors"]
    assert "Abdoulaye Diop" in Engine(index).article(DIOP)["people"]  # type: ignore[index]


def test_adding_an_article_whose_ner_is_cached_loads_no_model(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = tmp_path / "index"
    first = run_indexer(corpus, index, PRESSE_ACTORS="1")
    assert 0 == first.returncode, first.stderr
    # The same article under another name: its text, hence its NER, is in the cache.
    shutil.copy(corpus / DIOP, corpus / "copie.txt")
    script = (
        "import json, sys, time; from pathlib import Path\n"
        "t = time.perf_counter()\n"
        "from indexer import settings\n"
        "from indexer.actors import make_annotator; from indexer.store import sync\n"
        f"a = make_annotator(Path({str(index)!r}), Path(settings.get('ACTORS_FILE')))\n"
        f"r = sync(Path({str(corpus)!r}), Path({str(index)!r}), annotator=a)\n"
        "print(json.dumps({'spacy': 'spacy' in sys.modules, 'added': r.added,"
        " 'pending': r.pending, 'ner': a.ner_texts, 's': time.perf_counter() - t}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env=child_env(), cwd=ROOT, timeout=120)
    assert 0 == out.returncode, out.stderr
    got = json.loads(out.stdout)
    assert (False, 1, 0, 0) == (got["spacy"], got["added"], got["pending"], got["ner"])
    assert "Abdoulaye Diop" in Engine(index).article("copie.txt")["people"]  # type: ignore[index]


def test_progress_counts_articles_by_phase() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Tty()
    bar = Bar(out)
    bar.phase("index", 26)
    bar.advance(13)
    assert bar.line().startswith("index : 13 / 26 articles · 50 %")
    bar.advance(13)
    bar.phase("acteurs", 1)
    bar.close()
    lines = out.getvalue().replace("\x1b[K", "").split("\r")
    assert any(line.startswith("index : 26 / 26 articles · 100 %") for line in lines)
    assert lines[-1].startswith("acteurs : 0 / 1 article")
    assert Bar(io.StringIO()).live is False  # off a terminal it stays silent


def test_actors_later_annotates_in_a_background_process(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = tmp_path / "index"
    done = run_indexer(corpus, index, "--actors-later", PRESSE_ACTORS="1")
    assert 0 == done.returncode, done.stderr
    assert "acteurs : 3 articles à annoter en arrière-plan" in done.stdout
    assert "texte consultable après" in done.stdout
    # The command returned with the text searchable; a process of its own adds the actors.
    assert 1 == Engine(index).search(SearchRequest(q="Martynov")).total
    log = index / "actors.log"
    deadline = time.monotonic() + 180
    while "acteurs : 3 articles annotés" not in _text(log) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert "acteurs : 3 articles annotés" in _text(log)
    assert 0 == (read_meta(index) or {}).get("pending_actors")
    assert "Abdoulaye Diop" in Engine(index).article(DIOP)["people"]  # type: ignore[index]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""
