"""The "Vouliez-vous dire" vocabulary of an OpenSearch index: the folded, unstemmed words of
titles and bodies (``title.folded``, ``body.folded``), as ``search/suggest.py`` asks for them.

Close words come from the term suggester (edit distance 1 or 2, first letter kept), with their
document frequencies in the busier of the two fields; a typed word's own frequency is one
``_count``. The same respelling rules as
the Whoosh backend then choose.
"""

from __future__ import annotations

from collections.abc import Iterable

from opensearchpy import OpenSearch

from ..search.suggest import MAX_CANDIDATES, ONE_TYPO

FIELDS = ("body.folded", "title.folded")


class OpenSearchVocabulary:
    """Frequencies and neighbours of folded words, from one index."""

    def __init__(self, client: OpenSearch, index: str) -> None:
        self.client = client
        self.index = index
        self._df: dict[str, int] = {}

    def frequency(self, word: str) -> int:
        """In how many articles ``word`` appears (title or body)."""
        if word not in self._df:
            query = {"bool": {"should": [{"term": {f: word}} for f in FIELDS],
                              "minimum_should_match": 1}}
            self._df[word] = int(self.client.count(index=self.index,
                                                   body={"query": query})["count"])
        return self._df[word]

    def near(self, word: str, maxdist: int) -> Iterable[str]:
        """Words within ``maxdist`` edits sharing the first letter, most frequent first."""
        suggest = {f"s{i}": {"text": word, "term": {
            "field": field, "suggest_mode": "always", "max_edits": maxdist, "prefix_length": 1,
            "min_word_length": ONE_TYPO, "size": MAX_CANDIDATES, "sort": "frequency",
            "string_distance": "damerau_levenshtein", "max_term_freq": 1.0}}
            for i, field in enumerate(FIELDS)}
        res = self.client.search(index=self.index, body={"size": 0, "suggest": suggest})
        found: dict[str, int] = {}
        for name in suggest:
            for entry in res["suggest"][name]:
                for option in entry["options"]:
                    found[option["text"]] = max(found.get(option["text"], 0), int(option["freq"]))
        for text, freq in found.items():
            # The suggester's frequency of the busier field: no request per candidate.
            self._df.setdefault(text, freq)
        return sorted(found, key=lambda t: (-self._df[t], t))
