"""``find_times(text, anchor)``: the time expressions of one text, pure, in text order."""

from __future__ import annotations

import bisect
import re
from datetime import date

from storyline.model import FoundTime
from storyline.text.tokens import word_spans
from storyline.timex import absolute, days, durations, holidays, periods, relative
from storyline.timex.base import Context, Rule, span_of
from storyline.timex.lexicon import BEFORE_SLASH, CLOCK_MINUTES, DECADE_NUMBER, YEAR_NUMBER

# Every rule is tried everywhere; where matches overlap the longest wins ("two days ago"
# over "two days", "March 12, 2025" over "2025"), ties going to the earlier rule here.
RULES: tuple[Rule, ...] = (
    *absolute.RULES,
    *relative.RULES,
    *periods.RULES,
    *days.RULES,
    *durations.RULES,
    *holidays.RULES,
)


# How far a match may reach on either side of its trigger word.
_REACH = 90
Hits = dict[str, list[tuple[int, int]]]


def _word_index(text: str) -> Hits:
    """Where each lowercase word of ``text`` occurs, plus the token classes of lexicon.py."""
    hits: Hits = {}
    for start, end in word_spans(text):
        word = text[start:end].lower()
        hits.setdefault(word, []).append((start, end))
        if word.isdigit():
            if len(word) == 4 and 1500 <= int(word) <= 2099:
                hits.setdefault(YEAR_NUMBER, []).append((start, end))
            if start and text[start - 1] == ":":
                hits.setdefault(CLOCK_MINUTES, []).append((start, end))
            if text.startswith("/", end):
                hits.setdefault(BEFORE_SLASH, []).append((start, end))
        elif word.endswith("0s") and word[:-1].isdigit():
            hits.setdefault(DECADE_NUMBER, []).append((start, end))
    return hits


def _windows(length: int, hits: Hits, trigger: frozenset[str]) -> list[tuple[int, int]]:
    """Stretches of the text around each trigger word, overlapping ones merged."""
    spots = sorted(spot for word in trigger for spot in hits.get(word, ()))
    windows: list[tuple[int, int]] = []
    for hit_start, hit_end in spots:
        start, end = max(0, hit_start - _REACH), min(length, hit_end + _REACH)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def find_times(text: str, anchor: date | None) -> list[FoundTime]:
    """Time expressions of ``text`` with TIMEX3 type and value, relative ones resolved
    against ``anchor`` (the publication date; None leaves them without a value)."""
    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    hits = _word_index(text)
    windows: dict[frozenset[str], list[tuple[int, int]]] = {}
    whole = [(0, len(text))]
    for order, rule in enumerate(RULES):
        if rule.trigger is None:
            spans = whole
        else:
            if rule.trigger not in windows:
                windows[rule.trigger] = _windows(len(text), hits, rule.trigger)
            spans = windows[rule.trigger]
        # Matches are looked for only near a trigger; lookbehinds still see the whole text.
        for window_start, window_end in spans:
            for match in rule.pattern.finditer(text, window_start, window_end):
                start, end = span_of(match)
                if end > start:
                    candidates.append((start, end, order, match))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken: list[tuple[int, int, int, re.Match[str]]] = []  # kept sorted by start
    starts: list[int] = []
    for candidate in candidates:
        start, end = candidate[0], candidate[1]
        at = bisect.bisect_left(starts, start)
        if (at and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end):
            continue  # overlaps a longer (or earlier) expression already taken
        starts.insert(at, start)
        taken.insert(at, candidate)
    ctx = Context(text, anchor)
    found = []
    for start, end, order, match in taken:
        reading = RULES[order].build(match, ctx)
        if reading is None:
            continue
        if reading.span is not None:
            start, end = reading.span
        found.append(
            FoundTime(
                start,
                end,
                text[start:end],
                reading.type,
                reading.value,
                reading.anchored,
                RULES[order].name,
            )
        )
    return found
