"""Named actors: people and organisations (and places) of each article, canonicalised.

``make_annotator(index_dir)`` gives the ``Annotator`` that ``store.sync`` calls: NER results
are cached by content hash in the index directory, so only new or changed text goes through
spaCy; canonicalisation (aliases, surnames, display forms) runs on every call and is cheap.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import ahocorasick

from ..actor_names import NAMES_FILE, write_names
from ..article import Article
from ..folding import STOP_WORDS
from .aliases import ORG, PERSON, PLACE, Aliases, load_aliases, name_key
from .cache import ActorCache
from .canonical import LABEL_KIND, PARTICLES, Cleaner, Found, clean
from .kinds import Knowledge
from .mentions import Mentions, text_hash
from .ner import model_version, new_words, remember_words
from .signers import article_text, author_keys, publisher_keys

# Bump when canonicalisation changes what it produces for the same mentions: like an alias
# edit, it makes the next `presse index` re-annotate every article (from the NER cache).
CANON_VERSION = 4
ACRONYM = "acronym"
# A name is confirmed for the whole corpus once NER found it in this many articles.
CONFIRMED = 2

Names = tuple[str, ...]
# Why an actor is in an article, strongest evidence first (see ``canonical.Found``).
_WHY_RANK = {"ner": 0, "acronym": 1, "rule": 2, "alias": 3, "corpus": 4}
# (people, organisations, places, {displayed name: why it is there}).
Annotation = tuple[Names, Names, Names, dict[str, str]]

__all__ = ["ActorAnnotator", "make_annotator", "article_text", "best_form", "author_keys"]


def _shouting(form: str) -> bool:
    return form.isupper() and (len(form.split()) > 1 or len(form) > 5)


def best_form(forms: dict[str, int]) -> str:
    """The most complete accented written form of a name, then the most frequent.

    A form in capitals (a headline's ``ÉDOUARD PHILIPPE``) comes last, acronyms aside.

    >>> best_form({"Serguei Lavrov": 3, "Sergueï Lavrov": 1})
    'Sergueï Lavrov'
    >>> best_form({"ÉDOUARD PHILIPPE": 9, "Édouard Philippe": 2}), best_form({"ONU": 3, "Onu": 1})
    ('Édouard Philippe', 'ONU')
    >>> best_form({"Emmanuel Macron).•": 5, "Emmanuel Macron": 1})
    'Emmanuel Macron'
    """
    merged: dict[str, int] = {}
    for form, n in forms.items():  # forms cached by an older cleaning are cleaned again
        key = clean(form) or form
        merged[key] = merged.get(key, 0) + n
    # A rare misspelling (`Berçy` once beside `Bercy` forty times) is no candidate.
    floor = max(merged.values()) / 10
    merged = {k: n for k, n in merged.items() if n >= floor}
    return max(merged.items(), key=lambda kv: (not _shouting(kv[0]),
                                               sum(c.isalpha() and not c.isascii() for c in kv[0]),
                                               sum(c.isupper() for c in kv[0]) <= 1 or kv[0].isupper(),
                                               kv[1], kv[0]))[0]


class ActorAnnotator:
    """Annotates batches of articles; one per index directory and alias file."""

    def __init__(self, index_dir: Path, aliases_path: Path | None = None) -> None:
        self.index_dir = index_dir
        self.aliases: Aliases = load_aliases(aliases_path)
        self.cleaner = Cleaner(self.aliases)
        self.cache = ActorCache(index_dir)
        self.signature = hashlib.sha256(
            f"{self.aliases.signature}/{CANON_VERSION}".encode()
        ).hexdigest()[:16]
        self._load_corpus()
        remember_words(self.cache.words(model_version()))
        self._mentions = Mentions(self.cache)
        # A written form this annotator has not published yet (`publish`); a rebuild or new
        # rules (`forget_corpus`) republish everything.
        self._changed = False

    def forget_corpus(self) -> None:
        """Start the corpus-wide knowledge afresh, before every article is annotated again (a
        rebuild, new rules): what older rules learnt must not outlive them."""
        self.cache.forget_corpus()
        self._load_corpus()
        self._changed = True

    def _load_corpus(self) -> None:
        self._forms = {kind: self.cache.forms(kind) for kind in (PERSON, ORG, PLACE)}
        self._acronyms = self.cache.forms(ACRONYM)
        self._seen: Counter[tuple[str, str]] = Counter(self.cache.seen())
        self._spread: dict[str, tuple[int, int]] = self.cache.spread()
        self._by_last: dict[str, set[str]] = {}
        self._given: Counter[str] = Counter()
        self._surname: Counter[str] = Counter()
        for key in self._forms[PERSON]:
            self._index_person(key)

    def _index_person(self, key: str) -> None:
        words = key.split()
        if len(words) >= 2:
            if key not in self._by_last.get(words[-1], ()):
                self._given[words[0]] += 1
                self._surname[words[-1]] += 1
            self._by_last.setdefault(words[-1], set()).add(key)

    def stale(self) -> bool:
        """Whether the index was annotated with other aliases or rules (or without actors)."""
        return self.cache.get_state("applied") != self.signature

    def mark_applied(self) -> None:
        """Record that every article of the index now carries this annotator's output."""
        self.cache.set_state("applied", self.signature)

    def begin(self, index_dir: Path, rebuild: bool, existing: bool) -> bool:
        """Before a sync: True when the index was annotated by other rules or aliases, so
        every article must be annotated again (from the NER cache). A full annotation starts
        the corpus knowledge afresh: what older rules learnt must not outlive them."""
        again = existing and not rebuild and self.stale()
        if rebuild or again:
            self.forget_corpus()
        return again

    def finish(self, committed: bool) -> None:
        """After a sync: a committed one leaves every article with this annotator's output."""
        if committed:
            self.mark_applied()

    @property
    def ner_texts(self) -> int:
        """Texts this annotator sent to NER (the rest came from the cache)."""
        return self._mentions.ner_texts

    def mentions(self, articles: list[Article]) -> list[list[tuple[str, str]]]:
        """Raw NER mentions of each article (``mentions.py``)."""
        return self._mentions(articles)

    def known(self, articles: list[Article]) -> list[Annotation | None]:
        """The annotations of the articles whose NER mentions are all cached (no model run);
        None for the others, annotated later by ``__call__``."""
        cached = self._mentions.cached(articles)
        ready = [a for a, ok in zip(articles, cached, strict=True) if ok]
        done = iter(self(ready) if ready else [])
        return [next(done) if ok else None for ok in cached]

    def prefetch(self, articles: list[Article]) -> None:
        """Start NER of ``articles`` ahead, for the next call (``Mentions.prefetch``)."""
        self._mentions.prefetch(articles)

    def _knowledge(self, batch: Counter[tuple[str, str]] | None = None) -> Knowledge:
        """What the corpus has confirmed so far: the cache, and what NER labels each name in
        the articles of this batch (``batch``: (kind, key) → articles)."""
        acronyms = {key: max(v, key=lambda a: v[a]) for key, v in self._acronyms.items()
                    if max(v.values()) >= CONFIRMED}
        kinds: dict[str, Counter[str]] = {}
        for (kind, key), n in (self._seen + (batch or Counter())).items():
            kinds.setdefault(key, Counter())[kind] += n
        places = {key for key, c in kinds.items()
                  if c[PLACE] >= CONFIRMED and c[PLACE] > c[PERSON] + c[ORG]}
        return Knowledge(acronyms=acronyms, places=places)

    def __call__(self, articles: list[Article]) -> list[Annotation]:
        """(people, organisations, places, why) of each article, in order."""
        texts = [article_text(a) for a in articles]
        mentions = self.mentions(articles)
        known = self._knowledge()
        acr_counts: Counter[tuple[str, str, str]] = Counter()
        local: list[dict[str, str]] = []
        for text, ments in zip(texts, mentions, strict=True):
            here = {name_key(clean(r)) for r, label in ments if label == "LOC"}
            pairs = self.cleaner.acronyms(text, here | known.places)
            local.append(pairs)
            for key, acr in pairs.items():
                acr_counts[(ACRONYM, key, acr)] += 1
                by = self._acronyms.setdefault(key, {})
                by[acr] = by.get(acr, 0) + 1
        # A name NER calls a place in two articles of the batch, and more often than anything
        # else, is a known place before any article is annotated: `Niamey` at the start of a
        # sentence is still Niamey; `BFMTV`, now and then tagged LOC, is not one.
        labels: Counter[tuple[str, str]] = Counter()
        for ments in mentions:
            labels.update({(LABEL_KIND[label], name_key(clean(r))) for r, label in ments
                           if label in LABEL_KIND})
        known = self._knowledge(labels)
        founds = [self.cleaner.found(t, m, known, pairs)
                  for t, m, pairs in zip(texts, mentions, local, strict=True)]
        counts: Counter[tuple[str, str, str]] = Counter(acr_counts)
        seen: set[tuple[str, str, str]] = set()
        for text, found in zip(texts, founds, strict=True):
            h = text_hash(text)
            for f in found:
                if f.fixed is None:
                    counts[(f.kind, f.key, f.form)] += 1
                    known_forms = self._forms[f.kind].setdefault(f.key, {})
                    self._changed |= f.form not in known_forms
                    known_forms[f.form] = known_forms.get(f.form, 0) + 1
                    if f.kind == PERSON:
                        self._index_person(f.key)
                    if f.why == "ner" and (f.kind, f.key, h) not in seen:
                        seen.add((f.kind, f.key, h))
                        self._seen[(f.kind, f.key)] += 1
        self.cache.add_forms(dict(counts))
        self.cache.add_seen(seen)
        corpus = self._corpus_names()
        hits = [self._corpus_hits(corpus, text) for text in texts] if corpus is not None else \
            [[] for _ in texts]
        batch: dict[str, list[int]] = {}
        for found, names in zip(founds, hits, strict=True):
            by_ner = {f.key for f in found if f.why == "ner"}
            for _, key in set(names):
                counts_of = batch.setdefault(key, [0, 0])
                counts_of[0] += 1
                counts_of[1] += key in by_ner
        for key, (w, n) in batch.items():
            old_w, old_n = self._spread.get(key, (0, 0))
            self._spread[key] = (old_w + w, old_n + n)
        self.cache.add_spread({k: (w, n) for k, (w, n) in batch.items()})
        self.cache.put_words(model_version(), new_words())
        return [self._annotate(found, names, author_keys(a), publisher_keys(a))
                for found, names, a in zip(founds, hits, articles, strict=True)]

    def _corpus_hits(self, corpus: ahocorasick.Automaton, text: str) -> list[tuple[str, str]]:
        """Confirmed names written in ``text``, whole (not ``Luc Mélenchon`` inside ``Jean-Luc
        Mélenchon``)."""
        text_key = f" {name_key(text)} "
        spans = [(end - len(key) - 1, end, kind, key) for end, (kind, key) in corpus.iter(text_key)]
        return [(kind, key) for start, end, kind, key in spans
                if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _, _ in spans)]

    def _corpus_names(self) -> ahocorasick.Automaton | None:
        """Confirmed people and organisations of two words or more, to find where NER missed them."""
        auto = ahocorasick.Automaton()
        kinds: dict[str, Counter[str]] = {}
        for (kind, key), n in self._seen.items():
            kinds.setdefault(key, Counter())[kind] += n
        for key, by_kind in kinds.items():
            kind, n = by_kind.most_common(1)[0]
            # Confirmed, mostly of one kind (`États-Unis`, tagged PER here and there, is a
            # place), and two written words (`Jean-Luc` is one).
            if n < CONFIRMED or 2 * n <= sum(by_kind.values()) or kind not in (PERSON, ORG) or " " not in key:
                continue
            words = self._display(Found(kind, key, key)).split()
            if len(words) >= 2 and words[0][:1].isupper() and key.split()[0] not in STOP_WORDS:
                auto.add_word(f" {key} ", (kind, key))
        if len(auto) == 0:
            return None
        auto.make_automaton()
        return auto

    def _confirmed(self, kind: str, key: str) -> bool:
        return self._seen.get((kind, key), 0) >= CONFIRMED or key in self.aliases.by_key

    def _display(self, f: Found) -> str:
        return f.fixed or best_form(self._forms[f.kind].get(f.key) or {f.form: 1})

    def _annotate(self, found: list[Found], corpus_hits: list[tuple[str, str]],
                  authors: set[frozenset[str]], publishers: set[str]) -> Annotation:
        out: dict[str, dict[str, str]] = {PERSON: {}, ORG: {}, PLACE: {}}
        written = " ".join(f" {f.key} " for f in found)
        for kind, key in corpus_hits:
            # Not a part of a name the article already has, and only a name NER itself finds in
            # most texts that write it: `Santé Agnès`, tagged twice in `ministre de la Santé
            # Agnès Buzyn`, is written in hundreds of articles and is nobody.
            w, n = self._spread.get(key, (0, 0))
            if f" {key} " not in written and 2 * n >= w:
                written += f" {key} "
                found = [*found, Found(kind, key, key, why="corpus")]
        titled = {f.key for f in found if f.titled}
        targets = self._resolve_people({f.key for f in found if f.kind == PERSON and f.fixed is None},
                                       titled)
        for f in found:
            if f.kind == PERSON and f.fixed is None:
                target = targets.get(f.key)
                if target is None:
                    continue
                f = Found(PERSON, target, f.form, why=f.why)
            if f.kind == PERSON and frozenset(f.key.split()) in authors:
                continue  # the article's own author is never one of its actors
            if f.kind == ORG and f.key in publishers:
                continue  # nor its own outlet or agency (`… (AIB)`)
            name = self._display(f)
            old = out[f.kind].get(name)
            if old is None or _WHY_RANK[f.why] < _WHY_RANK[old]:
                out[f.kind][name] = f.why
        why = {name: w for kind in (PERSON, ORG) for name, w in out[kind].items()}
        return tuple(out[PERSON]), tuple(out[ORG]), tuple(out[PLACE]), why

    def _resolve_people(self, keys: set[str], titled: set[str]) -> dict[str, str]:
        """Each person key of an article → the key it stands for (absent: dropped).

        A shorter name resolves to the one fuller name of the article it ends; else, for a
        surname, to the one confirmed fuller name of the corpus. A lone word that resolves
        nowhere stays only behind a title (``M. Diallo``); a given name alone never resolves
        beyond the article.
        """
        target: dict[str, str] = {}
        for key in sorted(keys, key=lambda k: -len(k.split())):
            n = len(key.split())
            longer = {target[k] for k in keys if k in target and len(k.split()) > n
                      and k.split()[-n:] == key.split()}
            if len(longer) == 1:
                target[key] = longer.pop()
            elif not longer:
                target[key] = key
        for key in [k for k, v in target.items() if k == v and _lone(k)]:
            found = None if self._given[key] > self._surname[key] else self._corpus_target(key)
            if found is not None:
                target[key] = found
            elif key not in titled or self._corpus_target(key, ambiguous=True):
                del target[key]
        return target

    def _corpus_target(self, key: str, ambiguous: bool = False) -> str | None:
        """The one confirmed longer name ``key`` ends (with ``ambiguous``: whether several do)."""
        words = key.split()
        longer = {c for c in self._by_last.get(words[-1], set())
                  if len(c.split()) > len(words) and c.split()[-len(words):] == words}
        maximal = {c for c in longer if not any(
            o != c and o.split()[-len(c.split()):] == c.split() for o in longer)}
        if ambiguous:
            return key if len(maximal) > 1 else None
        confirmed = {c for c in maximal if self._confirmed(PERSON, c)}
        return confirmed.pop() if len(maximal) == 1 and len(confirmed) == 1 else None

    def variants(self) -> dict[tuple[str, str], set[str]]:
        """(kind, displayed name) → every written form seen of it, for `presse actors`."""
        out: dict[tuple[str, str], set[str]] = {}
        for kind, by_key in self._forms.items():
            for key, forms in by_key.items():
                alias = self.aliases.by_key.get(key)
                if alias is not None:
                    name = alias.name
                else:
                    if kind == PERSON:
                        key = self._corpus_target(key) or key
                    name = best_form(self._forms[kind].get(key) or forms)
                out.setdefault((kind, name), set()).update(forms)
        for alias in {a.name: a for a in self.aliases.by_key.values()}.values():
            out.setdefault((alias.kind or ORG, alias.name), set()).update(alias.variants)
        return out

    def publish(self, index_dir: Path) -> None:
        """Write ``actor_names.json`` beside the index: each displayed actor → the other written
        forms and alias variants of it, so that ``acteur:ECOWAS`` finds the CEDEAO. Skipped when
        this annotator saw no form it did not know (adding an article that names known actors)."""
        if not self._changed and (index_dir / NAMES_FILE).exists():
            return
        self._changed = False
        names: dict[str, list[str]] = {}
        for (_, name), forms in self.variants().items():
            other = sorted({f for f in forms if name_key(f) != name_key(name) and name_key(f)})
            if other:
                names.setdefault(name, [])
                names[name] = sorted(set(names[name]) | set(other))
        write_names(index_dir, names)

    def close(self) -> None:
        """Close the cache file."""
        self.cache.close()


def _lone(key: str) -> bool:
    """A surname alone: one word, particles aside (``de rugy``)."""
    return sum(w not in PARTICLES for w in key.split()) == 1


def make_annotator(index_dir: Path, aliases_path: Path | None = None) -> ActorAnnotator:
    """The annotator for the index in ``index_dir``, with the user's alias file if given."""
    return ActorAnnotator(index_dir, aliases_path)
