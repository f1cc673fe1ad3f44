"""Real browser tests' shared parts: Debian's Chromium through Playwright, against the app
served by waitress in a background thread.

Locally they skip when ``/usr/bin/chromium`` is missing; with ``PRESSE_REQUIRE_BROWSER=true``
(set by ``.ci/run``) a missing browser fails instead. The fixtures ``base_url`` and ``browser``
are registered in ``conftest.py``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import waitress

from webapp import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_browser(path: Path = CHROMIUM) -> None:
    """Skip (or fail, when CI requires it) without Debian's Chromium at ``path``."""
    if path.exists():
        return
    message = f"navigateur absent : {path} (apt-get install chromium)"
    if os.environ.get("PRESSE_REQUIRE_BROWSER", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def serve(index_dir: Path, **config: object) -> Iterator[str]:
    """The app over ``index_dir`` served by waitress on 127.0.0.1 (a free port) in a thread."""
    require_browser()
    app = create_app({"INDEX_DIR": str(index_dir), **config})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    server.close()
    thread.join(timeout=5)


def launch() -> Iterator[object]:
    """A headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


AXE = Path(__file__).resolve().parents[2] / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# The rule sets axe-core runs: WCAG 2.x A and AA, and its best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page: object) -> list[dict[str, object]]:
    """axe-core's serious and critical violations on ``page`` (whose context bypasses the CSP:
    the script is injected inline), each as ``{id, impact, help, targets}``."""
    if not AXE.exists():
        message = f"axe-core absent : {AXE} (make test l'installe : npm ci --prefix tools/axe)"
        if os.environ.get("PRESSE_REQUIRE_BROWSER", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    found = page.evaluate(  # type: ignore[attr-defined]
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))", AXE_TAGS)
    return [v for v in found if v["impact"] in ("serious", "critical")]


def tabs_to(page: object, selector: str, limit: int = 60) -> int:
    """How many Tab presses from the top of ``page`` until focus is inside ``selector``."""
    page.evaluate("document.activeElement && document.activeElement.blur()")  # type: ignore[attr-defined]
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if page.evaluate(f"!!document.activeElement.closest({selector!r})"):  # type: ignore[attr-defined]
            return n
    return limit + 1
