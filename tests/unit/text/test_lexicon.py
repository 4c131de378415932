"""Shared word lists and the helpers built on them."""

from __future__ import annotations

import re

from storyline.text import lexicon
from storyline.text.tokens import word_spans, words


def test_month_and_weekday_numbers_come_from_names_and_abbreviations() -> None:
    assert [lexicon.month_of(m) for m in ("january", "sept", "dec")] == [1, 9, 12]
    assert [lexicon.weekday_of(d) for d in ("monday", "thurs", "sun")] == [0, 3, 6]


def test_number_values() -> None:
    assert lexicon.NUMBER_VALUES["zero"] == 0
    assert lexicon.NUMBER_VALUES["nineteen"] == 19
    assert lexicon.NUMBER_VALUES["ninety"] == 90


def test_alternation_tries_the_longer_word_first() -> None:
    pattern = re.compile(lexicon.alternation(lexicon.word_set("say says")))
    assert pattern.match("says").group() == "says"


def test_irregular_verbs_are_read_per_row_and_line() -> None:
    assert lexicon.IRREGULAR_BASE["won"] == "win"  # the first row of its line
    assert lexicon.IRREGULAR_BASE["lost"] == "lose"  # the last row of its line
    assert lexicon.IRREGULAR_BASE["broke"] == "break"


def test_word_spans_are_the_words_of_the_raw_text() -> None:
    text = "Don't go to the U.S. on 12:30"
    assert [text[s:e] for s, e in word_spans(text)] == [
        "Don",
        "t",
        "go",
        "to",
        "the",
        "U",
        "S",
        "on",
        "12",
        "30",
    ]
    assert text[slice(*word_spans(text, "'")[0])] == "Don't"
    assert words(text, joiners="") == ["don", "t", "go", "to", "the", "u", "s", "on", "12", "30"]
