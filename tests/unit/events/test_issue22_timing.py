"""Issue 22, second pass: a time expression of one clause no longer dates an event of
another (``events/timing.py``). Sentence shapes from Reuters oil copy, rewritten."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.events.stage import read_document

PUBLISHED = date(1987, 6, 29)


def _dated(text: str) -> dict[str, str | None]:
    _, events = read_document(text, PUBLISHED, [])
    return {e.trigger: (e.time.text if e.time else None) for e in events}


@pytest.mark.parametrize(
    ("sentence", "trigger", "time"),
    [
        # infinitive-time: the date is the infinitive's, not the agreement's, which takes
        # the time that opens the sentence
        (
            "Last winter the cartel agreed to bring back fixed prices from February 1.",
            "agreed",
            "Last winter",
        ),
        ("The cartel agreed to bring back fixed prices from February 1.", "agreed", None),
        ("The council voted to lift the quota for the fourth quarter.", "voted", None),
        # ... but a noun after "to" leaves the time to the verb
        ("The rebels agreed to a truce on Monday.", "agreed", "Monday"),
        ("The unions agreed on Thursday to end the walkout.", "agreed", "Thursday"),
        # ... and a preposition after "to" is no infinitive
        (
            "They defended the price agreed to by the cartel last December.",
            "agreed",
            "last December",
        ),
        # scene-time: the opening phrase's time dates the main verb
        (
            "At its last session in December, the cartel agreed to bring back fixed prices "
            "from February 1.",
            "agreed",
            "December",
        ),
        ("During talks in Geneva last week, the two sides signed a truce.", "signed", "last week"),
        # time-in-noun-phrase: "a third quarter ceiling" dates the ceiling only
        (
            "Its winter pact had provisionally set a third quarter ceiling of 16 mln bpd.",
            "pact",
            None,
        ),
        # ... while the noun it modifies, when an event, keeps it
        ("Producers stuck to the December accord on prices.", "accord", "December"),
    ],
)
def test_a_time_dates_its_own_clause(sentence: str, trigger: str, time: str | None) -> None:
    assert _dated(sentence)[trigger] == time
