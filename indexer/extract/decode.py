"""Bytes → text: UTF-8 (with or without BOM), UTF-16, or Windows-1252/Latin-1, detected.

The encoding is never guessed silently: UTF-8 and UTF-16 are recognised by their BOM or by
decoding strictly; a legacy single-byte file must decode as Windows-1252 *and* read as text
(next to no control characters, no UTF-8 sequences mixed in), else it is refused. The
encoding found is returned so the caller can say it. C1 control characters inside otherwise
good text are Windows-1252 characters mangled upstream and are put back (`\x80` → `€`).

>>> decode_bytes("été\\r\\nhiver".encode("cp1252"))
('été\\nhiver', 'cp1252')
>>> decode_bytes(b"\\xef\\xbb\\xbfl\\xe2\\x80\\x99AES\\rfin")
('l’AES\\nfin', 'utf-8-sig')
>>> decode_bytes("29 750 \\x80, c\\x9cur".encode("utf-8"))
('29 750 €, cœur', 'utf-8')
"""

from __future__ import annotations

import codecs
import re

# Control characters that never occur in text (tab, newlines, CR, form feed, VT do).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# C1 controls in decoded text are Windows-1252 bytes that a tool upstream read as Latin-1
# (`29 750 \x80` is `29 750 €`, `c\x9cur` is `cœur`): put back the character meant.
_C1 = re.compile(r"[\x80-\x9f]")
# A few stray control characters are dropped; more than this share means binary data.
MAX_CONTROL_SHARE = 0.001
# A UTF-8 two-byte sequence for a Latin letter (`Ã©`, `Ã¨`…): UTF-8 mixed into a legacy file.
_UTF8_IN_LEGACY = re.compile(rb"[\xc2\xc3\xc5][\x80-\xbf]")
# Line and paragraph separators some tools write instead of newlines.
_SEPARATORS = (("\u2028", "\n"), ("\u2029", "\n\n"), ("\x0c", "\n"), ("\x0b", "\n"))


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def _is_text(text: str) -> bool:
    return len(_CONTROL.findall(text)) <= max(2, MAX_CONTROL_SHARE * len(text))


def _c1_to_cp1252(match: re.Match[str]) -> str:
    try:
        return bytes([ord(match.group())]).decode("cp1252")
    except UnicodeDecodeError:
        return ""  # 0x81, 0x8D, 0x8F, 0x90, 0x9D mean nothing in Windows-1252 either


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    # ASCII-heavy UTF-16 has a NUL in every other byte, on the odd (LE) or even (BE) side.
    sample = data[:4096]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if len(data) % 2 == 0 and half and zeros > 0.3 * half:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _is_text(text):
                return text, enc
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and normalise line endings; returns ``(text, encoding)``."""
    if data.startswith(codecs.BOM_UTF8):
        return _lines(_strict(data[3:], "utf-8")), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _lines(_strict(data, "utf-16")), "utf-16"
    if b"\x00" in data[:4096]:
        found = _utf16_without_bom(data)
        if found is None:
            raise DecodeError("fichier binaire (octets nuls), pas du texte")
        return _lines(found[0]), found[1]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _legacy(data, exc)
    if not _is_text(text):
        raise DecodeError("fichier binaire (caractères de contrôle), pas du texte")
    return _lines(text), "utf-8"


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"octets invalides en {encoding.upper()} à la position {exc.start}"
        ) from exc
    if not _is_text(text):
        raise DecodeError("fichier binaire (caractères de contrôle), pas du texte")
    return text


def _legacy(data: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    where = f"octet invalide en UTF-8 à la position {utf8_error.start}"
    if _UTF8_IN_LEGACY.search(data):
        raise DecodeError(f"encodage mélangé : {where}, mais le fichier contient aussi de l'UTF-8")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        # Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D: control characters in Latin-1, holes in cp1252.
        raise DecodeError(
            f"encodage inconnu : {where}, et l'octet 0x{data[exc.start]:02X} n'est pas du "
            "texte en Windows-1252/Latin-1"
        ) from exc
    if not _is_text(text):
        raise DecodeError(f"encodage inconnu : {where}, et pas du texte en Windows-1252")
    return _lines(text), "cp1252"


def _lines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in _SEPARATORS:
        if old in text:
            text = text.replace(old, new)
    if _C1.search(text):
        text = _C1.sub(_c1_to_cp1252, text)
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text
