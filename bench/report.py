"""What every benchmark reports beside its figures: the machine they were measured on, and
one summary line per run in ``bench/results.md``."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

RESULTS = Path(__file__).with_name("results.md")


def machine() -> dict[str, object]:
    """Host, CPU, memory, load and package versions: what the figures depend on."""
    cpu = next((x.split(":", 1)[1].strip() for x in Path("/proc/cpuinfo").read_text().splitlines()
                if x.startswith("model name")), platform.processor())
    mem = next((int(x.split()[1]) // 1024 for x in Path("/proc/meminfo").read_text().splitlines()
                if x.startswith("MemTotal")), 0)
    versions: dict[str, str | None] = {}
    for pkg in ("whoosh-reloaded", "numpy", "flask", "waitress", "tantivy", "spacy"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    return {"cpu": cpu, "cpus": os.cpu_count(), "mem_mb": mem, "python": platform.python_version(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()], "versions": versions}


HEADER = "# Benchmark results\n\nOne line per run of `python -m bench.run` or `python -m bench.quality`.\n\n"


def append_result(line: str) -> None:
    """Add one summary line to ``bench/results.md`` (created with its header if missing)."""
    if not RESULTS.exists():
        RESULTS.write_text(HEADER, encoding="utf-8")
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
