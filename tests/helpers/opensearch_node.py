"""Real OpenSearch nodes for the tests: the jars from Maven Central (``tools/opensearch-node``),
one JVM a node, free ports, a fresh data folder.

When a node cannot start, the tests that need it skip with the reason, but fail when
``PRESSE_REQUIRE_OPENSEARCH`` is set (``.ci/run`` sets it): CI never passes by skipping them.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TOOL = ROOT / "tools" / "opensearch-node"
CLASSPATH = TOOL / "target" / "cp.txt"
START_TIMEOUT = 120.0


def unavailable(why: str) -> None:
    """Fail (CI) or skip (elsewhere) a test that needs a node."""
    if os.environ.get("PRESSE_REQUIRE_OPENSEARCH"):
        pytest.fail(f"nœud OpenSearch indisponible : {why}")
    pytest.skip(f"nœud OpenSearch indisponible : {why}")


def classpath() -> str:
    """The node's classpath, resolved by Maven once (``make opensearch`` does the same)."""
    pom = TOOL / "pom.xml"
    if not CLASSPATH.exists() or CLASSPATH.stat().st_mtime < pom.stat().st_mtime:
        if shutil.which("mvn") is None:
            unavailable("mvn introuvable")
        done = subprocess.run(["mvn", "-q", "-B", "-f", str(pom), "dependency:build-classpath",
                               f"-Dmdep.outputFile={CLASSPATH}"], capture_output=True, text=True)
        if done.returncode != 0:
            unavailable(f"mvn a échoué : {(done.stdout + done.stderr)[-800:]}")
    return CLASSPATH.read_text(encoding="utf-8").strip()


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def health(url: str, query: str = "") -> dict[str, object] | None:
    """``/_cluster/health`` of ``url``, or None when it does not answer."""
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health{query}", timeout=5) as r:
            return dict(json.loads(r.read()))
    except OSError:
        return None


@dataclass
class Node:
    """One running node: its process, HTTP URL, transport port, home and log."""

    name: str
    proc: subprocess.Popen[bytes]
    url: str
    transport: int
    home: Path
    log: Path
    started_s: float = 0.0

    def stop(self, kill: bool = False) -> None:
        """SIGTERM (the node closes itself) or SIGKILL, and wait."""
        if self.proc.poll() is None:
            (self.proc.kill if kill else self.proc.terminate)()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def rss_mb(self) -> float:
        """Resident memory of the node's JVM."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        kb = next(int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS"))
        return kb / 1024


def start(home: Path, name: str = "n1", heap_mb: int = 512, http: int | None = None,
          transport: int | None = None, seeds: list[int] | None = None,
          masters: list[str] | None = None, wait: bool = True) -> Node:
    """Start one node (a cluster member when ``seeds`` lists the transport ports)."""
    cp = classpath()
    http = http or free_port()
    transport = transport or free_port()
    home.mkdir(parents=True, exist_ok=True)
    log = home / "node.log"
    cmd = ["java", f"-Xms{heap_mb}m", f"-Xmx{heap_mb}m", "-XX:TieredStopAtLevel=1",
           "-XX:+UseSerialGC", "-cp", cp, str(TOOL / "OsNode.java"), "--name", name,
           "--home", str(home), "--http", str(http), "--transport", str(transport)]
    if seeds:
        cmd += ["--seeds", ",".join(f"127.0.0.1:{p}" for p in seeds),
                "--masters", ",".join(masters or [name]), "--cluster", "presse-test",
                "--processors", "1"]
    started = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    node = Node(name, proc, f"http://127.0.0.1:{http}", transport, home, log)
    if wait:
        wait_for(node, "?wait_for_status=yellow&timeout=1s")
        node.started_s = time.perf_counter() - started
    return node


def wait_for(node: Node, query: str, timeout: float = START_TIMEOUT) -> dict[str, object]:
    """Poll the node's health until ``query``'s condition holds (fails with the log's tail)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if node.proc.poll() is not None:
            unavailable(f"le nœud s'est arrêté : {node.log.read_text(errors='replace')[-1500:]}")
        found = health(node.url, query)
        if found is not None and not found.get("timed_out"):
            return found
        time.sleep(0.3)
    node.stop(kill=True)
    unavailable(f"pas prêt en {timeout:.0f} s : {node.log.read_text(errors='replace')[-1500:]}")
    raise AssertionError("unreachable")
