"""`python -m bench.screens INDEX`: screenshots of the search page on a large index, and its
server time for faceted queries.

Serves INDEX with waitress in this process, drives Debian's Chromium through Playwright
(a query, then a click on the top person of the people facet) and saves full-page PNGs to
``bench/out/``. Then times ``/api/search`` for a faceted query (``took_ms``, the server's own
measure) and prints one JSON document.
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
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/?{urlencode({'q': args.query})}")
        page.screenshot(path=str(OUT / "screen-1-query.png"), full_page=True)
        person = page.locator("#facette-person li a").first
        doc["clicked_person"] = person.locator(".label").inner_text().strip()
        person.click()
        page.wait_for_load_state()
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
