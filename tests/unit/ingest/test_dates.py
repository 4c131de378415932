from __future__ import annotations

from datetime import date

import pytest

from storyline.errors import BadMetadata
from storyline.ingest.dates import date_from_path, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-12", date(2025, 3, 12)),
        ("2025-03-12T23:30:00Z", date(2025, 3, 12)),
        ("2025-03-12T09:30:00+02:00", date(2025, 3, 12)),
        ("Tue, 11 Mar 2025 08:00:00 GMT", date(2025, 3, 11)),
        ("March 12, 2025", date(2025, 3, 12)),
        ("12 March 2025", date(2025, 3, 12)),
        (1741766400, date(2025, 3, 12)),
    ],
)
def test_reads_common_date_shapes(value: object, expected: date) -> None:
    assert parse_date(value, "x.meta.json") == expected


@pytest.mark.parametrize(
    "value", ["yesterday-ish", "March 2025", "2025", "", None, True, "2025-13-01", "1492-10-12"]
)
def test_refuses_what_is_not_a_full_date(value: object) -> None:
    with pytest.raises(BadMetadata, match=r"x\.meta\.json: 'published' value"):
        parse_date(value, "x.meta.json")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("news/2025-03-11_strike.txt", date(2025, 3, 11)),
        ("news/20250312-port.txt", date(2025, 3, 12)),
        ("archive/2025/03/12/story.txt", date(2025, 3, 12)),
        ("news/strike_2025_03_09.html", date(2025, 3, 9)),
        ("news/123456789.txt", None),
        ("news/2025-02-30.txt", None),
        ("news/story.txt", None),
    ],
)
def test_date_from_path(path: str, expected: date | None) -> None:
    assert date_from_path(path) == expected
