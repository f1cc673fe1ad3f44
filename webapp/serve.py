"""`presse-web`: the app under waitress, in one process or several on one listening socket.

One Python process is held to one core by its GIL (about 20 ms of CPU per faceted search), so a
shared site runs one waitress process per core. The parent binds the socket, forks the workers
(each builds its own app and opens its own index reader: nothing opened is shared across the
fork), restarts a worker that dies, and stops them all on SIGTERM or Ctrl-C.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import waitress

from indexer import settings

from . import create_app

# A worker that fails on its own sooner than this after starting is broken, not unlucky (a bad
# setting, a missing module): stop everything rather than loop. One killed by a signal restarts.
FAST_FAILURE_S = 5.0
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Linux: the kernel sends SIGTERM to this worker if the parent dies (even by SIGKILL)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the parent's signal handler is all there is
        pass


def _worker(make_app: Callable[[], Any], sock: socket.socket, threads: int) -> None:
    """In the forked child: serve until told to stop; never return into the parent's code."""
    code = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _die_with_parent()
        waitress.serve(make_app(), sockets=[sock], threads=threads, ident="presse")
    except BaseException:  # noqa: BLE001  (report anything, then leave the child for good)
        traceback.print_exc()
        code = 1
    finally:
        sys.stderr.flush()
        os._exit(code)


def quiet_queue_warnings() -> None:
    """Waitress warns "Task queue depth is N" for every request that waits for a thread: under
    ordinary load, thousands of lines that say nothing is wrong. Only its errors are kept."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


def serve(make_app: Callable[[], Any], host: str, port: int, threads: int, workers: int) -> int:
    """Serve ``make_app()`` from ``workers`` processes of ``threads`` threads; the exit code."""
    if workers <= 1:
        waitress.serve(make_app(), host=host, port=port, threads=threads, ident="presse")
        return 0
    sock = socket.create_server((host, port), backlog=1024)
    children: dict[int, float] = {}
    stopping = False
    code = 0

    def spawn() -> None:
        pid = os.fork()
        if pid == 0:
            _worker(make_app, sock, threads)
        children[pid] = time.monotonic()

    def stop(signum: int = signal.SIGTERM, _frame: object = None) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        spawn()
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        started = children.pop(pid, None)
        if started is None or stopping:
            continue
        exit_code = os.waitstatus_to_exitcode(status)  # negative: killed by that signal
        reason = f"code {exit_code}"
        if exit_code > 0 and time.monotonic() - started < FAST_FAILURE_S:
            print(f"presse-web : le processus {pid} s'est arrêté au démarrage ({reason}) ; arrêt.",
                  file=sys.stderr, flush=True)
            code = 1
            stop()
        else:
            print(f"presse-web : le processus {pid} s'est arrêté ({reason}) ; relancé.",
                  file=sys.stderr, flush=True)
            spawn()
    sock.close()
    return code


@click.command()
@settings.option("INDEX_DIR", "--index", "index_dir",
                 type=click.Path(file_okay=False, path_type=Path))
@settings.option("HOST", "--host")
@settings.option("PORT", "--port", type=int)
@settings.option("THREADS", "--threads", type=int)
@settings.option("WORKERS", "--workers", "processes", type=click.IntRange(1, 64))
def main(index_dir: Path, host: str, port: int, threads: int, processes: int) -> None:
    """Servir l'interface web de recherche."""
    if processes > 1 and settings.get_int("RATE_LIMIT") > 0:
        raise click.UsageError("PRESSE_RATE_LIMIT est compté dans chaque processus : "
                               "avec une limite de débit, utilisez --workers 1.")
    quiet_queue_warnings()
    click.echo(f"Recherche de presse : http://{host}:{port}/  (index : {index_dir}, "
               f"{processes} processus × {threads} fils)")
    raise SystemExit(serve(lambda: create_app({"INDEX_DIR": str(index_dir)}),
                                   host, port, threads, processes))


if __name__ == "__main__":
    main()
