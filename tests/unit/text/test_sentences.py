"""The one sentence splitter: its rules and the options some readers need."""

from __future__ import annotations

import pytest

from storyline.text.sentences import (
    ends_sentence,
    has_sentence_break,
    may_start_sentence,
    next_sentence_end,
    sentence_at,
    sentence_breaks,
    sentences,
    spans,
)


def texts(text: str, **options: bool) -> list[str]:
    return [text[start:end] for start, end in spans(sentences(text, **options))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An abbreviation or an initial keeps its full stop: no sentence ends there.
        (
            "Sen. Kelly Roe met Gov. Ann Ode. They talked.",
            ["Sen. Kelly Roe met Gov. Ann Ode.", "They talked."],
        ),
        ("John F. Kennedy spoke. He left.", ["John F. Kennedy spoke.", "He left."]),
        # A straight quote after a space opens the next sentence.
        ('He left. "We won," she said.', ["He left.", '"We won," she said.']),
        # A closing quote right after the full stop stays with its sentence.
        ('She said: "We won." Then she left.', ['She said: "We won."', "Then she left."]),
        # TimeML's `` opens a quote.
        ("He left. ``We won,'' she said.", ["He left.", "``We won,'' she said."]),
        # No space after the full stop, or a comma or dash next: the sentence goes on.
        ("Robert Menendez (D-N.J.) all agreed.", ["Robert Menendez (D-N.J.) all agreed."]),
        ("in Birmingham, Ala., killed a guard.", ["in Birmingham, Ala., killed a guard."]),
        ("about it.” ― Esther Tapia", ["about it.” ― Esther Tapia"]),
        # Lines: a headline is a sentence; a hard-wrapped line before a lower-case word is not.
        ("Ferry suspended\nCrew praised", ["Ferry suspended", "Crew praised"]),
        ("who has\nrepeatedly pledged to ban", ["who has\nrepeatedly pledged to ban"]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_every_line_break_ends_a_sentence_when_asked() -> None:
    assert texts("who has\nrepeatedly pledged", at_line_breaks=True) == [
        "who has",
        "repeatedly pledged",
    ]


def test_a_semicolon_ends_a_sentence_when_asked() -> None:
    text = "Talks ended; Talks resume Friday."
    assert texts(text) == [text]
    assert texts(text, at_semicolons=True) == ["Talks ended;", "Talks resume Friday."]


def test_a_piece_opening_with_a_comma_joins_the_sentence_before_when_asked() -> None:
    text = "It began at 9 a. m.\n, Ode said."
    assert len(texts(text)) == 2
    assert texts(text, join_clauses=True) == [text]


def test_sentence_at_spans_the_sentences_a_stretch_touches() -> None:
    text = "One here. Two there. Three."
    start = text.index("Two")
    assert text[slice(*sentence_at(text, start, start + 3))] == "Two there."
    assert text[slice(*sentence_at(text, 0, start + 3))] == "One here. Two there."


@pytest.mark.parametrize(
    ("text", "ends"),
    [("He left.", True), ('He said "no."', True), ("(See below.)", True), ("He left", False)],
)
def test_ends_sentence(text: str, ends: bool) -> None:
    assert ends_sentence(text) is ends


def test_next_sentence_end_needs_more_text_after_it() -> None:
    text = "“We won. They lost… ok"
    assert next_sentence_end(text, 1, len(text)) == text.index(".")
    assert next_sentence_end(text, text.index("They"), len(text)) == text.index("…")
    assert next_sentence_end("We won.", 0, 7) is None


def test_rough_sentence_breaks() -> None:
    text = "Sen. Cruz left.\nThen he spoke. Again"
    assert list(sentence_breaks(text)) == [3, 14, 29]  # ".\n" is one break
    assert has_sentence_break(text, 5, 20)
    assert not has_sentence_break(text, 5, 14)


@pytest.mark.parametrize(
    ("char", "starts"),
    [("T", True), ("É", True), ("7", True), ("“", True), ("t", False), (",", False)],
)
def test_may_start_sentence(char: str, starts: bool) -> None:
    assert may_start_sentence(char) is starts
