"""Words of time: months, weekdays, units, spelled-out numbers, as regex pieces and lookups.

One place for the vocabulary so the recognisers (``rules.py``) and the value builders agree
on what "Sept." or "twenty-four" means.
"""

from __future__ import annotations

import re

from storyline.text import lexicon
from storyline.text.lexicon import word_set

MONTHS = {word: lexicon.month_of(word) for word in (*lexicon.MONTHS, *lexicon.MONTH_ABBREVIATIONS)}
WEEKDAYS = {
    word: lexicon.weekday_of(word) for word in (*lexicon.WEEKDAYS, *lexicon.WEEKDAY_ABBREVIATIONS)
}
SEASONS = dict(zip(lexicon.SEASONS, ("SP", "SU", "FA", "FA", "WI"), strict=True))
# TIMEX3 parts of the day: the rest are night ("tonight", "overnight").
_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV"}
DAY_PARTS = {word: _PART_CODES.get(word, "NI") for word in lexicon.DAY_PARTS}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4}  # fmt: skip

_UNITS = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "E",
    "century": "C", "centurie": "C", "millennium": "L", "millennia": "L",
}  # fmt: skip

_SMALL = lexicon.NUMBER_VALUES | {"a": 1, "an": 1, "dozen": 12}
_SCALES = {"hundred": 100, "thousand": 1000}
_VAGUE = {"few", "several", "some", "many", "couple", "number"}

# Regex pieces (used with re.IGNORECASE).
MONTH = (
    "(?:"
    + "|".join(month.capitalize() for month in lexicon.MONTHS)
    + r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
    r"|Jan|Feb|Aug|Sept|Oct|Nov|Dec)"
)
WEEKDAY = "(?:" + "|".join(day.capitalize() for day in lexicon.WEEKDAYS) + ")"
SEASON = "(?:" + "|".join(lexicon.SEASONS) + ")"
# Number words in this order: a regex alternation takes "six" before "sixteen" only when
# what follows still matches.
_WORD = (
    "(?:"
    + "|".join(("zero", *lexicon.ONES, *lexicon.TEENS, *lexicon.TENS, "hundred", "thousand"))
    + "|dozen)"
)
NUMBER = (
    rf"(?:\d{{1,3}}(?:\.\d+)?(?!\d)(?:\s+1/2)?|{_WORD}(?:(?:\s+|-)(?:and\s+)?{_WORD})*(?:\s+and\s+a\s+half)?"
    r"|a\s+(?:hundred|thousand)|a\s+few|(?:a\s+)?couple(?:\s+of)?|several|a\s+number\s+of|a\s+dozen|an?|some|many|few)"
)
UNIT = (
    r"(?:(?:trading|business|calendar|working)\s+)?"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?"
    r"|century|centuries|millenni(?:um|a))"
)


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]


def unit_code(word: str) -> str:
    """TIMEX3 unit letter of a unit word ("weeks" -> "W", "trading days" -> "D").

    Clock units carry a leading "T" ("minutes" -> "TM") because TIMEX3 writes them after a
    "T" in durations, which is what keeps minutes apart from months.
    """
    last = word.lower().split()[-1]
    if last not in _UNITS and last.endswith("s"):
        last = last[:-1]
    return _UNITS[last]


def number_value(phrase: str) -> float | None:
    """The quantity a number phrase names; None for vague ones ("several", "a few")."""
    text = phrase.lower().strip()
    words = re.split(r"[\s-]+", text)
    if any(word in _VAGUE for word in words):
        return 2.0 if "couple" in words else None
    half = 0.0
    if text.endswith("and a half"):
        half, words = 0.5, re.split(r"[\s-]+", text[: -len("and a half")].strip())
    elif words[-1] == "1/2":
        half, words = 0.5, words[:-1]
    if len(words) == 1 and re.fullmatch(r"\d+(?:\.\d+)?", words[0]):
        return float(words[0]) + half
    total = current = 0
    for word in words:
        if word == "and":
            continue
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return float(total + current) + half


def duration_value(quantity: float | None, unit: str) -> str:
    """TIMEX3 duration ("P3Y", "PT4H", "PXD"; halves carried to the next unit down)."""
    prefix = "PT" if unit.startswith("T") else "P"
    unit = unit.removeprefix("T")
    if unit == "Q":  # TimeBank counts quarters in months ("the next three quarters": P9M)
        unit = "M"
        quantity = None if quantity is None else quantity * 3
    if quantity is None:
        return f"{prefix}X{unit}"
    if quantity == int(quantity):
        return f"{prefix}{int(quantity)}{unit}"
    if unit == "Y" and quantity * 12 == int(quantity * 12):
        years, months = divmod(int(quantity * 12), 12)
        return f"P{years}Y{months}M" if years else f"P{months}M"
    return f"{prefix}{quantity:g}{unit}"


# Token classes a trigger may name besides words (see ``find.py``).
YEAR_NUMBER, DECADE_NUMBER, CLOCK_MINUTES, BEFORE_SLASH = "#year", "#decade", "#clock", "#slash"
MONTH_WORDS = frozenset(MONTHS) | {"sept"}
WEEKDAY_WORDS = frozenset(WEEKDAYS) | {f"{day}s" for day in WEEKDAYS}
UNIT_WORDS = word_set(
    """second seconds minute minutes hour hours day days night nights week weeks weekend
    weekends month months quarter quarters year years decade decades century centuries
    millennium millennia"""
)


# Days in a unit of an ISO 8601 period's date part (months and years as 30 and 365 days).
ISO_UNIT_DAYS = {"Y": 365, "M": 30, "W": 7, "D": 1}
