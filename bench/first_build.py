"""Time to the first search: `presse index` on an empty index, as a user runs it.

    python -m bench.first_build CORPUS WORKDIR [--no-actors] [--actors-later] [--rebuild]

Starts the real command (``python -m indexer index``) under ``/usr/bin/time -v`` and, from a
second process, tries a search every half second: the first time a query answers is when the
page became usable. Prints JSON: seconds to the first answer, to the end of the command, to the
end of the actor phase (the background process's, with ``--actors-later``), the command's peak
memory, and the actor coverage read from ``meta.json`` as it goes.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from indexer.errors import PresseError
from indexer.index_dir import read_meta
from indexer.search import Engine, SearchRequest

from .report import machine


def _answers(index: Path) -> int | None:
    try:
        return Engine(index).search(SearchRequest(q="gouvernement")).total
    except (PresseError, OSError, ValueError):
        return None


def run(corpus: Path, workdir: Path, actors: bool, later: bool, rebuild: bool) -> dict[str, object]:
    """One build of ``corpus`` into ``workdir/index``, watched from outside."""
    index = workdir / "index"
    args = [sys.executable, "-m", "indexer", "index", "--index", str(index)]
    args += ["--actors" if actors else "--no-actors", "--actors-later" if later else "--actors-now"]
    if rebuild:
        args.append("--rebuild")
    started = time.monotonic()
    proc = subprocess.Popen(["/usr/bin/time", "-v", *args, str(corpus)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    first: float | None = None
    first_total = 0
    samples: list[tuple[float, int, int]] = []
    while proc.poll() is None or (later and _pending(index)):
        if first is None and (n := _answers(index)) is not None:
            first, first_total = time.monotonic() - started, n
        meta = read_meta(index) or {}
        if meta:
            samples.append((round(time.monotonic() - started, 1), int(meta.get("documents", 0)),
                            int(meta.get("pending_actors", 0))))  # type: ignore[call-overload]
        time.sleep(0.5)
    ended = time.monotonic() - started
    out, err = proc.communicate()
    if first is None and (n := _answers(index)) is not None:
        first, first_total = ended, n
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", err)
    return {
        "bench": "first_build", "corpus": str(corpus), "actors": actors, "actors_later": later,
        "rebuild": rebuild, "machine": machine(), "returncode": proc.returncode,
        "first_search_s": round(first, 1) if first is not None else None,
        "first_search_matches": first_total,
        "command_s": wall.group(1) if wall else None,
        "done_s": round(ended, 1),
        "peak_rss_mb": round(int(peak.group(1)) / 1024) if peak else None,
        "output": out.strip().splitlines()[-6:],
        "coverage": samples[:: max(1, len(samples) // 40)] + samples[-1:],
    }


def _pending(index: Path) -> bool:
    meta = read_meta(index) or {}
    return bool(meta.get("pending_actors"))


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("workdir", type=Path)
    ap.add_argument("--no-actors", action="store_true")
    ap.add_argument("--actors-later", action="store_true")
    ap.add_argument("--rebuild", action="store_true")
    a = ap.parse_args(argv)
    a.workdir.mkdir(parents=True, exist_ok=True)
    doc = run(a.corpus, a.workdir, not a.no_actors, a.actors_later, a.rebuild)
    print(json.dumps(doc, ensure_ascii=False, indent=1))
    return doc


if __name__ == "__main__":
    main()
