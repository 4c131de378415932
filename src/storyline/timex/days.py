"""Days and clock times: "on Wednesday", "Tuesday's meeting", "last Friday", "3 p.m.",
"15:00 GMT", "noon Thursday", "this morning", "tonight".

A bare weekday is resolved with the tense of its clause (see ``tense.py``): "will meet on
Wednesday" is the coming one, "met on Saturday" the last one, and the anchor's own weekday
is the anchor day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.text.lexicon import word_set
from storyline.timex.base import Context, Reading, Rule, anchored, month_year, weekday_date
from storyline.timex.calendar import day_value, safe_date
from storyline.timex.lexicon import (
    CLOCK_MINUTES,
    DAY_PARTS,
    MONTH,
    WEEKDAY,
    WEEKDAY_WORDS,
    month_number,
    weekday_number,
)

_DAY_SHIFT = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "this": 0}
_SHIFT = {"last": "last", "this past": "last", "next": "next", "this coming": "next"}
_DAY = rf"(?P<day>(?i:today|yesterday|tomorrow)|{WEEKDAY})"


def _day_of(match: re.Match[str], ctx: Context, anchor: date) -> date:
    """The day a day word or weekday in ``match`` (group ``day``) names; the anchor if none."""
    if "month" in match.re.groupindex and match.group("month"):
        month = month_number(match.group("month"))
        day = safe_date(month_year(anchor, month, "none"), month, int(match.group("mday")))
        return day or anchor
    word = match.group("day") if "day" in match.re.groupindex else None
    if word is None:
        return anchor
    if word.lower() in _DAY_SHIFT:
        return anchor + timedelta(days=_DAY_SHIFT[word.lower()])
    shift = ""
    if "shift" in match.re.groupindex and match.group("shift"):
        shift = _SHIFT.get(" ".join(match.group("shift").lower().split()), "")
    return weekday_date(anchor, weekday_number(word), ctx.tense(match), shift)


# "the Good Friday Agreement": a name that holds a weekday.
_NAMED = re.compile(r"Good\s+Friday\s+(?:Agreement|Accord)")


def _weekday(match: re.Match[str], ctx: Context) -> Reading | None:
    start = match.start()
    if _NAMED.match(match.string, max(0, start - 5)) and match.string[:start].endswith("Good "):
        return None
    part = match.group("part")
    if part:
        suffix = f"T{DAY_PARTS[part.lower()]}"
        return anchored("TIME", ctx, lambda a: day_value(_day_of(match, ctx, a)) + suffix)
    return anchored("DATE", ctx, lambda a: day_value(_day_of(match, ctx, a)))


def _part_of_day(match: re.Match[str], ctx: Context) -> Reading | None:
    part = DAY_PARTS[match.group("part").lower()]
    word = (match.group("when") or "").lower()
    step = -1 if word in {"last", "yesterday"} else 1 if word == "tomorrow" else 0
    return anchored("TIME", ctx, lambda a: f"{day_value(a + timedelta(days=step))}T{part}")


def _clock(match: re.Match[str], ctx: Context) -> Reading | None:
    hour = int(match.group("h"))
    minute = int(match.group("m") or 0)
    meridiem = (match.group("ap") or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return anchored(
        "TIME", ctx, lambda a: f"{day_value(_day_of(match, ctx, a))}T{hour:02d}:{minute:02d}"
    )


def _noon(match: re.Match[str], ctx: Context) -> Reading | None:
    clock = "T24" if match.group("word").lower() == "midnight" else "T12:00"
    return anchored("TIME", ctx, lambda a: day_value(_day_of(match, ctx, a)) + clock)


_ZONE = r"(?:\s+(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|(?i:local\s+time)))"
_AFTER_DAY = (
    rf"(?:,?\s+(?i:on\s+)?(?:{_DAY}(?:\s+(?i:morning|afternoon|evening|night))?\b"
    rf"|(?P<month>{MONTH})\s+(?P<mday>[0-3]?\d)\b))?"
)
RULES = (
    Rule(
        "weekday",
        re.compile(
            r"\b(?:(?P<shift>(?i:last|next|this\s+past|this\s+coming|this|early|late|earlier"
            rf"|later))\s+)?(?P<day>{WEEKDAY})\b(?!s\b)"
            r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?\b"
        ),
        _weekday,
        WEEKDAY_WORDS,
    ),
    Rule(
        "part of day",
        re.compile(
            r"\b(?:(?i:later|earlier)\s+)?(?P<when>(?i:this|last|yesterday|tomorrow|today))\s+"
            r"(?P<part>(?i:morning|afternoon|evening|night))\b"
            r"|\b(?i:early|late|mid)[\s-]?(?P<part3>(?i:morning|afternoon|evening))"
            r"(?:\s+(?P<when3>(?i:yesterday|today|tomorrow)))?\b"
            r"|\b(?:(?i:later|earlier)\s+)?(?P<part2>(?i:tonight))\b"
        ),
        lambda match, ctx: _part_of_day_any(match, ctx),
        word_set("morning afternoon evening night tonight"),
    ),
    Rule(
        "clock",
        re.compile(
            r"\b(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm))(?!\w)"
            rf"{_ZONE}?{_AFTER_DAY}"
            rf"|(?<=\b(?i:at)\s)(?P<h24>[012]?\d):(?P<m24>[0-5]\d)\b{_ZONE}?"
            rf"|\b(?P<hz>[012]?\d):?(?P<mz>[0-5]\d){_ZONE}"
        ),
        lambda match, ctx: _clock_any(match, ctx),
        frozenset({"m", "am", "pm", "gmt", "utc", "local", CLOCK_MINUTES}),
    ),
    Rule(
        "noon",
        re.compile(rf"\b(?P<word>(?i:noon|midnight|midday)){_AFTER_DAY}"),
        _noon,
        word_set("noon midnight midday"),
    ),
)


def _part_of_day_any(match: re.Match[str], ctx: Context) -> Reading | None:
    if match.group("part2"):
        return anchored("TIME", ctx, lambda a: f"{day_value(a)}TNI")
    if match.group("part3"):
        part = DAY_PARTS[match.group("part3").lower()]
        step = {"yesterday": -1, "tomorrow": 1}.get((match.group("when3") or "").lower(), 0)
        return anchored("TIME", ctx, lambda a: f"{day_value(a + timedelta(days=step))}T{part}")
    return _part_of_day(match, ctx)


def _clock_any(match: re.Match[str], ctx: Context) -> Reading | None:
    if match.group("h") is not None:
        return _clock(match, ctx)
    hour = int(match.group("h24") or match.group("hz"))
    minute = int(match.group("m24") or match.group("mz"))
    if hour > 23:
        return None
    return anchored("TIME", ctx, lambda a: f"{day_value(a)}T{hour:02d}:{minute:02d}")
