"""Raw NER mentions of articles: from the cache by text hash, else from spaCy, ahead of need.

``Mentions`` is what the annotator asks for an article's mentions. A text NER already read is
never read again (the cache is keyed by a hash of the very text NER reads, so a change of what
it reads, a signature cut from the body, never reuses stale mentions). ``prefetch`` starts NER
of the next chunk on the worker processes so that it runs while this process canonicalises
and writes the current one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ..article import Article
from .cache import ActorCache
from .ner import Mention, model_version, run_ner, start_ner
from .signers import article_text


def text_hash(text: str) -> str:
    """The cache key of a text NER reads."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class Mentions:
    """The mentions of articles, for one actor cache."""

    def __init__(self, cache: ActorCache) -> None:
        self.cache = cache
        # Texts sent to NER (the rest came from the cache).
        self.ner_texts = 0
        # NER started ahead: the text hashes and the function giving their mentions; and the
        # articles to start next, once that one is collected.
        self._ahead: tuple[list[str], Callable[[], list[list[Mention]]]] | None = None
        self._queued: list[Article] | None = None

    def __call__(self, articles: list[Article]) -> list[list[Mention]]:
        """Raw NER mentions of each article, from the cache or by running NER on the rest."""
        model = model_version()
        self._collect(model)
        texts = [article_text(a) for a in articles]
        hashes = [text_hash(t) for t in texts]
        cached = self.cache.get_mentions(sorted(set(hashes)), model)
        todo: dict[str, str] = {}
        for h, text in zip(hashes, texts, strict=True):
            if h not in cached:
                todo.setdefault(h, text)
        if todo:
            found = run_ner(list(todo.values()))
            self.ner_texts += len(todo)
            fresh = dict(zip(todo, found, strict=True))
            self.cache.put_mentions(fresh.items(), model)
            cached.update(fresh)
        return [cached[h] for h in hashes]

    def cached(self, articles: list[Article]) -> list[bool]:
        """Whether each article's mentions are in the cache (no NER needed)."""
        hashes = [text_hash(article_text(a)) for a in articles]
        found = self.cache.get_mentions(sorted(set(hashes)), model_version())
        return [h in found for h in hashes]

    def prefetch(self, articles: list[Article]) -> None:
        """Start NER of the texts of ``articles`` not cached: at once when no NER is running,
        else as soon as the running one is collected, before that batch is canonicalised. So
        the workers are never idle while this process canonicalises and writes."""
        if self._ahead is None:
            self._start(articles)
        else:
            self._queued = articles

    def _start(self, articles: list[Article]) -> None:
        todo: dict[str, str] = {}
        for a in articles:
            text = article_text(a)
            todo.setdefault(text_hash(text), text)
        cached = self.cache.get_mentions(sorted(todo), model_version())
        todo = {h: t for h, t in todo.items() if h not in cached}
        if todo:
            self._ahead = (list(todo), start_ner(list(todo.values())))

    def _collect(self, model: str) -> None:
        if self._ahead is not None:
            hashes, wait = self._ahead
            self._ahead = None
            self.cache.put_mentions(zip(hashes, wait(), strict=True), model)
            self.ner_texts += len(hashes)
        if self._queued is not None:
            queued, self._queued = self._queued, None
            self._start(queued)
