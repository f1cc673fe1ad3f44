"""What of an article is not its actors: who signs it, who publishes it, and the text NER
reads (title and body, never the byline).

An article's authors, its in-text credits (``Reporter : …``, ``un reportage de …``) and its own
outlet or agency are never among its actors, whichever order their names are written in.
"""

from __future__ import annotations

import re

from ..article import Article
from ..extract.signature import credited_names
from .aliases import name_key


def publisher_keys(article: Article) -> set[str]:
    """Name keys of the article's outlet and of the agency its signature names."""
    names = [article.outlet or "", str(article.extra.get("agency") or "")]
    return {name_key(n) for n in names if name_key(n)}


def author_keys(article: Article) -> set[frozenset[str]]:
    """The names that sign an article (its author field and its signature), as word sets:
    ``Issa SAWADOGO`` and ``SAWADOGO Issa`` are the same signer."""
    raw = [article.author or ""]
    sig = article.extra.get("signature")
    if isinstance(sig, list):
        raw.extend(str(n) for n in sig)
    raw.extend(credited_names(article.body, article.outlet))
    out: set[frozenset[str]] = set()
    for text in raw:
        # An author field written like a signature: `Par Issa SAWADOGO (AIB)`, `Texte : …`.
        text = _AUTHOR_NOISE.sub(" ", text)
        for name in re.split(r"\s*(?:,|;|&|/|\bet\b|\band\b)\s*", text):
            words = [w for w in name_key(name).split() if w not in _CREDIT_WORDS]
            if len(words) >= 2:
                out.add(frozenset(words))
    return out


_AUTHOR_NOISE = re.compile(
    r"\([^()]*\)|^\s*(?:de\s+)?(?:notre|nos)\b"
    r"|\b(?:envoy[ée]e?s? sp[ée]cia(?:le?s?|ux)|correspondante?s?)\b[^,]*,?", re.I)
_CREDIT_WORDS = frozenset("par texte textes photo photos".split())


def article_text(article: Article) -> str:
    """What NER reads: the title and the body (never the byline or the author)."""
    return f"{article.title}\n\n{article.body}"
