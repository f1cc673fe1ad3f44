"""Bytes → text: UTF-8 (with or without BOM), UTF-16, or a legacy single-byte encoding."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and normalise line endings; returns ``(text, encoding)``."""
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Could be BOM-less UTF-16; anything else with NUL bytes is binary.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if text.isprintable() or sum(c.isprintable() or c.isspace() for c in text) > 0.95 * len(text):
                return _lines(text), enc
        raise DecodeError("fichier binaire (octets nuls), pas du texte")
    if data.startswith(codecs.BOM_UTF8):
        return _lines(data[3:].decode("utf-8")), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _lines(data.decode("utf-16")), "utf-16"
    try:
        return _lines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman"]).best()
    if best is None:
        raise DecodeError("encodage inconnu : ni UTF-8, ni UTF-16, ni Windows-1252/Latin-1")
    return _lines(str(best)), best.encoding


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
