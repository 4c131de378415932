"""Normalised words, exact keys and sentence spans: what reprinting may change, and what not."""

from __future__ import annotations

import pytest

from storyline.dedup.shingles import content_words
from storyline.dedup.tokens import exact_key
from storyline.text.sentences import sentences, spans
from storyline.text.tokens import normalise, words

SAME_KEY = [
    ("case", "The Ferry LEFT Port Ellan", "the ferry left port ellan"),
    (
        "curly-vs-straight-quotes",
        "“We were lucky,” she said of the harbour’s crew.",
        '"We were lucky," she said of the harbour\'s crew.',
    ),
    (
        "punctuation",
        "Nobody was hurt; the crew – all six of them – acted fast!",
        "Nobody was hurt, the crew, all six of them, acted fast.",
    ),
    ("whitespace", "Port  Ellan\n\non\tThursday ", " Port Ellan on Thursday"),
    ("compatibility-forms", "The ﬁre began at ２１２ metres", "The fire began at 212 metres"),
]


@pytest.mark.parametrize(("name", "a", "b"), SAME_KEY, ids=[case[0] for case in SAME_KEY])
def test_typography_does_not_change_the_exact_key(name: str, a: str, b: str) -> None:
    assert exact_key(a) == exact_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The ferry left on Thursday.", "The ferry left on Friday."),
        ("The crew praised the captain.", "The captain praised the crew."),
        ("It carried 212 passengers.", "It carried 213 passengers."),
        ("The ferry left.", "The ferry left again."),
    ],
)
def test_different_words_give_different_exact_keys(a: str, b: str) -> None:
    assert exact_key(a) != exact_key(b)


@pytest.mark.parametrize(
    ("hyphen", "dash"),
    [("a 30-day ban", "a 30–day ban"), ("sailings on 10-12 May", "sailings on 10–12 May")],
)
def test_dash_styles_inside_words_give_the_same_exact_key(hyphen: str, dash: str) -> None:
    assert exact_key(hyphen) == exact_key(dash)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Don’t go", ["don't", "go"]),
        ("Don't go", ["don't", "go"]),
        ("the U.S. Navy", ["the", "u.s", "navy"]),
        ("cut 1,200 jobs", ["cut", "1,200", "jobs"]),
        ("a 30-day ban", ["a", "30-day", "ban"]),
        ("cost €4.8 million", ["cost", "4.8", "million"]),
        # Inner marks join only when a word follows; before a space they are punctuation.
        ("hurt, then. Later- on", ["hurt", "then", "later", "on"]),
        ("«Oui» — (non)!", ["oui", "non"]),
        ("", []),
        ("— … * |", []),
    ],
)
def test_words_keep_inner_apostrophes_dots_commas_and_hyphens(
    text: str, expected: list[str]
) -> None:
    assert words(text) == expected


def test_normalise_folds_case_and_compatibility_forms() -> None:
    assert normalise("STRASSE Straße ﬁve １２") == "strasse strasse five 12"


def test_content_words_drop_function_words_and_short_words_but_keep_numbers() -> None:
    tokens = words("The 5 crew of the MV Solstice put it out in 11 minutes")
    assert content_words(tokens) == ["5", "crew", "solstice", "put", "11", "minutes"]


def spans_text(text: str) -> list[str]:
    return [text[start:end] for start, end in spans(sentences(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ferry left. It came back! Why? Nobody knows.",
            ["The ferry left.", "It came back!", "Why?", "Nobody knows."],
        ),
        # No split inside a number, nor before a lower-case word.
        (
            "Fares rose to €4.80 on Monday. the rest stayed. Then 90 seats were added.",
            ["Fares rose to €4.80 on Monday. the rest stayed.", "Then 90 seats were added."],
        ),
        # A sentence may open with a quote.
        (
            'She said no. "We were lucky," she added. “Very,” he said.',
            ["She said no.", '"We were lucky," she added.', "“Very,” he said."],
        ),
        # Lines are sentences: headlines and list items have no full stop.
        (
            "Ferry suspended\nCrew praised\n\n\nRefunds offered",
            ["Ferry suspended", "Crew praised", "Refunds offered"],
        ),
        ("  Leading space.   Trailing space.  \n", ["Leading space.", "Trailing space."]),
        ("", []),
        (" \n\n ", []),
    ],
)
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert spans_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said: "We were lucky." Then he left.', ['He said: "We were lucky."', "Then he left."]),
        (
            "She said: “We were lucky.” Then she left.",
            ["She said: “We were lucky.”", "Then she left."],
        ),
        ("He left. (Then he came back.) Fine.", ["He left.", "(Then he came back.)", "Fine."]),
    ],
)
def test_sentence_spans_keep_closing_quotes(text: str, expected: list[str]) -> None:
    assert spans_text(text) == expected


def test_sentence_spans_are_ordered_stripped_and_inside_the_text() -> None:
    text = "  One here.\nTwo there!  “Three,” she said.\n\n Four? Five  "
    found = spans(sentences(text))
    assert len(found) == 5
    previous_end = 0
    for start, end in found:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
