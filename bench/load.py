"""HTTP load: the real waitress server (`presse-web`) on 127.0.0.1, driven by `wrk`.

Each connection cycles through the benchmark queries on ``/api/search`` (hits with snippets
and every facet). A small Lua script gives wrk the paths and prints p50/p95/p99 as JSON.
"""

from __future__ import annotations

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
    """Resident memory, split: RssAnon is the heap (numpy tables, caches); RssFile counts the
    index files Whoosh maps, once per mapping (each thread's reader maps the segment again, so
    the same page-cache pages count several times); Pss shares them out across mappings."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            out[key] = round(int(value.split()[0]) / 1024, 1)
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    if rollup.exists():
        for line in rollup.read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("Pss", "Pss_File"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
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
            levels: tuple[int, ...] = (1, 8, 32), threads: int = 2) -> dict[str, object]:
    """wrk at each concurrency level for ``seconds``; req/s, latency percentiles, errors, RSS."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"error": "wrk unavailable (apt-get install wrk)"}
    web = Path(sys.executable).with_name("presse-web")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    paths = ", ".join(json.dumps("/api/search?" + urlencode({"q": q})) for q in queries)
    proc = subprocess.Popen([str(web), "--index", str(index_dir), "--host", "127.0.0.1",
                             "--port", str(port), "--threads", str(threads)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    out: dict[str, object] = {"server_threads": threads, "seconds": seconds,
                              "endpoint": "/api/search"}
    try:
        _wait_up(base + "/healthz", proc)
        warm_errors: list[str] = []
        for q in queries:  # warm-up, untimed: as in process
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
    out["cpus"] = os.cpu_count()
    return out
