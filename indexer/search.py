"""The one read path: ``SearchRequest`` → ``SearchPage``, shared by the CLI and the web app."""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from whoosh.index import Index
from whoosh.searching import Searcher

from .actor_names import ActorNames
from .analysis import fold
from .dedupe import WINDOW, group_ranked
from .errors import IndexMissing, QueryTimeout
from .facets import FacetIndex
from .limits import TIME_LIMIT, bound_terms, check_deadline
from .matching import to_whoosh
from .page import Hit, SearchPage, date_of, split_values
from .postings import Postings, top
from .query import And, Node, Not, Or, parse
from .request import FACET_PARAMS, SearchRequest
from .snippets import MAX_SCAN, fragments, highlight, query_terms
from .store import META_NAME, open_index
from .suggest import suggest_text

# The most of an article's text one page or API answer carries: a 5 MB file stays searchable,
# but its page is this long and says it is cut ("texte tronqué").
MAX_ARTICLE_CHARS = 200_000

# The request and page types are part of this module's interface (CLI, web app, benchmarks).
__all__ = ["Engine", "Hit", "SearchPage", "SearchRequest", "any_word"]


def any_word(node: Node | None) -> Node | None:
    """``mode=or``: the top-level words ORed (exclusions kept), e.g. for question-like queries."""
    if not isinstance(node, And):
        return node
    positives = tuple(c for c in node.children if not isinstance(c, Not))
    negatives = tuple(c for c in node.children if isinstance(c, Not))
    if len(positives) < 2:
        return node
    return And((Or(positives), *negatives)) if negatives else Or(positives)


def _display_prefix(corpus: Path) -> str:
    """How the corpus folder is shown before a document's path: relative to the project."""
    from .settings import ROOT

    try:
        rel = corpus.resolve().relative_to(ROOT)
    except ValueError:
        return f"{corpus}/" if str(corpus) else ""
    return "" if str(rel) == "." else f"{rel.as_posix()}/"


class Engine:
    """A read-only view of the index: one per process, one Whoosh searcher per thread.

    Each call checks (at most every ``check_every`` seconds) whether ``meta.json`` changed;
    when it did, the new generation is opened and its facet tables built, and threads move to
    it at their next call. A writer never blocks it.
    """

    def __init__(self, index_dir: Path, check_every: float = 0.5,
                 time_limit: float = TIME_LIMIT) -> None:
        self.index_dir = Path(index_dir)
        self.check_every = check_every
        self.time_limit = time_limit
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

    def _meta_stamp(self) -> tuple[int, int]:
        st = os.stat(self.index_dir / META_NAME)
        return (st.st_mtime_ns, st.st_ino)

    def _reopen(self) -> None:
        try:
            stamp = self._meta_stamp()  # before opening: a change in between is seen next time
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
        self._prefix = _display_prefix(Path(str(meta.get("corpus", ""))))
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
                if self._meta_stamp() != self._stamp:
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

    def search(self, req: SearchRequest, *, snippets: bool = True, facets: bool = True,
               group: bool = True) -> SearchPage:
        """Run ``req``: matching, filtering, facet counts, the page of hits with snippets.

        ``snippets=False`` leaves hits without highlighted fragments, ``facets=False`` skips
        facet counting and ``group=False`` leaves near-identical articles apart (the
        benchmarks time each part; counting searches skip what they do not show).
        """
        started = time.perf_counter()
        limit = self.time_limit
        deadline = started + limit
        searcher, fx = self._searcher()
        postings: Postings = self._local.postings
        node = parse(req.q)
        if req.mode == "or":
            node = any_word(node)
        names = self.actor_names
        wquery = to_whoosh(node, searcher.reader(), names.resolve)
        bound_terms(wquery)
        check_deadline(deadline, limit)
        if node is not None and wquery is None:
            matched = np.zeros(fx.ndocs, dtype=bool)  # only stop words: nothing to find
        elif wquery is None:
            matched = fx.alive.copy()
        else:
            matched = postings.mask(searcher, wquery, fx.alive)

        if req.actor:
            # An actor named by a variant (`actor=ECOWAS`) is the displayed one (`CEDEAO`).
            known = fx.tables["actor"].index
            req = replace(req, actor=tuple(dict.fromkeys(
                r for v in req.actor for r in ([v] if v in known else names.resolve(v) or [v]))))
        filters: dict[str, np.ndarray] = {}
        for name in FACET_PARAMS:
            selected = getattr(req, name)
            if selected:
                filters[name] = fx.tables[name].mask(selected)
        if req.year:
            filters["year"] = fx.dates.mask(years=req.year)  # type: ignore[assignment]
        if req.month:
            filters["month"] = fx.dates.mask(months=req.month)  # type: ignore[assignment]
        rng = fx.dates.mask(date_from=req.date_from, date_to=req.date_to)
        if rng is not None:
            filters["range"] = rng

        def without(*skip: str) -> np.ndarray:
            m = matched.copy()
            for name, f in filters.items():
                if name not in skip:
                    m &= f
            return m

        final = without()
        total = int(final.sum())
        # One `actor` parameter serves two facets: show a selected name under the one that has it.
        orgs_sel = tuple(v for v in req.actor if v in fx.tables["org"].index)
        people_sel = tuple(v for v in req.actor if v not in fx.tables["org"].index)
        buckets = {
            "outlet": fx.tables["outlet"].buckets(without("outlet"), req.outlet, 50),
            "person": fx.tables["person"].buckets(without("actor"), people_sel, 50),
            "org": fx.tables["org"].buckets(without("actor"), orgs_sel, 50),
            "place": fx.tables["place"].buckets(without("place"), req.place, 50),
            "year": fx.dates.year_buckets(without("year"), req.year),
            "month": fx.dates.month_buckets(without("month"), req.month),
        } if facets else {}
        if facets and req.actor_filter:
            needle = fold(req.actor_filter).lower()
            for name in ("person", "org"):
                chosen = people_sel if name == "person" else orgs_sel
                every = fx.tables[name].buckets(without("actor"), chosen, None)
                buckets[name] = [b for b in every if needle in fold(b.label).lower() or b.selected
                                 or names.matches(needle, b.value)][:50]

        start = (req.page - 1) * req.per_page
        end = start + req.per_page
        # Grouping looks WINDOW results past the page, so a copy ranked just below is folded too.
        want = min(total, end + WINDOW) if group else end
        ranked: np.ndarray | None = None
        check_deadline(deadline, limit)
        if total == 0 or start >= total:
            order = np.zeros(0, dtype=np.int64)
        elif req.sort == "pertinence" and wquery is not None:
            # BM25F over numpy arrays (see postings.py).
            ranked = postings.scores(searcher, wquery)
            order = top(ranked, np.flatnonzero(final), want)
        else:
            ids = np.flatnonzero(final)
            keys = fx.dates.num[ids]
            # Newest first by default (also for an empty query), undated last.
            by_date = np.lexsort((ids, -keys)) if req.sort != "ancien" else np.lexsort(
                (ids, np.where(keys == 0, np.iinfo(np.int64).max, keys)))
            order = ids[by_date[:want]]
        ordered = [int(d) for d in order]
        if group:
            groups = group_ranked(ordered, fx.dup_keys)
        else:
            groups = [[d] for d in ordered]
        distinct = len(groups) if group and want >= total else None

        terms = query_terms(node)

        def score(n: int) -> float | None:
            return float(ranked[n]) if ranked is not None else None

        hits = [replace(self._hit(searcher, g[0], score(g[0]), terms, snippets),
                        also=tuple(self._hit(searcher, n, score(n), terms, False) for n in g[1:]))
                for g in groups[start:end]]
        return SearchPage(
            request=req,
            total=total,
            hits=hits,
            facets=buckets,
            elapsed_ms=(time.perf_counter() - started) * 1000,
            documents=int(fx.alive.sum()),
            distinct=distinct,
        )

    def _hit(
        self, searcher: Searcher, docnum: int, score: float | None, terms: object, snippets: bool = True
    ) -> Hit:
        f = searcher.stored_fields(docnum)
        body = f.get("body", "")
        return Hit(
            id=f["id"],
            path=self._prefix + f["path"],
            title=f.get("title", ""),
            title_html=highlight(f.get("title", ""), terms),  # type: ignore[arg-type]
            outlet=f.get("outlet") or None,
            date=date_of(int(f.get("date") or 0)),
            author=f.get("author") or None,
            people=split_values(f.get("person", "")),
            orgs=split_values(f.get("org", "")),
            places=split_values(f.get("place", "")),
            url=f.get("url") or None,
            score=score,
            fragments=tuple(fragments(body, terms)) if snippets else (),  # type: ignore[arg-type]
        )

    def article(self, doc_id: str) -> dict[str, object] | None:
        """The stored fields of one article with its metadata, or None if unknown."""
        searcher, _ = self._searcher()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return None
        f = dict(searcher.stored_fields(docnum))
        meta = json.loads(f.pop("meta", "{}") or "{}")
        num = int(f.get("date") or 0)
        body = str(f.get("body", ""))
        return {
            "id": f["id"],
            "path": self._prefix + f["path"],
            "title": f.get("title", ""),
            # A page shows at most MAX_ARTICLE_CHARS of a huge article (all of it is searchable).
            "body": body[:MAX_ARTICLE_CHARS],
            "truncated": len(body) > MAX_ARTICLE_CHARS,
            "length": len(body),
            "date": date_of(num),
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

    def suggestion(self, page: SearchPage) -> str | None:
        """A respelt query that finds more than ``page`` did ("Vouliez-vous dire …"), or None."""
        searcher, _ = self._searcher()
        q = suggest_text(page.request.q, searcher.reader())
        if q is None or q == page.request.q:
            return None
        better = self.search(replace(page.request, q=q, page=1, per_page=1), snippets=False,
                             facets=False, group=False)
        return q if better.total > page.total else None

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
        """Document count, fields, top facet values, index age: for `presse stats`."""
        searcher, fx = self._searcher()
        mask = fx.alive
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
            "years": [(b.label, b.count) for b in fx.dates.year_buckets(mask, ())],
        }
