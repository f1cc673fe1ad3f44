"""Raw NER mentions → canonical people, organisations and places of one article.

Cleaning strips honorifics (``MM. Lavrov`` → ``Lavrov``), splits ``Lavrov et Diop`` in two,
applies the alias files, and drops noise (lowercase spans, fragments, common words). Names
are then grouped by their key (accents, case and hyphens folded), and a surname-only mention
resolves to the one fuller name it ends, in the article first, else in the corpus; an
ambiguous surname resolves to nobody.

>>> strip_titles("S.E.M. El Hadj Abdoulaye Diop")
'Abdoulaye Diop'
>>> strip_titles("Le Président russe Vladimir Poutine")
'Vladimir Poutine'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis import fold
from .aliases import ORG, PERSON, PLACE, Aliases, name_key
from .ner import Mention

LABEL_KIND = {"PER": PERSON, "ORG": ORG, "LOC": PLACE}

# Titles and honorifics, folded, lowercased, dots removed; two-word ones are matched first.
TITLES = frozenset(
    """
    m mm mme mmes mlle mlles sem se sm president presidente presidents ministre ministres
    colonel col general generale gal capitaine cne commandant cdt lieutenant lt sergent adjudant
    marechal hadj hadja elhadj hadji me maitre dr docteur pr professeur monseigneur mgr imam
    honorable excellence excellences ambassadeur ambassadrice premier chef chefs depute deputee
    senateur maire gouverneur roi reine prince princesse pape lieutenant-colonel
    le la les du des l feu madame monsieur mesdames messieurs
    """.split()
)
TITLES2 = frozenset({"el hadj", "al hadj", "son excellence", "sa majeste", "leurs excellences",
                     "chef d", "premier ministre", "s e"})
# Lowercase words allowed inside a name.
PARTICLES = frozenset(
    "de des du d la le l et da dos do van von der ben bin ibn ould ag al el ep y di aux au en pour "
    "sur".split()
)
# Words of page furniture that NER glues to the end of a name ("Alassane Dia Lire aussi").
TRAILERS = frozenset({"lire", "aussi", "reporter", "video", "photo", "montage", "nos"})
_ELISION = re.compile(r"^(?:[lLdD]|[qQ]u|[jJ]usqu|[lL]orsqu)['’]\s*")
_EDGE = "\"'«»“”„()[]{},;:.!?…-–—/* \t\n’"
# Whatever else is neither letter nor digit at either end (bullets, arrows, ").•").
_SYMBOLS = re.compile(r"^[\W_]+|[\W_]+$")
_SPLIT_PEOPLE = re.compile(r"\s*,\s*|\s+et\s+|\s*&\s*|\s[-–—]\s")
_FRAGMENT = re.compile(r"[:«»\"|;!?…]|\s[-–—]\s|\d{3,}|\n")
_LOWER_WORD = re.compile(r"(?<![\w’'])[a-zàâäéèêëîïôöùûüçœ]+(?![\w’'])")
_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&-]{1,9}[A-Z0-9])\s*\)")


def _bare(word: str) -> str:
    return fold(word).lower().replace(".", "").replace("’", "'")


def strip_titles(text: str) -> str:
    """``text`` without leading titles, honorifics, articles or lowercase epithets."""
    words = text.split()
    while words:
        two = _bare(" ".join(words[:2])).replace("'", " ").split()
        if len(words) >= 2 and " ".join(two[:2]) in TITLES2:
            words = words[2:]
            continue
        # S.E. and S.E.M. come as one token; "d’État" after "chef" goes with it.
        head = _bare(words[0])
        if head in TITLES or head.startswith("d'") or (words[0][:1].islower() and len(words) > 1):
            words = words[1:]
            continue
        break
    while len(words) > 1 and _bare(words[-1]) in TRAILERS:
        words = words[:-1]
    return " ".join(words)


def clean(text: str) -> str:
    """A mention without edge punctuation, leading elision (``l’AES``) or extra spaces.

    >>> clean("Emmanuel Macron).•")
    'Emmanuel Macron'
    """
    text = " ".join(text.split()).strip(_EDGE)
    text = _ELISION.sub("", text)
    return _SYMBOLS.sub("", text.strip(_EDGE))


@dataclass(frozen=True)
class Found:
    """A name found in an article: its kind, key, written form, and alias name if any."""

    kind: str
    key: str
    form: str
    fixed: str | None = None


def _is_noise(form: str, kind: str, lower_words: set[str]) -> bool:
    key = name_key(form)
    if len(key) < 2 or not form[:1].isupper() or _FRAGMENT.search(form):
        return True
    words = form.split()
    low = [w for w in words if not w[:1].isupper() and _bare(w).strip("'") not in PARTICLES
           and not w[:1].isdigit()]
    if _bare(words[-1]).strip("'") in PARTICLES:
        return True
    if kind == PERSON and (len(words) > 5 or low or any(c.isdigit() for c in form)):
        return True
    if kind == ORG and (len(words) > 7 or len(low) > 1):
        return True
    if kind == PLACE and (len(words) > 5 or len(low) > 1):
        return True
    if len(words) == 1 and not form.isupper():
        # A capitalised word that the same text also writes in lowercase is a common word.
        return form.lower() in lower_words or len(form) < 3
    return False


def learn_acronyms(text: str) -> dict[str, str]:
    """``Long Name (ACR)`` pairs written in ``text``: key of the long name → acronym."""
    pairs: dict[str, str] = {}
    for m in _ACRONYM.finditer(text):
        before, acr = text[max(0, m.start() - 160) : m.start()].split("\n")[-1].split(), m.group(1)
        if sum(c.isupper() for c in acr) < 2:
            continue
        kept: list[str] = []
        for word in reversed(before):
            bare = _bare(word)
            if word[:1].isupper() or bare in PARTICLES or bare[:2] in ("l'", "d'"):
                kept.insert(0, word)
            else:
                break
        while kept and (_bare(kept[0]) in PARTICLES or not kept[0][:1].isupper()):
            kept.pop(0)
        if len(kept) >= 2:
            pairs[name_key(" ".join(kept))] = acr
    return pairs


class Cleaner:
    """Turns one article's raw mentions into Found names, with the alias files and rules."""

    def __init__(self, aliases: Aliases) -> None:
        self.aliases = aliases
        single: list[str] = []
        multi = [key for key in aliases.by_key if " " in key]
        for alias in {a.name: a for a in aliases.by_key.values()}.values():
            for v in (alias.name, *alias.variants):
                if " " not in name_key(v) and name_key(v):
                    single.append(clean(v))
        multi.sort(key=len, reverse=True)
        self._multi = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, multi)) + r")(?!\w)") if multi \
            else None
        self._single = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(set(single),
                                  key=len, reverse=True))) + r")(?![\w-])") if single else None

    def _from_alias(self, form: str, kind: str | None) -> Found | None:
        alias = self.aliases.lookup(form)
        if alias is None:
            return None
        k = alias.kind or kind or ORG
        return Found(k, name_key(alias.name), alias.name, alias.name)

    def dictionary(self, text: str) -> list[Found]:
        """Names of the alias files written in ``text`` (what NER misses, e.g. AES as MISC)."""
        out: list[Found] = []
        if self._multi is not None:
            for m in self._multi.finditer(name_key(text)):
                if (f := self._from_alias(m.group(1), None)) is not None:
                    out.append(f)
        if self._single is not None:
            for m in self._single.finditer(text):
                if (f := self._from_alias(m.group(1), None)) is not None:
                    out.append(f)
        return out

    def found(self, text: str, mentions: list[Mention], acronyms: dict[str, str],
              local: dict[str, str] | None = None) -> list[Found]:
        """Every name of one article (``text`` is its title and body; ``local`` its acronyms)."""
        lower_words = set(_LOWER_WORD.findall(text))
        local = learn_acronyms(text) if local is None else local
        known_acr = set(acronyms.values()) | set(local.values())
        out: list[Found] = []
        for raw, label in mentions:
            kind = LABEL_KIND.get(label)
            form = clean(raw)
            if not form or self.aliases.is_ignored(form):
                continue
            if (f := self._from_alias(form, kind)) is not None:
                out.append(f)
                continue
            parts = _person_parts(form) if kind == PERSON else [form]
            for part in parts:
                part = clean(strip_titles(part) if kind == PERSON else part)
                if not part or self.aliases.is_ignored(part):
                    continue
                if (f := self._from_alias(part, kind)) is not None:
                    out.append(f)
                    continue
                acr = local.get(name_key(part)) or acronyms.get(name_key(part))
                if acr is not None:
                    out.append(self._from_alias(acr, ORG) or Found(ORG, name_key(acr), acr, acr))
                    continue
                part_kind = kind
                if part in known_acr:
                    part_kind = ORG
                if part_kind is None or _is_noise(part, part_kind, lower_words):
                    continue
                out.append(Found(part_kind, name_key(part), part))
        for acr in local.values():
            out.append(self._from_alias(acr, ORG) or Found(ORG, name_key(acr), acr, acr))
        out.extend(self.dictionary(text))
        return _vote_kinds(out)


def _person_parts(form: str) -> list[str]:
    """A PER span cut into names: at commas, ``et``, dashes, and words that are not names.

    NER glues credits together (``Alexandrine Holognon Nos invités Youssouf Bara``); a piece cut
    out of such a span is kept only when it has two words or more.

    >>> _person_parts("Alexandrine Holognon Nos invités Youssouf Bara")
    ['Alexandrine Holognon Nos', 'Youssouf Bara']
    """
    out: list[str] = []
    for piece in _SPLIT_PEOPLE.split(form):
        runs: list[list[str]] = [[]]
        for word in strip_titles(piece).split():
            if word[:1].islower() and _bare(word).strip("'") not in PARTICLES:
                runs.append([])
            else:
                runs[-1].append(word)
        runs = [r for r in runs if r]
        if len(runs) <= 1:
            out.append(piece)
        else:
            out.extend(" ".join(r) for r in runs if len(r) >= 2)
    return out


def _vote_kinds(found: list[Found]) -> list[Found]:
    """One kind per name in an article: NER's most frequent label for it (a person on a tie).

    NER tags ``Tening Sène`` ORG in a title and PER in the text: she is one person.
    """
    votes: dict[str, dict[str, int]] = {}
    for f in found:
        if f.fixed is None:
            kinds = votes.setdefault(f.key, {})
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
    winner = {key: max(kinds, key=lambda k: (kinds[k], k == PERSON)) for key, kinds in votes.items()}
    return [f if f.fixed is not None or winner[f.key] == f.kind else Found(winner[f.key], f.key, f.form)
            for f in found]
