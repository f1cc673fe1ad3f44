"""How far a sync is: phases counted in articles, with the time left.

A sync tells its ``Progress`` when a phase starts (``phase``: its name and how many articles
it will handle) and how many more are done (``advance``). ``Bar`` draws it on a terminal for
`presse index` (``index : 12 400 / 36 152 articles · 34 % · reste ~1 min 05 s``), one line
a phase; off a terminal it stays silent, as click's bar does (the summary says what was done).
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Protocol, TextIO

from ..french import thousands

# The phases of `presse index`, as the bar names them.
EXTRACTION = "extraction"
INDEX = "index"
ACTORS = "acteurs"


class Progress(Protocol):
    """Where a sync reports how far it is."""

    def phase(self, name: str, total: int) -> None:
        """A phase starts, over ``total`` articles."""
        ...

    def advance(self, n: int) -> None:
        """``n`` more articles of the current phase are done."""
        ...


class NoProgress:
    """Reports nothing."""

    def phase(self, name: str, total: int) -> None:
        """Nothing."""

    def advance(self, n: int) -> None:
        """Nothing."""


def duration(seconds: float) -> str:
    """`45 s`, `1 min 05 s`, `1 h 02 min`.

    >>> duration(45.2), duration(65), duration(3720)
    ('45 s', '1 min 05 s', '1 h 02 min')
    """
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


class Bar:
    """A one-line progress bar on ``out`` (standard error), redrawn at most 5 times a second."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stderr
        self.live = bool(getattr(self.out, "isatty", lambda: False)())
        self.name = ""
        self.total = 0
        self.done = 0
        self.started = 0.0
        self.drawn = 0.0
        self.lock = threading.Lock()

    def phase(self, name: str, total: int) -> None:
        """End the current phase's line and start another."""
        with self.lock:
            self._end()
            self.name, self.total, self.done = name, total, 0
            self.started = time.monotonic()
            self._draw(force=True)

    def advance(self, n: int) -> None:
        """Count ``n`` more articles."""
        with self.lock:
            self.done += n
            self._draw()

    def close(self) -> None:
        """End the last phase's line."""
        with self.lock:
            self._end()
            self.name = ""

    def line(self) -> str:
        """The text of the bar now."""
        elapsed = time.monotonic() - self.started
        text = f"{self.name} : {thousands(self.done)} / {thousands(self.total)} articles"
        if self.total:
            text += f" · {100 * min(self.done, self.total) // self.total} %"
        if 0 < self.done < self.total and elapsed > 1:
            text += f" · reste ~{duration(elapsed * (self.total - self.done) / self.done)}"
        elif self.done >= self.total:
            text += f" · {duration(elapsed)}"
        return text

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.live or (not force and now - self.drawn < 0.2):
            return
        self.drawn = now
        self.out.write("\r\x1b[K" + self.line())
        self.out.flush()

    def _end(self) -> None:
        if not self.name or not self.live:
            return
        self.out.write("\r\x1b[K" + self.line() + "\n")
        self.out.flush()
