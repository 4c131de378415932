from __future__ import annotations

import codecs

import pytest

from storyline.errors import BinaryInput
from storyline.ingest.decode import decode_bytes


def test_utf8_is_read_without_warning() -> None:
    text, encoding, warning = decode_bytes("Zürich – “quoted”".encode(), "a.txt")
    assert (text, encoding, warning) == ("Zürich – “quoted”", "utf-8", None)


def test_bom_is_dropped() -> None:
    text, encoding, _ = decode_bytes(codecs.BOM_UTF8 + b"Hello", "a.txt")
    assert (text, encoding) == ("Hello", "utf-8-sig")


def test_utf16_with_bom() -> None:
    text, _, _ = decode_bytes("Hello wörld".encode("utf-16"), "a.txt")
    assert text == "Hello wörld"


def test_windows_1252_is_detected_and_reported() -> None:
    data = "The club paid £15.8m for the striker, a record for the café owners.".encode("cp1252")
    text, encoding, warning = decode_bytes(data, "a.txt")
    assert "£15.8m" in text and "café" in text
    assert encoding == "cp1252"
    assert warning is not None and warning.kind == "not-utf8" and warning.severity == "warning"
    assert "a.txt" in str(warning)


def test_mostly_non_ascii_legacy_text_goes_to_charset_detection() -> None:
    sentence = "Москва и Киев обсуждают новые переговоры о прекращении огня. " * 5
    text, encoding, warning = decode_bytes(sentence.encode("cp1251"), "ru.txt")
    assert "переговоры" in text
    assert warning is not None and encoding != "utf-8"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"PK\x03\x04" + b"\x00" * 100,
        bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 200,
    ],
)
def test_binary_is_refused_with_the_file_named(data: bytes) -> None:
    with pytest.raises(BinaryInput, match=r"img\.bin: looks like a binary file"):
        decode_bytes(data, "img.bin")
