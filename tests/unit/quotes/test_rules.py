"""Each quote records the rule that found it (issue 17): the rules tested by name."""

from __future__ import annotations

import pytest

from storyline.quotes.extract import extract


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ('"We will not sign this deal," the minister said on Monday.', "direct-quote-then-cue"),
        ('The minister said: "We will not sign this deal today."', "direct-cue-then-quote"),
        (
            'Harbour official Ana Ruiz: "The cranes stay idle until the talks resume."',
            "direct-colon-name",
        ),
        (
            'The port faces "a very long and costly strike," the mayor said on Monday.',
            "partial-quote-then-cue",
        ),
        (
            'The mayor warned that the port faced "a very long and costly strike" this year.',
            "partial-reported-clause",
        ),
        (
            "The union said that the offer was an insult to every worker at the port.",
            "indirect-said-that",
        ),
        (
            "The offer was an insult to every worker at the port, the union said.",
            "indirect-cue-after",
        ),
    ],
)
def test_the_rule_that_found_a_quote_is_recorded(text: str, rule: str) -> None:
    quotes = extract(text)
    assert [q.rule for q in quotes] == [rule]


def test_a_quote_without_a_cue_names_how_it_got_its_speaker() -> None:
    text = (
        '"We are ready to talk," the union leader said on Monday.\n\n'
        '"But we will not give up the pay rise that our members voted for."'
    )
    rules = [q.rule for q in extract(text)]
    assert rules == ["direct-quote-then-cue", "direct-continues-speaker"]
