"""Shared tools of the reliability tests: real corpora, real subprocesses, real servers."""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from itertools import islice
from pathlib import Path

from indexer.search import Engine, SearchRequest

from .shared_data import shared_file

ROOT = Path(__file__).resolve().parent.parent.parent
# A fixed query set: what "the same results" means before and after a fault.
QUERIES = ("gouvernement", "santé hôpital", "élection présidentielle", "police -Paris",
           "économie OU croissance", "\"premier ministre\"", "migr*", "")


def orangesum_records(n: int, start: int = 0) -> list[dict[str, object]]:
    """``n`` OrangeSum articles (non-empty bodies) as our record format, from line ``start``."""
    out: list[dict[str, object]] = []
    with gzip.open(shared_file("orangesum.jsonl.gz"), "rt", encoding="utf-8") as fh:
        for line in islice(fh, start, None):
            rec = json.loads(line)
            if not rec.get("article"):
                continue
            out.append({"id": rec["id"], "title": rec["title"], "text": rec["article"],
                        "date": rec["date"], "outlet": "OrangeSum"})
            if len(out) == n:
                break
    return out


def write_jsonl(path: Path, records: list[dict[str, object]]) -> None:
    """One record a line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")


def snapshot(index_dir: Path) -> dict[str, object]:
    """Document count and, for each fixed query, every (id, title) it finds, sorted."""
    engine = Engine(index_dir)
    out: dict[str, object] = {"documents": engine.documents}
    for q in QUERIES:
        found: list[tuple[str, str]] = []
        page_no, pages = 1, 1
        while page_no <= pages:
            page = engine.search(SearchRequest(q=q, per_page=100, page=page_no, sort="recent"))
            # Copies folded under a hit count too: which copy leads depends on document order.
            found += [(a.id, a.title) for h in page.hits for a in (h, *h.also)]
            pages, page_no = page.pages, page_no + 1
        out[q] = (page.total, sorted(found))
    return out


def indexer_cmd(corpus: Path, index_dir: Path, *extra: str) -> list[str]:
    """The real CLI, as a user runs it."""
    return [sys.executable, "-m", "indexer", "index", "--index", str(index_dir), *extra,
            str(corpus)]


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child process, with ``extra`` set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSE_")}
    # These tests are about the store, not NER: spaCy would only make them slower.
    env["PRESSE_ACTORS"] = "0"
    env.update(extra)
    env["PYTHONPATH"] = str(ROOT)
    return env


def run_indexer(corpus: Path, index_dir: Path, *extra: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``presse index`` to completion."""
    return subprocess.run(indexer_cmd(corpus, index_dir, *extra), capture_output=True, text=True,
                          env=child_env(**env), timeout=300, cwd=ROOT)


def start_paused_indexer(corpus: Path, index_dir: Path, phase: str, *extra: str,
                         seconds: str = "60", **env: str) -> subprocess.Popen[str]:
    """Start ``presse index`` with the fault hook and return once it reports ``phase``."""
    proc = subprocess.Popen(indexer_cmd(corpus, index_dir, *extra), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env=child_env(PRESSE_FAULT_AT=f"{phase}:{seconds}", **env))
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if line.startswith(f"fault-point {phase}"):
            return proc
    proc.wait(10)
    raise AssertionError(f"the indexer never reached {phase}: {''.join(lines)}")


def sigkill(proc: subprocess.Popen[str]) -> None:
    """kill -9, and reap it."""
    os.kill(proc.pid, signal.SIGKILL)
    assert -signal.SIGKILL == proc.wait(10)
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(index_dir: Path, *extra: str, **env: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start the real ``presse-web`` (waitress) on 127.0.0.1 and wait until it answers."""
    port = free_port()
    cmd = [sys.executable, "-m", "webapp.serve", "--index", str(index_dir), "--host",
           "127.0.0.1", "--port", str(port), "--threads", "4", *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                            env=child_env(**env))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/static/style.css", timeout=2).close()
            return proc, base
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read().decode() if proc.stderr else "") from None
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("presse-web did not start")


def stop_server(proc: subprocess.Popen[bytes]) -> str:
    """Stop the server; returns what it wrote on stderr (tracebacks would show there)."""
    proc.terminate()
    try:
        _, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return err.decode("utf-8", "replace")


def get(url: str, timeout: float = 30) -> tuple[int, bytes, dict[str, str]]:
    """Status, body and headers of a GET; HTTP errors are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)
