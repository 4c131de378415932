"""Bad input: no crash, and no value guessed where none can be known."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.timex import find_times

ANCHOR = date(2025, 3, 12)


@pytest.mark.parametrize("text", ["The deal closed on February 30.", "due February 30, 2025"])
def test_impossible_date_gets_no_value(text: str) -> None:
    found = [t for t in find_times(text, ANCHOR) if "February" in t.text]
    assert all(t.value is None for t in found), found


def test_february_29_only_in_leap_years() -> None:
    assert find_times("It ended on February 29, 2024.", ANCHOR)[0].value == "2024-02-29"
    assert find_times("It ended on February 29, 2023.", ANCHOR)[0].value is None


@pytest.mark.parametrize(
    "text", ["The dynasty lasted until 99999.", "Reference number 99999 was used.", "in 12025"]
)
def test_absurd_years_are_not_dates(text: str) -> None:
    assert [t for t in find_times(text, ANCHOR) if t.type == "DATE"] == []


def test_five_digit_year_after_a_month_is_not_read_as_four() -> None:
    found = find_times("It happened in March 99999.", ANCHOR)
    assert all(t.value != "9999-03" for t in found), found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The ministers met on Tuesday.", "Tuesday"),
        ("The plant closed yesterday.", "yesterday"),
        ("Prices rose last week.", "last week"),
        ("The storm hit two days ago.", "two days ago"),
        ("Profit fell in the third quarter.", "the third quarter"),
        ("The vote is at 3 p.m.", "3 p.m."),
    ],
)
def test_relative_expressions_without_anchor_have_no_value(text: str, span: str) -> None:
    found = [t for t in find_times(text, None) if t.text == span]
    assert len(found) == 1, find_times(text, None)
    assert found[0].value is None and not found[0].anchored


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The treaty was signed on March 12, 2025.", "2025-03-12"),
        ("Output fell in March 2025.", "2025-03"),
        ("The plant opened in 1998.", "1998"),
        ("The war lasted three years.", "P3Y"),
        ("Rates are low now.", "PRESENT_REF"),
        ("Fares rose on March 3.", "XXXX-03-03"),
    ],
)
def test_absolute_expressions_keep_their_value_without_anchor(text: str, value: str) -> None:
    assert [t.value for t in find_times(text, None)] == [value]


def test_anchor_after_the_events() -> None:
    # An archive story dated decades later: explicit years stay, relative ones follow the
    # anchor (so they are only as right as the anchor, which ``anchored`` flags).
    found = find_times("In 1989 the wall fell; last week a museum opened.", date(2025, 3, 12))
    assert [(t.value, t.anchored) for t in found] == [("1989", False), ("2025-W10", True)]


@pytest.mark.parametrize(
    "text",
    [
        "99:99 p.m. on 13/45/2025",
        "Week 0 of year 0000, 0000-00-00, 31/31/31",
        "twenty-twenty-twenty years ago ago ago",
        "\x00\x01 Tuesday \u202e March",
        "a" * 10_000,
        "last last last week next next Friday",
    ],
)
def test_garbage_does_not_crash(text: str) -> None:
    for found in find_times(text, ANCHOR):
        assert text[found.start : found.end] == found.text
    for found in find_times(text, date(1, 1, 1)) + find_times(text, date(9999, 12, 31)):
        assert text[found.start : found.end] == found.text
