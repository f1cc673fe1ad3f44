"""What the text itself says about a name: the evidence rules of the actor pipeline.

- An honorific or a title before a name makes it a person (``El Hadj``, ``Naaba``, ``Mgr``,
  ``le ministre``).
- An organisation's head noun makes it an organisation, in any case (``Association mondiale
  de l'appel islamique``): French writes organisation names in sentence case.
- A single capitalised word is an actor only with support: the text also uses it inside a
  sentence (not only at the start of one, where verbs and participles are capitalised too), and
  in capitals only where the words around it are not capitals (a headline's ``OUVERT`` is not an
  acronym). Weekdays and months never are.
- ``Long Name (ACR)`` teaches an acronym only when its letters fit the long name's words.
- ``SAWADOGO Issa`` (surname in capitals first) is ``Issa Sawadogo``.

>>> reorder_surname_first("OUÉDRAOGO Marie Laurence")
'Marie Laurence Ouédraogo'
>>> fits("UFB", "Union des femmes du Burkina Faso".split()), fits("UFB", ["Burkina", "Faso"])
(True, False)
"""

from __future__ import annotations

import re
from functools import cache

from ..folding import STOP_WORDS, fold

# Words that, right before a name, say it is a person (folded, lowercase, dots removed).
HONORIFICS = frozenset(
    """
    m mm mme mmes mlle me maitre monsieur madame sem se sm hadj hadja hadji elhadj adja cheick
    cheikh imam naaba mgr monseigneur abbe pasteur pere soeur dr docteur pr professeur colonel
    capitaine commandant general lieutenant sergent adjudant marechal caporal president
    presidente ministre deputee depute senateur maire gouverneur prefet roi reine prince
    princesse pape cardinal archeveque eveque oustaz serigne sheikh honorable excellence
    ambassadeur ambassadrice feu juge procureur commissaire directeur directrice coach
    entraineur secretaire
    """.split()
)
HONORIFICS2 = frozenset({"el hadj", "al hadj", "son excellence", "sa majeste", "chef d etat",
                         "premier ministre", "s e", "s e m", "mogho naaba"})
# Head nouns of organisation names (folded): a name starting so is an organisation.
ORG_HEADS = frozenset(
    """
    association associations union commission conseil comite federation ministere reseau
    communaute ligue mouvement parti agence office fonds institut universite banque syndicat
    coordination collectif confederation organisation assemblee cour tribunal direction
    societe compagnie groupement centre caisse chambre fondation front alliance rassemblement
    congres autorite observatoire secretariat cooperative entreprise ong cellule inspection
    delegation parlement senat gendarmerie police brigade armee forces etat-major regiment
    force bataillon conference ordre cercle amicale mutuelle plateforme haut haute ecole lycee
    college club groupe
    """.split()
)
# Head nouns of roles, which NER sometimes tags ORG (`Porte-parole du gouvernement`).
ROLE_HEADS = frozenset(
    "porte-parole ministre secretaire president presidente directeur directrice procureur prefet "
    "maire depute senateur chef".split()
)
CALENDAR = frozenset(
    "lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin "
    "juillet aout septembre octobre novembre decembre".split()
)
_LEADING_ARTICLES = frozenset({"le", "la", "les", "l'"})
_ORDINAL = re.compile(r"\d+(?:e|er|re|eme|ieme)")
_PARTICLES = frozenset("de des du d la le l et en au aux pour sur a".split())
_WORD = re.compile(r"\w[\w-]*")


def bare(word: str) -> str:
    """A word folded, lowercased, without dots; ``’`` as ``'``."""
    return fold(word).lower().replace(".", "").replace("’", "'")


def head_noun(form: str) -> str:
    """The first word of a name after a leading article (``la Commission …`` → ``commission``)."""
    words = form.replace("’", "'").split()
    while words and (bare(words[0]) in _LEADING_ARTICLES or _ORDINAL.fullmatch(bare(words[0]))):
        words = words[1:]  # `la`, `12e` (`12e Régiment d'infanterie`)
    if words and bare(words[0])[:2] in ("l'", "d'"):
        return bare(words[0])[2:]
    return bare(words[0]) if words else ""


def is_org_head(form: str) -> bool:
    """Whether a name starts with an organisation's head noun."""
    return head_noun(form) in ORG_HEADS


def is_calendar(form: str) -> bool:
    """A weekday or a month (``Mercredi``), alone or with a number (``Janvier 2024``)."""
    words = [bare(w) for w in form.split() if not w[:1].isdigit()]
    return bool(words) and all(w in CALENDAR for w in words)


def _capitals(word: str) -> bool:
    return sum(c.isalpha() for c in word) >= 2 and word.isupper()


def reorder_surname_first(form: str) -> str:
    """``SAWADOGO Issa`` → ``Issa Sawadogo``; other names unchanged (capitals to ordinary case)."""
    words = form.split()
    lead = 0
    while lead < len(words) and _capitals(words[lead]):
        lead += 1
    if 0 < lead < len(words) and all(w[:1].isupper() and not _capitals(w) for w in words[lead:]):
        words = words[lead:] + words[:lead]
    return " ".join(_ordinary(w) if _capitals(w) else w for w in words)


def _ordinary(word: str) -> str:
    return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))


def surname_in_capitals(form: str, min_caps: int = 3) -> bool:
    """``TAPSOBA Adama``, ``Adama TAPSOBA``: a surname in capitals beside ordinary given names,
    the press's way of writing a person (``min_caps``: letters the capitals word needs)."""
    words = form.split()
    caps = [w for w in words if _capitals(w) and len(w) >= 3]
    rest = [w for w in words if not _capitals(w)]
    return 2 <= len(words) <= 5 and len(caps) == 1 and len(caps[0]) >= min_caps and bool(rest) and all(
        w[:1].isupper() and w[1:].islower() for w in rest) and (_capitals(words[0]) or _capitals(words[-1]))


def fits(acronym: str, words: list[str]) -> bool:
    """Whether an acronym's letters are the initials (or first letters) of ``words`` in order.

    Every content word gives at least its initial, except one when there are three or more;
    particles (``de``, ``du``, ``l'``) may give theirs or not (``CEDEAO``).
    """
    letters = "".join(c for c in bare(acronym) if c.isalnum())
    toks: list[tuple[str, bool]] = []
    for w in words:
        for part in re.split(r"[-']", bare(w)):
            if part:
                toks.append((part, part not in _PARTICLES))
    content = sum(1 for _, c in toks if c)
    if not letters or not toks or not toks[0][1]:
        return False

    @cache
    def go(i: int, j: int, skips: int) -> bool:
        if j == len(toks):
            return i == len(letters)
        word, is_content = toks[j]
        for k in range(1, min(3, len(word)) + 1):
            if letters[i : i + k] == word[:k] and go(i + k, j + 1, skips):
                return True
        if not is_content:
            return go(i, j + 1, skips)
        return j > 0 and skips > 0 and go(i, j + 1, skips - 1)

    return go(0, 0, 1 if content >= 3 else 0)


_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&-]{1,9}[A-Z0-9])\s*\)")
_CLAUSE_END = re.compile(r"[.;:!?«»\"()\[\]\n,]")


def acronym_definitions(text: str) -> list[tuple[str, str]]:
    """``Long Name (ACR)`` written in ``text``: (long name, acronym) pairs whose letters fit.

    The long name is the shortest run of words before the parenthesis, in the same clause,
    starting with a capitalised word, whose initials spell the acronym.

    >>> acronym_definitions("l'Union des femmes du Burkina Faso (UFB) et le Burkina Faso (BFA)")
    [('Union des femmes du Burkina Faso', 'UFB'), ('Burkina Faso', 'BFA')]
    """
    out: list[tuple[str, str]] = []
    for m in _ACRONYM.finditer(text):
        acr = m.group(1)
        if sum(c.isupper() for c in acr) < 2:
            continue
        before = text[max(0, m.start() - 200) : m.start()]
        clause = _CLAUSE_END.split(before)[-1]
        words = clause.split()[-14:]
        for n in range(1, len(words) + 1):
            run = words[-n:]
            first = re.sub(r"^[lLdD]['’]", "", run[0])
            if not first[:1].isupper():
                continue
            run = [first, *run[1:]]
            if fits(acr, run):
                out.append((" ".join(run), acr))
                break
    return out


_ADJ = (r"[a-zàâäéèêëîïôöùûüç-]+(?:iques?|ales?|al|aux|elles?|els?|aires?|iennes?|iens?|ives?|ifs?"
        r"|aises?|ais|oises?|ois|aines?|ains?)\b")
# The rest of an organisation's name after NER's span: adjectives, then `et de la X` runs.
_ORG_ADJ = re.compile(rf"(?:\s+{_ADJ}){{1,2}}")
_ORG_RUNS = re.compile(
    rf"(?:(?:\s*,\s*|\s+et\s+)(?:de la |de l['’]|des |du |de |d['’])[A-ZÀ-Ý][\w-]*"
    rf"(?:\s+{_ADJ}){{0,2}}){{1,3}}"
)
# What follows a name NER cut after a particle: a word, then a place (`concorde au Tchad`).
_CUT_AFTER = re.compile(r"\s+[\w-]{3,}(?:\s+(?:au|aux|du|de la|des|de|en|d['’])\s*[A-ZÀ-Ý][\w-]*)?")
# `Commission nationale` + ` de pèlerinage`, `Coordination des femmes rurales` + ` du Sanmatenga`.
_ORG_OF = re.compile(r"\s+(?:de la |de l['’]|des |du |de |d['’])([\w-]{4,})")
# Institutions French writes in lowercase: a head noun and institutional adjectives
# (`la police nationale`, `la commission électorale indépendante`), or a ministry.
_INSTITUTION_ADJ = (
    r"(?:nationale?s?|[ée]lectorale?s?|ind[ée]pendante?s?|r[ée]publicaine?s?|populaires?|d[ée]mocratiques?"
    r"|constitutionnelles?|supr[êe]mes?|militaires?|pr[ée]sidentielles?|r[ée]gionale?s?"
    r"|royale?s?|islamiques?|morale?s?|m[ée]tropolitaine?s?|f[ée]d[ée]rale?s?|communale?s?"
    r"|d[ée]partementale?s?|territoriale?s?|sp[ée]ciale?s?|africaine?s?|mondiale?s?"
    r"|internationale?s?|arm[ée]es|de d[ée]fense(?: et de s[ée]curit[ée])?)"
)
INSTITUTION = re.compile(
    r"(?<![\w'’])(?i:la |le |les |l['’]|du |des |aux? )"
    r"((?:police|gendarmerie|commission|arm[ée]e|garde|cour|conseil|assembl[ée]e|parti|forces?|direction"
    rf"|agence|caisse|brigade|douane|f[ée]d[ée]ration|ligue|union)(?:\s+{_INSTITUTION_ADJ})+"
    r"|minist[èe]re (?:de la |de l['’]|des |du |de )[\w-]+)(?![\w-])"
)


def institutions(text: str) -> list[str]:
    """Lowercase institution names written in ``text``.

    >>> institutions("Selon la police nationale et le ministère de la justice, la police a parlé.")
    ['police nationale', 'ministère de la justice']
    """
    return [m.group(1) for m in INSTITUTION.finditer(text)]
# How the name of a people ends (`Ivoiriens`, `Afghans`, `Américains`, `Tchétchènes`, `Rwandais`).
_PEOPLE_ENDING = re.compile(r"(?:ais|ois|ains|iens|éens|ens|ans|ènes|ites|ins)$")
_PORTFOLIO_HEADS = frozenset("ministre ministres ministere ministeres secretaire portefeuille".split())
_PLURAL_DETERMINERS = frozenset(
    "les des aux ces nos vos leurs plusieurs nombreux deux trois quelques".split())


class Context:
    """One article's text, asked where and how a name is written in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words = [(m.start(), m.group(0)) for m in _WORD.finditer(text)]
        self._at: dict[str, list[int]] = {}
        for i, (_, w) in enumerate(self._words):
            self._at.setdefault(w, []).append(i)
        self._cache: dict[str, list[int]] = {}

    def _positions(self, form: str) -> list[int]:
        """Indexes in the word list where ``form`` starts (exact words; apostrophes split)."""
        if form not in self._cache:
            target = _WORD.findall(form)
            n = len(target)
            self._cache[form] = [i for i in self._at.get(target[0], []) if n and
                                 [w for _, w in self._words[i : i + n]] == target] if target else []
        return self._cache[form]

    def _before(self, i: int, k: int = 1) -> str:
        return " ".join(bare(w) for _, w in self._words[max(0, i - k) : i])

    def _gap(self, i: int) -> str:
        """The text between word ``i - 1`` and word ``i``."""
        prev_start, prev = self._words[i - 1]
        return self.text[prev_start + len(prev) : self._words[i][0]]

    def _sentence_start(self, i: int) -> bool:
        if i == 0:
            return True
        gap = self._gap(i)
        return bool(re.search(r"[.!?:…»\n]|^\s*[-–—•]", gap)) or gap.strip() in ("«", "\"", "“")

    def honorific_before(self, form: str) -> bool:
        """Whether some occurrence of ``form`` follows an honorific or a title."""
        for i in self._positions(form):
            if self._before(i) in HONORIFICS or self._before(i, 2) in HONORIFICS2 or \
                    self._before(i, 3) in HONORIFICS2:
                return True
        return False

    def inside_sentence(self, form: str) -> bool:
        """Whether ``form`` is written at least once after another word of its sentence."""
        return any(not self._sentence_start(i) for i in self._positions(form))

    def among_lowercase(self, form: str) -> bool:
        """Whether ``form`` is written at least once next to a word that is not in capitals."""
        n = len(form.split())
        for i in self._positions(form):
            near = [w for _, w in self._words[max(0, i - 2) : i] + self._words[i + n : i + n + 2]]
            if any(w[:1].isalpha() and not w.isupper() for w in near):
                return True
        return False

    def with_capital_neighbour(self, form: str) -> str:
        """``form`` with the surname in capitals written right before or after it, if any
        (NER keeps ``Abdoul Karim`` of ``BONKOUNGOU Abdoul Karim``)."""
        if any(_capitals(w) for w in form.split()):
            return form
        n = len(_WORD.findall(form))
        for i in self._positions(form):
            if i > 0 and _capitals(self._words[i - 1][1]) and self._gap(i) == " ":
                return f"{self._words[i - 1][1]} {form}"
            j = i + n
            if j < len(self._words) and _capitals(self._words[j][1]) and self._gap(j) == " ":
                return f"{form} {self._words[j][1]}"
        return form

    def org_extension(self, form: str) -> str:
        """``form`` with the rest of its name when NER cut it short: ``Croix-Rouge`` followed by
        `` béninoise``; for a head noun, ``ministère de l'Agriculture`` by `` et des Aménagements
        hydrauliques``."""
        at = self.text.find(form)
        if at < 0:
            return form
        end = at + len(form)
        if bare(form.split()[-1]).strip("'") in _PARTICLES and (m := _CUT_AFTER.match(self.text, end)):
            end = m.end()  # `Front pour l'alternance et la` + ` concorde au Tchad`
        if (m := _ORG_ADJ.match(self.text, end)) is not None:
            end = m.end()
        if is_org_head(form):
            for _ in range(2):
                m = _ORG_OF.match(self.text, end)
                if m is None or (not m.group(1)[:1].isupper() and bare(m.group(1)) in STOP_WORDS):
                    break
                end = m.end()
                if (adj := _ORG_ADJ.match(self.text, end)) is not None:
                    end = adj.end()
            if (m := _ORG_RUNS.match(self.text, end)) is not None:
                end = m.end()
        return self.text[at:end]

    def people_word(self, form: str) -> bool:
        """Whether a capitalised plural (``Ivoiriens``) is only ever written after a plural
        determiner: a people, not a place."""
        if "-" in form or not _PEOPLE_ENDING.search(form):
            return False  # `les États-Unis`, `les Comores` are places
        pos = self._positions(form)
        return bool(pos) and all(self._before(i) in _PLURAL_DETERMINERS for i in pos)

    def portfolio(self, form: str) -> bool:
        """Whether ``form`` is only ever written as a minister's portfolio (``ministre de la
        Santé``, ``ministère de l'Intérieur``): a domain, not a place or an organisation."""
        pos = self._positions(form)
        return bool(pos) and all(
            any(w in _PORTFOLIO_HEADS for w in self._before(i, 4).split()) for i in pos)

    def after_locative(self, form: str) -> bool:
        """Whether ``form`` is written at least once right after `à`, `en`, `au`, `aux`."""
        return any(self._before(i) in ("a", "en", "au", "aux", "vers", "depuis")
                   for i in self._positions(form))

    def written(self, form: str) -> bool:
        """Whether ``form`` occurs in the text as whole words."""
        return bool(self._positions(form))
