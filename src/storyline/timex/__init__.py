"""Time expressions: ``find_times(text, anchor)`` recognises dates, times, durations and
sets (``storyline.model.FoundTime``) and normalises them TIMEX3-style against the
publication date; ``value_range`` turns a DATE value into the calendar days it covers. Pure,
testable on sentences."""

from storyline.timex.calendar import value_range
from storyline.timex.find import find_times

__all__ = ["find_times", "value_range"]
