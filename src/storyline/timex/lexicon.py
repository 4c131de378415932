"""Words of time: months, weekdays, units, spelled-out numbers, as regex pieces and lookups.

One place for the vocabulary so the recognisers (``rules.py``) and the value builders agree
on what "Sept." or "twenty-four" means.
"""

from __future__ import annotations

import re

from storyline.text.lexicon import word_set

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# TIMEX3 parts of the day.
DAY_PARTS = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4}  # fmt: skip

_UNITS = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "E",
    "century": "C", "centurie": "C", "millennium": "L", "millennia": "L",
}  # fmt: skip

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "dozen": 12,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}
_VAGUE = {"few", "several", "some", "many", "couple", "number"}

# Regex pieces (used with re.IGNORECASE).
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
    r"|Jan|Feb|Aug|Sept|Oct|Nov|Dec)"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundred|thousand|dozen)"
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
