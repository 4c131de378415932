"""An event's type from its trigger in context (issue 22, ``events/sense.py``): each case
is the shape of a sentence seen in Reuters or BBC copy, rewritten for this test."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.events.extract import extract_events
from storyline.model import FoundEvent

PUBLISHED = date(1987, 3, 2)


def _typed(text: str, trigger: str) -> FoundEvent | None:
    found = [e for e in extract_events(text, [], [], PUBLISHED) if e.trigger == trigger]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("sentence", "trigger", "kind", "rule"),
    [
        # labour against military
        ("Port workers began a strike over pay on Monday.", "strike", "protest", "strike-walkout"),
        ("A missile strike destroyed the depot overnight.", "strike", "attack", ""),
        # a blaze, a volley, a rebuke
        ("A fire swept through the warehouse district.", "fire", "fire", ""),
        ("Troops opened fire on the crowd near the square.", "fire", "attack", "opened-fire"),
        ("Gunboats fired rockets at the oil platform.", "fired", "attack", "fired-weapon"),
        ("The patrol fired on a fishing boat at dawn.", "fired", "attack", "fired-weapon"),
        ("The club fired its manager after a poor run.", "fired", "dismissal", "fired-person"),
        ("The editor was fired last week.", "fired", "dismissal", "fired-person"),
        # a date after "fired on" is no target; a weapon word after the passive is no weapon
        ("Parks, fired on June 8, is suing the club.", "fired", "dismissal", "fired-person"),
        (
            "A clerk who was fired last week shot two managers.",
            "fired",
            "dismissal",
            "fired-person",
        ),
        ("Shots were fired at the patrol near the border.", "fired", "attack", "fired-weapon"),
        # a news conference is a statement, not a meeting of the parties
        (
            "The minister told a news conference the quota would hold.",
            "conference",
            "statement",
            "news-conference",
        ),
        ("Ministers gathered for a conference on oil prices.", "conference", "meeting", ""),
        # a prosecution
        ("The driver was charged with manslaughter.", "charged", "trial", ""),
    ],
)
def test_the_context_gives_the_type(sentence: str, trigger: str, kind: str, rule: str) -> None:
    event = _typed(sentence, trigger)
    assert event is not None
    assert event.type == kind
    assert (f"type:{rule}" in event.rule) if rule else ("type:" not in event.rule)


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        # a price, not a charge in court
        ("Because it was charging its official price, it lost customers.", "charging"),
        ("The refinery charged 17 dlrs a barrel for the cargo.", "charged"),
        # a rebuke, not a blaze
        ("The finance minister came under fire from his own party.", "fire"),
        # "fired up" a crowd: neither a weapon nor a dismissal
        ("The speech fired up the party faithful.", "fired"),
        # a match report
        ("His 25-yard strike flew past the keeper.", "strike"),
        ("The visitors' attack finally found a way past the goalkeeper.", "attack"),
    ],
)
def test_no_event_in_another_sense(sentence: str, trigger: str) -> None:
    assert _typed(sentence, trigger) is None
