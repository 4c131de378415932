"""Calendar dates that carry their own year, month or day: "March 12, 2025", "12 March",
"2025-03-12", "3/12/2025", "March 2025", "in 1998", "the 1990s", "the 20th century".

A date missing its year takes the anchor's (or the year the tense points to); with no anchor
it keeps the unknown year as ``XXXX`` rather than guessing. An impossible date keeps its span
but gets no value.
"""

from __future__ import annotations

import re

from storyline.text import lexicon
from storyline.text.lexicon import ORDINAL_SUFFIX, word_set
from storyline.timex.base import Context, Reading, Rule, month_year
from storyline.timex.calendar import MIN_YEAR, day_value, month_value, safe_date
from storyline.timex.lexicon import (
    BEFORE_SLASH,
    DECADE_NUMBER,
    MONTH,
    MONTH_WORDS,
    WEEKDAY,
    YEAR_NUMBER,
    month_number,
)

_DAY = rf"(?P<day>[0-3]?\d){ORDINAL_SUFFIX}?(?!\d)"
_YEAR = r"(?P<year>\d{4})(?!\d|[,.]\d)"
# Words that put a date at part of its period; TimeBank tags them with the date and keeps
# the period's value ("early September" -> 1989-09).
_PART = (
    r"(?:(?i:the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of)\s+"
    r"|(?i:early|late|mid)(?:\s+|-)|(?i:mid)-?)"
)


def _month_day(match: re.Match[str], ctx: Context) -> Reading | None:
    month = month_number(match.group("month"))
    day = int(match.group("day"))
    year_text = match.group("year")
    if year_text is not None:
        ctx.last_year = int(year_text)
        found = safe_date(int(year_text), month, day)
        return Reading("DATE", None if found is None else day_value(found), False)
    if safe_date(2000, month, day) is None:  # no year has it (February 30)
        return Reading("DATE", None, False)
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", False)
    year = month_year(ctx.anchor, month, ctx.tense(match))
    found = safe_date(year, month, day)
    # None: February 29 outside a leap year.
    return Reading("DATE", None if found is None else day_value(found), True)


def _month_year(match: re.Match[str], ctx: Context) -> Reading | None:
    year = int(match.group("year"))
    if year < MIN_YEAR:  # "March 0000"
        return Reading("DATE", None, False)
    ctx.last_year = year
    return Reading("DATE", month_value(year, month_number(match.group("month"))), False)


# A short month name without its dot, before a capitalised word, is a name: "Jan Kavan".
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_FULL_SHORT = {"may", "june", "july"}


def _month(match: re.Match[str], ctx: Context) -> Reading | None:
    word = match.group("month")
    short = not word.endswith(".") and len(word) <= 4 and word.lower() not in _FULL_SHORT
    if short and _NAME_AFTER.match(match.string, match.end("month")):
        return None
    month = month_number(word)
    shift = ""
    if "shift" in match.re.groupindex and match.group("shift"):
        shift = " ".join(match.group("shift").lower().split())
        shift = {"this past": "last", "this coming": "next"}.get(shift, shift)
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month:02d}", False)
    year = month_year(ctx.anchor, month, ctx.tense(match), shift)
    return Reading("DATE", month_value(year, month), True)


def _second_day(match: re.Match[str], ctx: Context) -> Reading | None:
    """The second day of "April 24 and 25": the month and year of the first."""
    month = month_number(match.group("month"))
    first, second = int(match.group("day")), int(match.group("day2"))
    if not first < second <= 31:
        return None
    year_text = match.group("year")
    if year_text is not None:
        found = safe_date(int(year_text), month, second)
        return Reading("DATE", None if found is None else day_value(found), False)
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month:02d}-{second:02d}", False)
    found = safe_date(month_year(ctx.anchor, month, ctx.tense(match)), month, second)
    return Reading("DATE", None if found is None else day_value(found), True)


def _month_relative_year(match: re.Match[str], ctx: Context) -> Reading | None:
    month = month_number(match.group("month"))
    which = match.group("which").lower()
    if ctx.anchor is None:
        return Reading("DATE", None, False)
    year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[which]
    return Reading("DATE", month_value(year, month), True)


def _iso(match: re.Match[str], ctx: Context) -> Reading | None:
    found = safe_date(int(match.group("year")), int(match.group("m")), int(match.group("day")))
    if found is None:
        return Reading("DATE", None, False)
    if match.group("hh") is not None:
        return Reading("TIME", f"{day_value(found)}T{match.group('hh')}:{match.group('mm')}", False)
    return Reading("DATE", day_value(found), False)


def _numeric(match: re.Match[str], ctx: Context) -> Reading | None:
    year = int(match.group("year"))
    if len(match.group("year")) == 2:
        pivot = (ctx.anchor.year if ctx.anchor else 2000) % 100 + 10
        year += 2000 if year <= pivot else 1900
    found = safe_date(year, int(match.group("m")), int(match.group("day")))
    return Reading("DATE", None if found is None else day_value(found), False)


def _year(match: re.Match[str], ctx: Context) -> Reading | None:
    year = int(match.group("year"))
    ctx.last_year = year
    return Reading("DATE", f"{year:04d}", False)


_TENS = {
    "twenties": "2", "thirties": "3", "forties": "4", "fifties": "5", "sixties": "6",
    "seventies": "7", "eighties": "8", "nineties": "9",
}  # fmt: skip


def _recent_decade(digit: str, ctx: Context) -> Reading:
    """The latest decade ending in ``digit`` that has begun by the anchor ("the '80s", "the
    eighties"); in the 1900s without an anchor."""
    if ctx.anchor is None:
        return Reading("DATE", f"19{digit}", False)
    century = ctx.anchor.year // 100
    if century * 100 + int(digit) * 10 > ctx.anchor.year:
        century -= 1
    return Reading("DATE", f"{century}{digit}", True)


def _decade_word(match: re.Match[str], ctx: Context) -> Reading | None:
    return _recent_decade(_TENS[match.group("tens").lower()], ctx)


def _century(match: re.Match[str], ctx: Context) -> Reading | None:
    number = int(match.group("n"))
    if not 1 <= number <= 99:
        return None
    return Reading("DATE", f"{number - 1:02d}", False)


def _decade_text(match: re.Match[str], ctx: Context) -> Reading | None:
    if match.group("decade") is not None:
        return Reading("DATE", match.group("decade")[:3], False)
    return _recent_decade(match.group("decade2")[0], ctx)


_ONES = {word: lexicon.NUMBER_VALUES[word] for word in lexicon.ONES}
_TENS_WORDS = {word: lexicon.NUMBER_VALUES[word] for word in (*lexicon.TEENS, *lexicon.TENS)}


def _spelled_year(match: re.Match[str], ctx: Context) -> Reading | None:
    """Years spelled out, as broadcast transcripts write them ("nineteen ninety-six")."""
    if match.group("thousand"):
        return Reading("DATE", "2000", False)
    century = _TENS_WORDS[match.group("century").lower()]
    year = century * 100 + _TENS_WORDS[match.group("tens").lower()]
    if match.group("ones"):
        year += _ONES[match.group("ones").lower()]
    return Reading("DATE", f"{year:04d}", False)


_MONTH_G = rf"(?P<month>{MONTH})"
RULES = (
    Rule(
        "iso date",
        re.compile(
            r"\b(?P<year>\d{4})-(?P<m>[01]\d)-(?P<day>[0-3]\d)"
            r"(?:[T ](?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?\b"
        ),
        _iso,
    ),
    Rule(
        "numeric date",
        re.compile(r"(?<![\d/.])(?P<m>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d{2})(?![\d/])"),
        _numeric,
        frozenset({BEFORE_SLASH}),
    ),
    Rule(
        "month day",
        re.compile(rf"\b(?:{WEEKDAY},?\s+)?{_PART}?{_MONTH_G}\s+{_DAY}(?:,?\s+{_YEAR})?"),
        _month_day,
        MONTH_WORDS,
    ),
    Rule(
        "day month",
        re.compile(
            rf"\b(?:{WEEKDAY},?\s+)?(?i:the\s+)?{_DAY}\s+(?i:of\s+)?{_MONTH_G}(?:,?\s+{_YEAR})?"
        ),
        _month_day,
        MONTH_WORDS,
    ),
    Rule(
        "month year",
        re.compile(rf"\b{_PART}?{_MONTH_G},?\s+(?i:of\s+)?{_YEAR}"),
        _month_year,
        MONTH_WORDS,
    ),
    Rule(
        "month",
        re.compile(
            rf"(?:\b(?i:in|since|until|till|by|through|from|to|of|before|after|during|and"
            rf"|or|between|for|on|that|since)\s+)(?P<t>{_PART}?{_MONTH_G})\b(?!\.?\s+\d)"
        ),
        _month,
        MONTH_WORDS,
    ),
    Rule(
        # "the October attack": a month named as a modifier, the noun after it lowercase
        # (so not "the March of Dimes" nor a title).
        "month before a noun",
        re.compile(
            r"(?<=\b(?i:the)\s)(?P<month>January|February|March|April|June|July|August"
            r"|September|October|November|December)(?=\s+(?!of\b|and\b|or\b|to\b)[a-z]{3,})"
        ),
        _month,
        MONTH_WORDS,
    ),
    Rule(
        # "on April 24 and 25": the second day is a date of its own, as TimeBank tags it.
        "second day of a pair",
        re.compile(
            rf"\b{_MONTH_G}\s+{_DAY}\s+(?i:and|or|to|through)\s+"
            rf"(?P<t>(?P<day2>[0-3]?\d){ORDINAL_SUFFIX}?(?:,?\s+(?P<year>\d{{4}}))?)"
            r"(?![\d.,:/-]\d|\s*%|\s+[a-z])"
        ),
        _second_day,
        MONTH_WORDS,
    ),
    Rule(
        "part of a month",
        re.compile(rf"\b{_PART}{_MONTH_G}\b(?!\.?\s+\d)"),
        _month,
        MONTH_WORDS,
    ),
    Rule(
        "last/next month name",
        re.compile(
            rf"\b(?P<shift>(?i:last|next|this|early|late|mid|this\s+past|this\s+coming))"
            rf"[\s-]+{_MONTH_G}\b(?!\.?\s+\d)"
        ),
        _month,
        MONTH_WORDS,
    ),
    Rule(
        "month of a relative year",
        re.compile(rf"\b{_PART}?{_MONTH_G}\s+(?P<which>(?i:last|this|next))\s+(?i:year)\b"),
        _month_relative_year,
        MONTH_WORDS,
    ),
    Rule(
        "year",
        re.compile(
            r"(?<![\d$£€#,.])(?:(?i:fiscal|calendar|the\s+end\s+of|the\s+beginning\s+of"
            r"|the\s+start\s+of|the\s+middle\s+of|early|late|mid)(?:\s+|-)|(?i:mid)-?)?"
            r"\b(?P<year>1[5-9]\d\d|20\d\d)\b(?![\d,.]\d|\s*%|\s*(?i:percent)\b|-\d"
            r"|\s+(?:GMT|UTC|EDT|EST|(?i:hours|local\s+time))\b)"
        ),
        _year,
        frozenset({YEAR_NUMBER}),
    ),
    Rule(
        "spelled year",
        re.compile(
            r"\b(?:(?i:the\s+year\s+)(?P<thousand>(?i:two\s+thousand))"
            r"|(?P<century>(?i:nineteen|eighteen))[\s-]+(?P<tens>(?i:ten|eleven|twelve|thirteen"
            r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
            r"|sixty|seventy|eighty|ninety))(?:[\s-]+(?P<ones>(?i:one|two|three|four|five|six"
            r"|seven|eight|nine)))?)\b"
        ),
        _spelled_year,
        word_set("nineteen eighteen thousand"),
    ),
    Rule(
        "decade",
        re.compile(
            r"(?:\b(?i:the)\s+)?(?:(?i:early|mid|late)(?:-|\s+))?"
            r"(?:(?P<decade>1\d\d0|20\d0)'?s|[‘'’](?P<decade2>\d0)s)\b"
        ),
        _decade_text,
        frozenset({DECADE_NUMBER, YEAR_NUMBER}),  # "1990's" is the year 1990 and "s"
    ),
    Rule(
        "decade in words",
        re.compile(
            r"\b(?i:the)\s+(?:(?i:early|mid|late)(?:-|\s+))?(?P<tens>(?i:twenties|thirties"
            r"|forties|fifties|sixties|seventies|eighties|nineties))\b"
        ),
        _decade_word,
        word_set("twenties thirties forties fifties sixties seventies eighties nineties"),
    ),
    Rule(
        "century",
        re.compile(rf"(?:\b(?i:the)\s+)?\b(?P<n>\d{{1,2}}){ORDINAL_SUFFIX}\s+(?i:century)\b"),
        _century,
        word_set("century"),
    ),
)
