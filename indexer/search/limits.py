"""Bounds on one search's work: a cap on expanded terms and a wall-clock limit.

The parser already caps the query (``MAX_QUERY_CHARS``, ``MAX_NODES``, ``MAX_DEPTH``) and
matching caps each prefix (``MAX_PREFIX_TERMS``); these bound what is left: how many index terms
a whole query may touch, and how long the engine may run before it gives up with a message.

>>> from whoosh import query as wq
>>> bound_terms(wq.Or([wq.Term("body", "aes")] * 3))
"""

from __future__ import annotations

import time
from itertools import islice

from ..errors import QueryError, QueryTimeout

# Seconds a search may run before it is cut off with a QueryTimeout (checked between phases).
TIME_LIMIT = 5.0
# Most index terms one query may touch once prefixes are expanded: bounds the work up front.
MAX_QUERY_TERMS = 512


def bound_terms(wquery: object) -> None:
    """Refuse (QueryError) a Whoosh query with more than ``MAX_QUERY_TERMS`` leaves."""
    leaves = wquery.leaves() if hasattr(wquery, "leaves") else iter(())
    if sum(1 for _ in islice(leaves, MAX_QUERY_TERMS + 1)) > MAX_QUERY_TERMS:
        raise QueryError(
            f"requête trop large : plus de {MAX_QUERY_TERMS} termes une fois les préfixes `mot*` "
            "développés ; précisez-la"
        )


def check_deadline(deadline: float, limit: float) -> None:
    """Raise QueryTimeout once ``time.perf_counter()`` has passed ``deadline``."""
    if time.perf_counter() > deadline:
        raise QueryTimeout(limit)

