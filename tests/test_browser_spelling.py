"""Forgiving spelling in a real browser: a misspelt query shows the respelt query's results on
the first load, and a press spelling variant finds the other spelling's articles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.browser import serve
from helpers.spelling_corpus import record_actors, spelling_corpus

from indexer.store import sync

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def spelling_url(tmp_path_factory: pytest.TempPathFactory,
                 shared_data: Callable[[str], Path]) -> Iterator[str]:
    """The app over the spelling corpus (seeds, 50 BBC Afrique articles, 3 records)."""
    base = tmp_path_factory.mktemp("browser-spelling")
    report = sync(spelling_corpus(base, shared_data), base / "index", annotator=record_actors)
    assert [] == report.errors
    yield from serve(base / "index")


def test_misspelt_query_shows_corrected_results_at_once(browser, spelling_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(spelling_url + "/?q=coopration")
    notice = page.locator("p.suggestion")
    assert "Résultats pour coopération — rechercher plutôt coopration" == " ".join(
        notice.inner_text().split())
    shown = page.locator(".hit").count()
    assert shown > 0
    assert "coopération" in [t.lower() for t in page.locator(".hit mark").all_inner_texts()]

    notice.locator("a", has_text="coopration").click()
    page.wait_for_url("**/?q=coopration&exact=1")
    assert (0, "Aucun résultat") == (page.locator(".hit").count(),
                                     page.locator("#resume strong").inner_text())
    assert "Vouliez-vous dire coopération" in page.locator("p.suggestion").inner_text()
    assert [] == errors


def test_jihadistes_lists_the_djihadiste_articles(browser, spelling_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(spelling_url + "/?q=jihadistes")
    assert 4 == page.locator(".hit").count()
    assert {"djihadistes"} <= {t.lower() for t in page.locator(".hit mark").all_inner_texts()}
    assert page.locator("p.variants").inner_text().startswith("y compris : djihadistes")
    assert [] == errors
