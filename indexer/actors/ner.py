"""spaCy NER: the French model loaded once per process, batched, on both cores for big batches.

Only ``tok2vec`` and ``ner`` run (the tagger, parser and lemmatizer are not even loaded). A
batch of at least ``POOL_THRESHOLD`` texts goes to a pool of worker processes, each loading
the model once and kept for the life of the calling process.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from functools import lru_cache
from multiprocessing.pool import Pool
from typing import Any

MODEL = "fr_core_news_md"
# Mentions are (text, label) pairs; label is spaCy's PER, ORG, LOC or MISC.
Mention = tuple[str, str]

POOL_THRESHOLD = 64
CHUNK = 16
# Long bodies are cut: NER cost grows with length and actors are named early.
MAX_CHARS = 20_000

_pool: Pool | None = None


@lru_cache(maxsize=1)
def load_model() -> Any:
    """The spaCy pipeline with only what NER needs (loaded once per process)."""
    import spacy

    keep = {"tok2vec", "ner"}
    info = spacy.info(MODEL)
    names = [str(n) for n in info.get("pipeline", [])] if isinstance(info, dict) else []
    exclude = [n for n in names if n not in keep] or [
        "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter", "tagger",
    ]  # fmt: skip
    return spacy.load(MODEL, exclude=exclude)


@lru_cache(maxsize=50_000)
def is_common_word(word: str) -> bool:
    """Whether the model knows ``word`` (lowercased) as an ordinary word: it has a vector.

    The vectors cover the common vocabulary (``constitution``, ``plan``); a local company's
    name (``Sonabel``) is not in it.
    """
    return bool(load_model().vocab.has_vector(word.lower()))


def model_version() -> str:
    """Name and version of the NER model: part of every cache key."""
    meta = load_model().meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS]


def _ner_local(texts: list[str]) -> list[list[Mention]]:
    nlp = load_model()
    return [[(e.text, e.label_) for e in doc.ents]
            for doc in nlp.pipe((_clip(t) for t in texts), batch_size=32)]


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


def run_ner(texts: list[str], parallel: bool | None = None) -> list[list[Mention]]:
    """Entity mentions of each text, in order; a large batch runs on every core."""
    if not texts:
        return []
    if parallel is None:
        parallel = len(texts) >= POOL_THRESHOLD and workers() > 1
    if not parallel:
        return _ner_local(texts)
    chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
    out: list[list[Mention]] = []
    for part in _get_pool().imap(_ner_local, chunks):
        out.extend(part)
    return out
