"""Export throughput: ``/export.csv`` streamed over HTTP from waitress, in this process.

``python -m bench.export --index /work/big/t36c/index`` picks the candidate query whose match
count is nearest the target (7,000 by default), serves the app over that index (read only:
nothing is written there), streams the CSV three times with urllib and reports for each run
the seconds to the first byte and to the last, the rows, the megabytes, and whether the rows
are the ``X-Presse-Total`` the response announced. One JSON document on stdout.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import waitress

from indexer.search import SearchRequest
from webapp import create_app, get_backend

from .report import machine

CANDIDATES = ("gouvernement", "président", "France", "ministre", "Mali", "élections")
# The reference: 7,000 rows must stream in under this many seconds.
TARGET_SECONDS = 5.0


def pick_query(app: object, target: int, candidates: tuple[str, ...]) -> tuple[str, int, dict[str, int]]:
    """The candidate whose total is nearest ``target``, its total, and every candidate's."""
    with app.app_context():  # type: ignore[attr-defined]
        backend = get_backend()
        totals = {q: backend.search(SearchRequest(q=q, per_page=1), suggest=False, group=False,
                                    snippets=False, facets=False).total for q in candidates}
    best = min(totals, key=lambda q: abs(totals[q] - target))
    return best, totals[best], totals


def stream(url: str, chunk: int = 64 * 1024) -> dict[str, object]:
    """One download of ``url``: first byte and total seconds, bytes, rows, announced totals."""
    started = time.perf_counter()
    first: float | None = None
    parts: list[bytes] = []
    with urllib.request.urlopen(url, timeout=120) as res:
        headers = {k: res.headers.get(k) for k in ("X-Presse-Total", "X-Presse-Exported")}
        while True:
            block = res.read1(chunk)
            if not block:
                break
            if first is None:
                first = time.perf_counter() - started
            parts.append(block)
    total = time.perf_counter() - started
    body = b"".join(parts)
    rows = len(list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))) - 1
    return {"first_byte_s": round(first or total, 3), "total_s": round(total, 3), "rows": rows,
            "mb": round(len(body) / 1e6, 2), "x_presse_total": int(headers["X-Presse-Total"] or -1),
            "x_presse_exported": int(headers["X-Presse-Exported"] or -1)}


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Pick the query, serve, stream three times, print and return the JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.export",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="the index folder (read only)")
    parser.add_argument("--target", type=int, default=7000, help="matches wanted")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", action="append", help="candidate queries (repeatable)")
    parser.add_argument("--sort", default="pertinence", help="pertinence (scores), recent, ancien")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    app = create_app({"INDEX_DIR": str(args.index)})
    q, matches, totals = pick_query(app, args.target, tuple(args.query or CANDIDATES))
    open_s = time.perf_counter() - t0
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = (f"http://127.0.0.1:{server.effective_port}/export.csv?"  # type: ignore[union-attr]
           + urllib.parse.urlencode({"q": q, "sort": args.sort}))
    try:
        runs = [stream(url) for _ in range(args.runs)]
    finally:
        server.close()
        thread.join(timeout=5)
    doc: dict[str, object] = {
        "bench": "export", "index": str(args.index), "query": q, "sort": args.sort,
        "matches": matches,
        "candidates": totals, "open_and_pick_s": round(open_s, 2), "export_max":
        app.config["EXPORT_MAX"], "runs": runs,
        "rows_equal_total": all(r["rows"] == r["x_presse_total"] for r in runs),
        "under_target": all(float(r["total_s"]) < TARGET_SECONDS for r in runs),  # type: ignore[arg-type]
        "machine": machine(),
    }
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return doc


if __name__ == "__main__":
    main()
