"""Bytes to text: a declared charset, else UTF-8, then charset detection; binary is refused.

Not every news file is UTF-8 (one of the BBC corpus files is Windows-1252); charset-normalizer
picks the most coherent decoding. Text that needed another encoding is kept and reported as a
warning, so the run summary shows it and ``--strict`` can refuse it. Text that is UTF-8 but
for a few stray bytes (a copy-paste, a truncated character) stays UTF-8, the stray bytes
replaced and counted in a warning: decoding all of it as Windows-1252 turned every accented
letter into two ("fÃ¼r die VÃ¶gel"). An HTML page's ``<meta charset>`` (and a server's or
archive's header) is honoured, as browsers do (``html_charset``, ``decode_declared``).
"""

from __future__ import annotations

import codecs
import re

from storyline.errors import BinaryInput
from storyline.model import Problem

_SNIFF = 8192


def decode_bytes(data: bytes, source: str) -> tuple[str, str, Problem | None]:
    """Return ``(text, encoding, warning)``; raise :class:`BinaryInput` when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig", None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", None
    head = data[:_SNIFF]
    if b"\x00" in head:
        raise BinaryInput(
            source,
            "looks like a binary file (it contains NUL bytes), not article text",
            hint="give Storyline .txt, .html or .jsonl files",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return _mostly_utf8(data, source) or _detect(data, source, err)
    _refuse_control_noise(text, source)
    return text, "utf-8", None


# Stray bytes tolerated in UTF-8 text: at most this many, and fewer than the characters that
# decode as UTF-8 multi-byte sequences (so that Windows-1252 text, whose accented letters
# are all single bytes, is not taken for damaged UTF-8).
STRAY_BYTES = 16


def _mostly_utf8(data: bytes, source: str) -> tuple[str, str, Problem | None] | None:
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) >= 0x80 and ch != "\ufffd")
    if not 0 < stray <= STRAY_BYTES or multibyte <= stray:
        return None
    _refuse_control_noise(text, source)
    return (
        text,
        "utf-8",
        Problem(
            source,
            "not-utf8",
            f"is UTF-8 with {stray} byte sequence{'s' if stray > 1 else ''} that "
            f"{'are' if stray > 1 else 'is'} not: replaced by \ufffd",
            hint="check the text near the replacement characters, or fix the file",
            severity="warning",
        ),
    )


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# Browsers read pages labelled Latin-1 or ASCII as Windows-1252 (WHATWG Encoding Standard);
# so do we, or curly quotes and dashes in such pages become control characters.
_WINDOWS_1252_LABELS = ("latin-1", "iso8859-1", "ascii")


def html_charset(body: bytes, content_type: str | None = None) -> str | None:
    """The charset a server's Content-Type gives, else the page's own ``<meta>`` in its first
    4 KB (the prescan browsers do)."""
    if content_type and (match := _HEADER_CHARSET.search(content_type)):
        return match[1]
    if meta := _META_CHARSET.search(body[:4096]):
        return meta[1].decode("ascii", errors="ignore")
    return None


def decode_declared(
    data: bytes, declared: str | None, source: str
) -> tuple[str, str, Problem | None]:
    """Decode with the declared charset; a few stray bytes in it are replaced and warned of;
    an unknown label, or one that the bytes do not fit, falls back to ``decode_bytes``."""
    if declared and not data.startswith(
        (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec is not None:
            codec = "cp1252" if codec in _WINDOWS_1252_LABELS else codec
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                # A page labelled UTF-8 with a stray byte stays UTF-8; one whose bytes are
                # another encoding altogether (a wrong label) is detected as unlabelled.
                if codec == "utf-8":
                    return _mostly_utf8(data, source) or decode_bytes(data, source)
                return decode_bytes(data, source)
            if b"\x00" not in data[:_SNIFF]:
                _refuse_control_noise(text, source)
                return text, codec, None
    return decode_bytes(data, source)


def _detect(data: bytes, source: str, err: UnicodeDecodeError) -> tuple[str, str, Problem | None]:
    text, encoding = _legacy_western(data) or _charset_normalizer(data, source, err)
    _refuse_control_noise(text, source)
    warning = Problem(
        source,
        "not-utf8",
        f"is not valid UTF-8 (bad byte at offset {err.start}); decoded as {encoding}",
        hint="check the text looks right, or convert the file to UTF-8",
        severity="warning",
    )
    return text, encoding, warning


def _legacy_western(data: bytes) -> tuple[str, str] | None:
    """Windows-1252 for mostly-ASCII text that it decodes.

    Measured: on an English BBC article whose only non-ASCII byte is a cp1252 pound sign,
    charset-normalizer ranks cp932 (Japanese) first, turning "£15.8m" into a katakana. For
    text that is nearly all ASCII, the Western legacy encoding is by far the likelier one.
    """
    non_ascii = sum(1 for byte in data if byte >= 0x80)
    if non_ascii > max(8, len(data) // 50):
        return None
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None


def _charset_normalizer(data: bytes, source: str, err: UnicodeDecodeError) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise BinaryInput(
            source,
            f"is not valid UTF-8 (bad byte at {err.start}) and no text encoding fits it",
            hint="convert the file to UTF-8",
        )
    return str(best), best.encoding


def _refuse_control_noise(text: str, source: str) -> None:
    sample = text[:_SNIFF]
    if not sample:
        return
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if control / len(sample) > 0.05:
        raise BinaryInput(
            source,
            f"looks like a binary file ({control} control characters in its first "
            f"{len(sample)}), not article text",
            hint="give Storyline .txt, .html or .jsonl files",
        )
