"""The OpenSearch backend: the read contract (``search.backend.Backend``) over an index behind an
alias, with the same pages as the Whoosh backend.

What the cluster does: matching (``dsl.py``), filters as ``post_filter``, each facet's counts as a
``filter`` aggregation holding the *other* parameters' filters (OR within a facet, AND across),
BM25 ranking, sorting, ``more_like_this``. What stays in Python, shared with Whoosh so that both
backends show the same thing: the query parser, near-duplicate folding over the MinHash keys of
the best results, highlighted passages (``snippets.py`` marks the accented original of an
unaccented query), labels and toggle parameters of facet buckets, the French timeline.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import NotFoundError, TransportError

from ..actor_names import ActorNames
from ..dedupe import KEY_BYTES, KEYS, WINDOW, group_ranked
from ..errors import IndexMissing, QueryError
from ..search.actor_spelling import actor_speller
from ..search.answer import SearchCounter, answer
from ..search.article_page import MAX_ARTICLE_CHARS, ArticlePage, article_page
from ..search.backend import Generation
from ..search.coactors import ActorInfo, identify
from ..search.export import Export, search_node
from ..search.facets import BY_NAME, KEYWORD_FIELDS, Bucket
from ..search.matching import TIME_LIMIT
from ..search.page import Hit, SearchPage, date_of, display_prefix
from ..search.query import Node
from ..search.quotes import QuotePage
from ..search.request import SearchRequest
from ..search.snippets import Terms, fragments, highlight, query_terms
from ..search.suggest import node_text, respell
from .connection import ClusterUnavailable, Connection
from .documents import dup_bytes
from .dsl import all_of, filter_clauses, main_query
from .export import Pages, composite_counts
from .facets import facet_aggs, facet_results, sort_clause
from .quotes import opensearch_quotes
from .vocabulary import OpenSearchVocabulary

# What a result list needs of each hit (the body is fetched for the page's hits only).
LIST_FIELDS = ["id", "path", "title", "outlet", "date", "author", "person", "org", "place", "url",
               "dupkeys"]
# OpenSearch refuses to page past this many results.
MAX_WINDOW = 10_000


class OpenSearchBackend:
    """The read side of the service on an OpenSearch cluster."""

    name = "opensearch"

    def __init__(self, conn: Connection, index_dir: Path | None = None, check_every: float = 0.5,
                 time_limit: float = TIME_LIMIT) -> None:
        self.conn = conn
        self.client: OpenSearch = conn.client()
        self.index_dir = index_dir
        self.check_every = check_every
        self.time_limit = time_limit
        self.searches = SearchCounter()
        self._lock = threading.Lock()
        self._checked = 0.0
        self._state: tuple[str, str] | None = None
        self.meta: dict[str, object] = {}
        self.actor_names = ActorNames()
        self._actors: frozenset[str] = frozenset()
        self._values: dict[str, frozenset[str]] = {}
        self._prefix = ""
        self._documents = 0
        self.refresh(force=True)

    # -- the index state ------------------------------------------------------------------
    def _call(self, method: Any, **kwargs: Any) -> Any:
        try:
            return method(**kwargs, request_timeout=self.time_limit)
        except NotFoundError as exc:
            raise IndexMissing(self.conn.alias) from exc  # type: ignore[arg-type]
        except OSConnectionError as exc:
            raise ClusterUnavailable(self.conn.url, str(exc)) from exc
        except TransportError as exc:
            if exc.status_code == 400:
                raise QueryError(f"requête refusée par OpenSearch : {exc.error}") from exc
            raise ClusterUnavailable(self.conn.url, str(exc)) from exc

    def refresh(self, force: bool = False) -> None:
        """Pick up a rebuilt index or new actor names (checked at most every ``check_every``)."""
        now = time.monotonic()
        if not force and now - self._checked < self.check_every:
            return
        with self._lock:
            self._checked = now
            found = self._call(self.client.indices.get_mapping, index=self.conn.alias)
            index = sorted(found)[-1]
            meta = found[index]["mappings"].get("_meta", {})
            state = (index, str(meta.get("updated_at")))
            if state == self._state:
                return
            values = {f: frozenset(self._terms(f)) for f in KEYWORD_FIELDS}
            actors = sorted(values["actor"])
            # The variants the writer stored with the index (any reader of the cluster has them).
            names = ActorNames(dict(meta.get("actor_names") or {}), actors)
            self.meta, self._values, self.actor_names = dict(meta), values, names
            self.meta.pop("actor_names", None)
            self._actors = values["actor"]
            self._prefix = display_prefix(Path(str(meta.get("corpus", ""))))
            self._documents = int(self._call(self.client.count, index=self.conn.alias)["count"])
            self.meta["generation"] = index
            self._state = state

    def _terms(self, field: str) -> list[str]:
        """Every value of a keyword field, page by page (a composite aggregation: no bucket
        limit however many actors an archive names)."""
        out: list[str] = []
        after: dict[str, object] | None = None
        while True:
            composite: dict[str, object] = {"size": 10_000,
                                            "sources": [{"v": {"terms": {"field": field}}}]}
            if after:
                composite["after"] = after
            res = self._call(self.client.search, index=self.conn.alias,
                             body={"size": 0, "aggs": {"all": {"composite": composite}}})
            got = res["aggregations"]["all"]
            out += [str(b["key"]["v"]) for b in got["buckets"]]
            after = got.get("after_key")
            if not got["buckets"] or after is None:
                return out

    def _exact(self, text: str) -> list[str]:
        if text in self._actors:
            return [text]
        return [n for n in self.actor_names.resolve(text) if n in self._actors]

    @property
    def documents(self) -> int:
        """Articles in the index."""
        return int(self._call(self.client.count, index=self.conn.alias)["count"])

    def pending_actors(self) -> int:
        """None: the OpenSearch sync annotates as it writes."""
        return 0

    def generation(self) -> Generation:
        """The concrete index behind the alias, its document count, version and dates."""
        self.refresh()
        m = self.meta
        return Generation(str(m.get("generation", "")), self.documents, str(m.get("version")),
                          str(m.get("built_at") or ""), str(m.get("updated_at") or ""))

    # -- searching ------------------------------------------------------------------------
    def search(self, req: SearchRequest, *, suggest: bool = True, group: bool = True,
               snippets: bool = True, facets: bool = True) -> SearchPage:
        """The complete page for ``req`` (see ``search/answer.py``)."""
        self.refresh()
        return answer(self, req, suggest=suggest, group=group, snippets=snippets, facets=facets)

    def respell(self, node: Node) -> Node | None:
        """``node`` with its typos replaced from the index's folded vocabulary, or None."""
        actors = actor_speller(self.actor_names, self._actors)
        return respell(node, OpenSearchVocabulary(self.client, self.conn.alias), actors)

    def suggest(self, q: str) -> str | None:
        """The respelt ``q`` if a correction finds more, else None."""
        return self.search(SearchRequest(q=q, per_page=1)).suggestion

    def run(self, req: SearchRequest, node: Node | None, *, loose: Node | None = None,
            snippets: bool = True, facets: bool = True, group: bool = True) -> SearchPage:
        """One search request: matches, filters, facet aggregations, the window of hits."""
        self.searches.add()
        started = time.perf_counter()
        req = self._resolved(req)
        start = (req.page - 1) * req.per_page
        end = start + req.per_page
        size = min(end + WINDOW, MAX_WINDOW) if group else end
        if start >= MAX_WINDOW:
            raise QueryError(f"page : au-delà des {MAX_WINDOW} premiers résultats, précisez la "
                             "recherche")
        clauses = filter_clauses(req)
        body: dict[str, object] = {
            "query": main_query(node, self._exact), "post_filter": all_of(clauses),
            "size": size, "track_total_hits": True, "_source": LIST_FIELDS,
            "sort": sort_clause(req, node),
        }
        if facets:
            body["aggs"] = facet_aggs(req, clauses)
        res = self._call(self.client.search, index=self.conn.alias, body=body)
        total = int(res["hits"]["total"]["value"])
        rows = res["hits"]["hits"]
        page = SearchPage(request=req, total=total, hits=[], facets={})
        if facets:
            page.facets = facet_results(req, res["aggregations"], self._values,
                                         self.actor_names.matches)
        if total == 0 and loose is not None:
            self._count_relaxed(page, loose, clauses)
        if group:
            keys = np.zeros((len(rows), KEYS), dtype=np.uint32)
            for i, row in enumerate(rows):
                raw = dup_bytes(row["_source"].get("dupkeys"))
                if len(raw) == KEY_BYTES:
                    keys[i] = np.frombuffer(raw, dtype="<u4")
            groups = group_ranked(list(range(len(rows))), keys)
        else:
            groups = [[i] for i in range(len(rows))]
        page.distinct = len(groups) if group and len(rows) >= total else None
        shown = groups[start:end]
        terms = query_terms(node)
        bodies = self._bodies([rows[g[0]]["_id"] for g in shown]) if snippets else {}
        page.hits = [replace(self._hit(rows[g[0]], terms, bodies),
                             also=tuple(self._hit(rows[n], terms, {}) for n in g[1:]))
                     for g in shown]
        page.documents = self._documents
        page.elapsed_ms = (time.perf_counter() - started) * 1000
        return page

    def _resolved(self, req: SearchRequest) -> SearchRequest:
        """``req`` with an actor named by a variant (`actor=ECOWAS`) as the displayed one."""
        if not req.actor:
            return req
        return replace(req, actor=tuple(dict.fromkeys(
            r for v in req.actor for r in ([v] if v in self._actors
                                           else self.actor_names.resolve(v) or [v]))))

    def export(self, req: SearchRequest, limit: int) -> Export:
        """Every article ``req`` matches in the page's order, at most ``limit``: the first
        ``PAGE_SIZE`` read now (the total, any query error), the next ones as rows are read."""
        self.refresh()
        self.searches.add()
        req, node = self._resolved(req), search_node(req)
        query = {"bool": {"must": [main_query(node, self._exact)],
                          "filter": [all_of(filter_clauses(req))]}}
        pages = Pages(self._call, self.client, self.conn.alias, query, sort_clause(req, node),
                      limit)
        return Export(pages.total, min(pages.total, limit), pages.rows())

    def facet_counts(self, req: SearchRequest, name: str) -> list[Bucket]:
        """Every bucket of facet ``name`` under ``req`` (KeyError for an unknown name)."""
        facet = replace(BY_NAME[name], limit=None)
        self.refresh()
        self.searches.add()
        req, node = self._resolved(req), search_node(req)
        clauses, query = filter_clauses(req), main_query(node, self._exact)
        agg: dict[str, Any] = facet_aggs(req, clauses)[name]  # type: ignore[assignment]
        if facet.field is not None:
            agg = {"v": {"buckets": composite_counts(self._call, self.client, self.conn.alias,
                                                     query, agg["filter"], facet.field)}}
        else:
            res = self._call(self.client.search, index=self.conn.alias,
                             body={"size": 0, "query": query, "aggs": {name: agg}})
            agg = res["aggregations"][name]
        found = facet_results(req, {name: agg}, self._values, self.actor_names.matches, (facet,))
        return list(found[name])

    def _count_relaxed(self, page: SearchPage, loose: Node, clauses: dict[str, Any]) -> None:
        query = {"bool": {"must": [main_query(loose, self._exact)],
                          "filter": [all_of(clauses)]}}
        count = int(self._call(self.client.count, index=self.conn.alias,
                               body={"query": query})["count"])
        if count:
            page.relaxed, page.relaxed_total = node_text(loose), count

    def _bodies(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        res = self._call(self.client.mget, index=self.conn.alias, body={"ids": ids},
                         _source_includes=["body"])
        return {d["_id"]: str(d["_source"].get("body", "")) for d in res["docs"] if d.get("found")}

    def _hit(self, row: dict[str, Any], terms: Terms, bodies: dict[str, str]) -> Hit:
        src = row["_source"]
        body = bodies.get(row["_id"])
        return Hit(
            id=str(src["id"]), path=self._prefix + str(src["path"]), title=str(src.get("title", "")),
            title_html=highlight(str(src.get("title", "")), terms),
            outlet=src.get("outlet")[0] if src.get("outlet") else None,
            date=date_of(int(src.get("date") or 0)), author=src.get("author") or None,
            people=tuple(src.get("person") or ()), orgs=tuple(src.get("org") or ()),
            places=tuple(src.get("place") or ()), url=src.get("url") or None,
            score=float(row["_score"]) if row.get("_score") is not None else None,
            fragments=tuple(fragments(body, terms)) if body is not None else (),
        )

    # -- articles -------------------------------------------------------------------------
    def _source(self, doc_id: str) -> dict[str, Any] | None:
        try:
            return self.client.get(index=self.conn.alias, id=doc_id)["_source"]  # type: ignore[no-any-return]
        except NotFoundError:
            return None
        except (OSConnectionError, TransportError) as exc:
            raise ClusterUnavailable(self.conn.url, str(exc)) from exc

    def article(self, doc_id: str, q: str = "") -> ArticlePage | None:
        """One article with ``q``'s words marked and its related articles, or None."""
        src = self._source(doc_id)
        if src is None:
            return None
        meta = src.get("meta") or {}
        body = str(src.get("body", ""))
        fields: dict[str, object] = {
            "id": src["id"], "path": self._prefix + str(src["path"]), "title": src.get("title", ""),
            "body": body[:MAX_ARTICLE_CHARS], "truncated": len(body) > MAX_ARTICLE_CHARS,
            "length": len(body), "date": date_of(int(src.get("date") or 0)),
            "outlet": (src.get("outlet") or [None])[0], "author": src.get("author") or None,
            "url": src.get("url") or None, "lang": src.get("lang") or "fr",
            "people": tuple(src.get("person") or ()), "orgs": tuple(src.get("org") or ()),
            "places": tuple(src.get("place") or ()), "provenance": meta.get("provenance", {}),
            "actors_why": meta.get("actors_why", {}),
            "signature": (meta.get("extra") or {}).get("signature", []),
        }
        return article_page(fields, q, self.related(doc_id))

    def related(self, doc_id: str, top: int = 5) -> list[Hit]:
        """Articles most like ``doc_id`` (``more_like_this`` on title and body), best first."""
        body = {"size": top, "_source": LIST_FIELDS, "query": {"more_like_this": {
            "fields": ["title", "body"], "like": [{"_index": self.meta.get("generation"),
                                                   "_id": doc_id}],
            "min_term_freq": 1, "min_doc_freq": 1, "max_query_terms": 25,
            "minimum_should_match": "30%", "include": False}}}
        if self._source(doc_id) is None:
            return []
        res = self._call(self.client.search, index=self.conn.alias, body=body)
        return [self._hit(r, query_terms(None), {}) for r in res["hits"]["hits"]]

    def stats(self, top: int = 10) -> dict[str, object]:
        """Documents, fields, top facet values, provenance counts, index age."""
        self.refresh()
        aggs: dict[str, Any] = {name: {"terms": {"field": name, "size": top}}
                for name in ("outlet", "person", "org", "place")}
        aggs["year"] = {"terms": {"field": "year", "size": 1000, "order": {"_key": "desc"}}}
        res = self._call(self.client.search, index=self.conn.alias,
                         body={"size": 0, "aggs": aggs})["aggregations"]
        provenance: dict[str, dict[str, int]] = {}
        from opensearchpy import helpers

        for hit in helpers.scan(self.client, index=self.conn.alias,
                                query={"_source": ["meta.provenance"]}):
            for name, source in ((hit["_source"].get("meta") or {}).get("provenance") or {}).items():
                provenance.setdefault(name, {}).setdefault(source, 0)
                provenance[name][source] += 1
        mapping = self._call(self.client.indices.get_mapping, index=self.conn.alias)
        fields = sorted(next(iter(mapping.values()))["mappings"]["properties"])
        years = [(b["key"], b["doc_count"]) for b in res["year"]["buckets"]
                 if b["key"] != "inconnue"]
        undated = [b["doc_count"] for b in res["year"]["buckets"] if b["key"] == "inconnue"]
        return {
            "documents": self.documents, "fields": fields, "version": self.meta.get("version"),
            "built_at": self.meta.get("built_at"), "updated_at": self.meta.get("updated_at"),
            "facets": {name: [(b["key"], b["doc_count"]) for b in res[name]["buckets"]]
                       for name in ("outlet", "person", "org", "place")},
            "years": years + ([("date inconnue", undated[0])] if undated else []),
            "provenance": provenance,
        }

    def quotes(self, req: SearchRequest, speaker: str | None = None,
               limit: int = 50) -> QuotePage:
        """The attributed quotes ``req`` finds (its words in the quote), newest first."""
        return opensearch_quotes(self, req, speaker, limit)

    def actor_info(self, name: str) -> ActorInfo | None:
        """The person or organisation ``name`` names (directly or by a variant), or None."""
        self.refresh()
        return identify(name, self.actor_names, self._values["person"], self._values["org"])
