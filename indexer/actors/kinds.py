"""The kind of a name from the text's evidence, which outvotes NER's label.

An honorific or a surname in capitals makes a person, a head noun an organisation, a known
place stays a place; a one-word name needs the support ``evidence.Context`` finds for it. The
word lists and the text look-ups are in ``evidence``; this module applies them to one mention.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .aliases import ORG, PERSON, PLACE, name_key
from .evidence import HONORIFICS, HONORIFICS2, Context, bare, is_org_head, surname_in_capitals
from .ner import is_common_word


@dataclass
class Knowledge:
    """What the corpus has confirmed, for the rules that look beyond one article."""

    # Long name key → acronym, for pairs seen in two articles or more.
    acronyms: dict[str, str] = field(default_factory=dict)
    # Keys the corpus names as places more often than as anything else.
    places: set[str] = field(default_factory=set)


def single_supported(form: str, kind: str, ctx: Context, known: Knowledge, acronyms: set[str],
                     org_votes: Counter[str]) -> bool:
    """Whether a one-word name has the support the text must give it (see ``evidence``)."""
    if form.isupper():
        # An acronym stands among ordinary words; a headline's capitals are no evidence, unless
        # the text also writes the word in ordinary case (`TOMBOUCTOU` and `Tombouctou`).
        return form in acronyms or (len(form) <= 8 and ctx.among_lowercase(form)) or (
            len(form) > 3 and ctx.written(form[:1] + form[1:].lower()))
    if kind == PLACE and name_key(form) in known.places:
        return True
    if kind == ORG and is_common_word(form) and org_votes[form] < 2:
        return False  # `Constitution`, `Plan`, `Cour`: capitalised common nouns, unless NER says
        # organisation twice (`Twitter`, `Pfizer`)
    return ctx.inside_sentence(form) or ctx.honorific_before(form)


_DEMONYM = re.compile(r"(?:ais|ois|oises|ains|iens|iennes|éens|éennes)$")


def demonym(form: str, ctx: Context) -> bool:
    """A word with a demonym's ending that French uses as an ordinary word (the model knows its
    lowercase form) and that the text never writes after `à`, `en` or `au`: ``Français``, a
    people, not ``à Calais``."""
    return bool(_DEMONYM.search(form)) and is_common_word(form) and not ctx.after_locative(form)


def evidence_kind(form: str, kind: str | None, ctx: Context, acronyms: set[str]) -> tuple[str, str | None]:
    """A mention's form and kind once the text's evidence has spoken (it outvotes NER)."""
    if kind == PERSON:
        form = ctx.with_capital_neighbour(form)  # `BONKOUNGOU` + `Abdoul Karim`
    # `BBC World` tagged ORG is no `World Bbc`: from another label, a surname in capitals must be
    # longer than an acronym.
    caps = 3 if kind in (PERSON, PLACE) else 5
    if starts_with_honorific(form) or (surname_in_capitals(form, caps) and not is_org_head(form)
                                         and not any(w in acronyms for w in form.split())):
        kind = PERSON  # `El Hadj Oumarou Kaboré`, `TAPSOBA Adama` tagged LOC or ORG
    elif is_org_head(form) and kind != PERSON:
        kind = ORG  # `Commission nationale de pèlerinage` tagged MISC or LOC
    elif kind in (ORG, PLACE, None) and len(form.split()) >= 2 and ctx.honorific_before(form):
        kind = PERSON  # `le colonel Moussa Diallo` tagged LOC
    if kind == ORG:
        form = ctx.org_extension(form)  # `ministère de l'Agriculture` + ` et des …`
    return form, kind


def single_kept(form: str, kind: str, ctx: Context, known: Knowledge, acronyms: set[str],
                 org_votes: Counter[str]) -> bool:
    """Whether a one-word name is kept: supported, and neither a compound given name (a person
    `Jean-Luc`), nor a people (a place `Ivoiriens`, `Français`)."""
    if not single_supported(form, kind, ctx, known, acronyms, org_votes):
        return False
    if kind == PERSON and "-" in form and not ctx.honorific_before(form):
        return False  # `Jean-Luc`, `Saint-Denis`: a given name or a place, not a person
    if kind in (PLACE, ORG) and ctx.portfolio(form):
        return False  # `ministre de la Santé`: a portfolio
    return not (kind == PLACE and (ctx.people_word(form) or demonym(form, ctx)))


def starts_with_honorific(form: str) -> bool:
    words = form.split()
    return len(words) >= 2 and (bare(words[0]) in HONORIFICS or bare(" ".join(words[:2])) in HONORIFICS2)
