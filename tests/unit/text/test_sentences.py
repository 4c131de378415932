"""The one sentence splitter: its rules and the options some readers need."""

from __future__ import annotations

import pytest

from storyline.text.sentences import sentence_at, sentences, spans


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
