from __future__ import annotations

import pytest

from storyline.offsets import OffsetMap, TextBuilder


def build(raw: str, ops: list[tuple[str, int, int, str]]) -> TextBuilder:
    builder = TextBuilder(raw)
    for op, start, end, text in ops:
        if op == "copy":
            builder.copy(start, end)
        else:
            builder.replace(start, end, text)
    return builder


def test_copy_and_collapse_whitespace() -> None:
    raw = "Hello   world.\n\n\nNext para"
    b = build(
        raw,
        [
            ("copy", 0, 5, ""),
            ("rep", 5, 8, " "),
            ("copy", 8, 14, ""),
            ("rep", 14, 17, "\n\n"),
            ("copy", 17, 26, ""),
        ],
    )
    assert b.text == "Hello world.\n\nNext para"
    m = b.offset_map()
    assert raw[slice(*m.to_raw(6, 12))] == "world."
    assert raw[slice(*m.to_raw(14, 18))] == "Next"
    assert raw[slice(*m.to_raw(0, 5))] == "Hello"


def test_adjacent_copies_merge_into_one_piece() -> None:
    b = build("abcdef", [("copy", 0, 3, ""), ("copy", 3, 6, "")])
    assert len(b.offset_map().pieces) == 1


def test_same_length_replacement_maps_one_to_one() -> None:
    raw = "one\ntwo"
    b = build(raw, [("copy", 0, 3, ""), ("rep", 3, 4, " "), ("copy", 4, 7, "")])
    assert b.text == "one two"
    assert b.offset_map().to_raw(4, 7) == (4, 7)


def test_span_skipping_removed_text_maps_to_covering_raw_span() -> None:
    raw = "Keep this. DROP THIS. Keep that."
    b = build(raw, [("copy", 0, 11, ""), ("copy", 22, 32, "")])
    assert b.text == "Keep this. Keep that."
    assert b.offset_map().to_raw(5, 16) == (5, 27)


def test_empty_span_and_bounds() -> None:
    m = build("abc", [("copy", 0, 3, "")]).offset_map()
    assert m.to_raw(2, 2) == (2, 2)
    with pytest.raises(ValueError):
        m.to_raw(0, 4)


def test_round_trip_through_list() -> None:
    m = build("a  b", [("copy", 0, 1, ""), ("rep", 1, 3, " "), ("copy", 3, 4, "")]).offset_map()
    again = OffsetMap.from_list(m.to_list(), m.clean_length, m.raw_length)
    assert again == m


def test_identity() -> None:
    m = OffsetMap.identity(5)
    assert m.to_raw(1, 4) == (1, 4)
    assert OffsetMap.identity(0).to_raw(0, 0) == (0, 0)
