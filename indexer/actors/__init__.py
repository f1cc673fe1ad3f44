"""Named actors: people and organisations (and places) of each article, canonicalised.

``make_annotator(index_dir)`` gives the ``Annotator`` that ``store.sync`` calls: NER results
are cached by content hash in the index directory, so only new or changed text goes through
spaCy; canonicalisation (aliases, surnames, display forms) runs on every call and is cheap.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from ..article import Article
from .aliases import ORG, PERSON, PLACE, Aliases, load_aliases
from .cache import ActorCache
from .canonical import Cleaner, Found, clean, learn_acronyms
from .ner import model_version, run_ner

# Bump when canonicalisation changes what it produces for the same mentions: like an alias
# edit, it makes the next `presse index` re-annotate every article (from the NER cache).
CANON_VERSION = 3
ACRONYM = "acronym"

Annotation = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]

__all__ = ["ActorAnnotator", "make_annotator", "article_text", "best_form"]


def article_text(article: Article) -> str:
    """What NER reads: the title and the body (never the byline or the author)."""
    return f"{article.title}\n\n{article.body}"


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
        self._forms = {kind: self.cache.forms(kind) for kind in (PERSON, ORG, PLACE)}
        self._acronyms = {k: max(v, key=lambda f: v[f]) for k, v in self.cache.forms(ACRONYM).items()}
        self._by_last: dict[str, set[str]] = {}
        # Texts sent to NER by this annotator (the rest came from the cache).
        self.ner_texts = 0
        for key in self._forms[PERSON]:
            self._index_person(key)

    def _index_person(self, key: str) -> None:
        words = key.split()
        if len(words) >= 2:
            self._by_last.setdefault(words[-1], set()).add(key)

    def stale(self) -> bool:
        """Whether the index was annotated with other aliases or rules (or without actors)."""
        return self.cache.get_state("applied") != self.signature

    def mark_applied(self) -> None:
        """Record that every article of the index now carries this annotator's output."""
        self.cache.set_state("applied", self.signature)

    def mentions(self, articles: list[Article]) -> list[list[tuple[str, str]]]:
        """Raw NER mentions of each article, from the cache or by running NER on the rest."""
        model = model_version()
        hashes = [a.content_hash for a in articles]
        cached = self.cache.get_mentions(sorted(set(hashes)), model)
        todo: dict[str, str] = {}
        for h, a in zip(hashes, articles, strict=True):
            if h not in cached:
                todo.setdefault(h, article_text(a))
        if todo:
            found = run_ner(list(todo.values()))
            self.ner_texts += len(todo)
            fresh = dict(zip(todo, found, strict=True))
            self.cache.put_mentions(fresh.items(), model)
            cached.update(fresh)
        return [cached[h] for h in hashes]

    def __call__(self, articles: list[Article]) -> list[Annotation]:
        """(people, organisations, places) of each article, in order."""
        texts = [article_text(a) for a in articles]
        acr_counts: Counter[tuple[str, str, str]] = Counter()
        local = [learn_acronyms(text) for text in texts]
        for pairs in local:
            for key, acr in pairs.items():
                acr_counts[(ACRONYM, key, acr)] += 1
                self._acronyms.setdefault(key, acr)
        founds = [self.cleaner.found(t, m, self._acronyms, pairs)
                  for t, m, pairs in zip(texts, self.mentions(articles), local, strict=True)]
        counts: Counter[tuple[str, str, str]] = Counter(acr_counts)
        for found in founds:
            for f in found:
                if f.fixed is None:
                    counts[(f.kind, f.key, f.form)] += 1
                    known = self._forms[f.kind].setdefault(f.key, {})
                    known[f.form] = known.get(f.form, 0) + 1
                    if f.kind == PERSON:
                        self._index_person(f.key)
        self.cache.add_forms(dict(counts))
        return [self._annotate(found) for found in founds]

    def _display(self, f: Found) -> str:
        return f.fixed or best_form(self._forms[f.kind].get(f.key) or {f.form: 1})

    def _annotate(self, found: list[Found]) -> Annotation:
        out: dict[str, dict[str, None]] = {PERSON: {}, ORG: {}, PLACE: {}}
        targets = self._resolve_people({f.key for f in found if f.kind == PERSON and f.fixed is None})
        for f in found:
            if f.kind == PERSON and f.fixed is None:
                key = targets.get(f.key)
                if key is None:
                    continue
                f = Found(PERSON, key, f.form)
            out[f.kind][self._display(f)] = None
        return tuple(out[PERSON]), tuple(out[ORG]), tuple(out[PLACE])

    def _resolve_people(self, keys: set[str]) -> dict[str, str]:
        """Each person key of an article → the key it stands for (absent: ambiguous)."""
        target: dict[str, str] = {}
        for key in sorted(keys, key=lambda k: -len(k.split())):
            n = len(key.split())
            longer = {target[k] for k in keys if k in target and len(k.split()) > n
                      and k.split()[-n:] == key.split()}
            if len(longer) == 1:
                target[key] = longer.pop()
            elif not longer:
                target[key] = key
        for key in [k for k, v in target.items() if k == v and " " not in k]:
            # A lone surname the article cannot resolve: ask the corpus.
            found = self._corpus_target(key)
            if found is not None:
                target[key] = found
            elif self._corpus_target(key, ambiguous=True):
                del target[key]
        return target

    def _corpus_target(self, key: str, ambiguous: bool = False) -> str | None:
        """The one longer known name ``key`` ends (with ``ambiguous``: whether several do)."""
        words = key.split()
        longer = {c for c in self._by_last.get(words[-1], set())
                  if len(c.split()) > len(words) and c.split()[-len(words):] == words}
        maximal = {c for c in longer if not any(
            o != c and o.split()[-len(c.split()):] == c.split() for o in longer)}
        if ambiguous:
            return key if len(maximal) > 1 else None
        return maximal.pop() if len(maximal) == 1 else None

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

    def close(self) -> None:
        """Close the cache file."""
        self.cache.close()


def make_annotator(index_dir: Path, aliases_path: Path | None = None) -> ActorAnnotator:
    """The annotator for the index in ``index_dir``, with the user's alias file if given."""
    return ActorAnnotator(index_dir, aliases_path)
