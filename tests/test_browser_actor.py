"""The actor page in a real Chromium: reached from a result's chip, its chart, co-actors and
articles, no console error under the strict CSP, and axe-core finds nothing serious."""

from __future__ import annotations

import pytest
from helpers.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_actor_page_from_a_chip(browser, seeds_url: str) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(seeds_url + "/?q=Lavrov")
    page.locator(".hit .actors a.chip", has_text="Abdoulaye Diop").first.click()
    page.wait_for_function("() => location.pathname === '/acteur/Abdoulaye%20Diop'")
    assert "Abdoulaye Diop" == page.locator("h1").inner_text()
    assert 1 <= page.locator(".timeline svg a.period").count()
    names = page.locator(".actor-with li > a:first-child").all_inner_texts()
    assert {"Sergueï Lavrov", "Karamoko Jean Marie Traoré", "Bakary Yaou Sangaré"} <= set(names)
    assert 1 <= page.locator(".actor-articles .hit h3 a").count()
    # A co-actor's link: the search page with the articles naming both.
    page.locator(".actor-with li > a:first-child", has_text="Sergueï Lavrov").click()
    page.wait_for_function("() => location.pathname === '/' && location.search.includes('acteur')")
    page.wait_for_function("() => document.querySelector('.coactors') === null")
    assert 1 <= page.locator(".hit").count()
    assert [] == errors
    context.close()


def test_actor_page_accessibility(browser, seeds_url: str) -> None:  # type: ignore[no-untyped-def]
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        context = browser.new_context(viewport=viewport, bypass_csp=True)
        page = context.new_page()
        page.goto(seeds_url + "/acteur/Abdoulaye%20Diop?q=russie")
        assert [] == axe_violations(page)
        page.goto(seeds_url + "/?actor=Abdoulaye+Diop")
        assert 1 <= page.locator(".coactors li").count()
        assert [] == axe_violations(page)
        context.close()
