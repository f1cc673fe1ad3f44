"""The timeline chart in a real browser: full width, years on the ticks, one Tab stop, arrows,
ranges by dragging, two clicks or Shift+arrows, and a phone where bars and labels stay readable.

Over ``?q=AES`` the test corpus has one bar a month from janvier to mai 2025 with 1, 1, 1, 4, 1
articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BARS = ".timeline a[data-from]"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def page(browser) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    """A desktop page whose console errors fail the test."""
    p = browser.new_page(viewport=DESKTOP)
    errors: list[str] = []
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: errors.append(str(e)))
    yield p
    p.close()
    assert [] == errors


def bar(page: Page, label: str):  # type: ignore[no-untyped-def]
    """The bar whose accessible name starts with ``label`` (`avril 2025`)."""
    return page.locator(f'{BARS}[aria-label^="{label} :"]')


def active_label(page: Page) -> str | None:
    return page.evaluate("document.activeElement.getAttribute('aria-label')")  # type: ignore[no-any-return]


def test_full_width_with_years_on_the_ticks(page: Page, base_url: str) -> None:
    page.goto(base_url + "/?q=AES")
    widths = page.evaluate("['.results', '.timeline svg']"
                           ".map(s => document.querySelector(s).getBoundingClientRect().width)")
    assert widths[1] >= 0.95 * widths[0], widths
    ticks = page.locator(".timeline .tick").all_inner_texts()
    assert ticks and all(re.search(r"\b20\d\d\b", t) for t in ticks), ticks
    assert "avril 2025 : 4 articles" == bar(page, "avril 2025").get_attribute("aria-label")


def test_one_tab_stop_and_arrows(page: Page, base_url: str) -> None:
    page.goto(base_url + "/?q=AES")
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        inside = page.evaluate("!!document.activeElement.closest('.timeline')")
        stops.append(active_label(page) if inside else "")
        if stops[-2:-1] and stops[-2]:
            break
    chart = [s for s in stops if s]
    assert ["mai 2025 : 1 article"] == chart  # the last bar: entered once, the next Tab leaves
    assert "" == stops[-1]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowLeft")
    assert "avril 2025 : 4 articles" == active_label(page)
    assert ["-1", "-1", "-1", "0", "-1"] == [b.get_attribute("tabindex") for b in page.locator(BARS).all()]
    page.keyboard.press("Home")
    assert "janvier 2025 : 1 article" == active_label(page)
    page.keyboard.press("End")
    assert "mai 2025 : 1 article" == active_label(page)
    ring = page.evaluate("getComputedStyle(document.activeElement.querySelector('.hitbox'))"
                         ".strokeWidth")
    assert "3px" == ring  # the focus ring (a stroke: an outline would stretch with the viewBox)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    page.wait_for_url("**month=2025-04**")
    expect(page.locator("#resume strong")).to_have_text("4 résultats")


def test_shift_arrows_then_enter_filter_a_range(page: Page, base_url: str) -> None:
    page.goto(base_url + "/?q=AES")
    bar(page, "mai 2025").focus()
    page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("Shift+ArrowLeft")
    expect(page.locator(".timeline-etat")).to_have_text(
        "période : mars 2025 – mai 2025 — Entrée pour filtrer")
    page.keyboard.press("Enter")
    page.wait_for_url("**date_to=**")
    assert page.url.endswith("/?q=AES&date_from=2025-03-01&date_to=2025-05-31")
    expect(page.locator("#resume strong")).to_have_text("6 résultats")


def test_drag_across_bars(page: Page, base_url: str) -> None:
    page.goto(base_url + "/?q=AES&page=1")
    first, last = bar(page, "janvier 2025").bounding_box(), bar(page, "mars 2025").bounding_box()
    assert first and last
    page.mouse.move(first["x"] + first["width"] / 2, first["y"] + 40)
    page.mouse.down()
    page.mouse.move(first["x"] + first["width"] * 1.5, first["y"] + 40, steps=4)
    page.mouse.move(last["x"] + last["width"] / 2, last["y"] + 40, steps=4)
    assert 3 == page.locator(f"{BARS}.in-range").count()
    page.mouse.up()
    page.wait_for_url("**date_to=**")
    assert page.url.endswith("/?q=AES&date_from=2025-01-01&date_to=2025-03-31")
    expect(page.locator("#resume strong")).to_have_text("3 résultats")


def test_two_clicks_escape_and_same_bar_twice(page: Page, base_url: str) -> None:
    page.goto(base_url + "/?q=AES&month=2025-05")
    status = page.locator(".timeline-etat")
    bar(page, "février 2025").click()
    expect(status).to_have_text("début : février 2025 — cliquez la fin")
    assert "period start" == bar(page, "février 2025").get_attribute("class")
    page.keyboard.press("Escape")
    expect(status).to_have_text("sélection annulée")
    assert 0 == page.locator(f"{BARS}.start").count()
    assert page.url.endswith("/?q=AES&month=2025-05")

    bar(page, "avril 2025").click()
    bar(page, "janvier 2025").click()  # the end may come first: the range is the same
    page.wait_for_url("**date_to=**")
    assert page.url.endswith("/?q=AES&date_from=2025-01-01&date_to=2025-04-30")  # month dropped
    expect(page.locator("#resume strong")).to_have_text("7 résultats")

    bar(page, "février 2025").click()
    bar(page, "février 2025").click()  # the same bar twice: its own link, that one period
    page.wait_for_url("**month=2025-02**")
    expect(page.locator("#resume strong")).to_have_text("1 résultat")


def test_phone_bars_and_ticks_readable(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for query in ("/", "/?q=AES"):
        page.goto(base_url + query)
        bars = page.evaluate("[...document.querySelectorAll('.timeline .bar')]"
                             ".map(b => b.getBoundingClientRect().width)")
        fonts = page.evaluate("[...document.querySelectorAll('.timeline .tick')]"
                              ".map(t => parseFloat(getComputedStyle(t).fontSize))")
        assert bars and min(bars) >= 8, bars
        assert fonts and min(fonts) >= 10, fonts
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()
    assert [] == errors


def test_without_javascript_a_bar_is_a_link(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/?q=AES")
    assert ["-1", "-1", "-1", "-1", "0"] == [b.get_attribute("tabindex") for b in page.locator(BARS).all()]
    bar(page, "avril 2025").click()
    page.wait_for_url("**month=2025-04**")
    assert "4 résultats" in page.locator("#resume").inner_text()
    context.close()


def test_touch_drag_on_a_phone(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "/?q=AES")
    first, last = bar(page, "février 2025").bounding_box(), bar(page, "avril 2025").bounding_box()
    assert first and last
    cdp = context.new_cdp_session(page)
    y = first["y"] + 40
    xs = [first["x"] + first["width"] / 2 + (last["x"] - first["x"]) * k / 6 for k in range(7)]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": xs[0], "y": y}]})
    for x in xs[1:]:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_url("**date_to=**")
    assert page.url.endswith("/?q=AES&date_from=2025-02-01&date_to=2025-04-30")
    expect(page.locator("#resume strong")).to_have_text("6 résultats")
    context.close()
