"""Real browser tests: Debian's Chromium through Playwright, against the app served by waitress.

Locally they skip when ``/usr/bin/chromium`` is missing; with ``PRESSE_REQUIRE_BROWSER=true``
(set by ``.ci/run``) a missing browser fails instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.browser import ARTIFACTS, require_browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_search_facet_article_flow(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base_url + "/")
    assert "fr" == page.get_attribute("html", "lang")

    page.get_by_label("Rechercher dans la presse").fill("securite AES")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=securite+AES")
    assert page.locator(".hit mark").count() > 0
    assert "sécurité" in [t.lower() for t in page.locator(".hit mark").all_inner_texts()]
    assert "résultat" in page.locator("#resume").inner_text()
    page.screenshot(path=str(ARTIFACTS / "recherche.png"), full_page=True)

    page.locator("#facette-outlet a.bucket", has_text="aNiamey.com").click()
    page.wait_for_url("**outlet=aNiamey.com**")
    chips = page.locator("ul.chips").inner_text()
    assert "aNiamey.com" in chips and "tout effacer" in chips
    assert page.locator("#facette-outlet a.bucket.selected").count() == 1

    page.locator(".hit h3 a").first.click()
    page.wait_for_url("**/article/**")
    marks = page.locator("article mark").all_inner_texts()
    assert marks, "no <mark> on the article page"
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    assert [] == errors  # CSP violations show up as console errors


def test_keyboard_focus_and_timeline(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "/?q=AES")
    page.screenshot(path=str(ARTIFACTS / "accueil-aes.png"), full_page=True)
    page.keyboard.press("Tab")
    assert "skip" == page.evaluate("document.activeElement.className")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert "solid" == outline
    # With timeline.js a first click marks a range's start; the same bar twice is its own month.
    page.locator(".timeline a", has=page.locator("title", has_text="avril 2025")).first.dblclick()
    page.wait_for_url("**month=2025-04**")
    assert "4 résultats" in page.locator("#resume").inner_text()


def test_phone_layout_and_duplicates(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(base_url + "/?q=ministres+Defense+Bamako")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "horizontal scrolling on a phone"
    details = page.locator("details.reprises")
    details.locator("summary").click()
    assert details.locator("li").count() == 2
    page.screenshot(path=str(ARTIFACTS / "mobile.png"), full_page=True)


@pytest.mark.parametrize(("required", "outcome"), [("true", "failed"), ("", "skipped")])
def test_missing_browser_fails_only_when_required(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, required: str, outcome: str
) -> None:
    monkeypatch.setenv("PRESSE_REQUIRE_BROWSER", required)
    with pytest.raises((pytest.fail.Exception, pytest.skip.Exception)) as info:
        require_browser(tmp_path / "absent-chromium")
    assert outcome == ("failed" if info.type is pytest.fail.Exception else "skipped")
    assert "navigateur absent" in str(info.value)
