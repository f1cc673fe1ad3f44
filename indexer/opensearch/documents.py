"""One article as an OpenSearch document: the Whoosh document of ``store/schema.py``, with
keyword fields as lists, the year and month precomputed, and the MinHash keys in base64.

>>> doc = {"id": "a.txt", "date": 20250403, "outlet": "Maliweb", "person": "A,B", "actor": "",
...        "meta": "{}", "vocab": "x", "dupkeys": b"\\x00"}
>>> d = os_document(doc)
>>> (d["year"], d["month"], d["person"], d["actor"], d["dupkeys"], "vocab" in d)
('2025', '2025-04', ['A', 'B'], [], 'AA==', False)
"""

from __future__ import annotations

import base64
import json

from ..french import UNKNOWN_YEAR

KEYWORD_LISTS = ("outlet", "actor", "person", "org", "place", "speaker")
UNDATED_LAST = 99_999_999


def os_document(doc: dict[str, object]) -> dict[str, object]:
    """The OpenSearch ``_source`` of one Whoosh document (``store.schema.to_document``)."""
    out = {k: v for k, v in doc.items() if k not in ("vocab", "dupkeys", "meta", "pending")}
    for name in KEYWORD_LISTS:
        value = str(doc.get(name) or "")
        out[name] = [v for v in value.split(",") if v]
    num = int(doc.get("date") or 0)  # type: ignore[call-overload]
    out["year"] = str(num // 10000) if num else UNKNOWN_YEAR
    out["month"] = f"{num // 10000:04d}-{num // 100 % 100:02d}" if num else ""
    out["date_asc"] = num or UNDATED_LAST
    meta = json.loads(str(doc.get("meta") or "{}"))
    out["meta"] = meta
    out["line"] = meta.get("line")
    out["quotes"] = {"items": json.loads(str(doc.get("quotes") or "[]"))}
    out["dupkeys"] = base64.b64encode(bytes(doc.get("dupkeys") or b"")).decode("ascii")  # type: ignore[call-overload]
    return out


def dup_bytes(value: object) -> bytes:
    """The MinHash keys of a ``_source`` (empty when it has none)."""
    return base64.b64decode(str(value or ""))
