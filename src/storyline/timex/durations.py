"""Lengths of time and repetitions: "three years", "more than three years", "the past two
weeks", "two-year", "for 10 days" (tagged "10 days", as in TimeBank); "every week", "daily",
"$5 a year".

A duration is not a point: its value is a TIMEX3 period ("P3Y", "PT4H", "PXD" for "a few
days") and it is never anchored. TimeBank spans keep hedges ("more than", "nearly") and
leave out the preposition ("for", "in").
"""

from __future__ import annotations

import re

from storyline.text.lexicon import word_set
from storyline.timex.base import Context, Reading, Rule
from storyline.timex.lexicon import (
    DAY_PARTS,
    MONTH,
    MONTH_WORDS,
    NUMBER,
    UNIT,
    UNIT_WORDS,
    WEEKDAY,
    WEEKDAY_WORDS,
    duration_value,
    month_number,
    number_value,
    unit_code,
    weekday_number,
)

_HEDGE = (
    r"(?:(?i:more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|roughly"
    r"|approximately|at\s+least|at\s+most|up\s+to|under|some"
    r"|no\s+more\s+than|no\s+less\s+than|as\s+many\s+as|as\s+long\s+as|as\s+much\s+as"
    r"|the\s+better\s+part\s+of|upwards\s+of)\s+)"
)
_FRAME = (
    r"(?:(?i:the)\s+(?:(?i:past|last|next|first|final|previous|coming|following|latest|same"
    r"|entire|full|whole)\s+)?)"
)
_PER = {"D": "P1D", "W": "P1W", "M": "P1M", "Q": "P3M", "Y": "P1Y", "TH": "PT1H"}


def _duration(match: re.Match[str], ctx: Context) -> Reading | None:
    number = match.group("n")
    if match.group("n2"):  # "two to three weeks": the length is not one number
        return Reading("DURATION", duration_value(None, unit_code(match.group("unit"))), False)
    unit_text = match.group("unit").lower()
    unit = unit_code(unit_text)
    quantity = number_value(number)
    if number.lower() in {"a", "an"} and unit in {"TS", "Q"}:
        return None  # "a second term", "a quarter of the shares"
    if unit == "Q" and (unit_text.endswith("s") and "-" in match.group(0)):
        return None  # "three-quarters": a fraction
    if unit == "WE":
        return None
    value = duration_value(quantity, unit)
    start = match.start()
    if re.match(r"(?i:the)\s", match.group(0)) and "-" in match.group(0):
        # "the eight-year contract": TimeBank tags the modifier "eight-year", not "the".
        start = match.start("n")
    return Reading("DURATION", value, False, (start, match.end()))


def _long(match: re.Match[str], ctx: Context) -> Reading | None:
    """The length of one unit: "a day-long meeting", "the weeklong strike" ("a
    two-week-long trip" is left to the duration rule, which reads "two-week")."""
    return Reading("DURATION", duration_value(1, unit_code(match.group("unit"))), False)


def _bare_plural(match: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("DURATION", duration_value(None, unit_code(match.group("unit"))), False)


def _every(match: re.Match[str], ctx: Context) -> Reading | None:
    quantity = number_value(match.group("n")) if match.group("n") else 1.0
    if match.group("other"):
        quantity = 2.0
    return Reading("SET", duration_value(quantity, unit_code(match.group("unit"))), False)


def _every_weekday(match: re.Match[str], ctx: Context) -> Reading | None:
    day = match.group("day") or match.group("day2") or match.group("day3")
    part = match.group("part")
    suffix = f"T{DAY_PARTS[part.lower().removesuffix('s')]}" if part else ""
    return Reading("SET", f"XXXX-WXX-{weekday_number(day) + 1}{suffix}", False)


def _every_month(match: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("SET", f"XXXX-{month_number(match.group('month')):02d}", False)


def _around_the_clock(match: re.Match[str], ctx: Context) -> Reading | None:
    return None  # "24 hours a day": all the time, neither a length nor a set


_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
    "semiannually": "P6M",
}  # fmt: skip


def adverb_period(word: str) -> str | None:
    """The ISO 8601 period of a frequency adverb ("hourly" -> "PT1H"), also read by feeds'
    ``sy:updatePeriod``."""
    return _ADVERBS.get(word.strip().lower())


def _adverb(match: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("SET", _ADVERBS[(match.group("word") or match.group("word2")).lower()], False)


def _rate(match: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("SET", _PER[unit_code(match.group("unit"))], False)


RULES = (
    Rule(
        "unit-long",
        re.compile(
            r"(?<![\w-])(?P<unit>(?i:hour|day|week|month|year|decade|century))-?(?i:long)\b"
        ),
        _long,
        word_set("hourlong daylong weeklong monthlong yearlong decadelong centurylong long"),
    ),
    Rule(
        "rate",
        re.compile(
            r"(?:\d|%|\b(?i:percent|cents?|dollars?|million|billion|trillion|pounds|euros"
            r"|yen|times|barrels|tons|tonnes))\s+(?P<t>(?i:a|an)\s+(?P<unit>(?i:day|week|month"
            r"|year|hour)))\b"
        ),
        _rate,
        UNIT_WORDS,
    ),
    Rule(
        "duration",
        re.compile(
            rf"(?<![\w$£€.,])(?:{_HEDGE}?{_FRAME}|{_HEDGE})?(?P<n>(?i:{NUMBER}))"
            rf"(?:\s+(?i:to|or)\s+(?P<n2>(?i:{NUMBER})))?"
            r"(?:\s+(?i:more|additional|extra|further))?[\s-]+"
            rf"(?P<unit>(?i:{UNIT}))\b(?!-(?i:old)\b|\s+(?i:old|of\s+age)\b)(?:\s+(?i:or\s+so))?"
        ),
        _duration,
        UNIT_WORDS,
    ),
    Rule(
        "bare plural unit",
        re.compile(
            r"\b(?i:for|in|over|within|after|lasting|took)\s+"
            r"(?P<t>(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|years|decades"
            r"|centuries)))\b(?!\s+(?i:of|ago|earlier|later|before|after))"
        ),
        _bare_plural,
        UNIT_WORDS,
    ),
    Rule(
        "every unit",
        re.compile(
            r"\b(?i:every|each|per)\s+(?:(?P<other>(?i:other))\s+)?(?:(?P<n>(?i:"
            + NUMBER
            + r"))\s+)?(?P<unit>(?i:day|week|month|quarter|year|hour|minute"
            r"|days|weeks|months|quarters|years|hours|minutes))\b"
        ),
        _every,
        word_set("every each per"),
    ),
    Rule(
        "every weekday",
        re.compile(
            rf"\b(?i:every|each)\s+(?P<day>{WEEKDAY})\b|\b(?P<t>(?P<day2>{WEEKDAY})s)\b"
            # "Tuesday nights": the night of every Tuesday.
            rf"|\b(?P<day3>{WEEKDAY})\s+(?P<part>(?i:mornings|afternoons|evenings|nights))\b"
        ),
        _every_weekday,
        WEEKDAY_WORDS,
    ),
    Rule(
        "every month",
        re.compile(rf"\b(?i:every|each)\s+(?P<month>{MONTH})(?!\.?\s+\d)\b"),
        _every_month,
        MONTH_WORDS,
    ),
    Rule(
        # Matched whole so that neither "24 hours" nor "a day" is tagged inside it.
        "around the clock",
        re.compile(
            r"\b(?i:(?:24|twenty-four)\s+hours\s+a\s+day|(?:7|seven)\s+days\s+a\s+week"
            r"|(?:365|three\s+hundred\s+(?:and\s+)?sixty-five)\s+days\s+a\s+year)\b"
        ),
        _around_the_clock,
        word_set("hours days"),
    ),
    Rule(
        "frequency adverb",
        re.compile(
            r"\b(?P<word>(?i:daily|nightly|weekly|biweekly|monthly|quarterly|annually"
            r"|yearly|hourly|semiannually))\b(?!\s+[a-z]|\s+[A-Z][a-z])"
            # "on a daily basis": the adjective is the set; before other nouns ("quarterly
            # dividend", "daily volume") it describes a thing and is left alone, as in
            # TimeBank. Before a capitalised word it is a newspaper ("the party daily Granma").
            r"|(?<=\b(?i:on)\s(?i:a)\s)(?P<word2>(?i:daily|nightly|weekly|biweekly|monthly"
            r"|quarterly|yearly|hourly))(?=\s+(?i:basis)\b)"
        ),
        _adverb,
        word_set(" ".join(_ADVERBS)),
    ),
)
