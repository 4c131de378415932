"""``value_range``: the calendar days a TIMEX3 DATE value covers."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.timex import value_range


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2025-03-12", date(2025, 3, 12), date(2025, 3, 12)),
        ("2025-03-12T15:00", date(2025, 3, 12), date(2025, 3, 12)),
        ("2025-03-12TNI", date(2025, 3, 12), date(2025, 3, 12)),
        ("2025-03", date(2025, 3, 1), date(2025, 3, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-W11", date(2025, 3, 10), date(2025, 3, 16)),
        ("2025-W10-WE", date(2025, 3, 8), date(2025, 3, 9)),
        ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31)),
        ("2025-H2", date(2025, 7, 1), date(2025, 12, 31)),
        ("2024-WI", date(2024, 12, 1), date(2025, 2, 28)),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("199", date(1990, 1, 1), date(1999, 12, 31)),
        ("19", date(1900, 1, 1), date(1999, 12, 31)),
    ],
)
def test_days_covered(value: str, first: date, last: date) -> None:
    assert value_range(value) == (first, last)


@pytest.mark.parametrize(
    "value",
    ["P3Y", "PT4H", "PAST_REF", "PRESENT_REF", "FUTURE_REF", "XXXX-03-12", "1989-WXX",
     "2025-02-30", "2025-W60", "", "nonsense", "XXXX-WXX-2"],
)  # fmt: skip
def test_no_range_for_what_names_no_days(value: str) -> None:
    assert value_range(value) is None
