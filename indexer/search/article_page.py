"""One article as its page and its API show it: fields, the query's words marked once in the
body (paragraphs, offsets and best passages from the same matches) and related articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from .page import Hit
from .query import parse
from .snippets import Fragment, fragments, mark, match_spans, query_terms

# The most of an article's text one page or API answer carries: a 5 MB file stays searchable,
# but its page is this long and says it is cut ("texte tronqué").
MAX_ARTICLE_CHARS = 200_000


@dataclass
class ArticlePage:
    """An article's stored fields (``fields``) and its text marked for ``query``."""

    fields: dict[str, object]
    query: str
    title_html: Markup
    body_html: Markup
    paragraphs: list[Markup]
    marks: list[tuple[int, int]]
    passages: list[Fragment]
    related: list[Hit] = field(default_factory=list)

    def __getitem__(self, name: str) -> object:
        return self.fields[name]

    def get(self, name: str, default: object = None) -> object:
        """A field, or ``default``."""
        return self.fields.get(name, default)

    def to_json(self) -> dict[str, object]:
        """The article as the API returns it."""
        out = dict(self.fields)
        when = out.get("date")
        out["date"] = when.isoformat() if isinstance(when, date) else None
        for key in ("people", "orgs", "places"):
            out[key] = list(out[key])  # type: ignore[call-overload]
        out["body_html"] = str(self.body_html)
        out["marks"] = [list(s) for s in self.marks]
        out["highlights"] = [
            {"html": str(f.html), "start": f.start, "end": f.end, "marks": [list(m) for m in f.marks]}
            for f in self.passages
        ]
        out["related"] = [{"id": h.id, "title": h.title, "outlet": h.outlet,
                           "date": h.date.isoformat() if h.date else None} for h in self.related]
        return out


def article_page(fields: dict[str, object], query: str, related: list[Hit]) -> ArticlePage:
    """Mark ``query``'s words in an article's title and body (the body's matches found once)."""
    terms = query_terms(parse(query))
    body = str(fields["body"])
    spans = match_spans(body, terms)
    paragraphs = []
    pos = 0
    for part in body.split("\n\n"):
        if part.strip():
            paragraphs.append(mark(body, spans, pos, pos + len(part)))
        pos += len(part) + 2
    return ArticlePage(
        fields=fields,
        query=query,
        title_html=mark(str(fields["title"]), match_spans(str(fields["title"]), terms)),
        body_html=mark(body, spans),
        paragraphs=paragraphs,
        marks=spans,
        passages=fragments(body, terms) if spans else [],
        related=related,
    )
