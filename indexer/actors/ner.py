"""spaCy NER: the French model loaded once per process, batched, on both cores for big batches.

Only ``ner`` runs. The model's ``ner`` has a tok2vec of its own (``fr_core_news_md``'s config:
``components.ner.model.tok2vec``), so the shared ``tok2vec`` component, which feeds only the
tagger, parser and lemmatizer, is not loaded either: the same entities, 1.7× the words per
second (6,600 → 11,450 on one process, 400 OrangeSum articles). A batch of at least
``POOL_CHARS`` characters (or any once the pool runs) goes to a pool of worker processes,
each loading the model once and kept for the life of the calling process; texts are sent
sorted by length, so a chunk holds texts of like size, and the results come back in the
caller's order.

Nothing here loads the model until a text needs NER or a word is asked about that no earlier
run recorded: ``model_version`` reads the installed package's version, and the common-word
answers are kept in the actor cache (``remember_words``/``new_words``).
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections.abc import Callable
from functools import lru_cache
from multiprocessing.pool import Pool
from typing import Any

MODEL = "fr_core_news_md"
# Mentions are (text, label) pairs; label is spaCy's PER, ORG, LOC or MISC.
Mention = tuple[str, str]

# Below this many characters a batch runs in this process: starting the two workers (each
# importing spaCy and loading the model) costs ~6 s, what one process needs for ~600,000
# characters (~90,000 words at ~12,000 words/s); 100 new OrangeSum articles (~200,000) took
# 11.2 s through the pool.
POOL_CHARS = 600_000
CHUNK = 16
# Long bodies are cut: NER cost grows with length and actors are named early.
MAX_CHARS = 20_000

_pool: Pool | None = None


@lru_cache(maxsize=1)
def load_model() -> Any:
    """The spaCy pipeline with only what NER needs (loaded once per process)."""
    import spacy

    keep = {"ner"}
    info = spacy.info(MODEL)
    names = [str(n) for n in info.get("pipeline", [])] if isinstance(info, dict) else []
    exclude = [n for n in names if n not in keep] or [
        "tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter", "tagger",
    ]  # fmt: skip
    return spacy.load(MODEL, exclude=exclude)


# Common-word answers of this process: those the cache recorded and those asked since.
_words: dict[str, bool] = {}
_new_words: dict[str, bool] = {}


def is_common_word(word: str) -> bool:
    """Whether the model knows ``word`` (lowercased) as an ordinary word: it has a vector.

    The vectors cover the common vocabulary (``constitution``, ``plan``); a local company's
    name (``Sonabel``) is not in it.
    """
    key = word.lower()
    known = _words.get(key)
    if known is None:
        known = _words[key] = _new_words[key] = bool(load_model().vocab.has_vector(key))
    return known


def remember_words(answers: dict[str, bool]) -> None:
    """Common-word answers recorded by earlier runs (the actor cache) for this model."""
    _words.update(answers)


def new_words() -> dict[str, bool]:
    """The answers asked of the model since the last call, to record."""
    out = dict(_new_words)
    _new_words.clear()
    return out


@lru_cache(maxsize=1)
def model_version() -> str:
    """Name and version of the NER model, part of every cache key: read from the installed
    package, as the loaded model's meta says it (``fr_core_news_md-3.8.0``)."""
    from importlib.metadata import version

    return f"{MODEL}-{version(MODEL)}"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS]


def _ner_local(texts: list[str]) -> list[list[Mention]]:
    nlp = load_model()
    return [[(e.text, e.label_) for e in doc.ents]
            for doc in nlp.pipe((_clip(t) for t in texts), batch_size=32)]


def by_length(texts: list[str]) -> list[int]:
    """Indexes of ``texts`` from the shortest to the longest.

    >>> by_length(["ccc", "a", "bb"])
    [1, 2, 0]
    """
    return sorted(range(len(texts)), key=lambda i: len(texts[i]))


def _worker_init() -> None:
    load_model()


def workers() -> int:
    """How many worker processes a large batch uses: every core, at most 2 (the machine's)."""
    return max(1, min(2, os.cpu_count() or 1))


def _get_pool() -> Pool:
    global _pool
    if _pool is None:
        # Not fork: a forked worker would share the index's write lock (an flock) with the
        # parent and keep it after sync releases it. A fork server starts clean (spaCy imported
        # once there) and forks each worker, which then loads the model once.
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            ctx.set_forkserver_preload(["spacy", __name__])
        _pool = ctx.Pool(workers(), initializer=_worker_init)
        atexit.register(close_pool)
    return _pool


def close_pool() -> None:
    """Stop the worker processes, if any were started."""
    global _pool
    if _pool is not None:
        _pool.close()
        _pool.join()
        _pool = None


def _parallel(texts: list[str]) -> bool:
    return workers() > 1 and (_pool is not None or sum(map(len, texts)) >= POOL_CHARS)


def start_ner(texts: list[str]) -> Callable[[], list[list[Mention]]]:
    """Start NER of ``texts`` on the worker processes; the returned function waits for the
    mentions (in order). Small batches run when the function is called."""
    if not _parallel(texts):
        return lambda: run_ner(texts, parallel=False)
    order = by_length(texts)
    ordered = [texts[i] for i in order]
    chunks = [ordered[i : i + CHUNK] for i in range(0, len(ordered), CHUNK)]
    pending = _get_pool().map_async(_ner_local, chunks)

    def wait() -> list[list[Mention]]:
        found = [m for part in pending.get() for m in part]
        out: list[list[Mention]] = [[] for _ in texts]
        for i, mentions in zip(order, found, strict=True):
            out[i] = mentions
        return out

    return wait


def run_ner(texts: list[str], parallel: bool | None = None) -> list[list[Mention]]:
    """Entity mentions of each text, in order; a large batch runs on every core."""
    if not texts:
        return []
    if parallel is None:
        parallel = _parallel(texts)
    if not parallel:
        return _ner_local(texts)
    order = by_length(texts)
    ordered = [texts[i] for i in order]
    chunks = [ordered[i : i + CHUNK] for i in range(0, len(ordered), CHUNK)]
    found: list[list[Mention]] = []
    for part in _get_pool().imap(_ner_local, chunks):
        found.extend(part)
    out: list[list[Mention]] = [[] for _ in texts]
    for i, mentions in zip(order, found, strict=True):
        out[i] = mentions
    return out
