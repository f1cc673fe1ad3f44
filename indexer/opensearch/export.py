"""Exports on OpenSearch: every match of a search, page after page, and a facet's every bucket.

The rows come from ``search_after`` inside a point in time (PIT): the page's own sort, then
Lucene's document order (``_doc``), which is how the cluster breaks the page's ties, so the
export lists a single-shard index exactly as the pages do; the unique ``id`` last makes the
sort a total order, so that no article is skipped or repeated across shards. The PIT keeps
the document numbers and the matches fixed while the pages are read, whatever is indexed
meanwhile. A facet's buckets come from a ``composite`` aggregation, page by page, which has
no bucket limit however many actors an archive names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..search.export import Row
from ..search.page import date_of

# What a row needs of each hit (never the body).
EXPORT_FIELDS = ["id", "title", "date", "outlet", "author", "url", "person", "org", "place"]
# Hits a request asks for: a few round trips for the largest export.
PAGE_SIZE = 1000
# How long the cluster keeps the point in time between two pages.
KEEP_ALIVE = "1m"
COMPOSITE_SIZE = 10_000

Call = Callable[..., Any]


def row_of(hit: dict[str, Any]) -> Row:
    """One exported row from a hit (its ``_score`` only when the sort is by relevance)."""
    src = hit["_source"]
    return Row(str(src["id"]), str(src.get("title", "")), date_of(int(src.get("date") or 0)),
               (src.get("outlet") or [None])[0], src.get("author") or None,
               src.get("url") or None, tuple(src.get("person") or ()),
               tuple(src.get("org") or ()), tuple(src.get("place") or ()),
               float(hit["_score"]) if hit.get("_score") is not None else None)


class Pages:
    """The hits of one query in a point in time, ``PAGE_SIZE`` at a time, at most ``limit``.

    The first page is read when it is made (it gives the total and any query error); the
    others as the rows are consumed. The PIT is deleted once the rows are read or dropped.
    """

    def __init__(self, call: Call, client: Any, alias: str, query: dict[str, Any],
                 sort: list[object], limit: int) -> None:
        self.call, self.client, self.limit = call, client, limit
        self.pit = str(call(client.create_pit, index=alias, keep_alive=KEEP_ALIVE)["pit_id"])
        self.body: dict[str, Any] = {"query": query, "sort": [*sort, {"_doc": "asc"}, {"id": "asc"}],
                                     "_source": EXPORT_FIELDS, "track_total_hits": True}
        try:
            first = self._page(min(PAGE_SIZE, limit))
        except BaseException:
            self.close()
            raise
        self.total = int(first["hits"]["total"]["value"])
        self.first: list[dict[str, Any]] = first["hits"]["hits"]
        self.body["track_total_hits"] = False

    def _page(self, size: int) -> dict[str, Any]:
        body = {**self.body, "size": size, "pit": {"id": self.pit, "keep_alive": KEEP_ALIVE}}
        res: dict[str, Any] = self.call(self.client.search, body=body)
        self.pit = str(res.get("pit_id") or self.pit)  # the cluster may hand a new id back
        return res

    def rows(self) -> Iterator[Row]:
        """Every row, the first page's then the next ones', up to the limit."""
        try:
            hits, sent = self.first, 0
            while hits:
                for hit in hits[:self.limit - sent]:
                    yield row_of(hit)
                sent += len(hits)
                if sent >= min(self.limit, self.total) or len(hits) < PAGE_SIZE:
                    return
                self.body["search_after"] = hits[-1]["sort"]
                hits = self._page(min(PAGE_SIZE, self.limit - sent))["hits"]["hits"]
        finally:
            self.close()

    def close(self) -> None:
        """Free the point in time now rather than when it expires."""
        if self.pit:
            pit, self.pit = self.pit, ""
            try:
                self.call(self.client.delete_pit, body={"pit_id": [pit]})
            except Exception:  # noqa: BLE001 - it expires by itself after KEEP_ALIVE
                pass


def composite_counts(call: Call, client: Any, alias: str, query: dict[str, Any],
                     scope: dict[str, Any], field: str) -> list[dict[str, Any]]:
    """Every value of ``field`` among ``query``'s matches under ``scope``, as terms buckets
    (``key``, ``doc_count``) in a terms aggregation's order: count down, then value."""
    out: list[dict[str, Any]] = []
    after: dict[str, Any] | None = None
    while True:
        composite: dict[str, Any] = {"size": COMPOSITE_SIZE,
                                     "sources": [{"k": {"terms": {"field": field}}}]}
        if after:
            composite["after"] = after
        # The scope in the query, not a parent ``filter`` aggregation: under one, OpenSearch
        # 2.19 gave a composite counts that ignored part of the filter (test_export caught it).
        body = {"size": 0, "query": {"bool": {"must": [query], "filter": [scope]}},
                "aggs": {"v": {"composite": composite}}}
        got = call(client.search, index=alias, body=body)["aggregations"]["v"]
        out += [{"key": b["key"]["k"], "doc_count": b["doc_count"]} for b in got["buckets"]]
        after = got.get("after_key")
        if not got["buckets"] or after is None:
            break
    return sorted(out, key=lambda b: (-int(b["doc_count"]), str(b["key"])))
