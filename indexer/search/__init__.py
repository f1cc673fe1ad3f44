"""The read path: ``SearchRequest`` → ``SearchPage`` (and ``ArticlePage``), whatever answers.

- ``backend.py``: the contract the web app and the CLI depend on, and ``open_backend``;
- ``request.py``, ``query.py``: a request's parameters and its query language;
- ``answer.py``: a page from one search (plus at most one for a suggestion);
- ``facets.py``: the facets, declared once; ``page.py``, ``article_page.py``: the answers;
- ``engine.py`` with ``matching.py``, ``postings.py``, ``facet_tables.py``, ``snippets.py``,
  ``suggest.py``, ``timeline.py``: the embedded Whoosh backend.

Nothing here imports the write path (``indexer.store``, extraction or actors).
"""

from __future__ import annotations

from .answer import any_word
from .article_page import ArticlePage
from .backend import Backend, Generation, open_backend
from .engine import Engine
from .matching import TIME_LIMIT
from .page import Hit, SearchPage
from .request import SearchRequest

__all__ = ["TIME_LIMIT", "ArticlePage", "Backend", "Engine", "Generation", "Hit", "SearchPage",
           "SearchRequest", "any_word", "open_backend"]
