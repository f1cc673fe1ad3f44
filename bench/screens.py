"""`python -m bench.screens INDEX`: screenshots of the search page on a large index, what a
user feels of it (instant results, Tab count), and its server time for faceted queries.

Serves INDEX with waitress in this process and drives Debian's Chromium through Playwright:
- desktop (1280×900) and phone (390×844): the results, the filters open, an article, saved to
  ``bench/out/{desktop,phone}-{search,filters,article}.png`` (the viewport, as a user sees it);
- a query, then a click on the top person of the people facet (full pages, ``screen-*.png``);
- instant results: ms from the last keystroke of ``securite coop`` (typed at 50 ms a key) to
  the swapped page, and the Tab presses from the top to the first result;
then times ``/api/search`` for a faceted query (``took_ms``, the server's own measure) and
prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import waitress

from webapp import create_app

OUT = Path(__file__).with_name("out")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def _api(base: str, params: list[tuple[str, str]]) -> dict[str, object]:
    with urllib.request.urlopen(f"{base}/api/search?{urlencode(params)}", timeout=60) as resp:
        return json.loads(resp.read())  # type: ignore[no-any-return]


def _tabs_to_first_result(page) -> int:  # type: ignore[no-untyped-def]
    for n in range(1, 61):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.hit')"):
            return n
    return 61


def _instant_ms(page, text: str) -> int:  # type: ignore[no-untyped-def]
    """Milliseconds from the last keystroke of ``text`` to the swapped results (app.js)."""
    page.locator("#q").fill("")
    page.evaluate("""f => { window.__swap = new Promise((ok, ko) => { setTimeout(ko, 20000);
        document.addEventListener('presse:page', function seen(e) { if (e.detail.url.includes(f)) {
        document.removeEventListener('presse:page', seen); ok(e.detail.ms); } }); }); }""",
                  "q=" + text.replace(" ", "+"))
    page.locator("#q").press_sequentially(text, delay=50)
    return int(page.evaluate("window.__swap"))


def _views(browser, base: str, query: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Viewport screenshots of the three page types on desktop and phone, Tab counts and the
    instant-results delay."""
    out: dict[str, object] = {}
    for name, viewport in (("desktop", {"width": 1280, "height": 900}),
                           ("phone", {"width": 390, "height": 844})):
        page = browser.new_page(viewport=viewport, is_mobile=name == "phone")
        page.goto(f"{base}/?{urlencode({'q': query})}")
        page.screenshot(path=str(OUT / f"{name}-search.png"))
        tabs = _tabs_to_first_result(page)
        if name == "phone":
            page.locator(".filters-open a").click()
        page.locator("#facette-person a.bucket").first.click()
        page.wait_for_function("() => location.search.includes('actor=')")
        page.wait_for_timeout(300)
        page.screenshot(path=str(OUT / f"{name}-filters.png"))
        if name == "phone":
            page.locator(".facets-head .close").click()
        page.locator(".hit h3 a").first.click()
        page.wait_for_url("**/article/**")
        page.screenshot(path=str(OUT / f"{name}-article.png"))
        page.goto(f"{base}/")
        instant = [_instant_ms(page, "securite coop") for _ in range(5)]
        out[name] = {"tabs_to_first_result": tabs, "instant_ms": instant,
                     "instant_ms_median": statistics.median(instant)}
        page.close()
    return out


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Screenshots and faceted-query timings; prints and returns the JSON document."""
    p = argparse.ArgumentParser(prog="python -m bench.screens", description=__doc__.splitlines()[0])
    p.add_argument("index", type=Path)
    p.add_argument("--query", default="gouvernement")
    p.add_argument("--runs", type=int, default=30)
    args = p.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    server = waitress.create_server(create_app({"INDEX_DIR": str(args.index)}), host="127.0.0.1",
                                    port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    doc: dict[str, object] = {"index": str(args.index)}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        doc["views"] = _views(browser, base, args.query)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/?{urlencode({'q': args.query})}")
        page.screenshot(path=str(OUT / "screen-1-query.png"), full_page=True)
        person = page.locator("#facette-person li a").first
        doc["clicked_person"] = person.locator(".label").inner_text().strip()
        person.click()
        page.wait_for_function("() => location.search.includes('actor=')")  # app.js swaps in place
        doc["after_click_url"] = page.url.replace(base, "")
        doc["after_click_summary"] = page.locator("#resume").inner_text().strip()
        page.screenshot(path=str(OUT / "screen-2-person.png"), full_page=True)
        browser.close()

    first = _api(base, [("q", args.query)])
    facets: dict[str, list[dict[str, object]]] = first["facets"]  # type: ignore[assignment]
    outlets = [str(b["value"]) for b in facets["outlet"][:2]]
    person_name = str(facets["person"][0]["value"]) if facets["person"] else ""
    year = str(facets["year"][0]["value"]) if facets["year"] else ""
    params = [("q", args.query), *[("outlet", o) for o in outlets], ("year", year)]
    if person_name:
        params.append(("actor", person_name))
    took = [float(_api(base, params)["took_ms"]) for _ in range(args.runs)]  # type: ignore[arg-type]
    last = _api(base, params)
    doc["faceted_query"] = {"params": params, "total": last["total"], "runs": args.runs,
                            "took_ms_median": round(statistics.median(took), 1),
                            "took_ms_max": round(max(took), 1)}
    server.close()
    print(json.dumps(doc, ensure_ascii=False, indent=1))
    return doc


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
