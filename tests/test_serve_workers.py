"""`presse-web --workers N`: N real waitress processes on one socket, supervised by the parent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from helpers.reliability_kit import (
    ROOT,
    child_env,
    free_port,
    get,
    orangesum_records,
    run_indexer,
    start_server,
    stop_server,
    write_jsonl,
)

pytestmark = pytest.mark.slow


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()]


def _wait_for(predicate, seconds: float = 15) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workers")
    write_jsonl(root / "corpus" / "a.jsonl", orangesum_records(60))
    assert 0 == run_indexer(root / "corpus", root / "index").returncode
    return root / "index"


def test_two_workers_serve_restart_and_stop_together(index_dir: Path) -> None:
    proc, base = start_server(index_dir, "--workers", "2")
    try:
        assert _wait_for(lambda: len(_children(proc.pid)) == 2)
        first = _children(proc.pid)
        # Concurrent searches all answer, with the same results whichever process serves them.
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: get(base + "/api/search?q=gouvernement"), range(40)))
        assert {status for status, _, _ in answers} == {200}
        assert len({json.loads(body)["total"] for _, body, _ in answers}) == 1
        assert json.loads(answers[0][1])["total"] > 0

        # A worker killed from outside is replaced; the service never stops answering.
        os.kill(first[0], signal.SIGKILL)
        assert _wait_for(lambda: len(_children(proc.pid)) == 2 and first[0] not in _children(proc.pid))
        assert first[1] in _children(proc.pid)
        assert all(get(base + "/api/search?q=france")[0] == 200 for _ in range(10))
        workers = _children(proc.pid)
    finally:
        err = stop_server(proc)
    # SIGTERM to the parent stops every worker, and it exits cleanly.
    assert proc.returncode == 0, err
    assert _wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), 5)
    assert "relancé" in err and "Traceback" not in err


def test_workers_die_with_a_killed_parent(index_dir: Path) -> None:
    proc, base = start_server(index_dir, "--workers", "2")
    assert _wait_for(lambda: len(_children(proc.pid)) == 2)
    workers = _children(proc.pid)
    proc.kill()
    proc.communicate(timeout=10)
    assert _wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), 5)
    with pytest.raises(urllib.error.URLError):  # nobody is left listening
        get(base + "/healthz", timeout=2)


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "webapp.serve", "--port", str(free_port()), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env=child_env(**env))


def test_a_worker_broken_at_start_stops_the_server_instead_of_looping(index_dir: Path) -> None:
    r = _run("--index", str(index_dir), "--workers", "2", PRESSE_PER_PAGE="dix")
    assert r.returncode == 1
    assert "ValueError" in r.stderr and "arrêté au démarrage" in r.stderr
    assert r.stderr.count("Traceback") <= 2  # one per worker, no restart loop


def test_rate_limit_needs_a_single_process(index_dir: Path) -> None:
    r = _run("--index", str(index_dir), "--workers", "2", PRESSE_RATE_LIMIT="30")
    assert r.returncode == 2
    assert "--workers 1" in r.stderr
