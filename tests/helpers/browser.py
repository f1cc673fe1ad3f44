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
