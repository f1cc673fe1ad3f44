"""The embedded backend: the Whoosh index of one folder, searched with numpy postings.

One ``Engine`` per process, one Whoosh searcher per thread. Each call checks (at most every
``check_every`` seconds) whether ``meta.json`` changed; when it did, the new generation is
opened and its facet tables built, and threads move to it at their next call. A writer never
blocks it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
from whoosh.index import Index
from whoosh.searching import Searcher

from ..actor_names import ActorNames
from ..dedupe import WINDOW, group_ranked
from ..errors import IndexMissing, QueryTimeout
from ..index_dir import meta_stamp, open_index
from .actor_spelling import actor_speller
from .answer import SearchCounter, answer
from .article_page import MAX_ARTICLE_CHARS, ArticlePage, article_page
from .backend import Generation
from .coactors import ActorInfo, identify
from .export import Export, Row, search_node
from .facet_tables import FacetIndex, combined, filter_masks, page_facets
from .facets import BY_NAME, Bucket
from .matching import TIME_LIMIT, bound_terms, check_deadline, to_whoosh
from .page import Hit, SearchPage, date_of, display_prefix, split_values
from .postings import Postings, top
from .query import Node
from .quotes import QuotePage, whoosh_quotes
from .request import SearchRequest
from .snippets import MAX_SCAN, Terms, fragments, highlight, query_terms
from .suggest import WhooshVocabulary, node_text, respell


class Engine:
    """A read-only view of the index in ``index_dir``: the ``Backend`` of the embedded index."""

    name = "whoosh"

    def __init__(self, index_dir: Path, check_every: float = 0.5,
                 time_limit: float = TIME_LIMIT) -> None:
        self.index_dir = Path(index_dir)
        self.check_every = check_every
        self.time_limit = time_limit
        self.searches = SearchCounter()
        self._lock = threading.Lock()
        self._local = threading.local()
        self._stamp: tuple[int, int] | None = None
        self._checked = 0.0
        self._ix: Index
        self._facets: FacetIndex
        self._postings: Postings
        self.meta: dict[str, object] = {}
        self._key = 0
        self._reopen()

    def _reopen(self) -> None:
        try:
            stamp = meta_stamp(self.index_dir)  # before opening: a change in between is seen next time
        except FileNotFoundError as exc:
            raise IndexMissing(self.index_dir) from exc
        ix, meta = open_index(self.index_dir)
        with ix.searcher() as s:
            facets = FacetIndex(s.reader())
            # Whoosh's searcher() reads the newest commit: remember which one the facet
            # tables describe, so a thread never pairs them with another one's doc numbers.
            self._generation = s.reader().generation()
        self._ix, self.meta, self._facets = ix, meta, facets
        self.actor_names = ActorNames.load(self.index_dir, facets.tables["actor"].values)
        self._postings = Postings(facets.ndocs)
        self._prefix = display_prefix(Path(str(meta.get("corpus", ""))))
        self._stamp = stamp
        self._key += 1

    def refresh(self) -> None:
        """Pick up a new index state if ``meta.json`` changed since the last look."""
        now = time.monotonic()
        if now - self._checked < self.check_every:
            return
        with self._lock:
            self._checked = now
            try:
                if meta_stamp(self.index_dir) != self._stamp:
                    self._reopen()
            except FileNotFoundError:
                pass  # meta.json is being replaced: keep the current state

    def _searcher(self) -> tuple[Searcher, FacetIndex]:
        self.refresh()
        local = self._local
        for _ in range(5):
            with self._lock:
                key, ix, facets, generation = self._key, self._ix, self._facets, self._generation
                postings = self._postings
            if getattr(local, "key", None) == key:
                break
            old = getattr(local, "searcher", None)
            if old is not None:
                old.close()
            local.searcher, local.key = ix.searcher(), None
            if local.searcher.reader().generation() == generation:
                local.key, local.facets, local.postings = key, facets, postings
                break
            with self._lock:  # a commit landed since the facets were built: rebuild them
                if self._key == key:
                    self._reopen()
        else:
            raise QueryTimeout(self.time_limit)  # the index changes faster than we can open it
        return local.searcher, local.facets

    @property
    def documents(self) -> int:
        """Live documents in the current generation."""
        _, facets = self._searcher()
        return int(facets.alive.sum())

    def pending_actors(self) -> int:
        """Articles awaiting their actors, as the last commit recorded in ``meta.json``."""
        return int(self.meta.get("pending_actors") or 0)  # type: ignore[call-overload]

    def generation(self) -> Generation:
        """Which index state answers: its name, document count, version and dates."""
        documents = self.documents
        meta = self.meta
        return Generation(str(meta.get("generation", "")), documents, str(meta.get("version")),
                          str(meta.get("built_at") or ""), str(meta.get("updated_at") or ""),
                          int(meta.get("pending_actors") or 0))  # type: ignore[call-overload]

    def search(self, req: SearchRequest, *, suggest: bool = True, group: bool = True,
               snippets: bool = True, facets: bool = True) -> SearchPage:
        """The complete page for ``req`` (see ``answer.py``)."""
        return answer(self, req, suggest=suggest, group=group, snippets=snippets, facets=facets)

    def respell(self, node: Node) -> Node | None:
        """``node`` with its typos replaced from the index's vocabulary, or None."""
        searcher, facets = self._searcher()
        actors = actor_speller(self.actor_names, facets.tables["actor"].values)
        return respell(node, WhooshVocabulary(searcher.reader()), actors)

    def suggest(self, q: str) -> str | None:
        """The respelt query text of ``q`` if a correction finds more, else None."""
        return self.search(SearchRequest(q=q, per_page=1)).suggestion

    def run(self, req: SearchRequest, node: Node | None, *, loose: Node | None = None,
            snippets: bool = True, facets: bool = True, group: bool = True) -> SearchPage:
        """One search: matching, filtering, facet counts, the page of hits with snippets.

        ``snippets=False`` leaves hits without highlighted fragments, ``facets=False`` skips
        facet counting and ``group=False`` leaves near-identical articles apart (the
        benchmarks time each part; counting searches skip what they do not show).
        """
        self.searches.add()
        started = time.perf_counter()
        limit = self.time_limit
        deadline = started + limit
        searcher, fx, wquery, req, matched, filters = self._match(req, node, deadline)
        names = self.actor_names
        final = combined(matched, filters)
        total = int(final.sum())
        page = SearchPage(request=req, total=total, hits=[], facets={},
                          documents=int(fx.alive.sum()))
        if total == 0 and loose is not None:
            self._count_relaxed(page, searcher, fx, loose, filters)
        if facets:
            page.facets = page_facets(fx, req, matched, filters, names.matches)

        start = (req.page - 1) * req.per_page
        end = start + req.per_page
        # Grouping looks WINDOW results past the page, so a copy ranked just below is folded too.
        want = min(total, end + WINDOW) if group else end
        check_deadline(deadline, limit)
        order, ranked = self._ordered(searcher, fx, req, wquery, final,
                                      want if 0 < total and start < total else 0)
        ordered = [int(d) for d in order]
        groups = group_ranked(ordered, fx.dup_keys) if group else [[d] for d in ordered]
        page.distinct = len(groups) if group and want >= total else None

        terms = query_terms(node)

        def score(n: int) -> float | None:
            return float(ranked[n]) if ranked is not None else None

        page.hits = [replace(self._hit(searcher, g[0], score(g[0]), terms, snippets),
                             also=tuple(self._hit(searcher, n, score(n), terms, False) for n in g[1:]))
                     for g in groups[start:end]]
        page.elapsed_ms = (time.perf_counter() - started) * 1000
        return page

    def export(self, req: SearchRequest, limit: int) -> Export:
        """Every article ``req`` matches, in its order, the first ``limit`` of them: the order
        is computed now, each row's stored fields are read as the rows are consumed."""
        self.searches.add()
        deadline = time.perf_counter() + self.time_limit
        searcher, fx, wquery, req, matched, filters = self._match(req, search_node(req), deadline)
        final = combined(matched, filters)
        total = int(final.sum())
        check_deadline(deadline, self.time_limit)
        order, ranked = self._ordered(searcher, fx, req, wquery, final, min(total, limit))
        return Export(total, len(order), self._rows(searcher, order.tolist(), ranked))

    def _rows(self, searcher: Searcher, order: list[int],
              ranked: np.ndarray | None) -> Iterator[Row]:
        # The searcher is this thread's: the response that consumes the rows runs in it too.
        for n in order:
            f = searcher.stored_fields(n)
            yield Row(f["id"], f.get("title", ""), date_of(int(f.get("date") or 0)),
                      f.get("outlet") or None, f.get("author") or None, f.get("url") or None,
                      split_values(f.get("person", "")), split_values(f.get("org", "")),
                      split_values(f.get("place", "")),
                      float(ranked[n]) if ranked is not None else None)

    def facet_counts(self, req: SearchRequest, name: str) -> list[Bucket]:
        """Every bucket of facet ``name`` under ``req`` (KeyError for an unknown name)."""
        facet = replace(BY_NAME[name], limit=None)
        self.searches.add()
        deadline = time.perf_counter() + self.time_limit
        _, fx, _, req, matched, filters = self._match(req, search_node(req), deadline)
        counted = page_facets(fx, req, matched, filters, self.actor_names.matches, (facet,))
        return list(counted[name])

    def _match(self, req: SearchRequest, node: Node | None, deadline: float) -> tuple[
            Searcher, FacetIndex, object, SearchRequest, np.ndarray, dict[str, np.ndarray]]:
        """What ``node`` matches and ``req``'s filter masks (``req`` with its actors resolved),
        in this thread's searcher; QueryTimeout past ``deadline``."""
        searcher, fx = self._searcher()
        wquery = to_whoosh(node, searcher.reader(), self.actor_names.resolve)
        bound_terms(wquery)
        check_deadline(deadline, self.time_limit)
        matched = self._matched(searcher, fx, node, wquery)
        req = self._resolved(req, fx)
        return searcher, fx, wquery, req, matched, filter_masks(fx, req)

    def _resolved(self, req: SearchRequest, fx: FacetIndex) -> SearchRequest:
        """``req`` with an actor named by a variant (`actor=ECOWAS`) as the displayed one
        (`CEDEAO`)."""
        if not req.actor:
            return req
        known, resolve = fx.tables["actor"].index, self.actor_names.resolve
        return replace(req, actor=tuple(dict.fromkeys(
            r for v in req.actor for r in ([v] if v in known else resolve(v) or [v]))))

    def _ordered(self, searcher: Searcher, fx: FacetIndex, req: SearchRequest, wquery: object,
                 final: np.ndarray, want: int) -> tuple[np.ndarray, np.ndarray | None]:
        """The first ``want`` documents of ``final`` in ``req``'s order, and every document's
        BM25F score when that order is by relevance (None when it is by date)."""
        if want <= 0:
            return np.zeros(0, dtype=np.int64), None
        if req.sort == "pertinence" and wquery is not None:
            # BM25F over numpy arrays (see postings.py).
            ranked = self._local.postings.scores(searcher, wquery)
            return top(ranked, np.flatnonzero(final), want), ranked
        ids = np.flatnonzero(final)
        keys = fx.dates.num[ids]
        # Newest first by default (also for an empty query), undated last.
        by_date = np.lexsort((ids, -keys)) if req.sort != "ancien" else np.lexsort(
            (ids, np.where(keys == 0, np.iinfo(np.int64).max, keys)))
        return ids[by_date[:want]], None

    def _matched(self, searcher: Searcher, fx: FacetIndex, node: Node | None,
                 wquery: object) -> np.ndarray:
        if node is not None and wquery is None:
            return np.zeros(fx.ndocs, dtype=bool)  # only stop words: nothing to find
        if wquery is None:
            return fx.alive.copy()
        return self._local.postings.mask(searcher, wquery, fx.alive)  # type: ignore[no-any-return]

    def _count_relaxed(self, page: SearchPage, searcher: Searcher, fx: FacetIndex, loose: Node,
                       filters: dict[str, np.ndarray]) -> None:
        """What the query's words ORed find under the same filters, in the same search."""
        wloose = to_whoosh(loose, searcher.reader(), self.actor_names.resolve)
        if wloose is None:
            return
        bound_terms(wloose)
        count = int(combined(self._matched(searcher, fx, loose, wloose), filters).sum())
        if count:
            page.relaxed, page.relaxed_total = node_text(loose), count

    def _hit(self, searcher: Searcher, docnum: int, score: float | None, terms: Terms,
             snippets: bool = True) -> Hit:
        f = searcher.stored_fields(docnum)
        body = f.get("body", "")
        return Hit(
            id=f["id"],
            path=self._prefix + f["path"],
            title=f.get("title", ""),
            title_html=highlight(f.get("title", ""), terms),
            outlet=f.get("outlet") or None,
            date=date_of(int(f.get("date") or 0)),
            author=f.get("author") or None,
            people=split_values(f.get("person", "")),
            orgs=split_values(f.get("org", "")),
            places=split_values(f.get("place", "")),
            url=f.get("url") or None,
            score=score,
            fragments=tuple(fragments(body, terms)) if snippets else (),
        )

    def article(self, doc_id: str, q: str = "") -> ArticlePage | None:
        """One article with ``q``'s words marked and its related articles, or None if unknown."""
        searcher, _ = self._searcher()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return None
        f = dict(searcher.stored_fields(docnum))
        meta = json.loads(f.pop("meta", "{}") or "{}")
        body = str(f.get("body", ""))
        fields: dict[str, object] = {
            "id": f["id"],
            "path": self._prefix + f["path"],
            "title": f.get("title", ""),
            # A page shows at most MAX_ARTICLE_CHARS of a huge article (all of it is searchable).
            "body": body[:MAX_ARTICLE_CHARS],
            "truncated": len(body) > MAX_ARTICLE_CHARS,
            "length": len(body),
            "date": date_of(int(f.get("date") or 0)),
            "outlet": f.get("outlet") or None,
            "author": f.get("author") or None,
            "url": f.get("url") or None,
            "lang": f.get("lang") or "fr",
            "people": split_values(f.get("person", "")),
            "orgs": split_values(f.get("org", "")),
            "places": split_values(f.get("place", "")),
            "provenance": meta.get("provenance", {}),
            "actors_why": meta.get("actors_why", {}),
            "signature": (meta.get("extra") or {}).get("signature", []),
        }
        return article_page(fields, q, self.related(doc_id))

    def related(self, doc_id: str, top: int = 5) -> list[Hit]:
        """Articles most like ``doc_id`` (Whoosh more-like-this on the body), best first."""
        searcher, _ = self._searcher()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return []
        # Key terms from the opening of the text: a 5 MB article must not be analysed whole.
        body = str(searcher.stored_fields(docnum).get("body", ""))[:MAX_SCAN]
        results = searcher.more_like(docnum, "body", text=body, top=top)
        no_terms = query_terms(None)
        return [self._hit(searcher, r.docnum, float(r.score), no_terms) for r in results]

    def stats(self, top: int = 10) -> dict[str, object]:
        """Documents, fields, top facet values, provenance counts, index age (`presse stats`)."""
        searcher, fx = self._searcher()
        mask = fx.alive
        provenance: dict[str, dict[str, int]] = {}
        for fields in searcher.all_stored_fields():
            for name, source in json.loads(fields.get("meta") or "{}").get("provenance", {}).items():
                provenance.setdefault(name, {}).setdefault(source, 0)
                provenance[name][source] += 1
        undated = fx.dates.unknown_bucket(mask, ())
        return {
            "documents": int(mask.sum()),
            "fields": sorted(searcher.schema.names()),
            "version": self.meta.get("version"),
            "built_at": self.meta.get("built_at"),
            "updated_at": self.meta.get("updated_at"),
            "facets": {
                name: [(b.label, b.count) for b in fx.tables[name].buckets(mask, (), top)]
                for name in ("outlet", "person", "org", "place")
            },
            "years": [(b.label, b.count) for b in fx.dates.year_buckets(mask, ())]
                     + ([("date inconnue", undated.count)] if undated else []),
            "provenance": provenance,
        }

    def actor_info(self, name: str) -> ActorInfo | None:
        """The person or organisation ``name`` names (directly or by a variant), or None."""
        _, fx = self._searcher()
        return identify(name, self.actor_names, fx.tables["person"].index, fx.tables["org"].index)

    def quotes(self, req: SearchRequest, speaker: str | None = None,
               limit: int = 50) -> QuotePage:
        """The attributed quotes ``req`` finds (its words in the quote), newest first."""
        return whoosh_quotes(self, req, speaker, limit)
