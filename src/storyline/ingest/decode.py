"""Bytes to text: UTF-8 first, then charset detection; binary input is refused.

Not every news file is UTF-8 (one of the BBC corpus files is Windows-1252); charset-normalizer
picks the most coherent decoding. Text that needed another encoding is kept and reported as a
warning, so the run summary shows it and ``--strict`` can refuse it.
"""

from __future__ import annotations

import codecs

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
        return _detect(data, source, err)
    _refuse_control_noise(text, source)
    return text, "utf-8", None


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
