"""The pure time tagger on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.model import FoundTime
from storyline.timex import find_times

TUESDAY = date(2025, 3, 11)
WEDNESDAY = date(2025, 3, 12)
AUGUST_12 = date(1998, 8, 12)  # a Wednesday


def _only(text: str, anchor: date | None, span: str) -> FoundTime:
    """The one expression tagged as ``span``, checking its offsets point at it."""
    found = [t for t in find_times(text, anchor) if t.text == span]
    assert len(found) == 1, find_times(text, anchor)
    assert text[found[0].start : found[0].end] == span
    return found[0]


# The seed cases: weekdays resolved with the tense of their clause.
@pytest.mark.parametrize(
    ("text", "anchor", "span", "value"),
    [
        ("The ministers will then meet in the French capital on Wednesday.", TUESDAY,
         "Wednesday", "2025-03-12"),
        ("Military chiefs from a dozen navies are meeting in Paris on Tuesday.", TUESDAY,
         "Tuesday", "2025-03-11"),
        # A present of scheduling looks ahead; an irregular past looks back.
        ("The trial begins Monday in the capital.", WEDNESDAY, "Monday", "2025-03-17"),
        ("Explosions shook the port on Friday.", WEDNESDAY, "Friday", "2025-03-07"),
        ("The two delegations met on Wednesday in a hotel near the border.", WEDNESDAY,
         "Wednesday", "2025-03-12"),
        ("On Tuesday, the chiefs met for six hours behind closed doors.", WEDNESDAY,
         "Tuesday", "2025-03-11"),
        ("Thousands of farmers marched through the city on Saturday.", WEDNESDAY,
         "Saturday", "2025-03-08"),
        ("The cabinet is due to vote on Friday.", WEDNESDAY, "Friday", "2025-03-14"),
        ("The port plans to reopen on Monday.", WEDNESDAY, "Monday", "2025-03-17"),
        ("The mayor said on Monday that the bridge would close.", WEDNESDAY, "Monday",
         "2025-03-10"),
        ("Tuesday's meeting ended without a statement.", WEDNESDAY, "Tuesday", "2025-03-11"),
        ("The council will decide next Wednesday.", WEDNESDAY, "next Wednesday", "2025-03-19"),
        ("The strike began last Wednesday.", WEDNESDAY, "last Wednesday", "2025-03-05"),
    ],
)  # fmt: skip
def test_weekdays_follow_the_tense(text: str, anchor: date, span: str, value: str) -> None:
    found = _only(text, anchor, span)
    assert (found.type, found.value, found.anchored) == ("DATE", value, True)


@pytest.mark.parametrize(
    ("text", "span", "kind", "value"),
    [
        ("Prices rose sharply last week.", "last week", "DATE", "2025-W10"),
        ("Talks stalled, more than three years after the army crossed the border.",
         "more than three years", "DURATION", "P3Y"),
        ("The reservoir was full on March 12, 2025.", "March 12, 2025", "DATE", "2025-03-12"),
        ("The vote is set for 12 March.", "12 March", "DATE", "2025-03-12"),
        ("The file was dated 2025-03-12.", "2025-03-12", "DATE", "2025-03-12"),
        ("Filed on 3/12/2025 in the county court.", "3/12/2025", "DATE", "2025-03-12"),
        ("Output fell in February 2025.", "February 2025", "DATE", "2025-02"),
        ("The plant opened in 1998.", "1998", "DATE", "1998"),
        ("Rents doubled in the 1990s.", "the 1990s", "DATE", "199"),
        ("The count resumes at 3 p.m.", "3 p.m.", "TIME", "2025-03-12T15:00"),
        ("Polls close at 15:00 GMT.", "15:00 GMT", "TIME", "2025-03-12T15:00"),
        ("The ceremony starts at noon.", "noon", "TIME", "2025-03-12T12:00"),
        ("The band plays tonight.", "tonight", "TIME", "2025-03-12TNI"),
        ("The shop is closed today.", "today", "DATE", "2025-03-12"),
        ("The shop was closed yesterday.", "yesterday", "DATE", "2025-03-11"),
        ("The shop opens tomorrow.", "tomorrow", "DATE", "2025-03-13"),
        ("Fares go up next month.", "next month", "DATE", "2025-04"),
        ("The storm hit two days ago.", "two days ago", "DATE", "2025-03-10"),
        ("Sales slowed earlier this year.", "earlier this year", "DATE", "2025"),
        ("Sales slowed this week.", "this week", "DATE", "2025-W11"),
        ("Sales slowed over the past year.", "the past year", "DATE", "2024"),
        ("The report is due later this month.", "later this month", "DATE", "2025-03"),
        ("The mine closed a year ago.", "a year ago", "DATE", "2024"),
        ("The mine closed recently.", "recently", "DATE", "PAST_REF"),
        ("The mine is closed now.", "now", "DATE", "PRESENT_REF"),
        ("The mine is currently closed.", "currently", "DATE", "PRESENT_REF"),
        ("Profit fell in the previous quarter.", "the previous quarter", "DATE", "2024-Q4"),
        ("Profit fell in the third quarter.", "the third quarter", "DATE", "2024-Q3"),
        ("Rail traffic stopped for 10 days.", "10 days", "DURATION", "P10D"),
        ("The trial lasted two weeks.", "two weeks", "DURATION", "P2W"),
        ("The committee meets every week.", "every week", "SET", "P1W"),
        ("The figures are published daily.", "daily", "SET", "P1D"),
        ("The licence is renewed annually.", "annually", "SET", "P1Y"),
        ("The fund grew 4% a year.", "a year", "SET", "P1Y"),
        ("Rebels held the town for nearly three years.", "nearly three years", "DURATION",
         "P3Y"),
        ("It takes 2 1/2 years to build one.", "2 1/2 years", "DURATION", "P2Y6M"),
        ("The vote came in the summer.", "the summer", "DATE", "2025-SU"),
        ("The drought ended last fall.", "last fall", "DATE", "2024-FA"),
        ("Crowds gathered over the weekend.", "the weekend", "DATE", "2025-W10-WE"),
        ("The fiscal year ended in the 20th century.", "the 20th century", "DATE", "19"),
    ],
)  # fmt: skip
def test_expressions_against_a_wednesday(text: str, span: str, kind: str, value: str) -> None:
    found = _only(text, WEDNESDAY, span)
    assert (found.type, found.value) == (kind, value)


def test_the_following_year_follows_the_year_last_mentioned() -> None:
    text = "On May 22, 1995, she was promoted, and the following year she resigned."
    found = find_times(text, AUGUST_12)
    assert [(t.text, t.value) for t in found] == [
        ("May 22, 1995", "1995-05-22"),
        ("the following year", "1996"),
    ]


def test_a_year_earlier_follows_the_quarter_being_discussed() -> None:
    text = "Profit rose in the third quarter. A year earlier, the company lost money."
    found = find_times(text, date(1989, 10, 26))
    assert [(t.text, t.value) for t in found] == [
        ("the third quarter", "1989-Q3"),
        ("A year earlier", "1988-Q3"),
    ]


def test_the_quarter_ended_takes_its_end_date() -> None:
    found = _only("For the quarter ended Sept. 30, sales rose.", date(1989, 11, 2), "the quarter")
    assert found.value == "1989-Q3"


def test_month_day_without_year_takes_the_nearest_year() -> None:
    anchor = date(1989, 10, 26)
    assert _only("The dividend is payable Dec. 7.", anchor, "Dec. 7").value == "1989-12-07"
    assert _only("The talks collapsed on Jan. 4.", date(1990, 1, 2), "Jan. 4").value == (
        "1990-01-04"
    )
    assert _only("Trading was halted on Dec. 28.", date(1990, 1, 2), "Dec. 28").value == (
        "1989-12-28"
    )


def test_a_past_tense_month_looks_back() -> None:
    assert _only("The company was sold in August.", date(2025, 3, 12), "August").value == (
        "2024-08"
    )
    assert _only("The company will be sold in August.", date(2025, 3, 12), "August").value == (
        "2025-08"
    )


def test_offsets_point_into_the_text() -> None:
    text = "On Tuesday, the chiefs met. Last week the talks stalled; they resume in May 2025."
    for found in find_times(text, WEDNESDAY):
        assert text[found.start : found.end] == found.text
    assert [t.text for t in find_times(text, WEDNESDAY)] == ["Tuesday", "Last week", "May 2025"]


def test_modal_may_is_not_a_month() -> None:
    assert find_times("Shares may fall if the bid fails.", WEDNESDAY) == []


def test_empty_and_timeless_text() -> None:
    assert find_times("", WEDNESDAY) == []
    assert find_times("The committee published its report.", WEDNESDAY) == []


@pytest.mark.parametrize(
    ("text", "span", "kind", "value"),
    [
        ("Officials said Tuesday that talks would resume.", "Tuesday", "DATE", "1998-08-11"),
        ("The talks would resume Friday, officials said.", "Friday", "DATE", "1998-08-14"),
        ("The rebels attacked on Thursday night.", "Thursday night", "TIME", "1998-08-06TNI"),
        ("Police arrived late Sunday.", "late Sunday", "DATE", "1998-08-09"),
        ("The blast came at 5 a.m. Monday morning.", "5 a.m. Monday morning", "TIME",
         "1998-08-10T05:00"),
        ("A second blast followed at 3:30 p.m. (1930 GMT).", "1930 GMT", "TIME",
         "1998-08-12T19:30"),
        ("The ceasefire took effect at midnight.", "midnight", "TIME", "1998-08-12T24"),
        ("The river rose in the past 24 hours.", "the past 24 hours", "DURATION", "PT24H"),
        ("Prices rose in the late 1980s.", "the late 1980s", "DATE", "198"),
        ("The deal is due by the end of the year.", "the end of the year", "DATE", "1998"),
        ("More rain fell in mid-August.", "mid-August", "DATE", "1998-08"),
        ("The plant closed a decade ago.", "a decade ago", "DATE", "198"),
        ("Profit rose in the third-quarter report.", "third-quarter", "DATE", "1998-Q3"),
        ("Rail traffic will stop for the eight-year project.", "eight-year", "DURATION", "P8Y"),
        ("Nobody knows what the coming months hold.", "the coming months", "DURATION", "PXM"),
        ("Wages were higher than a year earlier.", "a year earlier", "DATE", "1997"),
        ("The bridge has stood for almost a hundred years.", "almost a hundred years",
         "DURATION", "P100Y"),
        ("The envoys will meet later this afternoon.", "later this afternoon", "TIME",
         "1998-08-12TAF"),
    ],
)  # fmt: skip
def test_newswire_expressions(text: str, span: str, kind: str, value: str) -> None:
    found = _only(text, AUGUST_12, span)
    assert (found.type, found.value) == (kind, value)
