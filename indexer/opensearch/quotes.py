"""Quote search on OpenSearch: the cluster finds the articles, ``search.quotes`` their quotes.

The articles are the request's words in ``quote_text`` under its filters and, when one is asked,
the ``speaker`` term (else any article with a speaker), newest first; their stored quotes are
then kept and counted by the same ``collect`` the Whoosh backend uses.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from ..search.quotes import QuotePage, collect, request_node
from ..search.request import SearchRequest
from .dsl import all_of, filter_clauses, main_query

if TYPE_CHECKING:
    from .backend import OpenSearchBackend

# Articles read for one quote search: the total counts the quotes of these.
MAX_ARTICLES = 2000
QUOTE_FIELDS = ["id", "title", "date", "outlet", "url", "quotes"]


def opensearch_quotes(backend: OpenSearchBackend, req: SearchRequest, speaker: str | None,
                      limit: int) -> QuotePage:
    """``OpenSearchBackend.quotes``: one search for the articles, then ``collect``."""
    backend.refresh()
    backend.searches.add()
    deadline = time.perf_counter() + backend.time_limit
    req, node = backend._resolved(req), request_node(req)
    who: dict[str, Any] = {"term": {"speaker": speaker}} if speaker else {
        "exists": {"field": "speaker"}}
    query = {"bool": {"must": [main_query(node, backend._exact)],
                      "filter": [all_of(filter_clauses(req)), who]}}
    body = {"query": query, "size": MAX_ARTICLES, "_source": QUOTE_FIELDS,
            "sort": [{"date": "desc"}, {"id": "asc"}], "track_total_hits": False}
    res = backend._call(backend.client.search, index=backend.conn.alias, body=body)
    docs = (row["_source"] for row in res["hits"]["hits"])
    return collect(docs, node, speaker, limit, deadline, backend.time_limit)
