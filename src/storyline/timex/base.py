"""The shape of a recognition rule, and what every rule may read: the text, its anchor, the
document so far (for "a year earlier", which is a year before the period last talked about).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.model import TimeType
from storyline.timex.tense import Tense, tense_at


@dataclass(frozen=True, slots=True)
class Reading:
    type: TimeType
    value: str | None
    anchored: bool
    # A narrower span than the match, when only the value shows what to leave out.
    span: tuple[int, int] | None = None


@dataclass(slots=True)
class Context:
    """One document being tagged. Mutable on purpose: rules run in text order and the
    period last mentioned (``last_quarter``, ``last_date``) is carried forward."""

    text: str
    anchor: date | None
    last_quarter: tuple[int, int] | None = None
    last_year: int | None = None

    def tense(self, match: re.Match[str]) -> Tense:
        start, end = span_of(match)
        return tense_at(self.text, start, end)


Build = Callable[[re.Match[str], Context], Reading | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern and how to value what it matches. ``build`` returns None to reject the
    match (it only looked like a time: "May" the modal verb)."""

    name: str
    pattern: re.Pattern[str]
    build: Build
    # Words (lowercase, or token classes such as "#year") of which every match contains one:
    # the pattern is only tried near them (speed; see find.py). None: tried everywhere.
    trigger: frozenset[str] | None = None


def span_of(match: re.Match[str]) -> tuple[int, int]:
    """The timex span: the group named ``t`` when the pattern has one (context words such as
    the "in" of "in May" are matched but not tagged, as in TimeBank), else the whole match."""
    if "t" in match.re.groupindex and match.start("t") >= 0:
        return match.span("t")
    return match.span()


def anchored(kind: TimeType, ctx: Context, compute: Callable[[date], str | None]) -> Reading:
    """A value computed from the anchor; None (never a guess) when there is no anchor."""
    if ctx.anchor is None:
        return Reading(kind, None, False)
    try:
        return Reading(kind, compute(ctx.anchor), True)
    except (OverflowError, ValueError):  # an anchor at the edge of the calendar
        return Reading(kind, None, True)


def weekday_date(anchor: date, weekday: int, tense: Tense, shift: str = "") -> date:
    """The date of ``weekday`` relative to ``anchor``.

    The anchor's own weekday is the anchor day unless "next"/"last" says otherwise; the past
    looks back, the future forward, the present progressive ("are meeting on Friday") the
    nearer way.
    """
    ahead = (weekday - anchor.weekday()) % 7
    back = (anchor.weekday() - weekday) % 7
    if shift == "last":
        return anchor - timedelta(days=back or 7)
    if shift == "next":
        return anchor + timedelta(days=ahead or 7)
    if ahead == 0:
        return anchor
    if tense == "future":
        return anchor + timedelta(days=ahead)
    if tense == "past":
        return anchor - timedelta(days=back)
    if tense == "present":
        return anchor + timedelta(days=ahead) if ahead <= back else anchor - timedelta(days=back)
    # No verb to go by: news mostly reports, so only the next two days count as ahead.
    return anchor + timedelta(days=ahead) if ahead <= 2 else anchor - timedelta(days=back)


def month_year(anchor: date, month: int, tense: Tense, shift: str = "") -> int:
    """The year of a month named without one: the nearest such month to the anchor, the
    tense deciding only when it is about as far either way ("payable Dec. 7" in an October
    story is this December; "in March" said in September is the last one)."""
    year = anchor.year
    if shift == "last":
        return year if month < anchor.month else year - 1
    if shift == "next":
        return year if month > anchor.month else year + 1
    if shift == "this":
        return year
    ahead = (month - anchor.month) % 12
    if ahead == 0:
        return year
    back = 12 - ahead
    if tense == "past" and ahead >= 4:
        forward = False
    elif tense == "future" and back >= 4:
        forward = True
    else:
        forward = ahead < back
    if forward:
        return year if month > anchor.month else year + 1
    return year if month < anchor.month else year - 1
