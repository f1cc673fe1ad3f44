"""One article file as the store receives it: its articles (cleaned for display), the errors
of its broken parts and what the user should know about it.

A file fails as a whole (no articles) when it cannot be read at all; a `.jsonl` export whose
lines are partly broken is a *partial* file: its good lines are articles, its broken lines are
listed so that the store keeps what it held at them until they are fixed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..article import Article
from ..errors import ArticleError

# Invisible format characters (zero-width, bidi controls, soft hyphen): they split words and
# can reorder displayed text, so they are dropped from what is indexed and shown.
# Characters XML cannot carry (controls but tab and newlines, U+FFFE/U+FFFF) go too: a feed or
# an API answer must stay valid whatever a file held.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
                        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
ENCODING_LABELS = {"cp1252": "Windows-1252 (Latin-1)", "utf-16": "UTF-16", "utf-16-le": "UTF-16 LE",
                   "utf-16-be": "UTF-16 BE"}


@dataclass
class FileResult:
    """What one file gave: articles, errors (per line for a `.jsonl`) and notices."""

    rel: str
    articles: list[Article] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # A file of records, one per line (`.jsonl`): a broken line fails alone.
    by_line: bool = False

    @property
    def failed(self) -> bool:
        """The file itself is unusable: nothing of it is indexed, the index keeps what it had."""
        return any(e.line is None or not self.by_line for e in self.errors)

    @property
    def broken_lines(self) -> set[int]:
        """Lines of a partial `.jsonl` that failed while its other lines were read."""
        return {e.line for e in self.errors if e.line is not None} if self.by_line else set()


def visible(article: Article) -> Article:
    """The article without invisible format characters in its displayed fields."""
    fields = {k: _INVISIBLE.sub("", v) for k in ("title", "body", "author", "outlet")
              if isinstance(v := getattr(article, k), str) and _INVISIBLE.search(v)}
    return replace(article, **fields) if fields else article  # type: ignore[arg-type]


def read_file(path: Path, root: Path, max_bytes: int, clean: bool = True) -> FileResult:
    """Every article of one file, with its errors and notices; never raises for a bad file.

    ``clean`` drops invisible characters from the displayed fields (what the store indexes).
    """
    from . import extract_one, iter_jsonl  # the dispatch lives beside the formats

    rel = path.relative_to(root).as_posix()
    result = FileResult(rel, by_line=path.suffix.lower() == ".jsonl")
    try:
        if result.by_line:
            for item in iter_jsonl(path, root, max_bytes):
                if isinstance(item, ArticleError):
                    result.errors.append(item)
                else:
                    result.articles.append(item)
        else:
            result.articles.append(extract_one(path, root, max_bytes))
    except ArticleError as exc:
        result.errors.append(exc)
    except OSError as exc:
        result.errors.append(ArticleError(rel, str(exc)))
    if result.failed:
        result.articles = []
        return result
    if clean:
        result.articles = [visible(a) for a in result.articles]
    result.notices = _notices(rel, result.articles)
    return result


def _notices(rel: str, articles: list[Article]) -> list[str]:
    """What the user should know about articles that were indexed: language, legacy encoding."""
    out = []
    encodings = {str(a.extra["encoding"]) for a in articles if "encoding" in a.extra}
    for enc in sorted(encodings):
        out.append(f"{rel} : encodage détecté {ENCODING_LABELS.get(enc, enc)}")
    for a in articles:
        if a.lang != "fr":
            out.append(f"{a.doc_id} : langue détectée « {a.lang} », pas du français "
                       f"(indexé, signalé lang={a.lang})")
    return out
