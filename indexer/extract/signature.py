"""Signatures inside an article's text: byline, not body.

West-African francophone press signs inside the body: a last line in capitals
(``Marceline KABORÉ``), ``Par Issa SAWADOGO``, ``Issa SAWADOGO (AIB)``, ``Boukary
OUÉDRAOGO/Sidwaya``, ``Texte et photos : …``, ``Correspondance particulière``, ``Envoyé spécial``.
Those lines are cut from the body (so they never reach NER or the snippets) and give the
article's author when it has none.

>>> split_signature("Le ministre a ouvert la session.\\n\\nIssa SAWADOGO (AIB)").names
['Issa Sawadogo']
>>> split_signature("Par Awa KONÉ\\n\\nLa saison des pluies commence.").body
'La saison des pluies commence.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .outlets import KNOWN_OUTLETS, outlet_key
from .text import SOURCE_LINE, TAIL_MARKERS, is_noise

_UP = "A-ZÀ-ÖØ-Ý"
_WORD = rf"(?!(?i:photos?|textes?|vid[ée]o|montage|reporter|images?|cam[ée]ra|production)\b)[{_UP}][\w’'.-]*"
_PARTICLE = r"(?:de|du|des|da|dos|di|van|von|ben|bin|ould|ag|el|al|le|la)"
_NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{1,4}}"
_NAME_LIST = rf"{_NAME}(?:\s*(?:,|\bet\b|&)\s*{_NAME}){{0,3}}"
_NAMES = rf"(?P<names>{_NAME_LIST})"
_AGENCY = r"(?:\(\s*(?P<agency>[^()]{2,40}?)\s*\)|/\s*(?P<slash>[\w .'’-]{2,30}?))"
_TAIL = r"\s*(?i:,\s*(?:envoy[ée]e? sp[ée]ciale?|correspondante?)\b[^.]{0,40})?\s*\.?"

# `Par Issa SAWADOGO`, `Texte et photos : Awa KONÉ`, `Propos recueillis par …`.
CUED = re.compile(
    rf"^(?i:par|de notre (?:envoy[ée]e? sp[ée]ciale?|correspondante?)[^:]{{0,40}}:|textes?(?: et photos?)?"
    rf"|photos?|texte et images?|propos recueillis par|r[ée]alis[ée]e? par|reportage|compte rendu"
    rf"|envoy[ée]e?s? sp[ée]cia(?:le?s?|ux)(?: [àa] [^,:]{{1,30}})?)\s*:?\s*"
    rf"{_NAMES}\s*{_AGENCY}?(?i:\s+photos?)?{_TAIL}$"
)
# `Marceline KABORÉ`, `SAWADOGO Issa (AIB)`, `Boukary OUÉDRAOGO/Sidwaya`, `Awa KONÉ Photos`.
NAMED = re.compile(rf"^{_NAMES}\s*{_AGENCY}?(?i:\s+photos?(?:\s*:.*)?)?{_TAIL}$")
# Lines that only say how the article was written: `Correspondance particulière`.
MARKER = re.compile(
    r"^(?:(?i:correspondance particuli[èe]re|(?:de )?(?:notre |nos )?(?:envoy[ée]e?s? sp[ée]cia(?:le?s?|ux)"
    r"|correspondante?s?)(?: (?:[àa]|au|en|aux) [\w’' -]{1,30})?|la r[ée]daction)"
    r"|(?i:avec )(?:l'|l’)?[A-Z]{2,6}|\(?[A-Z]{2,6}\)?)\s*\.?$"
)
# Credits inside the text (video pieces, interviews): `Reporter : Awa Koné Montage : …`,
# `Un reportage de …`, `au micro de …`. Who is credited made the piece; they are not its actors.
CREDIT = re.compile(
    r"(?i:\b(?:reporters?|reportage|vid[ée]o|montage|r[ée]alisation|cam[ée]ra|images?|photos?|textes?"
    r"|production|producte?u?r?(?:rice)?|pr[ée]sentation|infographie|traduction)\s*:"
    r"|\b(?:propos recueillis|un reportage|mont[ée]e?|au micro|r[ée]alis[ée]e?|film[ée]e?) "
    r"(?:par|de|d'))\s*"
    rf"{_NAMES}"
)
_SENTENCE_END = re.compile(r"(?<=[.!?»…])\s+")
_SPLIT = re.compile(r"\s*(?:,|\bet\b|&)\s*")


@dataclass
class Signature:
    """The body without its signature lines, the names that sign, the agency if any."""

    body: str
    names: list[str] = field(default_factory=list)
    agency: str | None = None
    lines: list[str] = field(default_factory=list)


def ordinary_case(name: str) -> str:
    """``Issa SAWADOGO`` → ``Issa Sawadogo`` (capitals are a press convention, not the name).

    >>> ordinary_case("KI-ZERBO Joseph")
    'Ki-Zerbo Joseph'
    """
    def word(w: str) -> str:
        if sum(c.isalpha() for c in w) > 1 and w.isupper():
            return "-".join(p[:1] + p[1:].lower() for p in w.split("-"))
        return w
    return " ".join(word(w) for w in name.split())


def _outlet_line(line: str) -> bool:
    """``Lefaso.net``, ``Source : AIB``: the outlet named on its own line under a signature."""
    return bool(SOURCE_LINE.match(line)) or outlet_key(line) in KNOWN_OUTLETS or bool(
        re.fullmatch(r"(?:www\.)?[\w-]+\.(?:net|com|org|info|bf|ne|ml|bj|sn|ci|tg|gn)", line.strip(), re.I))


def _has_capitals(names: str) -> bool:
    return any(sum(c.isalpha() for c in w) >= 2 and w.isupper() for w in names.split())


def _read(line: str, last: bool) -> tuple[list[str], str | None] | None:
    """(names, agency) of a signature line, or None when the line is article text."""
    if len(line.split()) > 16 or not line:
        return None
    m = CUED.match(line)
    if m is None:
        m = NAMED.match(line)
        # A bare name line signs when it is in the press's capitals, carries an agency, or
        # closes the text; a sentence of capitalised words elsewhere is text.
        if m is None or not (_has_capitals(m["names"]) or m["agency"] or m["slash"] or last):
            return None
        if line.rstrip().endswith(".") and not (m["agency"] or m["slash"]):
            return None
    names = [ordinary_case(n.rstrip(".")) for n in _SPLIT.split(m["names"]) if len(n.split()) >= 2]
    if not names:
        return None
    return names, (m["agency"] or m["slash"] or None)


def split_signature(body: str) -> Signature:
    """Cut the signature lines at the end (and a ``Par …`` line at the start) of ``body``."""
    paras = body.split("\n\n")
    lines = [ln for p in paras for ln in p.split("\n")]
    out = Signature(body=body)
    if len(lines) < 2:
        return out
    cut: list[str] = []
    end = len(lines)
    for _ in range(5):
        while end > 1 and not lines[end - 1].strip():
            end -= 1
        if end <= 1:
            break
        line = lines[end - 1].strip()
        if MARKER.match(line) or is_noise(line) or _outlet_line(line):  # `Commentaires`, `Lefaso.net`
            cut.insert(0, line)
            end -= 1
            continue
        read = _read(line, last=not cut)
        if read is None:
            # `… a-t-il conclu. Issa SAWADOGO (AIB)`: a signature glued to the last sentence.
            pieces = _SENTENCE_END.split(line)
            tail = pieces[-1] if len(pieces) > 1 else ""
            glued = _read(tail, last=False) if tail and (
                _has_capitals(tail) or "(" in tail or "/" in tail) else None
            if glued is not None:
                out.names[:0] = glued[0]
                out.agency = out.agency or glued[1]
                cut.insert(0, tail)
                lines[end - 1] = line[: len(line) - len(tail)].rstrip()
            break
        out.names[:0] = read[0]
        out.agency = out.agency or read[1]
        cut.insert(0, line)
        end -= 1
    start = 0
    first = lines[0].strip()
    if first.lower().startswith(("par ", "par:")) and (read := _read(first, last=False)) is not None:
        out.names.extend(n for n in read[0] if n not in out.names)
        out.agency = out.agency or read[1]
        cut.append(first)
        start = 1
    if not cut:
        return out
    # Paragraphs are lines joined by blank lines: rebuild them from the lines kept.
    rebuilt: list[str] = []
    i = 0
    for p in paras:
        n = len(p.split("\n"))
        part = [lines[j] for j in range(i, i + n) if start <= j < end]
        i += n
        if part:
            rebuilt.append("\n".join(part))
    out.body = "\n\n".join(r for r in rebuilt if r.strip())
    out.lines = cut
    return out


def cut_tail(body: str) -> str:
    """``body`` up to the page's boilerplate (``Derniers articles par …``, ``Commentaires``),
    looked for after the first paragraph."""
    paras = body.split("\n\n")
    for i in range(1, len(paras)):
        if TAIL_MARKERS.match(paras[i].strip()):
            return "\n\n".join(paras[:i])
    return body


_ROLE = r"(?:journaliste|correspondante?|envoy[ée]e? sp[ée]ciale?|reporter|analyste|chroniqueur|chroniqueuse)"


def _staff(outlet: str | None) -> re.Pattern[str]:
    """A journalist of the article's own outlet named in the text: `Sammy Awami, journaliste de
    la BBC en Tanzanie, écrit …`, `…, écrit l'analyste Paul Melly`, `écrit Awa Koné de la BBC`."""
    word = re.escape(outlet.split()[0]) if outlet and outlet.split() else r"(?!x)x"
    own = rf"(?:de (?:la |l['’]|le )?{word}\b|de notre r[ée]daction|de notre journal)"
    return re.compile(
        rf"({_NAME}),\s+(?:notre |le |la |l['’])?{_ROLE}\b[^,.;]{{0,40}}?{own}"
        rf"|,\s+[ée]crit\s+(?:notre |le |la |l['’]){_ROLE}(?:\s+[a-zé]+)?\s+({_NAME})"
        rf"|,\s+[ée]crit\s+({_NAME})\s+{own}"
    )


def credited_names(text: str, outlet: str | None = None) -> list[str]:
    """Names credited in ``text`` (``Reporter : Awa KONÉ``, ``un reportage de …``, a journalist
    of the article's ``outlet``), ordinary case.

    >>> credited_names("Reporter : Raissa Okoi Video : Nick Loomis Montage : Alphonse Dioh & Ali Diop")
    ['Raissa Okoi', 'Nick Loomis', 'Alphonse Dioh', 'Ali Diop']
    """
    out: list[str] = []
    found = [m["names"] for m in CREDIT.finditer(text)]
    for m in _staff(outlet).finditer(text):
        found.extend(n for n in m.groups() if n)
    for names in found:
        for name in _SPLIT.split(names):
            words = name.split()
            # `Alioune Diop QUESTIONS D'ARGENT`: the capitals after an ordinary name are a heading.
            cut = next((i for i in range(1, len(words)) if _has_capitals(words[i])
                        and not _has_capitals(words[i - 1])), len(words))
            # `Paul Melly. En échange …`: a full stop ends the name.
            cut = next((i + 1 for i in range(cut) if words[i].endswith(".") and len(words[i]) > 2), cut)
            name = " ".join(words[:cut]).rstrip(".")
            if len(name.split()) >= 2 and (n := ordinary_case(name)) not in out:
                out.append(n)
    return out
