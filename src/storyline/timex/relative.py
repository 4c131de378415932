"""Expressions whose value depends on the anchor (publication) date: "today", "last week",
"next month", "two days ago", "earlier this year", "the past year", "recently", "now",
"this summer", "the weekend".

Values follow TimeBank's annotation: "last week" is the calendar week before the anchor's
("2025-W10"), "recently" is ``PAST_REF``, "the past year" the calendar year before.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.text.lexicon import word_set
from storyline.timex.base import Context, Reading, Rule, anchored
from storyline.timex.calendar import (
    day_value,
    month_value,
    quarter_of,
    quarter_value,
    shift_month,
    shift_quarter,
    week_value,
)
from storyline.timex.lexicon import (
    NUMBER,
    SEASONS,
    UNIT,
    UNIT_WORDS,
    duration_value,
    number_value,
    unit_code,
)

_DAY_SHIFT = {"today": 0, "yesterday": -1, "tomorrow": 1}
_BACK = {"last", "past", "previous", "prior", "this past", "latest", "recent"}
_AHEAD = {"next", "coming", "following", "this coming"}
_SEASON_ORDER = ("SP", "SU", "FA", "WI")


# "today's world", "today's youth": the present age, not the day of the story; TimeBank
# leaves these untagged (it tags "today's editions").
_GENERIC_TODAY = re.compile(
    r"(?i:['’]s\s+(?:world|society|youth|young|children|kids|generation|teenagers|students"
    r"|families|consumers|workers|computers|technology|culture|economy|standards))\b"
)


def _day_word(match: re.Match[str], ctx: Context) -> Reading | None:
    word = match.group("word").lower()
    if word == "today" and _GENERIC_TODAY.match(match.string, match.end()):
        return None
    shift = _DAY_SHIFT[word]
    return anchored("DATE", ctx, lambda a: day_value(a + timedelta(days=shift)))


_REF_TRIGGER = word_set(
    """now current currently present presently nowadays days moment recent recently lately
    formerly past soon future later coming upcoming years ahead quarters decades term date"""
)


def _ref(value: str) -> Rule:
    words = {
        "PRESENT_REF": r"right\s+now|just\s+now|now|currently|presently|nowadays|these\s+days"
        r"|at\s+present|the\s+present|at\s+the\s+moment"
        r"|current(?=\s+(?!account|accounts|assets|liabilities|affairs|events)[a-z])",
        "PAST_REF": r"recently|lately|formerly|the\s+past|recent\s+(?:years|times|history)",
        "FUTURE_REF": r"the\s+(?:near|short)\s+term|(?<!as\s)soon(?!\s+as)"
        r"|the\s+(?:near\s+|distant\s+)?future(?!\s+of)|a\s+later\s+date"
        r"|(?:the\s+)?(?:coming|upcoming)\s+(?:years|quarters|decades)"
        r"|future\s+(?:years|quarters)|the\s+years\s+ahead",
    }[value]
    pattern = re.compile(rf"\b(?i:{words})\b(?!-)")
    return Rule(value, pattern, lambda match, ctx: _ref_reading(match, value), _REF_TRIGGER)


# "Now, the company says ...": opening a sentence, set off by a comma, "now" turns the story
# ("as things stand") rather than dating anything; TimeBank leaves it untagged.
_DISCOURSE_NOW = re.compile(r"(?:^|[.!?][\"'”’]*\s+|\n\s*)[\"“`']*$")


def _ref_reading(match: re.Match[str], value: str) -> Reading | None:
    text, start = match.string, match.start()
    if (
        match.group(0).lower() == "now"
        and text.startswith(",", match.end())
        and _DISCOURSE_NOW.search(text, max(0, start - 6), start)
    ):
        return None
    return Reading("DATE", value, False)


def _that_year(match: re.Match[str], ctx: Context) -> Reading | None:
    """The year last named, for "later that year" and "the same year"; nothing to go by without
    one, so no timex rather than a guess."""
    if ctx.last_year is None:
        return None
    return Reading("DATE", f"{ctx.last_year:04d}", False)


def _recent_units(match: re.Match[str], ctx: Context) -> Reading | None:
    """Vague stretches ("recent weeks", "coming months"): TimeBank marks them as durations."""
    unit = unit_code(match.group("unit") or match.group("unit2"))
    return Reading("DURATION", f"PX{'M' if unit == 'Q' else unit}", False)


def _unit_value(anchor: date, unit: str, step: int, ctx: Context) -> str | None:
    if unit == "W":
        return week_value(anchor + timedelta(weeks=step))
    if unit == "WE":
        return week_value(anchor + timedelta(weeks=step)) + "-WE"
    if unit == "M":
        return month_value(*shift_month(anchor.year, anchor.month, step))
    if unit == "Q":
        year, quarter = shift_quarter(*quarter_of(anchor), step)
        ctx.last_quarter = (year, quarter)
        return quarter_value(year, quarter)
    if unit == "Y":
        return f"{anchor.year + step:04d}"
    if unit == "E":
        return f"{anchor.year // 10 + step:03d}"
    if unit == "C":
        return f"{anchor.year // 100 + step:02d}"
    return None


def _this_last_next(match: re.Match[str], ctx: Context) -> Reading | None:
    which = " ".join(match.group("which").lower().split())
    unit = unit_code(match.group("unit").split()[-1])
    if unit in {"D", "TH", "TM", "TS"}:
        return None
    step = -1 if which in _BACK else 1 if which in _AHEAD else 0
    if which == "following" and unit == "Y" and ctx.last_year is not None:
        return Reading("DATE", f"{ctx.last_year + 1:04d}", False)
    return anchored("DATE", ctx, lambda a: _unit_value(a, unit, step, ctx))


def _ago(match: re.Match[str], ctx: Context) -> Reading | None:
    quantity = number_value(match.group("n"))
    unit = unit_code(match.group("unit"))
    direction = match.group("dir").lower()
    sign = 1 if direction in {"from now", "hence", "later"} else -1
    if direction in {"earlier", "later", "before", "after"}:
        if quantity == 1 and unit == "Y" and ctx.last_quarter is not None:
            year, quarter = ctx.last_quarter
            return Reading("DATE", quarter_value(year + sign, quarter), False)
        if unit == "Y" and quantity is not None and ctx.last_year is None:
            # No year talked about yet: years earlier than the story's own.
            years = int(quantity) * sign
            return anchored("DATE", ctx, lambda a: f"{a.year + years:04d}")
        if unit != "Y" or quantity is None or ctx.last_year is None:
            # Earlier than what was last talked about: TimeBank marks the length.
            return Reading("DURATION", duration_value(quantity, unit), False)
        return Reading("DATE", f"{ctx.last_year + sign * int(quantity):04d}", False)
    if quantity is None:
        if unit == "Y" and sign < 0:  # "a few years ago": TimeBank's 199X
            return anchored("DATE", ctx, lambda a: f"{(a.year - 3) // 10:03d}X")
        return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", False)
    if quantity == 1 and unit == "Y" and ctx.last_quarter is not None:
        year, quarter = ctx.last_quarter
        return Reading("DATE", quarter_value(year + sign, quarter), False)
    amount = int(quantity) * sign
    return anchored("DATE", ctx, lambda a: _ago_value(a, unit, amount, quantity))


def _ago_value(anchor: date, unit: str, amount: int, quantity: float) -> str | None:
    if quantity != int(quantity):
        return None
    try:
        if unit == "D":
            return day_value(anchor + timedelta(days=amount))
        if unit == "W":
            return day_value(anchor + timedelta(weeks=amount))
        if unit == "M":
            return month_value(*shift_month(anchor.year, anchor.month, amount))
        if unit == "Q":
            return quarter_value(*shift_quarter(*quarter_of(anchor), amount))
        if unit == "Y":
            return f"{anchor.year + amount:04d}"
        if unit == "E":
            return f"{anchor.year // 10 + amount:03d}"
    except (OverflowError, ValueError):
        return None
    return None


def _season(match: re.Match[str], ctx: Context) -> Reading | None:
    season = SEASONS[match.group("season").lower()]
    if match.group("year"):
        return Reading("DATE", f"{match.group('year')}-{season}", False)
    which = (match.group("which") or "").lower()

    def value(anchor: date) -> str:
        # Winter runs over the new year: January and February belong to last year's.
        current = _SEASON_ORDER.index(["WI", "SP", "SU", "FA"][anchor.month % 12 // 3])
        year = anchor.year - 1 if anchor.month <= 2 else anchor.year
        index = _SEASON_ORDER.index(season)
        if which == "last" and index >= current:
            year -= 1
        else:
            upcoming = which == "next" and index <= current
            # "this spring" said in February: the coming one, of this calendar year.
            this_year = which in {"this", "the", ""} and index < current and anchor.month <= 2
            year += upcoming or this_year
        return f"{year:04d}-{season}"

    return anchored("DATE", ctx, value)


def _weekend(match: re.Match[str], ctx: Context) -> Reading | None:
    which = (match.group("which") or "").lower()
    tense = ctx.tense(match)

    def value(anchor: date) -> str:
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
        if which in {"last", "past"} or (which in {"the", ""} and tense == "past"):
            if anchor.weekday() < 5:
                saturday -= timedelta(weeks=1)
        elif which == "next" and anchor.weekday() >= 5:
            saturday += timedelta(weeks=1)
        return week_value(saturday) + "-WE"

    return anchored("DATE", ctx, value)


_MOD = (
    r"(?:(?i:early|late|earlier|later|sometime|the\s+end\s+of|the\s+beginning\s+of"
    r"|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+first\s+half\s+of"
    r"|the\s+second\s+half\s+of)\s+)"
)
_WHICH = r"(?P<which>(?i:this\s+past|this\s+coming|this|last|next|past|previous|prior|coming"
_WHICH += r"|current|following))"
RULES = (
    Rule(
        "day word",
        re.compile(
            r"\b(?:(?i:early|late|later|earlier)\s+)?(?P<word>(?i:today|yesterday|tomorrow))\b"
        ),
        _day_word,
        word_set("today yesterday tomorrow"),
    ),
    _ref("PRESENT_REF"),
    _ref("PAST_REF"),
    _ref("FUTURE_REF"),
    Rule(
        "recent units",
        re.compile(
            r"\b(?:(?i:the)\s+)?(?i:recent|past|coming|next\s+few|last\s+few|past\s+few)\s+"
            r"(?P<unit>(?i:days|weeks|months|quarters))\b"
            r"|\b(?i:the)\s+(?P<unit2>(?i:days|weeks|months))\s+(?i:ahead)\b"
        ),
        lambda match, ctx: _recent_units(match, ctx),
        word_set("days weeks months quarters"),
    ),
    Rule(
        "this/last/next unit",
        re.compile(
            rf"(?:\b{_MOD}|\b(?i:the)\s+)?\b{_WHICH}\s+(?P<unit>(?i:week|month|year|quarter"
            r"|decade|century|fiscal\s+year|calendar\s+year))\b(?!-)(?:\s+(?i:or\s+so)\b)?"
        ),
        _this_last_next,
        UNIT_WORDS,
    ),
    Rule(
        "ago",
        re.compile(
            r"\b(?:(?i:about|nearly|almost|some|more\s+than|less\s+than|roughly|just|only"
            r"|barely|around|over)\s+)?"
            rf"(?P<n>(?i:{NUMBER}))[\s-]+(?P<unit>(?i:{UNIT}))\s+(?:(?i:or\s+so)\s+)?"
            r"(?P<dir>(?i:ago|earlier|from\s+now|hence))\b"
        ),
        _ago,
        word_set("ago earlier now hence"),
    ),
    Rule(
        "that year",
        re.compile(
            r"\b(?:(?i:earlier|later|early|late)\s+(?:(?i:in)\s+)?)?"
            r"(?i:that|the\s+same)\s+(?i:year)\b(?!['’-])"
        ),
        _that_year,
        word_set("year"),
    ),
    Rule(
        "season",
        re.compile(
            r"\b(?:(?:(?i:this\s+past)|(?P<which>(?i:this|last|next|early|late|the)))\s+"
            r"|(?i:mid)-)"
            r"(?P<season>(?i:spring|summer|fall|autumn|winter))\b"
            r"(?:\s+(?i:of\s+)?(?P<year>\d{4})\b)?"
        ),
        _season,
        word_set("spring summer fall autumn winter"),
    ),
    Rule(
        "weekend",
        re.compile(r"\b(?P<which>(?i:the|this|last|next|past))\s+(?i:weekend)\b"),
        _weekend,
        word_set("weekend"),
    ),
)
