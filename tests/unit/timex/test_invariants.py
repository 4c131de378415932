"""Invariants of ``find_times`` on generated text: offsets, order, and values that parse."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.timex import find_times, value_range

_PIECES = [
    "on", "Tuesday", "last", "next", "week", "month", "year", "ago", "two", "three", "days",
    "March", "12", "2025", "1998", "the", "1990s", "p.m.", "3", "15:00", "GMT", "noon",
    "will", "met", "said", "February", "30", ",", ".", "quarter", "third", "more", "than",
    "every", "daily", "recently", "now", "a", "earlier", "this", "99999", "-", "/", "'s",
]  # fmt: skip
_WORDS = st.lists(st.sampled_from(_PIECES), max_size=30).map(" ".join)
_ANCHORS = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
_VALUE = re.compile(
    r"^(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?|-W\d{2}(?:-WE)?|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?"
    r"(?:T(?:\d{2}(?::\d{2})?|MO|AF|EV|NI))?$"
    r"|^\d{2,3}X?$|^P(?:T)?[\dX.]+[A-Z](?:\d+M)?$|^(?:PAST|PRESENT|FUTURE)_REF$|^XXXX-WXX-\d$"
    r"|^XXXX-\d{2}(?:-\d{2})?$"
)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(_WORDS, st.text(max_size=200)), anchor=_ANCHORS)
def test_offsets_order_and_values(text: str, anchor: date | None) -> None:
    found = find_times(text, anchor)
    previous_end = 0
    for time in found:
        assert text[time.start : time.end] == time.text
        assert time.start >= previous_end  # sorted, no overlaps
        previous_end = time.end
        assert time.type in {"DATE", "TIME", "DURATION", "SET"}
        if time.value is not None:
            assert _VALUE.match(time.value), time
            value_range(time.value)  # never raises
        if anchor is None:
            assert not time.anchored
