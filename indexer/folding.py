"""Accent folding and the folded French stop words: the text kernel shared by analysis,
extraction and actors, with no index library behind it.

>>> fold("Goïta, œuvre, Tillabéri")
'Goita, oeuvre, Tillaberi'
>>> fold_fast("l’Union économique")
'l Union economique'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

# Snowball's French stop list plus the elided forms, written folded (no accents) because the
# filter runs after folding.
STOP_WORDS = frozenset(
    """
    au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme
    mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
    tu un une vos votre vous c d j l a m n s t y ete etee etees etes etant etante etants etantes
    suis es est sommes etes sont serai seras sera serons serez seront serais serait serions seriez
    seraient etais etait etions etiez etaient fus fut fumes futes furent sois soit soyons soyez
    soient fusse fusses fut fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai
    as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient
    avais avait avions aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse
    eusses eussions eussiez eussent ceci cela celà cet cette ici ils les leurs quel quels quelle
    quelles sans soi jusqu lorsqu puisqu quoiqu
    """.split()
)


def fold(text: str) -> str:
    """Fold accents and ligatures to ASCII (``Goïta → Goita``, ``œuvre → oeuvre``)."""
    if text.isascii():
        return text
    return _fold_word(text) if len(text) < 40 else unidecode(text)


@lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str:
    # Words repeat: a cache spares unidecode most of its per-character work at indexing time.
    return unidecode(word)


_COMBINING = re.compile(r"[\u0300-\u036f]+")
# Punctuation of French typography, mapped to spaces before folding (keys ignore it anyway).
_PUNCT = str.maketrans({c: " " for c in "’‘«»“”„—–…\u00a0\u202f"})


def fold_fast(text: str) -> str:
    """Fold ``text`` for name keys: typographic punctuation to spaces, accents dropped."""
    # Decomposing then dropping accents is C-fast; unidecode only for what is left (œ, ß, ...).
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_PUNCT)))
    return text if text.isascii() else fold(text)
