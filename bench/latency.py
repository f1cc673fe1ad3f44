"""In-process query latency: the fixed query list through ``Engine.search``, four ways."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from indexer.search import Backend, Engine, SearchRequest

from .corpus import OUTLET

QUERIES = Path(__file__).with_name("queries.txt")


def load_queries(path: Path = QUERIES) -> list[str]:
    """The benchmark queries: one a line, blank lines and ``#`` comments skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [q.strip() for q in lines if q.strip() and not q.lstrip().startswith("#")]


def percentiles(ms: list[float]) -> dict[str, float]:
    """p50/p95/p99/mean/max of a list of milliseconds, rounded to 0.01 ms."""
    if not ms:
        return {}
    a = np.array(ms)
    return {
        "n": len(ms),
        "p50": round(float(np.percentile(a, 50)), 2),
        "p95": round(float(np.percentile(a, 95)), 2),
        "p99": round(float(np.percentile(a, 99)), 2),
        "mean": round(float(a.mean()), 2),
        "max": round(float(a.max()), 2),
    }


def filtered(q: str) -> SearchRequest:
    """The query with two active filters: the outlet and one year."""
    return SearchRequest(q=q, outlet=(OUTLET,), year=(2019,))


# name → (request for a query, search keyword options). (a) is ranking alone; (b)–(d) also
# fold near-identical articles over the 100 results past the page, as every page does; (e) is
# the whole page the web app serves: (c) plus the "Vouliez-vous dire" respelling and its count
# for a query that finds fewer than 10 articles.
VARIANTS: dict[str, tuple[Callable[[str], SearchRequest], dict[str, bool]]] = {
    "a_top10": (lambda q: SearchRequest(q=q), {"snippets": False, "facets": False, "group": False,
                                               "suggest": False}),
    "b_snippets": (lambda q: SearchRequest(q=q), {"snippets": True, "facets": False,
                                                  "suggest": False}),
    "c_snippets_facets": (lambda q: SearchRequest(q=q), {"snippets": True, "facets": True,
                                                         "suggest": False}),
    "d_everything_2_filters": (filtered, {"snippets": True, "facets": True, "suggest": False}),
    "e_page_with_suggestion": (lambda q: SearchRequest(q=q), {}),
}


def measure(index_dir: Path, queries: list[str]) -> dict[str, object]:
    """Latency of every variant over ``queries`` on the Whoosh index in ``index_dir``."""
    return measure_backend(Engine(index_dir), queries)


def measure_backend(engine: Backend, queries: list[str]) -> dict[str, object]:
    """Latency of every variant over ``queries`` (after one untimed warm-up pass)."""
    cold: list[float] = []
    totals: list[int] = []
    for q in queries:  # warm-up: fills the per-generation posting cache, as a server's first hour
        t0 = time.perf_counter()
        page = engine.search(SearchRequest(q=q), suggest=False)
        cold.append((time.perf_counter() - t0) * 1000)
        totals.append(page.total)
    out: dict[str, object] = {
        "queries": len(queries),
        "matches_median": int(np.median(totals)),
        "matches_max": int(max(totals)),
        "zero_hit_queries": sum(1 for t in totals if t == 0),
        "cold_c": percentiles(cold),
    }
    slow: list[tuple[float, str]] = []
    for name, (make, opts) in VARIANTS.items():
        ms = []
        for q in queries:
            t0 = time.perf_counter()
            engine.search(make(q), **opts)  # type: ignore[call-arg]
            ms.append((time.perf_counter() - t0) * 1000)
            if name == "c_snippets_facets":
                slow.append((ms[-1], q))
        out[name] = percentiles(ms)
    out["slowest_c"] = [[q, round(t, 1)] for t, q in sorted(slow, reverse=True)[:5]]
    return out
