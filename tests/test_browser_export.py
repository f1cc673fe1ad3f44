"""The export links in a real browser: the search page offers them, and the CSV one downloads
a file with a row per matching article."""

from __future__ import annotations

import csv
import json
import urllib.request
from pathlib import Path

import pytest

from indexer.search.export import COLUMNS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_csv_link_downloads_every_match(browser, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with urllib.request.urlopen(f"{base_url}/api/search?q=AES&per_page=1") as res:
        total = json.loads(res.read())["total"]
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base_url + "/?q=AES&sort=recent&page=2&per_page=3")
    links = page.locator("p.export a")
    assert ["CSV", "JSON Lines"] == links.all_inner_texts()
    assert ["/export.csv?q=AES&sort=recent", "/export.jsonl?q=AES&sort=recent"] == [
        links.nth(i).get_attribute("href") for i in range(2)]
    with page.expect_download() as info:
        links.first.click()
    download = info.value
    assert download.suggested_filename.startswith("presse-aes-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with saved.open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    assert (list(COLUMNS), total) == (header, len(rows))
    assert [] == errors  # CSP violations show up as console errors
    context.close()
