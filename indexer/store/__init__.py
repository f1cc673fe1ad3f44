"""The write path: article files → Whoosh documents in the index folder.

``sync`` (sync.py) brings an index in line with a corpus folder, ``schema.py`` says what a
document holds, ``annotator.py`` what the actor pipeline must offer a sync, ``failures.py``
how a failed write is reported and cleaned up. The reader never imports this package.
"""

from __future__ import annotations

from .annotator import Annotation, Annotator, FixedActors, NoActors
from .sync import SyncReport, sync

__all__ = ["Annotation", "Annotator", "FixedActors", "NoActors", "SyncReport", "sync"]
