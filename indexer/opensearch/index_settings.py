"""The index an OpenSearch backend writes: the project's French chain expressed as analysis
settings, and the mapping of the fields the Whoosh schema holds.

The chain is generated from the Python chain's own parts, so the two cannot drift: the token
pattern of ``analysis.py`` (letters and digits; both apostrophes, hyphens and punctuation
split), lowercase, accent folding *before* the stop words and the stemmer, the folded stop list
of ``folding.py``, Snowball French. ``bench/opensearch_analysis.py`` measures how many corpus
words still stem differently (Lucene's generated Snowball and PyStemmer's are not the same
release, and ``asciifolding`` is not ``unidecode`` for every character).

>>> settings = index_body()["settings"]["analysis"]
>>> settings["analyzer"]["fr_press"]["filter"]
['lowercase', 'asciifolding', 'fr_stop', 'fr_snowball']
>>> "ete" in settings["filter"]["fr_stop"]["stopwords"]
True
"""

from __future__ import annotations

from ..analysis import ANALYSIS_VERSION
from ..folding import STOP_WORDS

# Bump when the mapping or the analysis settings change: an index of another version is
# rebuilt, like a Whoosh index of another schema.
MAPPING_VERSION = 1
# Python's `[^\W_]+` (a run of letters and digits) as Lucene's pattern tokenizer writes the
# separators between tokens.
SPLIT_PATTERN = r"[^\p{L}\p{N}]+"


def index_version() -> str:
    """What an OpenSearch index of this code carries in its ``_meta``."""
    return f"analysis-{ANALYSIS_VERSION}/opensearch-{MAPPING_VERSION}"


def analysis_settings() -> dict[str, object]:
    """The ``analysis`` block: the French press chain, and the folded unstemmed one."""
    return {
        "tokenizer": {"fr_words": {"type": "pattern", "pattern": SPLIT_PATTERN}},
        "filter": {
            "fr_stop": {"type": "stop", "stopwords": sorted(STOP_WORDS)},
            "fr_snowball": {"type": "snowball", "language": "French"},
        },
        "analyzer": {
            "fr_press": {"type": "custom", "tokenizer": "fr_words",
                         "filter": ["lowercase", "asciifolding", "fr_stop", "fr_snowball"]},
            # Folded, not stemmed: the "Vouliez-vous dire" vocabulary and the exact-form bonus.
            "fr_folded": {"type": "custom", "tokenizer": "fr_words",
                          "filter": ["lowercase", "asciifolding"]},
        },
    }


def _text(boost_field: bool = True) -> dict[str, object]:
    field: dict[str, object] = {"type": "text", "analyzer": "fr_press"}
    if boost_field:
        # Offsets in the postings: the highlighter marks the original text without re-analysing.
        field["index_options"] = "offsets"
    return field


def mappings() -> dict[str, object]:
    """The fields: the Whoosh schema's, as OpenSearch types (``dynamic: strict``)."""
    keyword = {"type": "keyword"}
    return {
        "dynamic": "strict",
        "_meta": {"version": index_version()},
        "properties": {
            "id": keyword,
            "path": keyword,
            "file_hash": keyword,
            "content_hash": keyword,
            "title": {**_text(), "fields": {"folded": {"type": "text", "analyzer": "fr_folded"}}},
            "body": {**_text(), "fields": {"folded": {"type": "text", "analyzer": "fr_folded"}}},
            "actor_text": _text(False),
            "place_text": _text(False),
            "outlet_text": _text(False),
            "author": _text(False),
            "date": {"type": "integer"},  # yyyymmdd, 0 when the article states none
            "date_asc": {"type": "integer"},  # the same, undated as 99999999: oldest first, undated last
            "line": {"type": "integer"},  # the line of a `.jsonl` record (kept at a broken line)
            "year": keyword,
            "month": keyword,
            "outlet": keyword,
            "actor": keyword,
            "person": {"type": "keyword", "eager_global_ordinals": True},
            "org": keyword,
            "place": keyword,
            "url": {"type": "keyword", "index": False},
            "lang": keyword,
            "meta": {"type": "object", "enabled": False},
            "dupkeys": {"type": "binary"},
        },
    }


def index_body(shards: int = 1, replicas: int = 0) -> dict[str, object]:
    """The body of ``PUT /<index>``."""
    return {
        "settings": {"number_of_shards": shards, "number_of_replicas": replicas,
                     "analysis": analysis_settings()},
        "mappings": mappings(),
    }
