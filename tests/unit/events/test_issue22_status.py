"""Issue 22: a plan that is denied, weighed or made conditional never reads as happened, and
event types and dates are read in context.

The sentences are rewritten in our own words from real wire and campaign copy where the
old rules went wrong (OPEC, trade and election news); names and numbers are changed. Each
case names the status and the rule that must decide it.
"""

from __future__ import annotations

from datetime import date

import pytest

from storyline.events.extract import extract_events
from storyline.events.report import partial
from storyline.events.stage import read_document
from storyline.model import FoundEvent

PUBLISHED = date(2025, 6, 3)

# (sentence, trigger, status, the status rule that decides it)
NEGATED_OR_HYPOTHETICAL = [
    # Headlines and leads on an emergency meeting of oil producers.
    (
        "Qatar says no plans for an emergency producers meeting",
        "meeting",
        "negated",
        "negated-plan",
    ),
    (
        "The energy minister said there were no plans for an extraordinary meeting of the group.",
        "meeting",
        "negated",
        "negated-plan",
    ),
    ("Oman has no plans to attend the emergency session.", "session", "negated", "negated-plan"),
    (
        "The delegate said the cartel had no intention of calling talks before March.",
        "talks",
        "negated",
        "negated-plan",
    ),
    (
        "Officials said the summit would not take place this year.",
        "summit",
        "negated",
        "negated-plan",
    ),
    (
        "A spokesman said the two leaders are not planning to meet this month.",
        "meet",
        "negated",
        "negated-plan",
    ),
    ("The minister ruled out an emergency meeting.", "meeting", "negated", "ruled-out"),
    (
        "The minister did not rule out an emergency meeting if prices slid.",
        "meeting",
        "hypothetical",
        "not-ruled-out",
    ),
    (
        "Gulf producers are considering an emergency meeting next month.",
        "meeting",
        "hypothetical",
        "weighed",
    ),
    (
        "The government is weighing a freeze on fuel exports.",
        "freeze",
        "hypothetical",
        "weighed",
    ),
    (
        "Two delegates said an extraordinary meeting would be called only if prices fell below "
        "forty dollars.",
        "meeting",
        "hypothetical",
        "would-if",
    ),
    (
        "The minister said he would meet his counterpart if the talks resumed.",
        "meet",
        "hypothetical",
        "would-if",
    ),
    ("Producers could meet again in July.", "meet", "hypothetical", "modal-or-condition"),
    (
        "If prices keep falling, ministers may hold an emergency meeting.",
        "meeting",
        "hypothetical",
        "modal-or-condition",
    ),
    ("Producers may sign a new accord.", "sign", "hypothetical", "modal-or-condition"),
    (
        "Analysts said a possible accord on output would calm the market.",
        "accord",
        "hypothetical",
        "modal-or-condition",
    ),
    ("The union did not sign the agreement.", "sign", "negated", "negation"),
    ("There was no deal at the end of the talks.", "deal", "negated", "negation"),
]


@pytest.mark.parametrize(("sentence", "trigger", "status", "rule"), NEGATED_OR_HYPOTHETICAL)
def test_issue22_a_plan_denied_weighed_or_conditional_never_happened(
    sentence: str, trigger: str, status: str, rule: str
) -> None:
    found = [e for e in extract_events(sentence, [], [], PUBLISHED) if e.trigger == trigger]
    assert len(found) == 1, [e.trigger for e in extract_events(sentence, [], [], PUBLISHED)]
    assert found[0].status == status
    assert f"status:{rule}" in found[0].rule


# Sentences whose event did happen: the new rules must leave them alone.
HAPPENED = [
    ("The talks did not produce a deal.", "talks"),
    ("Ministers met in Vienna on Friday and agreed to cut output.", "met"),
    ("The ministers held an emergency meeting last week.", "meeting"),
    ("Oil producers signed the accord in Algiers.", "signed"),
]


@pytest.mark.parametrize(("sentence", "trigger"), HAPPENED)
def test_issue22_happenings_stay_happened(sentence: str, trigger: str) -> None:
    found = [e for e in read_document(sentence, PUBLISHED, [])[1] if e.trigger == trigger]
    assert [e.status for e in found] == ["happened"]


def _only(text: str, trigger: str) -> FoundEvent:
    found = [e for e in read_document(text, PUBLISHED, [])[1] if e.trigger == trigger]
    assert len(found) == 1, [e.trigger for e in read_document(text, PUBLISHED, [])[1]]
    return found[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ministers took note of the agreement and will meet again in September.",
        "The committee took note of the accord to lift output from July.",
    ],
)
def test_issue22_the_agreement_taken_note_of_exists(sentence: str) -> None:
    trigger = "agreement" if "agreement" in sentence else "accord"
    event = _only(sentence, trigger)
    assert event.status == "happened"
    assert "status:noted-object" in event.rule


@pytest.mark.parametrize(
    ("sentence", "protest"),
    [
        ("The new survey demonstrates the point the minister made.", False),
        ("The result demonstrates that the plan works.", False),
        ("The test demonstrated how weak the wall was.", False),
        ("Thousands demonstrated outside parliament on Sunday.", True),
        ("Students demonstrated against the fee rise.", True),
        ("Farmers demonstrated.", True),
    ],
)
def test_issue22_demonstrate_is_a_protest_only_without_an_object(
    sentence: str, protest: bool
) -> None:
    types = [e.type for e in extract_events(sentence, [], [], PUBLISHED)]
    assert ("protest" in types) is protest, types


@pytest.mark.parametrize(
    ("value", "shown"),
    [("197", "1970s"), ("197X", "1970s"), ("19", "1900s"), ("2025", None), ("2025-03", None)],
)
def test_issue22_a_partial_value_is_shown_as_a_span(value: str, shown: str | None) -> None:
    assert partial(value) == shown
