"""Small parts of the web app: filters, sparklines, TIMEX labels, the error mapping."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.errors import StoreError
from storyline.web.errors import ApiError, from_storyline
from storyline.web.filters import parse_filters
from storyline.web.sparkline import daily, svg
from storyline.web.timex_label import when


def test_filters_parse_and_keep_their_query() -> None:
    filters = parse_filters("2025-03-01", "2025-03-12", " Harbor Herald ", "", None, "person")
    assert filters.start == date(2025, 3, 1)
    assert filters.end_exclusive == "2025-03-13"
    assert filters.query() == {
        "from": "2025-03-01",
        "to": "2025-03-12",
        "outlet": "Harbor Herald",
        "type": "person",
    }


def test_a_reversed_range_is_swapped_with_a_note() -> None:
    filters = parse_filters("2025-03-12", "2025-03-01")
    assert (filters.start, filters.end) == (date(2025, 3, 1), date(2025, 3, 12))
    assert filters.note == "'from' was after 'to': read as 2025-03-01 to 2025-03-12"
    assert parse_filters("2025-03-01", "2025-03-12").note is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("12/03/2025",), "bad date"),
        ((None, "2025-02-30"), "bad date"),
        ((None, None, None, None, None, "animal"), "unknown type"),
    ],
)
def test_bad_filters_are_422(args: tuple[str | None, ...], words: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_filters(*args)
    assert caught.value.status == 422 and words in caught.value.message and caught.value.hint


def test_sparkline_fills_gaps_and_shares_the_right_edge() -> None:
    days = daily([("2025-03-01", 2), ("2025-03-04", 1)], until="2025-03-06")
    assert [n for _, n in days] == [2, 0, 0, 1, 0, 0]
    drawing = str(svg([("2025-03-01", 2), ("2025-03-04", 1)]))
    assert drawing.startswith('<svg class="spark"') and drawing.count("<rect") == 2
    assert "3 articles from 2025-03-01 to 2025-03-04" in drawing
    assert str(svg([])) == ""


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (None, "undated"),
        ("2025-03-09TMO", "2025-03-09 morning"),
        ("2025-W11", "week 11, 2025"),
        ("2025-Q2", "Q2 2025"),
        ("2025-03-12", "2025-03-12"),
        ("197", "1970s"),  # a decade, never the raw partial value (issue 22)
        ("19", "1900s"),
    ],
)
def test_timex_labels(value: str | None, label: str) -> None:
    assert when(value) == label


def test_unknown_ids_are_404_ambiguous_409_other_store_errors_400() -> None:
    assert from_storyline(StoreError("no story with id 'x'", hint="h")).status == 404
    assert from_storyline(StoreError("several stories start with 's'")).status == 409
