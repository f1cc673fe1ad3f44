"""Attributed quotes: the direct quotations of an article body and who said them.

Pure functions over the body text and the article's canonical people (no NER here). A speaker
is only ever one of those people, found by full name or by a surname exactly one of them has;
with several candidates nobody is named. The rules, by name:

- ``quote-verb-speaker``: ``« … », a déclaré Abdoulaye Diop.`` (also ``affirme X``);
- ``quote-verb-pronoun``: ``« … », a-t-il déclaré.``: the previous quote's speaker, or the
  article's only person;
- ``quote-verb-title``: ``« … », a ajouté le ministre malien.``: the title resolved by the text;
- ``speaker-verb-que-quote``: ``X a indiqué que « … »`` / ``X a déclaré : « … »``;
- ``selon-speaker``: ``selon X, « … »`` / ``pour X, « … »`` / ``d'après X, « … »``;
- ``quote-continues``: a quotation right after the previous one's sentence, with no
  attribution of its own: the same speaker;
- ``title-subject``: a sentence after a quote whose subject is a title, ``Le ministre malien
  a exprimé l'espoir que …``: stored as reported speech, and the quote before it (if nobody
  said it yet) is given the same speaker (``quote-then-title``).

>>> [(q.text[:9], q.speaker, q.rule) for q in find_quotes(
...     "« Nous sommes ici pour une consultation », a déclaré Abdoulaye Diop.", ["Abdoulaye Diop"])]
[('Nous somm', 'Abdoulaye Diop', 'quote-verb-speaker')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..folding import fold

# A quotation of fewer words is a title, a term or a slogan (« Le Monde », « terroristes »).
MIN_WORDS = 3
# How far past the verb the speaker's name may start (room for "le ministre …, X").
SPEAKER_REACH = 90
# How close to a mention of a person a nationality word must be to give them that title.
TITLE_REACH = 60

# Stems of the -er reporting verbs; the others are spelt out in _IRREGULAR.
_ER = ("déclar", "affirm", "soulign", "indiqu", "estim", "précis", "ajout", "expliqu", "dénonc",
       "rappel", "assur", "lanc", "insist", "confi", "annonc", "regrett", "fustig", "plaid",
       "exhort", "martel", "racont", "témoign", "not", "observ", "avou", "clam", "ironis",
       "résum", "comment", "confirm", "interrog", "demand", "déplor", "tranch", "rassur",
       "lâch", "avanc", "argument", "jug", "signal", "prôn", "invit", "appel", "salu",
       "souhait", "exig", "prévien", "renforc")
_IRREGULAR = (
    r"promis|promet|promettait|reconnu|reconnaît|reconnait|reconnaissait|conclu|conclut|"
    r"concluait|poursuivi|poursuit|poursuivait|dit|dit-il|disait|répondu|répond|répondait|"
    r"soutenu|soutient|soutenait|prévenu|prévient|prévenait|averti|avertit|avertissait|réagi|"
    r"réagit|réagissait|martelé|martèle|martelait|mis en garde|met en garde|écrit|écrivait|"
    r"interpellé|admis|admet|expliqué|confié|lancé|prédit|prédisait")
_ER_STEMS = "|".join(sorted(set(_ER), key=len, reverse=True))
# A reporting verb in the tenses the press uses: déclare, déclaré (after a/avait), déclarait.
VERB = rf"(?:(?:{_ER_STEMS})(?:é|e|ait|ent|aient)|{_IRREGULAR})"
_AUX = r"(?:a|avait|aurait|ont|avaient)"
_PRONOUN = r"-t-(?:il|elle)|-(?:il|elle)"
_QUOTES = {"«": "»", "“": "”", '"': '"', "‹": "›"}
_QUOTE = re.compile(r"«([^«»]+)»|“([^“”]+)”|\"([^\"\n]+)\"|‹([^‹›]+)›")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
# Capitalised words before a name that are not part of it ("M. Green", "Dr Nair").
HONORIFICS = frozenset({"m", "mme", "mlle", "dr", "pr", "me", "mgr", "sir", "docteur",
                        "professeur", "general", "colonel", "president", "ministre"})
_ABBREVIATION = re.compile(r"\b(M|Mme|Mlle|Dr|Pr|Me|Mgr|St)\.")
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*")
_AFTER = re.compile(
    rf"\s*,?\s*(?:(?:{_AUX})(?:{_PRONOUN})?\s+|(?:{_AUX})\s+)?(?P<verb>{VERB})(?P<pron>{_PRONOUN})?\b"
    rf"(?P<who>[^.!?\n«“]{{0,{SPEAKER_REACH}}})", re.IGNORECASE)
_BEFORE = re.compile(
    rf"(?P<who>[^.!?\n»”]{{2,160}}?)\s+(?:(?:{_AUX})\s+|s'est\s+)?(?:{VERB})"
    rf"(?:\s+(?:que|qu'|qu’|ceci|cela|ainsi))?\s*:?\s*$", re.IGNORECASE)
_SELON = re.compile(r"(?:^|[\s(])(?:selon|pour|d'après|d’après)\s+(?P<who>[^,«“.]{2,90}),\s*$",
                    re.IGNORECASE)
ROLES = (r"ministre|président|présidente|chef(?:fe)? de l'[ÉE]tat|chef(?:fe)? de la diplomatie|"
         r"chef(?:fe)?|premier ministre|porte-parole|général|colonel|capitaine|secrétaire général|"
         r"ambassadeur|ambassadrice|diplomate|directeur|directrice|député|maire|gouverneur|"
         r"commissaire|patron|dirigeant|leader|opposant|responsable")
_TITLE = re.compile(rf"\s*(?:Le|La|L'|L’)\s*(?P<title>(?:{ROLES})\b[^,.!?\n]{{0,60}}?)\s+"
                    rf"(?:{_AUX}\s+|s'est\s+)?(?P<verb>{VERB}|exprimé|émis|formulé|souhaité)\b")
_TITLE_PRONOUN = re.compile(rf"\s*,?\s*(?:{_AUX}\s+)?(?:{VERB})\s+(?:le|la|l'|l’)\s*"
                            rf"(?P<title>(?:{ROLES})\b[^,.!?\n«“]{{0,60}})", re.IGNORECASE)
# Nationality words → the country's form, so `ministre malien` finds who is named near "Mali".
NATIONS = {"malien": "mali", "burkinab": "burkina", "nigérien": "niger", "nigerien": "niger",
           "sénégalais": "sénégal", "ivoirien": "ivoire", "tchadien": "tchad",
           "guinéen": "guinée", "russe": "russie", "français": "france", "mauritanien":
           "mauritanie", "béninois": "bénin", "togolais": "togo", "ghanéen": "ghana",
           "nigérian": "nigeria", "camerounais": "cameroun", "algérien": "algérie",
           "marocain": "maroc", "américain": "amérique", "ukrainien": "ukraine",
           "gabonais": "gabon", "congolais": "congo", "centrafricain": "centrafrique"}


@dataclass(frozen=True)
class Quote:
    """One quotation: its text and span in the body, its speaker (None: not attributable)."""

    text: str
    start: int
    end: int
    speaker: str | None
    rule: str

    def to_json(self) -> dict[str, object]:
        """What the index stores."""
        return {"text": self.text, "speaker": self.speaker, "start": self.start,
                "end": self.end, "rule": self.rule}


class Speakers:
    """The article's people, to find in a span of text by full name or unique surname."""

    def __init__(self, people: Sequence[str]) -> None:
        self.people = list(dict.fromkeys(people))
        self._words = {p: fold(p).lower().split() for p in self.people}
        surnames: dict[str, list[str]] = {}
        for p, words in self._words.items():
            if len(words) >= 2:
                surnames.setdefault(words[-1], []).append(p)
        self._surnames = surnames

    def found(self, span: str) -> list[tuple[int, str]]:
        """``(position, person)`` of every person named in ``span``, by position."""
        out: list[tuple[int, str]] = []
        words = [(m.start(), fold(m.group()).lower().strip("'’-")) for m in _NAME_WORD.finditer(span)]
        i = 0
        while i < len(words):
            j = i  # the run of capitalised words that are consecutive in the text
            while j + 1 < len(words) and _adjacent(span, words[j], words[j + 1]):
                j += 1
            run = [w for _, w in words[i:j + 1] if w not in HONORIFICS]
            who = self._person(run)
            if who:
                out.append((words[i][0], who))
            i = j + 1
        return out

    def _person(self, run: list[str]) -> str | None:
        for p, words in self._words.items():
            if _contains(run, words):
                return p
        # A surname alone, or with given names that are all the person's own.
        for k in range(len(run)):
            owners = self._surnames.get(run[k], [])
            if len(owners) == 1 and set(run[:k + 1]) <= set(self._words[owners[0]]):
                return owners[0]
        return None

    def one(self, span: str, last: bool = False) -> str | None:
        """The person ``span`` names: the first (or ``last``) one, None if none."""
        hits = self.found(span)
        if not hits:
            return None
        return hits[-1][1] if last else hits[0][1]

    def titled(self, body: str, title: str, skip: tuple[int, int]) -> str | None:
        """The one person whose mention in ``body`` (outside ``skip``) stands near the
        nationality that ``title`` carries; None without a nationality or with several."""
        folded = fold(title).lower()
        nation = next((c for adj, c in NATIONS.items() if fold(adj) in folded), None)
        if nation is None:
            return None
        near = re.compile(rf"\b{re.escape(fold(nation))}\w*|\b{re.escape(fold(nation)[:5])}\w*",
                          re.IGNORECASE)
        text = fold(body)
        who: set[str] = set()
        for p, words in self._words.items():
            for m in re.finditer(rf"\b{re.escape(words[-1])}\b", text.lower()):
                if skip[0] <= m.start() < skip[1]:
                    continue
                window = text[max(0, m.start() - TITLE_REACH):m.end() + TITLE_REACH]
                if near.search(window):
                    who.add(p)
        return who.pop() if len(who) == 1 else None



def _adjacent(text: str, a: tuple[int, str], b: tuple[int, str]) -> bool:
    gap = text[a[0] + len(a[1]):b[0]]
    return gap.strip() in ("", "-") or gap.strip().lower() in ("de", "du", "ben", "ould", "el", "ag")


def _contains(run: list[str], words: list[str]) -> bool:
    n = len(words)
    return any(run[i:i + n] == words for i in range(len(run) - n + 1))


def _sentence_start(body: str, pos: int) -> int:
    starts = [m.end() for m in _SENTENCE_END.finditer(body, 0, pos)]
    return starts[-1] if starts else 0


def _sentence_end(body: str, pos: int) -> int:
    m = _SENTENCE_END.search(body, pos)
    return m.start() + 1 if m else len(body)


def _marks(body: str) -> list[tuple[int, int, int, int]]:
    """Each quotation's (open, close) mark positions and its text span, outer quotes only."""
    out: list[tuple[int, int, int, int]] = []
    taken: list[tuple[int, int]] = []
    for m in _QUOTE.finditer(body):
        group = next(i for i in range(1, 5) if m.group(i) is not None)
        if any(a <= m.start() < b for a, b in taken):
            continue
        out.append((m.start(), m.end(), m.start(group), m.end(group)))
        taken.append((m.start(), m.end()))
    return out


def find_quotes(body: str, people: Sequence[str]) -> list[Quote]:
    """Every quotation of at least ``MIN_WORDS`` words in ``body``, with its speaker when the
    text names one of ``people`` unambiguously (speaker None otherwise), in text order."""
    speakers = Speakers(people)
    original = body
    # "M. Green" is no sentence end: the rules read a copy without those dots (same offsets).
    body = _ABBREVIATION.sub(lambda m: m.group(1) + " ", body)
    out: list[Quote] = []
    previous: str | None = None
    last_end = -1
    since = 0  # where the previous quotation closed
    last_said: int | None = None  # where its sentence ended
    for open_at, close_at, start, end in _marks(body):
        text = original[start:end].strip()
        if len(text.split()) < MIN_WORDS:
            continue
        speaker, rule = _attribute(body, open_at, close_at, speakers, previous, since)
        if speaker is None and rule == "none" and out and out[-1].speaker and \
                last_said is not None and not body[last_said:open_at].strip():
            # Right after the previous quote's sentence, with no attribution: it goes on.
            speaker, rule = out[-1].speaker, "quote-continues"
        since = close_at
        last_said = _sentence_end(body, close_at)
        start += len(body[start:end]) - len(body[start:end].lstrip())
        quote = Quote(text, start, start + len(text), speaker, rule)
        if speaker is None:
            reported = _title_sentence(body, close_at, speakers, original)
            if reported is not None:
                quote = Quote(text, quote.start, quote.end, reported.speaker, "quote-then-title")
                out.append(quote)
                out.append(reported)
                previous, last_end = reported.speaker, reported.end
                continue
        else:
            reported = _title_sentence(body, close_at, speakers, original)
            if reported is not None and reported.speaker == speaker:
                out.extend([quote, reported])
                previous, last_end = speaker, reported.end
                continue
        if start < last_end:
            continue  # inside a reported sentence already stored
        out.append(quote)
        previous = speaker or previous
        last_end = quote.end
    return out


def _attribute(body: str, open_at: int, close_at: int, speakers: Speakers,
               previous: str | None, since: int) -> tuple[str | None, str]:
    """Who said the quote between these marks, and by which rule."""
    after = _AFTER.match(body, close_at)
    if after:
        if after.group("pron") or re.match(rf"\s*,?\s*{_AUX}(?:{_PRONOUN})", body[close_at:]):
            return _pronoun(previous, speakers, body, open_at, since), "quote-verb-pronoun"
        who = speakers.one(after.group("who"))
        if who:
            return who, "quote-verb-speaker"
        titled = _TITLE_PRONOUN.match(body, close_at)
        if titled:
            return speakers.titled(body, titled.group("title"), (close_at, close_at + 90)), \
                "quote-verb-title"
        return None, "quote-verb-speaker"
    head = body[_sentence_start(body, open_at):open_at]
    selon = _SELON.search(head)
    if selon:
        return speakers.one(selon.group("who")), "selon-speaker"
    before = _BEFORE.search(head)
    if before:
        return speakers.one(before.group("who"), last=True), "speaker-verb-que-quote"
    return None, "none"


def _pronoun(previous: str | None, speakers: Speakers, body: str, open_at: int,
             since: int) -> str | None:
    """He or she: the one person named between the previous quote and this one, else the
    previous quote's speaker, else the article's only person."""
    here = _sentence_start(body, open_at)
    named = {p for _, p in speakers.found(body[max(since, _sentence_start(body, max(0, here - 2))):
                                               open_at])}
    if len(named) == 1:
        return named.pop()
    if previous and not named:
        return previous
    return speakers.people[0] if len(speakers.people) == 1 else None


def _title_sentence(body: str, close_at: int, speakers: Speakers,
                    original: str) -> Quote | None:
    """The next sentence when its subject is a title naming one person (``title-subject``)."""
    nxt = _sentence_end(body, close_at)
    while nxt < len(body) and body[nxt] in " \n":
        nxt += 1
    m = _TITLE.match(body, nxt)
    if m is None:
        return None
    end = _sentence_end(body, nxt)
    who = speakers.titled(body, m.group("title"), (nxt, end))
    if who is None:
        return None
    text = original[nxt:end].strip()
    return Quote(text, nxt, nxt + len(text), who, "title-subject")


def attributed(quotes: list[Quote]) -> list[Quote]:
    """The quotes that name their speaker: what the index stores."""
    return [q for q in quotes if q.speaker]
