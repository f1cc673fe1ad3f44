"""HTTP load: the real waitress server (`presse-web`) on 127.0.0.1, driven by `wrk`.

Each connection cycles through the benchmark queries on ``/api/search`` (hits with snippets
and every facet). A small Lua script gives wrk the paths and prints p50/p95/p99 as JSON.
``bench.run`` calls it after a build; alone, on an existing index:

    python -m bench.load INDEX_DIR --workers 1 --workers 2
    PRESSE_BACKEND=opensearch PRESSE_OPENSEARCH_INDEX=… python -m bench.load LOCAL_DIR
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

LUA = r"""
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write("WRKJSON " .. string.format(
    '{"requests": %%d, "seconds": %%.3f, "p50_ms": %%.2f, "p95_ms": %%.2f, "p99_ms": %%.2f, '
    .. '"max_ms": %%.2f, "connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout) .. "\n")
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> dict[str, float]:
    """Resident memory of the server, its worker processes included, in MB.

    RssAnon is the heap (numpy tables, caches); RssFile counts the index files Whoosh maps, once
    per mapping (each thread's reader maps the segment again, so the same page-cache pages count
    several times); Pss shares them out across mappings and processes: its sum is the real cost.
    """
    out: dict[str, float] = {"processes": 0}
    children = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [pid] + ([int(x) for x in children.read_text().split()] if children.exists() else [])
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text().splitlines()
            rollup = Path(f"/proc/{p}/smaps_rollup")
            rolled = rollup.read_text().splitlines() if rollup.exists() else []
        except OSError:  # a worker that has just exited
            continue
        out["processes"] += 1
        for line in status + rolled:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "Pss", "Pss_File"):
                out[key] = round(out.get(key, 0) + int(value.split()[0]) / 1024, 1)
    return out


def _wait_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"presse-web exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("presse-web did not answer in time")


def measure(index_dir: Path, queries: list[str], seconds: int = 60,
            levels: tuple[int, ...] = (1, 8, 32), threads: int = 2,
            workers: int = 1) -> dict[str, object]:
    """wrk at each concurrency level for ``seconds``; req/s, latency percentiles, errors, RSS.

    ``threads`` and ``workers`` are the server's ``--threads`` and ``--workers``.
    """
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"error": "wrk unavailable (apt-get install wrk)"}
    web = Path(sys.executable).with_name("presse-web")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    paths = ", ".join(json.dumps("/api/search?" + urlencode({"q": q})) for q in queries)
    # The server's stderr goes to a file, never an unread pipe: under load waitress logs a
    # "Task queue depth" warning per queued request, and a full pipe would block the server.
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([str(web), "--index", str(index_dir), "--host", "127.0.0.1",
                             "--port", str(port), "--threads", str(threads),
                             "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=log)
    out: dict[str, object] = {"server_threads": threads, "server_workers": workers, "seconds": seconds,
                              "endpoint": "/api/search"}
    try:
        _wait_up(base + "/healthz", proc)
        warm_errors: list[str] = []
        # Warm-up, untimed, as in process. Each request is a new connection, taken by whichever
        # worker accepts first: with several workers, enough passes that each sees most queries.
        for q in queries * (1 if workers == 1 else 2 * workers):
            try:
                urllib.request.urlopen(base + "/api/search?" + urlencode({"q": q}), timeout=60).read()
            except urllib.error.HTTPError as exc:  # e.g. a cold query over the time limit
                warm_errors.append(f"{q}: {exc.code}")
        out["warmup_errors"] = warm_errors
        out["rss_after_warmup_mb"] = _rss_mb(proc.pid)
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "queries.lua"
            script.write_text(LUA % paths, encoding="utf-8")
            for conc in levels:
                res = subprocess.run(
                    [wrk, f"-t{min(conc, 2)}", f"-c{conc}", f"-d{seconds}s", "--timeout", "10s",
                     "-s", str(script), base],
                    capture_output=True, text=True, check=False)
                line = next((x for x in res.stdout.splitlines() if x.startswith("WRKJSON ")), None)
                if line is None:
                    out[f"c{conc}"] = {"error": res.stderr.strip() or res.stdout.strip()}
                    continue
                r = json.loads(line[len("WRKJSON "):])
                r["req_per_s"] = round(r["requests"] / r["seconds"], 1)
                r["errors"] = sum(r[k] for k in ("connect", "read", "write", "status", "timeout"))
                r["server_rss_mb"] = _rss_mb(proc.pid)
                out[f"c{conc}"] = r
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.seek(0)
        lines = log.read().decode("utf-8", "replace").splitlines()
        log.close()
        out["server_log"] = {"queue_warnings": sum("Task queue depth" in x for x in lines),
                             "tail": [x for x in lines if "Task queue depth" not in x][-5:]}
    out["cpus"] = os.cpu_count()
    return out


def summary_line(doc: dict[str, object]) -> str:
    """One Markdown bullet for ``bench/results.md``."""
    parts = []
    for key, run in doc["runs"].items():  # type: ignore[attr-defined]
        levels = " ".join(
            f"c{c} {run[f'c{c}']['req_per_s']} req/s p50/p95/p99 {run[f'c{c}']['p50_ms']}/"
            f"{run[f'c{c}']['p95_ms']}/{run[f'c{c}']['p99_ms']} ms errors {run[f'c{c}']['errors']};"
            if "req_per_s" in run.get(f"c{c}", {}) else f"c{c} failed;" for c in doc["levels"])  # type: ignore[attr-defined]
        rss = run.get(f"c{doc['levels'][-1]}", {}).get("server_rss_mb", {})  # type: ignore[index]
        parts.append(f"{key} ({run['server_threads']} threads each): {levels} "
                     f"RSS {rss.get('VmRSS', '–')} MB, PSS {rss.get('Pss', '–')} MB")
    return (f"- http {doc['date']} UTC, index {doc['index']} ({doc['articles']} articles), "
            f"{doc['seconds']} s a level, load at start {doc['load_avg_at_start']}"
            f"{'; ' + str(doc['note']) if doc['note'] else ''}: " + "; ".join(parts))


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Measure HTTP on an existing index; print JSON; append the summary line."""
    from indexer import settings
    from indexer.search import open_backend

    from .latency import load_queries
    from .report import append_result

    p = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    p.add_argument("index_dir", type=Path)
    p.add_argument("--workers", type=int, action="append", help="server processes (repeatable)")
    p.add_argument("--threads", type=int, default=2, help="threads per server process")
    p.add_argument("--seconds", type=int, default=60)
    p.add_argument("--levels", default="1,8,32", help="wrk concurrency levels")
    p.add_argument("--no-results", action="store_true", help="do not append to bench/results.md")
    p.add_argument("--note", default="", help="what else ran on the machine, for the record")
    args = p.parse_args(argv)
    levels = tuple(int(x) for x in args.levels.split(","))
    # The backend PRESSE_BACKEND names (the server started below reads the same settings).
    articles = open_backend(settings.get("BACKEND"), args.index_dir).generation().documents
    doc: dict[str, object] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"), "index": str(args.index_dir),
        "backend": settings.get("BACKEND"),
        "articles": articles, "seconds": args.seconds, "levels": levels, "note": args.note,
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()], "runs": {},
    }
    queries = load_queries()
    for workers in args.workers or [1]:
        run = measure(args.index_dir, queries, seconds=args.seconds, levels=levels,
                      threads=args.threads, workers=workers)
        doc["runs"][f"{workers} worker(s)"] = run  # type: ignore[index]
        print(f"{workers} worker(s): {run}", file=sys.stderr)
    print(json.dumps(doc, ensure_ascii=False, indent=1))
    if not args.no_results:
        append_result(summary_line(doc))
    return doc


if __name__ == "__main__":
    main()
