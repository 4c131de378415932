"""Calendar arithmetic on TIMEX3 values: weeks, quarters, shifting, and the days a value covers.

Kept apart from recognition so the value grammar (``2025-W11``, ``2025-Q1``, ``199``) has one
definition, used by the tagger to build values and by :func:`value_range` to read them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

# The years a value may name: TimeBank runs from antiquity to forecasts; a five-digit year
# is a typo or a number, never a date.
MIN_YEAR, MAX_YEAR = 1, 9999

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def day_value(day: date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_value(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + by
    return index // 4, index % 4 + 1


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (February 30, year 0 or 99999)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def shift_value(value: str, years: int) -> str | None:
    """``value`` moved by whole years at its own granularity ("1989-Q3" - 1 -> "1988-Q3")."""
    match = re.match(r"^(\d{4})(.*)$", value)
    if match is None:
        return None
    year = int(match.group(1)) + years
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    rest = match.group(2)
    if rest.startswith("-02-29"):
        return None if safe_date(year, 2, 29) is None else f"{year:04d}{rest}"
    return f"{year:04d}{rest}"


def value_range(value: str) -> tuple[date, date] | None:
    """First and last calendar day a DATE (or TIME) value covers; None when it names no span.

    Durations, sets, ``PAST_REF`` and partly unknown values (``XXXX-03-12``, ``1989-WXX``) give
    None: they do not pin down days, and a caller filtering events by date must not treat them
    as if they did.
    """
    try:
        return _value_range(value)
    except (ValueError, OverflowError):
        return None


def _value_range(value: str) -> tuple[date, date] | None:
    if match := _DAY.match(value):
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return day, day
    if match := _MONTH.match(value):
        year, month = int(match.group(1)), int(match.group(2))
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if match := _WEEK.match(value):
        monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        if match.group(3):
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if match := _QUARTER.match(value):
        year, quarter = int(match.group(1)), int(match.group(2))
        first = date(year, 3 * quarter - 2, 1)
        last_month = 3 * quarter
        return first, date(year, last_month, calendar.monthrange(year, last_month)[1])
    if match := _HALF.match(value):
        year, half = int(match.group(1)), int(match.group(2))
        return (
            (date(year, 1, 1), date(year, 6, 30))
            if half == 1
            else (
                date(year, 7, 1),
                date(year, 12, 31),
            )
        )
    if match := _SEASON.match(value):
        year = int(match.group(1))
        first_month, last_month = _SEASON_MONTHS[match.group(2)]
        end_year, end_month = shift_month(year, first_month, last_month - first_month)
        return date(year, first_month, 1), date(
            end_year, end_month, calendar.monthrange(end_year, end_month)[1]
        )
    if match := _YEAR.match(value):
        year = int(match.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    if match := _DECADE.match(value):
        decade = int(match.group(1)) * 10
        return date(max(decade, 1), 1, 1), date(decade + 9, 12, 31)
    if match := _CENTURY.match(value):
        century = int(match.group(1)) * 100
        return date(max(century, 1), 1, 1), date(century + 99, 12, 31)
    return None
