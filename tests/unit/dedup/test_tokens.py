"""The array tokeniser gives exactly the words of the regular expression, as hashes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.dedup.shingles import (
    content_sets,
    content_word_hashes,
    shingle_hashes_of,
    shingle_sets,
)
from storyline.dedup.tokens import batch_word_hashes, exact_key, hash_words
from storyline.text.tokens import words

TRICKY = [
    "",
    "   ",
    "?!… — –",
    "Port-Ellan’s ferry didn't sail; U.S. officials said 1,200.5 people waited.",
    "Erdoğan met Zelenskyy in Kyiv — then Straße, ﬁnance, ＡＢＣ１２３.",
    "a--b a..b a.b.c 'quoted' ’tis ‘single’ x’y 30–day 30—day",
    "under_score snake_case __init__ _x_",
    "NUL\x00inside\x00text and\nnew\nlines\ttabs",
    "٣ arabic digits ٤٥ and 二〇二五 and ½ and ²",
    "Ελληνικά κείμενα, русский текст, עברית",
]


def reference(texts: list[str]) -> list[np.ndarray]:
    return [hash_words(words(text)) for text in texts]


def test_tricky_texts_split_like_the_regular_expression() -> None:
    block = batch_word_hashes(TRICKY)
    assert block.counts.tolist() == [len(words(t)) for t in TRICKY]
    for number, expected in enumerate(reference(TRICKY)):
        assert np.array_equal(block.of(number), expected), TRICKY[number]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=60), max_size=6))
def test_any_texts_split_like_the_regular_expression(texts: list[str]) -> None:
    block = batch_word_hashes(texts)
    for number, expected in enumerate(reference(texts)):
        assert np.array_equal(block.of(number), expected), texts[number]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="ab .,'-’\n", max_size=40), min_size=1, max_size=5))
def test_shingles_and_content_words_of_a_block_equal_those_of_each_text(texts: list[str]) -> None:
    block = batch_word_hashes(texts)
    shingles, content = shingle_sets(block), content_sets(block)
    for number, text in enumerate(texts):
        assert np.array_equal(shingles.of(number), shingle_hashes_of(words(text)))
        assert np.array_equal(content.of(number), content_word_hashes(words(text)))


def test_a_text_boundary_never_makes_a_shingle() -> None:
    alone = [shingle_hashes_of(words(t)).tolist() for t in ("one two three", "four five six")]
    block = shingle_sets(batch_word_hashes(["one two three", "four five six"]))
    assert [block.of(0).tolist(), block.of(1).tolist()] == alone
    assert len(block.values) == 2


@pytest.mark.parametrize(
    ("a", "b"),
    [("The ferry left.", "the FERRY  left"), ("Port-Ellan", "Port–Ellan"), ("it’s", "it's")],
)
def test_the_exact_key_ignores_typography(a: str, b: str) -> None:
    assert exact_key(a) == exact_key(b)


def test_a_long_text_is_one_block() -> None:
    text = " ".join(f"w{i % 997}" for i in range(200_000))
    block = batch_word_hashes([text, "short one"])
    assert block.counts.tolist() == [200_000, 2]
    assert np.array_equal(block.of(0)[:5], hash_words(words(text)[:5]))
