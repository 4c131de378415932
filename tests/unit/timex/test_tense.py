"""Which way a clause looks: the nearest tense marker to an expression in its sentence."""

from __future__ import annotations

import pytest

from storyline.text.sentences import sentence_at
from storyline.timex.tense import Tense, tense_at


def _tense(text: str, expression: str) -> Tense:
    start = text.index(expression)
    return tense_at(text, start, start + len(expression))


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("The board will meet on Friday.", "future"),
        ("The board is due to meet on Friday.", "future"),
        ("The board plans to meet on Friday.", "future"),
        ("The board is to meet on Friday.", "future"),
        ("The board met on Friday.", "past"),
        ("On Friday, the board voted to sell.", "past"),
        ("The board has approved the sale on Friday.", "past"),
        ("The offer was due to expire on Friday.", "past"),
        ("The board is meeting on Friday.", "present"),
        ("The shares will be sold on Friday.", "future"),
        ("Friday brings the vote.", "none"),
        ("Talks may resume on Friday.", "future"),
        ("The mayor said the road could reopen on Friday if the rain stops.", "future"),
        ("The pair may have met on Friday.", "past"),
        ("The owner could not be reached on Friday.", "none"),
        ("Nobody could be found on Friday at the farm.", "none"),
        ("The ministry said it expected to announce a result on Friday.", "future"),
        ("Fighting has continued since Friday.", "past"),
        ("Delegates made a promise to settle quotas before Friday.", "future"),
        ("Officials said the road could be reopened on Friday.", "future"),
        ("The attack may be linked to a bombing on Friday.", "none"),
        ("Investigators said the blast could be heard miles away on Friday.", "past"),
    ],
)
def test_nearest_marker_decides(text: str, tense: Tense) -> None:
    assert _tense(text, "Friday") == tense


def test_the_sentence_ends_the_search() -> None:
    text = "The minister resigned. Talks resume on Friday."
    assert _tense(text, "Friday") == "none"
    start = text.index("Friday")
    sentence = sentence_at(text, start, start + 6, at_semicolons=True)
    assert text[slice(*sentence)].startswith("Talks resume")


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("The ministers met and will meet again on Friday, officials said.", "future"),
        ("The ministers will meet again on Friday, said a spokesman.", "future"),
        ("Talks resume on Friday, the ministry said in a statement.", "none"),
        ("On Friday, the chiefs met in Paris.", "past"),
    ],
)
def test_a_trailing_attribution_does_not_set_the_tense(text: str, tense: Tense) -> None:
    assert _tense(text, "Friday") == tense
