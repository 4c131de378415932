"""The day an undated article is about, from the dates its text spells out.

A corpus without publication dates (BBC News, ECB+) still dates its happenings: "on 5 May
2005", "March 3, 2005". Without a publication date nothing relative can be resolved ("on
Wednesday"), so only dates that name their year count (``timex.find_times`` with no anchor),
and of those the latest: an article reports its newest happening and recalls older ones.
"""

from __future__ import annotations

from datetime import date

from storyline.timex import find_times, value_range

# Dates are read in the article's first part, where news puts what happened when.
DATING_CHARS = 5_000


def text_day(text: str) -> int | None:
    """The latest day (ordinal) that ``text`` names with its year, month and day; None when
    it names none."""
    latest: date | None = None
    for found in find_times(text[:DATING_CHARS], None):
        if found.type != "DATE" or found.value is None or len(found.value) != 10:
            continue
        days = value_range(found.value)
        if days is None:
            continue
        if latest is None or days[0] > latest:
            latest = days[0]
    return latest.toordinal() if latest else None
