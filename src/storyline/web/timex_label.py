"""TIMEX3 values as an analyst reads them: "2025-03-09TMO" is "2025-03-09 morning".

The value stays in the page (as the element's title) for whoever wants the exact form.
"""

from __future__ import annotations

import re

from storyline.events.report import partial

_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def when(value: str | None) -> str:
    if not value:
        return "undated"
    if match := re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI|DT)", value):
        return f"{match.group(1)} {_PARTS[match.group(2)]}"
    if match := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        weekend = "weekend of " if match.group(3) else ""
        return f"{weekend}week {int(match.group(2))}, {match.group(1)}"
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return f"Q{match.group(2)} {match.group(1)}"
    if match := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return f"{_SEASONS[match.group(2)]} {match.group(1)}"
    # A decade or century ("197", "19") as a reader says it, never the raw value (issue 22).
    return partial(value) or value
