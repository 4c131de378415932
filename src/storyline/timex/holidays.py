"""Holidays that news dates events by: "on Thanksgiving Day", "Christmas Eve", "by Election
Day", "Easter week", "New Year's Day 1999".

Each holiday falls on a rule of the calendar (a fixed day, the nth weekday of a month, or
Easter's computus), so its date follows from the year: the one given, else the occurrence
nearest the anchor that the tense allows ("was found on Thanksgiving Day" in an April story
is last November's). Only holidays of fixed or computable date are covered; lunar ones
(Ramadan, Passover) would need their own tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from storyline.text.lexicon import word_set
from storyline.timex.base import Context, Reading, Rule, anchored
from storyline.timex.calendar import day_value, week_value
from storyline.timex.tense import Tense


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` (Monday 0) of the month; ``nth`` -1 is the last one."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741  # the computus's own name
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _election_day(year: int) -> date:
    # The Tuesday after the first Monday of November (United States).
    return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)


# Lowercased name (spaces single, apostrophes plain) -> its date in a given year.
_DATES: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "veterans day": lambda y: date(y, 11, 11),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "election day": _election_day,
    "easter": easter,
    "easter sunday": easter,
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "good friday": lambda y: easter(y) - timedelta(days=2),
}
# Weeks named after a holiday: the (ISO) week holding it.
_WEEKS = {"easter week": easter, "holy week": easter}
# A tense marker is trusted over distance unless the occurrence it points away from is
# within this many days (as for month names, see ``month_year``: tense errs, closeness
# rarely does).
_CLOSE = 30


def _nearest(anchor: date, when: Callable[[int], date], tense: Tense) -> date:
    """The occurrence nearest ``anchor`` that the tense allows: the last one for the past,
    the next for the future, the nearer one otherwise."""
    days = [when(year) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    back = max(day for day in days if day <= anchor)
    ahead = min(day for day in days if day > anchor)
    back_gap, ahead_gap = (anchor - back).days, (ahead - anchor).days
    if back_gap == 0:
        return back
    if tense == "past" and ahead_gap >= _CLOSE:
        return back
    if tense == "future" and back_gap >= _CLOSE:
        return ahead
    return ahead if ahead_gap < back_gap else back


def _key(name: str) -> str:
    key = " ".join(name.lower().replace("’", "'").split())
    return key.replace("veterans'", "veterans")


def _holiday(match: re.Match[str], ctx: Context) -> Reading | None:
    name = _key(match.group("name"))
    if name.startswith("martin luther king"):
        name = "martin luther king day"
    week = name in _WEEKS
    when = _WEEKS[name] if week else _DATES[name]

    def value(day: date) -> str:
        return week_value(day) if week else day_value(day)

    if match.group("year"):
        return Reading("DATE", value(when(int(match.group("year")))), False)
    return anchored("DATE", ctx, lambda a: value(_nearest(a, when, ctx.tense(match))))


_APOS = r"['’]"
RULES = (
    Rule(
        "holiday",
        re.compile(
            r"\b(?P<name>Christmas(?:\s+(?i:Day|Eve))?|New\s+Year" + _APOS + r"s\s+(?i:Day|Eve)"
            r"|Halloween|Valentine" + _APOS + r"s\s+(?i:Day)|Veterans" + _APOS + r"?\s+(?i:Day)"
            r"|Thanksgiving(?:\s+(?i:Day))?|Labor\s+Day|Memorial\s+Day"
            r"|Martin\s+Luther\s+King(?:\s+Jr\.?)?(?:" + _APOS + r"s)?\s+Day|Election\s+Day"
            r"|Easter(?:\s+(?i:Sunday|Monday|week))?|Good\s+Friday|Holy\s+Week)\b"
            # A name, not a day: "Easter Island", "Christmas tree", "Good Friday Agreement".
            r"(?!\s+(?i:Island|Agreement|Accord|Rising|tree|trees|card|cards|lights|market"
            r"|markets|carol|carols|Parade)\b)"
            r"(?:,?\s+(?P<year>1[5-9]\d\d|20\d\d)\b)?"
        ),
        _holiday,
        word_set(
            "christmas year halloween valentine veterans thanksgiving labor memorial king "
            "election easter good holy"
        ),
    ),
)
