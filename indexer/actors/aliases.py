"""Alias files: variants → canonical name, ignored names, types; and the name key they use.

The shipped file (``indexer/data/aliases.toml``) is read first, then the user's ``actors.toml``,
whose entries win. Keys fold accents, case, hyphens and apostrophes, so ``Goïta``/``Goita`` and
``Jean-Marie``/``Jean Marie`` share one key:

>>> name_key("Jean-Marie Traoré") == name_key("jean marie TRAORE")
True
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..actor_names import name_key
from ..errors import PresseError

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "aliases.toml"

# The three kinds of named entity we keep, and the French words a user may write for them.
PERSON, ORG, PLACE = "person", "org", "place"
TYPE_WORDS = {
    "personne": PERSON, "person": PERSON, "per": PERSON,
    "organisation": ORG, "org": ORG, "organization": ORG,
    "lieu": PLACE, "place": PLACE, "loc": PLACE,
}  # fmt: skip

class AliasFileError(PresseError):
    """An alias file that cannot be read; says which file and why."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"fichier d'alias {path} illisible : {reason}")


@dataclass(frozen=True)
class Alias:
    """One canonical actor from an alias file."""

    name: str
    kind: str | None
    variants: tuple[str, ...] = ()


@dataclass
class Aliases:
    """Every alias in force: key → Alias, plus the ignored keys and a signature of the files."""

    by_key: dict[str, Alias] = field(default_factory=dict)
    ignored: set[str] = field(default_factory=set)
    signature: str = ""

    def lookup(self, text: str) -> Alias | None:
        """The alias a name belongs to, if any."""
        return self.by_key.get(name_key(text))

    def is_ignored(self, text: str) -> bool:
        """Whether a name is marked ignored."""
        return name_key(text) in self.ignored

    def merge(self, other: Aliases) -> None:
        """Add ``other``'s entries; they win over ours."""
        for key in other.ignored:
            self.by_key.pop(key, None)
        self.ignored |= other.ignored
        for key, alias in other.by_key.items():
            self.ignored.discard(key)
            self.by_key[key] = alias


def parse_aliases(text: str, origin: Path) -> Aliases:
    """Aliases from the TOML text of one file; raises AliasFileError on a bad entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AliasFileError(origin, str(exc)) from exc
    out = Aliases()
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(v, str) for v in ignore):
        raise AliasFileError(origin, "« ignore » doit être une liste de noms")
    out.ignored = {name_key(v) for v in ignore if name_key(v)}
    entries = data.get("actor", [])
    if not isinstance(entries, list):
        raise AliasFileError(origin, "« actor » doit être une liste ([[actor]])")
    for n, entry in enumerate(entries, start=1):
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name_key(name):
            raise AliasFileError(origin, f"acteur n° {n} : « name » manquant")
        kind_word = entry.get("type")
        kind = TYPE_WORDS.get(str(kind_word).lower()) if kind_word is not None else None
        if kind_word is not None and kind is None:
            raise AliasFileError(origin, f"{name} : type inconnu « {kind_word} » "
                                 "(personne, organisation ou lieu)")
        variants = entry.get("variants", [])
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise AliasFileError(origin, f"{name} : « variants » doit être une liste de noms")
        alias = Alias(name=name.strip(), kind=kind, variants=tuple(variants))
        for variant in (name, *variants):
            if name_key(variant):
                out.by_key[name_key(variant)] = alias
    return out


def load_aliases(user_path: Path | None = None) -> Aliases:
    """The shipped aliases, then the user's file (if it exists) on top."""
    digest = hashlib.sha256()
    shipped_text = SHIPPED.read_text(encoding="utf-8")
    digest.update(shipped_text.encode("utf-8"))
    aliases = parse_aliases(shipped_text, SHIPPED)
    if user_path is not None and user_path.is_file():
        try:
            user_text = user_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise AliasFileError(user_path, str(exc)) from exc
        digest.update(b"\x00" + user_text.encode("utf-8"))
        aliases.merge(parse_aliases(user_text, user_path))
    aliases.signature = digest.hexdigest()[:16]
    return aliases
