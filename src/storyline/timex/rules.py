"""The time rules (``timex.base.Rule``, in the order ``find.RULES`` tries them) in the rule
catalogue: what each looks for, by the rule's own name. A time expression records the name
of the rule that found and valued it."""

from __future__ import annotations

from storyline.rules import NamedRule
from storyline.timex.find import RULES as TIME_RULES

SAYS = {
    "iso date": "A date written as digits year-month-day, with an optional time: 2025-03-14.",
    "numeric date": "A date written month/day/year in digits: 3/14/2025.",
    "month day": "A month and a day, with or without a year or weekday: March 14, 2025.",
    "day month": "A day before its month, with or without a year: 14 March 2025.",
    "month year": "A month with its year: March 2025, early March 2025.",
    "month": "A month named alone after a preposition ('in March'); its year is the "
    "nearest such month to publication.",
    "month before a noun": "A month named before a noun it dates: the March elections.",
    "second day of a pair": "The second day of a pair sharing one month: March 3 and 5.",
    "part of a month": "The start, middle or end of a month: the end of March, mid-March.",
    "last/next month name": "A month with last, next or this: last March, next January.",
    "month of a relative year": "A month of a year named relatively: March of last year.",
    "year": "A four-digit year where it reads as one: in 2024, fiscal 2025.",
    "spelled year": "A year written in words: nineteen ninety-nine, the year two thousand.",
    "decade": "A decade in digits: the 1990s, the '90s.",
    "decade in words": "A decade in words: the nineties, the early twenties.",
    "century": "A century by its number: the 20th century.",
    "day word": "Today, yesterday or tomorrow: the day of publication, the one before or after.",
    "PRESENT_REF": "Words for the present moment: now, currently, these days.",
    "PAST_REF": "Words for an unspecified past: recently, lately, in the past.",
    "FUTURE_REF": "Words for an unspecified future: soon, in the near future.",
    "recent units": "A stretch of recent or coming units: in recent weeks, the coming days.",
    "this/last/next unit": "A unit relative to publication: last week, next month, this year.",
    "ago": "A duration before publication: two days ago, a year ago.",
    "that year": "The year last talked about: that year, later the same year.",
    "season": "A season: last summer, this winter, mid-spring.",
    "weekend": "A weekend relative to publication: this weekend, last weekend.",
    "year earlier": "The same period a year before the one last talked about: a year "
    "earlier, the year-ago quarter.",
    "quarter": "A quarter of a year: the first quarter, Q3 2024, last year's fourth quarter.",
    "the quarter": "The quarter last or now talked about: the latest quarter, this quarter.",
    "year period": "A year's quarter or period named by the year: the 2024 period.",
    "the year": "The year as a whole after 'for': for the year, for the full year.",
    "half year": "A half of a year: the first half, the second half of 2024.",
    "weekday": "A day of the week, dated from the publication day and the verb's tense: on "
    "Tuesday, last Friday.",
    "part of day": "A part of a day relative to publication: this morning, last night, "
    "tomorrow evening.",
    "clock": "A clock time: 9 a.m., 10:30 pm GMT.",
    "noon": "Noon, midday or midnight, with its day when named: noon Thursday.",
    "unit-long": "A length of time written as an adjective: a week-long, year-long.",
    "rate": "A rate per unit of time, recognised so its unit is not read as a date: 5% a "
    "year, twice a week.",
    "duration": "A number of units of time: three years, more than two weeks, 48 hours.",
    "bare plural unit": "Units of time with no number after for, in, over: for years, in months.",
    "every unit": "A repetition every unit of time: every week, each other month.",
    "every weekday": "A repetition on a day of the week: every Monday.",
    "every month": "A repetition in a month: every March.",
    "around the clock": "Without stopping: 24 hours a day, seven days a week.",
    "frequency adverb": "A frequency in one word: daily, weekly, annually.",
    "holiday": "A holiday dated in the calendar: Christmas, New Year's Day, Easter.",
}

# The events stage runs the time rules and stores the expressions (stages.py): their stage.
RULES = tuple(NamedRule(rule.name, "events", "time", SAYS[rule.name]) for rule in TIME_RULES)
