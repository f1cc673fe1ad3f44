"""The annotator a sync calls: what it gives each article, and its life around the sync.

The store knows nothing of NER or alias files: it asks an annotator for each batch's people,
organisations and places, and tells it when a sync begins and ends so that the annotator
keeps its own cache coherent with the index (``indexer.actors.ActorAnnotator``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from ..article import Article

Names = tuple[str, ...]
# (people, organisations, places) of one article, optionally with {name: why it is there}
# (`ner`, `alias`, `acronym`, `corpus`).
Annotation = tuple[Names, Names, Names] | tuple[Names, Names, Names, dict[str, str]]
NO_ACTORS: Annotation = ((), (), ())


class Annotator(Protocol):
    """Actors for batches of articles, told when a sync begins and ends."""

    def begin(self, index_dir: Path, rebuild: bool, existing: bool) -> bool:
        """Before any batch. True when every article must be annotated again (the rules or
        aliases changed since the index was annotated): the sync then rebuilds."""
        ...

    def __call__(self, articles: list[Article]) -> Sequence[Annotation]:
        """One annotation per article, in order."""
        ...

    def known(self, articles: list[Article]) -> Sequence[Annotation | None]:
        """The annotations that need no slow work (NER from the cache), None for the others:
        those articles are indexed first without actors and annotated in the actor phase."""
        ...

    def prefetch(self, articles: list[Article]) -> None:
        """Start the slow work for ``articles`` (NER) in the background, for a later call."""
        ...

    def publish(self, index_dir: Path) -> None:
        """Before the commit: write what readers need beside the index (actor names)."""
        ...

    def finish(self, committed: bool) -> None:
        """After the sync: ``committed`` when the index now carries this annotator's output."""
        ...


class NoActors:
    """No actors at all: every article gets none."""

    def begin(self, index_dir: Path, rebuild: bool, existing: bool) -> bool:
        """Nothing to re-annotate."""
        return False

    def __call__(self, articles: list[Article]) -> Sequence[Annotation]:
        """Empty people, organisations and places for each article."""
        return [NO_ACTORS] * len(articles)

    def known(self, articles: list[Article]) -> Sequence[Annotation | None]:
        """Every annotation: none is slow."""
        return self(articles)

    def prefetch(self, articles: list[Article]) -> None:
        """Nothing to start."""

    def publish(self, index_dir: Path) -> None:
        """Nothing to publish."""

    def finish(self, committed: bool) -> None:
        """Nothing to record."""


class FixedActors(NoActors):
    """Actors given by a function of the articles (test corpora whose records name them)."""

    def __init__(self, annotate: Callable[[list[Article]], Sequence[Annotation]]) -> None:
        self.annotate = annotate

    def __call__(self, articles: list[Article]) -> Sequence[Annotation]:
        """What the function gives."""
        return self.annotate(articles)
