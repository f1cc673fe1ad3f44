"""The one way tests reach ``../shared/data`` (the real French corpora, read in place).

A missing file fails the test when ``PRESSE_REQUIRE_DATA`` is set (``.ci/run`` sets it: CI
must never pass by skipping real data) and skips it with the reason otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


def shared_file(name: str) -> Path:
    """``../shared/data/<name>``, or a failure (CI) / skip (elsewhere) saying it is missing."""
    path = SHARED_DATA / name
    if path.exists():
        return path
    why = (f"données partagées absentes : {path} (le projet attend ../shared/data à côté de "
           "son dossier ; voir le README, « Données »)")
    if os.environ.get("PRESSE_REQUIRE_DATA"):
        pytest.fail(why)
    pytest.skip(why)
