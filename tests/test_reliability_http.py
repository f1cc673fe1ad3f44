"""HTTP hygiene: headers, read-only methods, size limits, rate limit, no tracebacks."""

from __future__ import annotations

import http.client
from pathlib import Path

import pytest
from flask import Flask
from helpers.reliability_kit import start_server, stop_server

from webapp import create_app
from webapp.security import MAX_QUERY_STRING, SECURITY_HEADERS, RateLimiter

ROUTES = ["/", "/?q=AES", "/api/search?q=AES", "/article/001_75f0ba55b50d97a0.txt",
          "/api/article/001_75f0ba55b50d97a0.txt", "/healthz", "/introuvable", "/api/search?page=x",
          "/static/style.css"]


@pytest.fixture()
def prod_app(seeds_index: Path) -> Flask:
    """The app as `presse-web` builds it: no TESTING flag."""
    return create_app({"INDEX_DIR": str(seeds_index)})


def test_security_headers_on_every_response(prod_app: Flask) -> None:
    client = prod_app.test_client()
    for url in ROUTES:
        r = client.get(url)
        for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
            assert SECURITY_HEADERS[name] == r.headers.get(name), (url, name)
        csp = r.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert ("nosniff", "same-origin") == (r.headers["X-Content-Type-Options"],
                                             r.headers["Referrer-Policy"])
        r.close()  # the static file's handle


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
@pytest.mark.parametrize("url", ["/", "/api/search?q=AES", "/article/x.txt", "/healthz"])
def test_only_get_and_head(prod_app: Flask, method: str, url: str) -> None:
    r = prod_app.test_client().open(url, method=method, data=b"x=1")
    assert (405, "GET, HEAD") == (r.status_code, r.headers.get("Allow"))


def test_head_is_allowed(prod_app: Flask) -> None:
    client = prod_app.test_client()
    assert (200, 200) == (client.head("/?q=AES").status_code, client.head("/api/search").status_code)


def test_request_size_limits(prod_app: Flask) -> None:
    client = prod_app.test_client()
    r = client.get("/api/search", data=b"x" * (200 * 1024))
    assert (413, "Requête trop volumineuse.") == (r.status_code, r.get_json()["error"])
    r = client.get("/api/search?q=" + "a" * (MAX_QUERY_STRING + 1))
    assert (414, "error") == (r.status_code, next(iter(r.get_json())))
    assert 200 == client.get("/api/search?q=" + "a" * 4000).status_code  # long but acceptable


def test_no_debug_and_no_traceback(prod_app: Flask, seeds_index: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSE_DEBUG", "true")
    app = create_app({"INDEX_DIR": str(seeds_index)})
    assert (False, False) == (prod_app.debug, app.debug)

    def broken() -> str:  # a route of the test's own that fails: the handler must hide it
        raise RuntimeError("détail interne /srv/secret.py")

    app.add_url_rule("/casse", view_func=broken)
    app.add_url_rule("/api/casse", view_func=broken, endpoint="api_casse")
    r = app.test_client().get("/casse")
    body = r.get_data(as_text=True)
    assert 500 == r.status_code
    assert "Traceback" not in body and "RuntimeError" not in body and "secret" not in body
    assert "Erreur interne" in body
    r = app.test_client().get("/api/casse")
    assert (500, {"error": "Erreur interne : la recherche n'a pas pu aboutir."}) == (
        r.status_code, r.get_json())


def test_rate_limit_off_by_default(prod_app: Flask) -> None:
    client = prod_app.test_client()
    assert {200} == {client.get("/api/search?q=AES").status_code for _ in range(150)}


def test_rate_limit_from_environment(seeds_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSE_RATE_LIMIT", "5")
    client = create_app({"INDEX_DIR": str(seeds_index)}).test_client()
    statuses = [client.get("/api/search?q=AES").status_code for _ in range(7)]
    assert [200] * 5 + [429] * 2 == statuses
    r = client.get("/?q=AES")
    assert (429, True) == (r.status_code, 0 < int(r.headers["Retry-After"]) <= 61)
    other = client.get("/api/search", environ_overrides={"REMOTE_ADDR": "10.0.0.9"})
    assert 200 == other.status_code  # per client


def test_rate_limiter_window() -> None:
    limiter = RateLimiter(2)
    assert [0.0, 0.0] == [limiter.allow("a", now=0.0), limiter.allow("a", now=1.0)]
    assert 59.0 == limiter.allow("a", now=1.0)
    assert 0.0 == limiter.allow("a", now=60.5)  # the first hit left the window


@pytest.mark.slow
def test_real_server_hygiene(seeds_index: Path) -> None:
    proc, base = start_server(seeds_index, PRESSE_RATE_LIMIT="0")
    host, port = base.removeprefix("http://").split(":")
    try:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        conn.request("POST", "/api/search", body=b"q=AES")
        r = conn.getresponse()
        assert (405, "GET, HEAD") == (r.status, r.getheader("Allow"))
        r.read()
        conn.request("GET", "/api/search?q=AES", body=b"x" * (1024 * 1024),
                     headers={"Content-Length": str(1024 * 1024)})
        r = conn.getresponse()
        assert 413 == r.status
        r.read()
        conn.close()
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        conn.request("GET", "/?q=" + "a" * (300 * 1024))
        r = conn.getresponse()
        assert r.status in (414, 431)  # waitress itself caps the request head
        conn.close()
    finally:
        err = stop_server(proc)
    assert "Traceback" not in err
