"""Metadata a user states by hand: a `NAME.meta.json` sidecar or YAML front matter.

Either one overrides what extraction found for ``title``, ``date``, ``outlet``, ``author``,
``url`` and ``lang``, with provenance ``sidecar``. A sidecar that is not valid JSON, front
matter that is not valid YAML, or a date that is not a date make the article fail with one
clear line: a wrong override must not pass silently.

>>> meta, rest = split_front_matter("---\\ntitle: Un titre\\n---\\nLe texte.", "a.txt")
>>> (meta, rest)
({'title': 'Un titre'}, 'Le texte.')
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import yaml

from ..article import Article
from ..errors import ArticleError
from .dates import parse_french_date
from .outlets import normalize_outlet

SIDECAR_SUFFIX = ".meta.json"
OVERRIDE_FIELDS = ("title", "date", "outlet", "author", "url", "lang")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
KEY_LINE = re.compile(r"\s*(?:#[^\n]*\n\s*)*[A-Za-z_][\w-]*\s*:")
LANG_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2})?")


def sidecar_of(path: Path) -> Path:
    """Where the optional metadata sidecar of ``path`` lives (`x.txt` → `x.meta.json`)."""
    if path.suffix.lower() in (".json", ".jsonl"):
        return path  # records carry their own metadata
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def read_sidecar(path: Path, rel: str) -> dict[str, object]:
    """The overrides in the sidecar at ``path`` (shown as ``rel`` in errors)."""
    raw = path.read_bytes()
    try:
        meta = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ArticleError(rel, f"sidecar illisible : pas de l'UTF-8 (position {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise ArticleError(rel, f"JSON invalide : {exc.msg} (colonne {exc.colno})", exc.lineno) from exc
    if not isinstance(meta, dict):
        raise ArticleError(rel, "JSON invalide : un objet {…} est attendu")
    return clean_overrides(meta, rel, "le sidecar")


def split_front_matter(text: str, rel: str) -> tuple[dict[str, object], str]:
    """``(overrides, rest of text)`` when ``text`` opens with `---` YAML `---`, else ``({}, text)``."""
    m = FRONT_MATTER.match(text)
    if not m or (m["yaml"] and not KEY_LINE.match(m["yaml"])):
        return {}, text  # a rule of dashes above plain text is not front matter
    try:
        meta = yaml.safe_load(m["yaml"] or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for the `---`, +1 to 1-based
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ArticleError(rel, f"en-tête YAML invalide : {problem}", line) from exc
    if not isinstance(meta, dict):
        raise ArticleError(rel, "en-tête YAML invalide : des paires `clé: valeur` sont attendues", 2)
    return clean_overrides(meta, rel, "l’en-tête"), text[m.end() :]


def clean_overrides(meta: dict[object, object], rel: str, where: str) -> dict[str, object]:
    """Checked override values: a real date, a display outlet name, strings elsewhere."""
    out: dict[str, object] = {}
    for key in OVERRIDE_FIELDS:
        value = meta.get(key)
        if value is None or value == "":
            continue
        if key == "date":
            out["date"] = _date_value(value, rel, where)
        elif key == "outlet":
            outlet = normalize_outlet(str(value))
            if outlet:
                out["outlet"] = outlet
        elif key == "lang":
            code = str(value).strip().lower()
            if not LANG_CODE.fullmatch(code):
                raise ArticleError(rel, f"langue invalide dans {where} : {value!r} (ex. « fr »)")
            out["lang"] = code.split("-")[0]
        else:
            out[key] = re.sub(r"\s+", " ", str(value)).strip()
    return out


def _date_value(value: object, rel: str, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    when = parse_french_date(str(value)) if isinstance(value, str | int) else None
    if when is None:
        raise ArticleError(rel, f"date invalide dans {where} : {value!r}")
    return when


def apply_overrides(article: Article, overrides: dict[str, object]) -> Article:
    """``article`` with each override set and its provenance marked ``sidecar``."""
    if not overrides:
        return article
    prov = dict(article.provenance)
    for key in overrides:
        prov[key] = "sidecar"
    return replace(article, provenance=prov, **overrides)  # type: ignore[arg-type]
