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
from collections import Counter
from dataclasses import dataclass, replace

from ..folding import STOP_WORDS, fold
from .aliases import ORG, PERSON, PLACE, Aliases, name_key
from .evidence import (
    HONORIFICS,
    ROLE_HEADS,
    Context,
    acronym_definitions,
    head_noun,
    institutions,
    is_calendar,
    is_org_head,
    reorder_surname_first,
)
from .kinds import Knowledge, evidence_kind, single_kept
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
# Not a name: punctuation of a sentence, a dash between words, a number, a line break, words
# glued by a full stop (`BFMTV.Le`, `Sanz.- Economie`).
_FRAGMENT = re.compile(
    r"[:«»\"|;!?…]|\s[-–—]\s|\d{3,}|\n|\w\.[-–—]|[a-zà-ÿ]{2}\.[A-ZÀ-Ý]|[A-Z]{2}\.[A-ZÀ-Ý][a-z]")
_LOWER_WORD = re.compile(r"(?<![\w’'])[a-zàâäéèêëîïôöùûüçœ]+(?![\w’'])")


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
        if head in TITLES or head in HONORIFICS or head.startswith("d'") or (
                words[0][:1].islower() and len(words) > 1):
            words = words[1:]
            continue
        break
    while len(words) > 1 and _bare(words[-1]) in TRAILERS:
        words = words[:-1]
    return " ".join(words)


def clean(text: str) -> str:
    """A mention without edge punctuation, leading elision (``l’AES``) or extra spaces.

    >>> clean("Emmanuel Macron).•"), clean("Jean-Luc Mélenchon (LFI")
    ('Emmanuel Macron', 'Jean-Luc Mélenchon')
    """
    text = " ".join(text.split()).strip(_EDGE)
    if " (" in text:
        text = text.split(" (")[0]  # `Jean-Luc Mélenchon (LFI`: the name, not its party
    text = _ELISION.sub("", text)
    return _SYMBOLS.sub("", text.strip(_EDGE))


@dataclass(frozen=True)
class Found:
    """A name found in an article: its kind, key, written form, alias name if any, and why.

    ``why`` is ``ner`` (spaCy found it), ``alias`` (an alias file's name written in the text),
    ``acronym`` (a ``Long Name (ACR)`` pair of the text), ``rule`` (a lowercase institution,
    ``la police nationale``) or ``corpus`` (a name the corpus confirmed, found by dictionary
    where NER missed it); ``titled``: an honorific or a title
    stands before it in the text.
    """

    kind: str
    key: str
    form: str
    fixed: str | None = None
    why: str = "ner"
    titled: bool = False


def _is_noise(form: str, kind: str, lower_words: set[str]) -> bool:
    key = name_key(form)
    if len(key) < 2 or _FRAGMENT.search(form) or is_calendar(form):
        return True
    first = _bare(form.split()[0]).strip("'")
    acronym_first = form.split()[0].isupper() and not form.isupper()  # `AS Kaloum Star`
    if first in STOP_WORDS and not acronym_first and not (kind == PERSON and first in PARTICLES):
        return True  # `Un incendie`, `En Marche`, `IL A`: a phrase, not a name
    if kind == ORG and head_noun(form) in ROLE_HEADS:
        return True  # `Porte-parole du gouvernement`: a role, not an organisation
    if not form[:1].isupper() and not (kind == ORG and is_org_head(form) and " " in form):
        return True  # `ministère de l'Intérieur` is a name; other lowercase spans are not
    words = form.split()
    low = [w for w in words if not w[:1].isupper() and _bare(w).strip("'") not in PARTICLES
           and not w[:1].isdigit()]
    if _bare(words[-1]).strip("'") in PARTICLES:
        return True
    if kind == PERSON and (len(words) > 5 or low or any(c.isdigit() for c in form)):
        return True
    if kind in (PERSON, ORG) and len(words) >= 2 and not is_org_head(form) and not any(
            w.isupper() for w in words) and all(
            w.lower() in lower_words for w in words if _bare(w).strip("'") not in PARTICLES):
        return True  # `Gilets Jaunes`, `Transports en commun`: the text writes them in lowercase too
    if kind == ORG and is_org_head(form):
        return len(words) > 10  # sentence case is how French writes organisation names
    if kind == ORG and (len(words) > 7 or len(low) > 1):
        return True
    if kind == PLACE and (len(words) > 5 or len(low) > 1):
        return True
    if len(words) == 1 and not form.isupper():
        # A capitalised word that the same text also writes in lowercase is a common word.
        return form.lower() in lower_words or len(form) < 3
    return False


# `la ville de Tombouctou`, `la province du Sanmatenga`: the place is the name after the noun.
_PLACE_NOUN = re.compile(
    r"^(?:(?:la|le|l['’]|les)\s*)?(?:ville|commune|r[ée]gion|province|village|d[ée]partement|localit[ée]"
    r"|capitale|cit[ée]|pr[ée]fecture|sous-pr[ée]fecture|circonscription|quartier|secteur|cercle)"
    r"\s+(?:de la |de l['’]|des |du |de |d['’])(?=[A-ZÀ-Ý])", re.I)


def _strip_article(form: str) -> str:
    """``Les Nations unies`` → ``Nations unies``, ``la ville de Tombouctou`` → ``Tombouctou``:
    a leading article, or a place's common noun, is not part of a name."""
    if (m := _PLACE_NOUN.match(form)) is not None:
        return form[m.end():]
    words = form.split()
    if len(words) >= 2 and _bare(words[0]) in ("le", "la", "les"):
        return " ".join(words[1:])
    return form


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

    def _from_alias(self, form: str, kind: str | None, why: str = "ner") -> Found | None:
        alias = self.aliases.lookup(form)
        if alias is None:
            return None
        k = alias.kind or kind or ORG
        return Found(k, name_key(alias.name), alias.name, alias.name, why=why)

    def dictionary(self, text: str, longer: list[str] | None = None) -> list[Found]:
        """People and organisations of the alias files written in ``text`` (what NER misses, e.g.
        AES as MISC), unless only inside one of the ``longer`` names (keys) of the text. Places
        are left to NER: ``Burkina`` inside ``Union des femmes du Burkina`` is no place of it."""
        out: list[Found] = []
        text_key = name_key(text)
        matches: list[str] = []
        if self._multi is not None:
            matches += [m.group(1) for m in self._multi.finditer(text_key)]
        if self._single is not None:
            matches += [m.group(1) for m in self._single.finditer(text)]
        for match in matches:
            f = self._from_alias(match, None, "alias")
            if f is not None and f.kind != PLACE and _standalone(name_key(match), text_key, longer or []):
                out.append(f)
        return out

    def found(self, text: str, mentions: list[Mention], known: Knowledge | None = None,
              local: dict[str, str] | None = None) -> list[Found]:
        """Every name of one article (``text`` is its title and body; ``local`` its acronyms)."""
        known = known or Knowledge()
        ctx = Context(text)
        lower_words = set(_LOWER_WORD.findall(text))
        places_here = {name_key(clean(r)) for r, label in mentions if label == "LOC"}
        org_votes = Counter(clean(r) for r, label in mentions if label == "ORG")
        local = self.acronyms(text, places_here | known.places) if local is None else local
        acronyms = {**known.acronyms, **local}
        known_acr = set(acronyms.values())
        out: list[Found] = []
        for raw, label in _pieces(mentions):
            kind = LABEL_KIND.get(label)
            form = clean(raw)
            if not form or self.aliases.is_ignored(form):
                continue
            if (f := self._from_alias(form, kind)) is not None:
                out.append(f)
                continue
            form, kind = evidence_kind(form, kind, ctx, known_acr)
            parts = _person_parts(form) if kind == PERSON else [_strip_article(form)]
            for part in parts:
                part = clean(strip_titles(part) if kind == PERSON else part)
                if kind == PERSON:
                    words = part.split()
                    if any(self.aliases.is_ignored(w) or w in known_acr for w in words[1:-1]):
                        continue  # `BBC World` is no person
                    while len(words) > 2 and (self.aliases.is_ignored(words[-1]) or words[-1] in known_acr):
                        words.pop()  # `Jean-Luc Mélenchon LFI`: the name, not its party
                    if any(self.aliases.is_ignored(w) or w in known_acr for w in words):
                        continue
                    part = reorder_surname_first(" ".join(words))
                if not part or self.aliases.is_ignored(part):
                    continue
                if (f := self._from_alias(part, kind)) is not None:
                    out.append(f)
                    continue
                acr = acronyms.get(name_key(part)) or _truncated(name_key(part), local)
                if acr is not None and kind != PLACE and not self.aliases.is_ignored(acr):
                    out.append(self._from_alias(acr, ORG, "acronym") or Found(ORG, name_key(acr), acr, acr,
                                                                   why="acronym"))
                    continue
                part_kind = ORG if part in known_acr else kind
                if part_kind is None or _is_noise(part, part_kind, lower_words):
                    continue
                if part_kind != PLACE and name_key(part) in known.places and not is_org_head(part):
                    part_kind = PLACE  # a known place stays a place
                if " " not in part and not single_kept(part, part_kind, ctx, known, known_acr, org_votes):
                    continue
                out.append(Found(part_kind, name_key(part), part,
                                 titled=part_kind == PERSON and ctx.honorific_before(part)))
        for acr in local.values():
            if not self.aliases.is_ignored(acr):
                out.append(self._from_alias(acr, ORG, "acronym")
                           or Found(ORG, name_key(acr), acr, acr, why="acronym"))
        longer = [name_key(clean(r)) for r, label in mentions
                  if label == "ORG" and head_noun(clean(r)) not in ROLE_HEADS]
        longer += list(local)
        text_key = name_key(text)
        have = " ".join(f" {f.key} " for f in out if f.kind == ORG)
        for name in institutions(text):
            name = ctx.org_extension(name)
            if f" {name_key(name)} " not in have:
                out.append(Found(ORG, name_key(name), name, why="rule"))
        # A place written only inside an organisation's name (`Union des femmes du Burkina Faso`)
        # is not a place of the article.
        out = [f for f in out if f.kind != PLACE or f.fixed is not None and f.why == "alias"
               or _standalone(name_key(f.form), text_key, longer)]
        out.extend(self.dictionary(text, longer))
        return _vote_kinds(_surnames_as_people(out))

    def acronyms(self, text: str, places: set[str]) -> dict[str, str]:
        """The text's ``Long Name (ACR)`` pairs whose long name is not a place: key → acronym."""
        pairs: dict[str, str] = {}
        for long, acr in acronym_definitions(text):
            key = name_key(long)
            alias = self.aliases.lookup(long)
            if key in places or (alias is not None and alias.kind == PLACE):
                continue
            if len(long.split()) < 2 and not long.isupper():
                continue
            pairs[key] = acr
        return pairs


def _count(key: str, text_key: str) -> int:
    return f" {text_key} ".count(f" {key} ")


def _standalone(key: str, text_key: str, longer: list[str]) -> bool:
    """Whether a name is written outside the longer names that contain it: ``Nations unies``
    inside ``Fonds des Nations unies pour l'enfance`` is not the ONU."""
    inside = sum(_count(long, text_key) * _count(key, long) for long in set(longer)
                 if long != key and _count(key, long))
    return _count(key, text_key) > inside


def _truncated(key: str, local: dict[str, str]) -> str | None:
    """The acronym of the article's one long name that ``key`` begins (NER cut the name short:
    ``Union nationale`` of ``Union nationale pour l'indépendance totale de l'Angola (UNITA)``)."""
    if key.count(" ") < 1:
        return None
    found = {acr for long, acr in local.items() if long.startswith(key + " ")}
    return found.pop() if len(found) == 1 else None


def _pieces(mentions: list[Mention]) -> list[Mention]:
    """Mentions cut at line breaks: a span across a paragraph (``Titre\n\nAbdoulaye Diop``)
    holds two things."""
    return [(piece, label) for raw, label in mentions for piece in raw.split("\n") if piece.strip()]


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


def _surnames_as_people(found: list[Found]) -> list[Found]:
    """A one-word place or organisation that is the surname of a person of the same article is
    that person (NER tags a lone ``Hounkanrin`` LOC); one that is a given name is nobody."""
    people = [f.key.split() for f in found if f.kind == PERSON and " " in f.key]
    surnames = {words[-1] for words in people}
    given = {words[0] for words in people} - surnames
    return [replace(f, kind=PERSON) if f.fixed is None and f.kind != PERSON and f.key in surnames
            else f for f in found
            if not (f.fixed is None and f.kind != PERSON and f.key in given)]  # `Awa`: a given name


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
    for f in found:  # evidence outvotes NER: a title before the name, an organisation's head noun
        if f.fixed is None and f.titled:
            winner[f.key] = PERSON
        elif f.fixed is None and is_org_head(f.form):
            winner[f.key] = ORG
    return [f if f.fixed is not None or winner[f.key] == f.kind else replace(f, kind=winner[f.key])
            for f in found]
