"""Reporting periods of business news: "the third quarter", "third-quarter", "the quarter
ended Sept. 30", "the latest quarter", "a year earlier", "the year-ago period", "the first
half", "for the year", "year-end".

An earnings story talks about one period and compares it with the same period a year before,
so "the quarter" is the quarter last talked about (``Context.last_quarter``) and "a year
earlier" is that quarter one year back, as TimeBank annotates them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.text.lexicon import word_set
from storyline.timex.base import Context, Reading, Rule, anchored, month_year
from storyline.timex.calendar import (
    month_value,
    quarter_of,
    quarter_value,
    shift_quarter,
    shift_value,
)
from storyline.timex.lexicon import MONTH, ORDINALS, month_number

_ORD = r"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))"


def _year_earlier(match: re.Match[str], ctx: Context) -> Reading | None:
    """The period last talked about, one year back ("year-ago", "the year-earlier
    quarter"): in TimeBank's earnings stories, the quarter a year before."""
    if ctx.last_quarter is not None:
        year, quarter = ctx.last_quarter
        return Reading("DATE", quarter_value(year - 1, quarter), False)
    if ctx.last_year is not None:
        return Reading("DATE", shift_value(f"{ctx.last_year:04d}", -1), False)
    return anchored("DATE", ctx, lambda a: f"{a.year - 1:04d}")


def _quarter(match: re.Match[str], ctx: Context) -> Reading | None:
    quarter = ORDINALS[match.group("ord").lower()]
    year_text = match.group("year") or match.group("year2")
    relative = (match.group("rel") or "").lower()
    reading = _quarter_value(match, ctx, quarter, year_text, relative)
    article = re.match(r"(?i:the)\s+", match.group(0))
    if article is not None and re.search(r"-(?i:quarter)", match.group(0)):
        # "the third-quarter results": TimeBank tags the modifier, not the article.
        start = match.start() + article.end()
        return Reading(reading.type, reading.value, reading.anchored, (start, match.end()))
    return reading


def _quarter_value(
    match: re.Match[str], ctx: Context, quarter: int, year_text: str | None, relative: str
) -> Reading:
    if year_text is not None:
        ctx.last_quarter = (int(year_text), quarter)
        return Reading("DATE", quarter_value(int(year_text), quarter), False)
    if ctx.anchor is None:
        return Reading("DATE", None, False)
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(relative, 0)
    # A quarter not begun yet is last year's, unless the clause looks forward.
    if (
        not relative
        and date(year, 3 * quarter - 2, 1) > ctx.anchor
        and (ctx.tense(match) != "future")
    ):
        year -= 1
    ctx.last_quarter = (year, quarter)
    return Reading("DATE", quarter_value(year, quarter), True)


def _the_quarter(match: re.Match[str], ctx: Context) -> Reading | None:
    which = " ".join((match.group("which") or match.group("which2") or "").lower().split())
    if which in {"current", "this"} or match.group(0).lower().startswith("this"):
        return anchored("DATE", ctx, lambda a: quarter_value(*quarter_of(a)))
    if match.group("month") and ctx.anchor is not None:
        # "the quarter ended Sept. 30": the (calendar) quarter holding most of it.
        month = month_number(match.group("month"))
        year = month_year(ctx.anchor, month, "past")
        ended = date(year, month, 1) - timedelta(days=15)
        ctx.last_quarter = quarter_of(ended)
        return Reading("DATE", quarter_value(*ctx.last_quarter), True)
    if which in {"latest", "most recent", "last"}:
        ctx.last_quarter = None
    if ctx.last_quarter is not None and which not in {"previous", "prior"}:
        return Reading("DATE", quarter_value(*ctx.last_quarter), False)

    def previous(anchor: date) -> str:
        year, quarter = shift_quarter(*quarter_of(anchor), -1)
        if which not in {"previous", "prior"}:
            ctx.last_quarter = (year, quarter)
        return quarter_value(year, quarter)

    return anchored("DATE", ctx, previous)


def _year_period(match: re.Match[str], ctx: Context) -> Reading | None:
    """The quarter last talked about, in the year named ("the 1988 quarter")."""
    year = int(match.group("year"))
    ctx.last_year = year
    if ctx.last_quarter is not None:
        return Reading("DATE", quarter_value(year, ctx.last_quarter[1]), False)
    return Reading("DATE", f"{year:04d}", False)


def _the_year(match: re.Match[str], ctx: Context) -> Reading | None:
    """A year as a length or as the current year: "for the year" and "the year ended June
    30" are P1Y; "the full year", "of the year", "the end of the year" the anchor's year;
    "year-end" its last day."""
    if match.group("for") or match.group("ended"):
        return Reading("DURATION", "P1Y", False)
    if match.group("end"):
        return anchored("DATE", ctx, lambda a: f"{a.year:04d}-12-31")
    if match.group("month"):
        return anchored("DATE", ctx, lambda a: month_value(a.year, a.month))
    return anchored("DATE", ctx, lambda a: f"{a.year:04d}")


def _half(match: re.Match[str], ctx: Context) -> Reading | None:
    half = 1 if match.group("ord").lower() == "first" else 2
    year_text = match.group("year")
    if year_text is not None:
        return Reading("DATE", f"{year_text}-H{half}", False)
    return anchored("DATE", ctx, lambda a: f"{a.year:04d}-H{half}")


RULES = (
    Rule(
        "year earlier",
        re.compile(
            r"\b(?:(?i:the)\s+)?(?:(?i:comparable|corresponding|same)\s+)?"
            r"(?i:year-(?:earlier|ago)|year\s+earlier|year\s+ago)"
            r"\s+(?:(?i:first|second|third|fourth|fiscal)\s+)?(?i:quarter|period)\b"
            r"|\b(?i:a\s+year\s+(?:earlier|ago))\b|\b(?i:year-(?:earlier|ago))\b"
            r"|\b(?i:the\s+(?:comparable|corresponding|same)\s+(?:period|quarter)"
            r"\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year))\b"
            r"|\b(?i:last\s+year's\s+(?:(?:first|second|third|fourth)\s+)?quarter)\b"
            r"|\b(?i:the\s+(?:quarter|period)\s+a\s+year\s+(?:ago|earlier))\b"
        ),
        _year_earlier,
        word_set("year"),
    ),
    Rule(
        "quarter",
        re.compile(
            rf"\b(?:(?i:the)\s+)?(?:(?P<rel>(?i:this|last|next))\s+(?i:year's)\s+)?"
            r"(?:(?i:fiscal|calendar)[\s-]+)?(?:(?P<year>\d{4})\s+)?"
            rf"{_ORD}(?:-|\s+)(?:(?i:fiscal)[\s-]+)?(?i:quarter)"
            r"(?:\s+(?i:of)\s+(?:(?i:fiscal)\s+)?(?P<year2>\d{4}))?\b(?!\s+(?i:of\s+a))"
        ),
        _quarter,
        word_set("quarter"),
    ),
    Rule(
        "the quarter",
        re.compile(
            r"\b(?i:the|this)\s+(?:(?P<which>(?i:latest|last|most\s+recent|recent|previous"
            r"|prior|current|this|same))\s+)?(?i:quarter)\b(?!-|\s+(?i:of|century))"
            rf"(?:(?=\s+(?i:ended|ending|through|to)\s+(?P<month>{MONTH})\s+\d))?"
            r"|\b(?i:the)\s+(?P<which2>(?i:latest|most\s+recent))\s+(?i:period)\b"
        ),
        _the_quarter,
        word_set("quarter period"),
    ),
    Rule(
        "year period",
        re.compile(r"\b(?i:the)\s+(?P<year>1[5-9]\d\d|20\d\d)\s+(?i:quarter|period)\b"),
        _year_period,
        word_set("quarter period"),
    ),
    Rule(
        "the year",
        re.compile(
            r"\b(?:(?P<for>(?i:for))\s+)(?P<t>(?i:the)\s+(?:(?i:fiscal|entire|whole)\s+)?"
            r"(?i:year))\b(?!\s+(?i:before|after|earlier|ago|of|in|when|that))"
            r"|\b(?i:the\s+full\s+year)\b"
            r"|(?<=\b(?i:of)\s)(?i:the\s+year)\b(?!\s+(?i:before|after|earlier|ago|of|in))"
            r"|\b(?P<ended>(?i:the\s+(?:fiscal\s+)?year)(?=\s+(?i:ended|ending)\s))"
            r"|\b(?i:the\s+(?:end|beginning|start|middle|rest)\s+of\s+the\s+"
            r"(?:year|(?P<month>month)))\b"
            r"|\b(?P<end>(?i:year[-\s]end))\b"
        ),
        _the_year,
        word_set("year month"),  # "month": "the end of the month"
    ),
    Rule(
        "half year",
        re.compile(
            r"\b(?i:the)\s+(?P<ord>(?i:first|second))\s+(?i:half)"
            r"(?:\s+(?i:of)\s+(?P<year>\d{4}))?\b(?!\s+(?i:of\s+(?:the|this|last|next)))"
        ),
        _half,
        word_set("half"),
    ),
)
