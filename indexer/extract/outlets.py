"""Outlet names: one display form for every way a page writes a source."""

from __future__ import annotations

import re

from ..analysis import fold

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
}

# Aggregators that republish others: never the outlet when the page names its source.
AGGREGATORS = frozenset({"MonKiosk.com"})


def outlet_key(name: str) -> str:
    """The normalised key of an outlet name: folded, lowercased, without `www.` or scheme."""
    key = fold(name).strip().lower()
    key = re.sub(r"^https?://", "", key)
    key = re.sub(r"^www\.", "", key)
    return key.strip(" /.")


def normalize_outlet(name: str) -> str | None:
    """The display name of an outlet (`www.aniamey.com → aNiamey.com`), or None if empty."""
    name = name.strip().strip("©").strip()
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
    return name
