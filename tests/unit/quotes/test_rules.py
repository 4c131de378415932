"""Each quote records the rule that found it (issue 17): the rules tested by name."""

from __future__ import annotations

import pytest

from storyline.quotes import rules
from storyline.quotes.extract import extract
from storyline.rules import catalogue, parse


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
        (
            "According to the union, the offer was an insult to every worker at the port.",
            "indirect-according-to-first",
        ),
        (
            '"The cranes will stay idle until the talks resume next week."\n\nThe port shut.',
            "direct-standalone",
        ),
        (
            'The mayor called the offer "an insult to every worker" on Monday.',
            "partial-naming-verb",
        ),
        (
            'Politico reveals a few facts about the deal: "The cranes stay idle until May."',
            "direct-colon-name",
        ),
        (
            'The deal is "dead on arrival" in this form, the mayor believes, and the union '
            "agrees with her completely, she said.",
            "partial-cue-later",
        ),
        (
            'The mayor criticised the offer. It is "dead on arrival" in this form, as reported '
            "by the agency.",
            "partial-source-later",
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


def test_a_quote_whose_cue_names_no_speaker_takes_the_one_before() -> None:
    text = (
        '"We are ready," the union leader said on Monday, and then predicted: '
        '"We will not give up the pay rise."'
    )
    rules_found = [q.rule for q in extract(text)]
    assert rules_found == ["direct-quote-then-cue", "direct-cue-then-quote+same-speaker"]
    assert parse(rules_found[1]) == [rules.DIRECT_CUE_THEN_QUOTE, rules.SAME_SPEAKER]


def test_the_quote_rules_are_the_catalogue_s_quote_rules() -> None:
    assert tuple(r for r in catalogue() if r.stage == "quotes") == rules.RULES
