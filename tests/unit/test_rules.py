"""Facts record the rule or model that produced them (issue 17), tested by name: time
expressions, event mentions and entity mentions, and the catalogue those names come from
(``storyline.rules``). Quotes: tests/unit/quotes/test_rules.py."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from storyline.entities.mentions import extract as entity_mentions
from storyline.entities.pronouns import resolve
from storyline.entities.tagger import TaggedSpan
from storyline.events.extract import extract_events
from storyline.events.status import Clause, status_rule
from storyline.model import DatedTime, EntityMention, EntityRef
from storyline.rules import UnknownRule, catalogue, explain, parse
from storyline.timex.find import RULES, find_times

PUBLISHED = date(2025, 3, 12)  # a Wednesday


def test_time_rules_have_one_name_each() -> None:
    names = Counter(rule.name for rule in RULES)
    assert [name for name, count in names.items() if count > 1] == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The talks resume on 2025-03-14 in Geneva.", "iso date"),
        ("The ministers met on Tuesday.", "weekday"),
    ],
)
def test_a_time_expression_records_its_rule(text: str, rule: str) -> None:
    assert [t.rule for t in find_times(text, PUBLISHED)] == [rule]


def test_every_time_expression_names_a_rule_that_exists() -> None:
    text = "Last week, two days ago, in March 2024 and every Monday since 1999 they met."
    found = find_times(text, PUBLISHED)
    assert found
    assert {t.rule for t in found} <= {rule.name for rule in RULES}


@pytest.mark.parametrize(
    ("words", "index", "form", "days", "expected"),
    [
        (("They", "did", "not", "attack"), 3, "base", None, ("negated", "negation")),
        (("They", "will", "meet", "soon"), 2, "base", None, ("planned", "plan-words")),
        (("They", "met", "in", "Paris"), 1, "past", None, ("happened", "past-form")),
        (
            ("The", "summit", "in", "Paris"),
            1,
            "noun",
            (date(2025, 3, 20), date(2025, 3, 20)),
            ("planned", "date-after-publication"),
        ),
        (("The", "summit", "in", "Paris"), 1, "noun", None, ("reported", "no-clue")),
    ],
)
def test_a_status_names_the_rule_that_decided_it(
    words: tuple[str, ...],
    index: int,
    form: str,
    days: tuple[date, date] | None,
    expected: tuple[str, str],
) -> None:
    assert status_rule(Clause(words, index, form), days, PUBLISHED) == expected


def test_an_event_mention_records_trigger_status_and_time_rules() -> None:
    text = "The ministers met in Paris on Tuesday."
    start = text.index("Tuesday")
    tuesday = date(2025, 3, 11)
    times = [DatedTime(start, start + 7, "Tuesday", "DATE", "2025-03-11", tuesday, tuesday)]
    places = [EntityRef(text.index("Paris"), text.index("Paris") + 5, "ent_p", "Paris", "place")]
    [event] = extract_events(text, times, places, PUBLISHED)
    assert event.rule == "trigger-past/status:past-form/time:in-clause"


def _span(text: str, name: str, kind: str) -> TaggedSpan:
    start = text.index(name)
    return TaggedSpan(start, start + len(name), name, kind, 0.9)  # type: ignore[arg-type]


def test_entity_mentions_record_the_model_and_the_rules_after_it() -> None:
    text = (
        "Defence Minister Sebastien Lecornu met officials in the French capital. "
        "Lecornu said he would return."
    )
    spans = [
        _span(text, "Sebastien Lecornu", "PER"),
        TaggedSpan(text.rindex("Lecornu"), text.rindex("Lecornu") + 7, "Lecornu", "PER", 0.9),
    ]
    mentions = entity_mentions(text, spans)
    rules = {m.text: m.rule for m in mentions}
    assert rules == {
        "Sebastien Lecornu": "crf",
        "the French capital": "place-description",
        "Lecornu": "crf+surname-link",
    }
    assert [p.rule for p in resolve(text, mentions)] == ["pronoun-salience"]


def test_every_rule_in_the_catalogue_has_its_own_name_and_says_something() -> None:
    rules = catalogue()
    names = Counter(rule.name for rule in rules)
    assert [name for name, count in names.items() if count > 1] == []
    assert len({rule.written for rule in rules}) == len(rules)
    for rule in rules:
        assert rule.stage in {"entities", "quotes", "events"}, rule
        assert rule.fact in {"entity", "quote", "time", "event"}, rule
        assert rule.says.endswith(".") and len(rule.says) > 20, rule
        assert rule.name == rule.name.strip() and ":" not in rule.name, rule


def test_every_time_rule_is_in_the_catalogue() -> None:
    listed = {rule.name for rule in catalogue() if rule.fact == "time"}
    assert listed == {rule.name for rule in RULES}


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("crf", ["crf"]),
        ("crf+title-split+surname-link", ["crf", "title-split", "surname-link"]),
        ("direct-quote-then-cue+same-speaker", ["direct-quote-then-cue", "same-speaker"]),
        (
            "trigger-past/status:past-form/time:in-clause",
            ["trigger-past", "status:past-form", "time:in-clause"],
        ),
        (
            "trigger-noun/status:no-clue/time:anaphor+after-publication",
            ["trigger-noun", "status:no-clue", "time:anaphor", "after-publication"],
        ),
        ("last/next month name", ["last/next month name"]),
        ("", []),
    ],
)
def test_a_rule_string_parses_into_catalogue_entries(written: str, names: list[str]) -> None:
    assert [rule.written for rule in parse(written)] == names


@pytest.mark.parametrize(
    "written",
    ["crf+surname-lnk", "trigger-verb/status:past-form", "trigger-past/time:past-form", "x"],
)
def test_a_rule_string_naming_an_unlisted_rule_does_not_parse(written: str) -> None:
    with pytest.raises(UnknownRule):
        parse(written)
    assert explain(written) == [(written, "(not in the rule catalogue: re-run the stage)")]


def test_the_rules_named_outside_the_rule_modules_are_listed() -> None:
    # The model's defaults: a mention the tagger found, a resolved pronoun.
    assert [r.name for r in parse(EntityMention(0, 1, "X", "place", "k", "X").rule)] == ["crf"]
    assert [r.name for r in parse("pronoun-salience")] == ["pronoun-salience"]


def test_a_rule_says_what_it_looks_for() -> None:
    [(name, says)] = explain("indirect-said-that")
    assert name == "indirect-said-that"
    assert "said (that)" in says


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The ministers did not meet in Paris.", "trigger-base/status:negation"),
        ("The ministers are meeting in Paris.", "trigger-ing/status:progressive"),
        ("The ministers will meet in Paris.", "trigger-base/status:plan-words"),
    ],
)
def test_an_event_mention_records_its_status_rule_by_name(text: str, rule: str) -> None:
    [event] = extract_events(text, [], [], PUBLISHED)
    assert event.rule == rule
    assert all(part.fact == "event" for part in parse(event.rule))


def test_an_undated_anaphor_takes_the_time_of_the_mention_before() -> None:
    text = "The ministers met in Paris on Tuesday. After the meeting they left."
    start = text.index("Tuesday")
    tuesday = date(2025, 3, 11)
    times = [DatedTime(start, start + 7, "Tuesday", "DATE", "2025-03-11", tuesday, tuesday)]
    rules = [e.rule for e in extract_events(text, times, [], PUBLISHED)]
    assert rules[-1].endswith("/time:anaphor")
    assert [r.name for r in parse(rules[-1])][-1] == "anaphor"
