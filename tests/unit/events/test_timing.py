"""Time attachment rules (``storyline.events.timing``), each pinned by the rule name the
mention records (``.../time:<rule>``). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.events.extract import extract_events
from storyline.model import DatedTime, FoundEvent

PUBLISHED = date(1998, 10, 25)


def _date(text: str, words: str, first: date, last: date, value: str) -> DatedTime:
    start = text.index(words)
    return DatedTime(start, start + len(words), words, "DATE", value, first, last)


def _duration(text: str, words: str, value: str) -> DatedTime:
    start = text.index(words)
    return DatedTime(start, start + len(words), words, "DURATION", value, None, None)


def _january(text: str, words: str = "January") -> DatedTime:
    return _date(text, words, date(1998, 1, 1), date(1998, 1, 31), "1998-01")


def _found(text: str, times: list[DatedTime]) -> dict[str, FoundEvent]:
    return {e.trigger: e for e in extract_events(text, times, [], PUBLISHED)}


def _time_rule(event: FoundEvent) -> str:
    return next((part[5:] for part in event.rule.split("/") if part.startswith("time:")), "")


def test_an_aside_after_an_opening_time_leaves_the_clause_after_it_dated() -> None:
    """Issue 17: "In January, a week after ..., a bombing killed": the aside places the
    time against the anniversary; the clause after its comma is January's (in-clause)."""
    text = (
        "In January, a week after the anniversary of the court decision, a clinic bombing "
        "in Birmingham, Ala., killed a guard and severely wounded a nurse."
    )
    january = _january(text)
    found = _found(text, [january, _duration(text, "a week", "P1W")])
    for trigger in ("bombing", "killed", "wounded"):
        assert found[trigger].time == january, trigger
        assert _time_rule(found[trigger]) == "in-clause", trigger
    # The decision inside the aside is the point the week reaches back from, not January.
    assert found["decision"].time != january


def test_a_trigger_inside_the_aside_still_reaches_back() -> None:
    text = "On Wednesday evening, a day after the bank pledged aid, crowds gathered in the square."
    wednesday = _date(text, "Wednesday evening", date(1998, 3, 11), date(1998, 3, 11), "1998-03-11")
    found = _found(text, [wednesday, _duration(text, "a day", "P1D")])
    assert found["gathered"].time == wednesday
    pledged = found["pledged"].time
    assert pledged is not None and pledged.first == date(1998, 3, 10)
    assert _time_rule(found["pledged"]) == "duration-before"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Police still hunt the man behind the January 1998 bombing of a Birmingham, "
            "Ala., abortion clinic that killed a guard.",
            "January 1998",
        ),
        (
            "Tuesday's bombing at the depot, which killed 12 people, was claimed by no one.",
            "Tuesday",
        ),
        (
            "The January attack on a convoy near Herat, Afghanistan, which has killed four "
            "soldiers, shocked the town.",
            "January",
        ),
    ],
)
def test_the_relative_clause_of_a_dated_event_noun_takes_its_time(text: str, words: str) -> None:
    """Issue 17: the verb opening a relative clause on a dated event noun tells what
    happened in that event, then (rule ``event-relative-clause``)."""
    time = _date(text, words, date(1998, 1, 1), date(1998, 1, 31), "1998-01")
    killed = _found(text, [time])["killed"]
    assert killed.time == time
    assert _time_rule(killed) == "event-relative-clause"


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        # The clause has a subject of its own: the verb does not open it.
        (
            "Police studied the January bombing of a clinic in Birmingham, Ala., that rebels "
            "attacked.",
            "attacked",
        ),
        # A verb between the noun and the clause: the clause is not the noun's.
        ("The January bombing of a clinic, police said, that killed a guard.", "killed"),
        (
            "The January bombing worried nurses at a clinic in Birmingham, Ala., that was "
            "attacked.",
            "attacked",
        ),
    ],
)
def test_a_clause_that_is_not_the_event_nouns_takes_no_time_from_it(text: str, verb: str) -> None:
    found = _found(text, [_january(text)])
    assert found["bombing"].time is not None and found[verb].time is None


def test_a_relative_clause_with_a_time_of_its_own_keeps_it() -> None:
    text = "The January bombing of a clinic that was attacked in 1975 killed a guard."
    january = _january(text)
    year = _date(text, "1975", date(1975, 1, 1), date(1975, 12, 31), "1975")
    found = _found(text, [january, year])
    assert found["attacked"].time == year and _time_rule(found["attacked"]) == "in-clause"


@pytest.mark.parametrize(
    "text",
    [
        "Today is a sad day for his wife and his mother, who died when the boat sank.",
        # A quotation closing before the relative pronoun does not hide it.
        "``Today is a sad day for his wife and his mother,'' who died when the boat sank.",
    ],
)
def test_an_opening_time_does_not_date_a_relative_clause_after_it(text: str) -> None:
    today = _date(text, "Today", PUBLISHED, PUBLISHED, PUBLISHED.isoformat())
    assert _found(text, [today])["died"].time is None
