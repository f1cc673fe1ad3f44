"""Outlet names: one display form for every way a page writes a source."""

from __future__ import annotations

import re

from ..folding import fold

# Known outlets of the Sahel press, keyed by a normalised form (lowercase, folded, no `www.`).
KNOWN_OUTLETS = {
    "aniamey.com": "aNiamey.com",
    "aniamey": "aNiamey.com",
    "nigerdiaspora": "Nigerdiaspora",
    "nigerdiaspora.net": "Nigerdiaspora",
    "nigerdiaspora.info": "Nigerdiaspora",
    "monkiosk.com": "MonKiosk.com",
    "maliweb": "Maliweb",
    "maliweb.net": "Maliweb",
    "lefaso.net": "Lefaso.net",
    "burkina24": "Burkina24",
    "burkina24.com": "Burkina24",
    "sidwaya": "Sidwaya",
    "sidwaya.info": "Sidwaya",
    "abamako.com": "aBamako.com",
    "bbc afrique": "BBC Afrique",
    "bbc.com": "BBC Afrique",
    "rfi": "RFI",
    "rfi.fr": "RFI",
    "jeune afrique": "Jeune Afrique",
    "jeuneafrique.com": "Jeune Afrique",
    "le monde": "Le Monde",
    "lemonde.fr": "Le Monde",
    "afp": "AFP",
    "anp": "ANP",
    "aip": "AIP",
    "aib": "AIB",
    "amap": "AMAP",
    "apanews": "APA News",
    "apanews.net": "APA News",
    "reuters": "Reuters",
    "france 24": "France 24",
    "france24.com": "France 24",
    "le sahel": "Le Sahel",
    "lesahel.org": "Le Sahel",
    "actuniger": "ActuNiger",
    "actuniger.com": "ActuNiger",
    "tamtaminfo": "Tamtaminfo",
    "tamtaminfo.com": "Tamtaminfo",
    "malijet": "Malijet",
    "malijet.com": "Malijet",
    "journal du mali": "Journal du Mali",
    "journaldumali.com": "Journal du Mali",
    "studio tamani": "Studio Tamani",
    "studiotamani.org": "Studio Tamani",
    "wakat sera": "Wakat Séra",
    "wakatsera.com": "Wakat Séra",
    "l'observateur paalga": "L'Observateur Paalga",
    "lobservateur.bf": "L'Observateur Paalga",
    "fasozine": "Fasozine",
    "fasozine.com": "Fasozine",
    "ortn": "ORTN",
    "rtb": "RTB",
    "rtb.bf": "RTB",
    "ortm": "ORTM",
    "ortm.net": "ORTM",
    "bbc": "BBC Afrique",
    "bbc news afrique": "BBC Afrique",
}

# Aggregators that republish others: never the outlet when the page names its source.
AGGREGATORS = frozenset({"MonKiosk.com"})


def outlet_key(name: str) -> str:
    """The normalised key of an outlet name: folded, lowercased, without `www.` or scheme.

    >>> outlet_key("https://www.aNiamey.com/")
    'aniamey.com'
    """
    key = fold(name.replace("’", "'")).strip().lower()
    key = re.sub(r"^https?://", "", key)
    key = re.sub(r"^www\.", "", key)
    return key.strip(" /.")


def normalize_outlet(name: str) -> str | None:
    """The display name of an outlet (`www.aniamey.com → aNiamey.com`), or None if empty.

    >>> [normalize_outlet(n) for n in ("aniamey.com", "www.aniamey.com", "ANIAMEY.COM")]
    ['aNiamey.com', 'aNiamey.com', 'aNiamey.com']
    >>> normalize_outlet("https://www.example.org/article/1")
    'example.org'
    """
    name = re.sub(r"\s+", " ", name).strip().strip("©").strip()
    name = re.sub(r"^(?:source|copyright)\s*:?\s*", "", name, flags=re.I).strip()
    if not name:
        return None
    key = outlet_key(name)
    if key in KNOWN_OUTLETS:
        return KNOWN_OUTLETS[key]
    host = key.split("/")[0]
    if host in KNOWN_OUTLETS:
        return KNOWN_OUTLETS[host]
    if re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", host):
        return host
    if name.isupper() and len(name) > 5 and " " in name:
        return name.title()  # `LE PAYS` and `Le Pays` are one outlet
    return name


def is_aggregator(name: str | None) -> bool:
    """Whether ``name`` is an aggregator that republishes other outlets' articles."""
    return name in AGGREGATORS
