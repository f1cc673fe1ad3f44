"""HTTP hygiene: security headers, read-only methods, request size limits, per-client rate limit.

Everything here is wired by ``install(app)`` in the factory. The rate limit is off by default
(``PRESSE_RATE_LIMIT=0``) because the service usually runs on a journalist's own machine; set
it to a number of requests per minute per client address when the site is shared.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from flask import Flask, abort, current_app, g, request
from werkzeug.exceptions import HTTPException, TooManyRequests
from werkzeug.wrappers import Response

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# The whole site is read-only: every other method is refused with 405 before routing.
ALLOWED_METHODS = ("GET", "HEAD")
# A search URL longer than this is refused (414): the query itself is cut at 1,000 characters.
MAX_QUERY_STRING = 16 * 1024
# A request body larger than this is refused (413); read-only routes need none.
MAX_CONTENT_LENGTH = 64 * 1024
WINDOW_SECONDS = 60.0


class RateLimiter:
    """At most ``per_minute`` requests per client in any sliding 60-second window."""

    def __init__(self, per_minute: int, max_clients: int = 10_000) -> None:
        self.per_minute = per_minute
        self.max_clients = max_clients
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> float:
        """0 if ``client`` may proceed now, else the seconds until it may retry."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.get(client)
            if hits is None:
                if len(self._hits) >= self.max_clients:  # bounded memory under address churn
                    self._hits = {c: h for c, h in self._hits.items()
                                  if h and now - h[-1] < WINDOW_SECONDS}
                hits = self._hits[client] = deque()
            while hits and now - hits[0] >= WINDOW_SECONDS:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return WINDOW_SECONDS - (now - hits[0])
            hits.append(now)
            return 0.0


class _French(HTTPException):
    """An HTTP error whose name (what the error pages show) is French."""

    @property
    def name(self) -> str:  # type: ignore[override]
        """The message the error page and ``{"error": …}`` show."""
        return str(self.description)


class PayloadTooLarge(_French):
    """413 before the body is read."""

    code = 413
    description = "Requête trop volumineuse."


class UriTooLong(_French):
    """414 for an oversized query string."""

    code = 414
    description = "Adresse trop longue : raccourcissez la requête."


class RateLimited(_French, TooManyRequests):
    """429 when a client goes over ``PRESSE_RATE_LIMIT`` requests per minute."""

    code = 429
    description = "Trop de requêtes : réessayez dans une minute."


def _refuse_unsafe() -> Response | None:
    if request.method not in ALLOWED_METHODS:
        abort(405, valid_methods=list(ALLOWED_METHODS))
    if len(request.query_string) > MAX_QUERY_STRING:
        raise UriTooLong()
    limit = int(current_app.config.get("MAX_CONTENT_LENGTH") or MAX_CONTENT_LENGTH)
    if (request.content_length or 0) > limit:
        raise PayloadTooLarge()
    limiter: RateLimiter | None = current_app.extensions.get("presse_rate_limiter")
    if limiter is not None and request.endpoint != "static":
        wait = limiter.allow(request.remote_addr or "?")
        if wait:
            g.retry_after = int(wait) + 1
            raise RateLimited()
    return None


def _add_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    retry = g.get("retry_after")
    if retry:
        response.headers["Retry-After"] = str(retry)
    if response.status_code == 405:
        response.headers["Allow"] = ", ".join(ALLOWED_METHODS)
    return response


def install(app: Flask) -> None:
    """Wire the checks and headers into ``app``; reads ``RATE_LIMIT`` from its config."""
    app.config.setdefault("MAX_CONTENT_LENGTH", MAX_CONTENT_LENGTH)
    app.debug = False  # never the interactive debugger or tracebacks, whatever the env says
    per_minute = int(app.config.get("RATE_LIMIT") or 0)
    if per_minute > 0:
        app.extensions["presse_rate_limiter"] = RateLimiter(per_minute)
    app.before_request(_refuse_unsafe)
    app.after_request(_add_headers)
