"""Newswire patterns added after the AQUAINT split: holidays, day pairs, months as modifiers,
"that year", "N more weeks", "-long", sets, and what is not a time ("Now, ...", "Jan Smit").
Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.model import FoundTime
from storyline.timex import find_times
from storyline.timex.holidays import easter

MONDAY = date(2000, 4, 3)
FRIDAY = date(2000, 1, 7)
OCTOBER = date(1998, 10, 26)


def _only(text: str, anchor: date | None, span: str) -> FoundTime:
    found = [t for t in find_times(text, anchor) if t.text == span]
    assert len(found) == 1, find_times(text, anchor)
    assert text[found[0].start : found[0].end] == span
    return found[0]


def _spans(text: str, anchor: date | None) -> list[str]:
    return [t.text for t in find_times(text, anchor)]


@pytest.mark.parametrize(
    ("year", "day"),
    [(1998, date(1998, 4, 12)), (2000, date(2000, 4, 23)), (2024, date(2024, 3, 31))],
)
def test_easter_computus(year: int, day: date) -> None:
    assert easter(year) == day


@pytest.mark.parametrize(
    ("text", "anchor", "span", "value"),
    [
        ("The trawler sank on Thanksgiving Day with nine men aboard.", FRIDAY,
         "Thanksgiving Day", "1999-11-25"),
        ("The campaign will run ads from now to Election Day.", OCTOBER, "Election Day",
         "1998-11-03"),
        ("The shops expect record sales before Christmas.", OCTOBER, "Christmas",
         "1998-12-25"),
        ("He was last seen on Christmas Eve, 1996, near the harbour.", OCTOBER,
         "Christmas Eve, 1996", "1996-12-24"),
        ("Pilgrims filled the old town as Easter week began.", date(2000, 4, 17),
         "Easter week", "2000-W16"),
        ("The plant closed for Labor Day.", OCTOBER, "Labor Day", "1998-09-07"),
        ("Parades are planned for Memorial Day.", MONDAY, "Memorial Day", "2000-05-29"),
        ("The ceasefire broke down on New Year's Day.", FRIDAY, "New Year's Day",
         "2000-01-01"),
    ],
)  # fmt: skip
def test_holidays(text: str, anchor: date, span: str, value: str) -> None:
    found = _only(text, anchor, span)
    assert (found.type, found.value) == ("DATE", value)


def test_holiday_without_anchor_has_no_value() -> None:
    assert _only("The fair opens on Halloween.", None, "Halloween").value is None


@pytest.mark.parametrize(
    ("text", "anchor", "span", "value"),
    [
        # The second day of a pair is a date of its own.
        ("Leaders will meet in Oslo on April 24 and 25.", date(1999, 2, 10), "25",
         "1999-04-25"),
        # A month as a modifier after "the".
        ("Police say they have evidence in the October shooting of a judge.",
         date(1999, 4, 19), "October", "1998-10"),
        ("The March accession will make the three states members.", date(1999, 2, 10),
         "March", "1999-03"),
        # "last Oct. 23" is the day, not "last Oct".
        ("The doctor was shot last Oct. 23 at his home.", date(1999, 4, 19), "Oct. 23",
         "1998-10-23"),
        # "that year" is the year last named.
        ("She left in June 1997 and came back later that year.", OCTOBER, "later that year",
         "1997"),
        # "as soon as Tuesday" looks ahead.
        ("The delegation could arrive as soon as Tuesday, officials said.", MONDAY, "Tuesday",
         "2000-04-04"),
        # "were planning to" is a plan, not a past event.
        ("Exiles planned a rally on Saturday and were planning to march downtown.", FRIDAY,
         "Saturday", "2000-01-08"),
    ],
)  # fmt: skip
def test_dates(text: str, anchor: date, span: str, value: str) -> None:
    assert _only(text, anchor, span).value == value


def test_that_year_without_a_year_is_not_tagged() -> None:
    assert _spans("The firm was sold that year.", OCTOBER) == []


@pytest.mark.parametrize(
    ("text", "span", "kind", "value"),
    [
        ("The boy will stay for at least two more weeks.", "at least two more weeks",
         "DURATION", "P2W"),
        ("The lease was extended by an additional year.", "an additional year", "DURATION",
         "P1Y"),
        ("Lawyers left their third day-long meeting without a deal.", "day-long", "DURATION",
         "P1D"),
        ("The weeklong strike shut the port.", "weeklong", "DURATION", "P1W"),
        ("Fishermen march through the village each July.", "each July", "SET", "XXXX-07"),
        ("The ferry sails on Friday nights in summer.", "Friday nights", "SET",
         "XXXX-WXX-5TNI"),
        ("Leads are reviewed on a daily basis.", "daily", "SET", "P1D"),
    ],
)  # fmt: skip
def test_durations_and_sets(text: str, span: str, kind: str, value: str) -> None:
    found = _only(text, FRIDAY, span)
    assert (found.type, found.value) == (kind, value)


@pytest.mark.parametrize(
    "text",
    [
        "Guards watch the clinic 24 hours a day.",  # "all the time", not a length
        "The party daily Granma printed the letter.",  # "daily" the newspaper
        "Ministers from Poland and Jan Kavan of Prague signed.",  # "Jan" a first name
        "Now, the council says, the bridge is safe.",  # "Now," turning the story
        "Phones are everywhere in today's world.",  # the present age, not the day
    ],
)
def test_not_times(text: str) -> None:
    assert _spans(text, FRIDAY) == []


def test_now_inside_a_sentence_is_still_tagged() -> None:
    assert _only("The bridge is now closed.", FRIDAY, "now").value == "PRESENT_REF"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They sailed on to Easter Island.", []),
        ("A Christmas tree stood in the square.", []),
        ("The Good Friday Agreement still holds.", []),
        ("Shops reopen on Easter Monday.", [("Easter Monday", "2025-04-21")]),
    ],
)
def test_names_that_hold_a_holiday_are_not_dates(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(f.text, f.value) for f in find_times(text, date(2025, 6, 3))] == expected
