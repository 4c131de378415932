"""Tokens keep exact character offsets and split raw news the way CoNLL-2003 text is split."""

from __future__ import annotations

import random

import pytest

from storyline.text.sentences import MAX_SENTENCE_TOKENS, sentences
from storyline.text.tokens import (
    is_letter_word,
    is_word_char,
    loose_word_pattern,
    loose_words,
    retokenize,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the U.S. envoy", ["the", "U.S.", "envoy"]),
        ("Zelenskyy's call", ["Zelenskyy", "'s", "call"]),
        ("Zelenskyy’s call", ["Zelenskyy", "’s", "call"]),
        ("Erdoğan spoke", ["Erdoğan", "spoke"]),
        ("a 30-day ceasefire", ["a", "30-day", "ceasefire"]),
        ("powers—France, Germany", ["powers", "—", "France", ",", "Germany"]),
        ("powers – France", ["powers", "–", "France"]),
        ("“strong” bond", ["“", "strong", "”", "bond"]),
        ('"no," he said', ['"', "no", ",", '"', "he", "said"]),
        ("Mr. Smith and Gen. Lee", ["Mr.", "Smith", "and", "Gen.", "Lee"]),
        ("John F. Kennedy", ["John", "F.", "Kennedy"]),
        ("O'Neill and AT&T", ["O'Neill", "and", "AT&T"]),
        ("1,200 or 3.5% on 2025-03-11", ["1,200", "or", "3.5", "%", "on", "2025-03-11"]),
        ("it doesn't", ["it", "does", "n't"]),
        ("see https://example.org/a?b=1 now", ["see", "https://example.org/a?b=1", "now"]),
    ],
)
def test_tokens_split_like_conll(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "French Defense Minister Sébastien Lecornu said “the true guarantee…” on Wednesday.",
        "Se\u0301bastien (decomposed accent) and Zelenskyy’s aides — in Kyiv.",
        "  leading spaces,\ttabs\nand\r\nWindows line ends  ",
        "emoji 🙂 and CJK 東京 and Arabic القاهرة",
    ],
)
def test_offsets_are_exact(text: str) -> None:
    tokens = tokenize(text)
    assert tokens
    for token in tokens:
        assert text[token.start : token.end] == token.text
    starts = [t.start for t in tokens]
    assert starts == sorted(starts)


def test_decomposed_accent_stays_in_its_word() -> None:
    assert [t.text for t in tokenize("Se\u0301bastien Lecornu")] == ["Se\u0301bastien", "Lecornu"]


def test_sentences_end_at_full_stops_and_lines() -> None:
    text = (
        "Mr. Smith met the U.S. envoy in Paris. He left.\n"
        "HEADLINE IN CAPITALS\n\n"
        "She said: “We will go.” Then she went."
    )
    got = [" ".join(t.text for t in s) for s in sentences(text)]
    assert got == [
        "Mr. Smith met the U.S. envoy in Paris .",
        "He left .",
        "HEADLINE IN CAPITALS",
        "She said : “ We will go . ”",
        "Then she went .",
    ]


def test_a_wrapped_line_continues_its_sentence() -> None:
    text = "The minister said the talks\nwould resume on Monday."
    assert len(sentences(text)) == 1


def test_a_long_run_without_full_stops_is_cut() -> None:
    text = " ".join(["Name"] * (3 * MAX_SENTENCE_TOKENS))
    groups = sentences(text)
    assert len(groups) == 3
    assert all(len(g) <= MAX_SENTENCE_TOKENS for g in groups)


def test_empty_text_has_no_tokens() -> None:
    assert tokenize("") == []
    assert sentences("   \n\n ") == []


def test_retokenize_is_tokenize_of_the_edited_text() -> None:
    # Edits that change the tokens around them: an initial's lookahead, a clitic, an e-mail
    # address, a URL and a word joined across the edit.
    pieces = (
        "A.", "B", ". ", " ", "\n", "Mr.", "U.S.", "http://a.b", "a@b.com", "don't", "it's",
        "1,200", "--", "…", '"', "“", "(", "ab", "Cd", "'", "&", "e-m",
    )  # fmt: skip
    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        cuts = sorted(rng.sample(range(len(text) + 1), min(4, len(text) + 1)))
        changes = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if b > a]
        chars = list(text)
        for start, end in changes:
            for i in range(start, end):
                chars[i] = rng.choice("X .'\"@-\nAa1(/:")
        edited = "".join(chars)
        assert retokenize(text, tokenize(text), edited, changes) == tokenize(edited)


@pytest.mark.parametrize(
    ("char", "word"), [("a", True), ("é", True), ("7", True), ("_", False), ("-", False)]
)
def test_is_word_char(char: str, word: bool) -> None:
    assert is_word_char(char) is word


@pytest.mark.parametrize(
    ("token", "word"),
    [
        ("O'Neill", True),
        ("St.", True),
        ("Winston-Salem", True),
        ("Zürich", True),
        ("3rd", False),
        ("AT&T", False),
        ("-on", False),
    ],
)
def test_is_letter_word(token: str, word: bool) -> None:
    assert is_letter_word(token) is word


def test_loose_words_keep_their_marks() -> None:
    assert loose_words("Scott’s death -- a well-known co_op") == [
        "Scott’s",
        "death",
        "--",
        "a",
        "well-known",
        "co_op",
    ]
    assert loose_words("Egypt, and Italy", also=",") == ["Egypt", ",", "and", "Italy"]
    assert loose_words("Trump's 2 aides", "’-", also="'s") == ["Trump", "'s", "2", "aides"]
    assert loose_words("didn't meet 2 times in Zürich", "'", letters_only=True) == [
        "didn't",
        "meet",
        "times",
        "in",
        "Zürich",
    ]
    assert loose_word_pattern("'.-").search("  Gov. Kasich").group() == "Gov."  # type: ignore[union-attr]
