"""Sentence alignment: a rewrite keeps each sentence's anchors, an independent report does not."""

from __future__ import annotations

import pytest

from storyline.dedup.align import (
    LONGER_COVERAGE,
    MIN_SENTENCE_WEIGHT,
    REWRITE_SCORE,
    align_texts,
    bag,
    bags,
)

from .articles import INDEPENDENT_REPORT, ORIGINAL, REWRITE, TRIMMED_COPY, UNRELATED


def test_a_hand_written_rewrite_is_a_rewrite() -> None:
    alignment = align_texts(ORIGINAL, REWRITE)
    assert alignment.is_rewrite
    assert alignment.score >= REWRITE_SCORE and alignment.covered_longer >= LONGER_COVERAGE
    # Reordered sentences still align: the quote is the 3rd bag of the rewrite, the 5th of
    # the original.
    assert (4, 2) in alignment.pairs


def test_the_score_does_not_depend_on_the_argument_order() -> None:
    one, other = align_texts(ORIGINAL, REWRITE), align_texts(REWRITE, ORIGINAL)
    assert (one.score, one.covered_longer) == (other.score, other.covered_longer)
    assert {(j, i) for i, j in one.pairs} == set(other.pairs)


def test_pairs_index_the_first_text_then_the_second() -> None:
    # The trimmed copy is the original's first five sentences.
    expected = ((0, 0), (1, 1), (2, 2), (3, 3), (4, 4))
    assert align_texts(ORIGINAL, TRIMMED_COPY).pairs == expected
    assert align_texts(TRIMMED_COPY, ORIGINAL).pairs == expected


def test_a_split_sentence_still_aligns() -> None:
    joined = (
        "The crew put out the fire within eleven minutes and the Solstice returned to Port Ellan."
    )
    split = (
        "Within eleven minutes the crew had put out the fire. "
        "The Solstice then returned to Port Ellan."
    )
    assert align_texts(joined, split).score == 1.0


@pytest.mark.parametrize(
    "other", [INDEPENDENT_REPORT, UNRELATED], ids=["independent-report", "unrelated"]
)
def test_other_reporting_is_not_a_rewrite(other: str) -> None:
    alignment = align_texts(ORIGINAL, other)
    assert not alignment.is_rewrite
    assert alignment.score < REWRITE_SCORE


def test_the_independent_report_shares_names_but_few_sentences() -> None:
    shared_names = {"Solstice", "Port", "Ellan", "Carrow", "Thursday", "Rowan", "Achterberg"}
    assert all(name in INDEPENDENT_REPORT and name in ORIGINAL for name in shared_names)
    assert align_texts(ORIGINAL, INDEPENDENT_REPORT).score < 0.4


@pytest.mark.parametrize(
    "text",
    [
        INDEPENDENT_REPORT,
        UNRELATED,
        ORIGINAL,
    ],
    ids=["independent-report", "unrelated", "with-a-short-sentence"],
)
def test_a_text_against_itself_scores_one(text: str) -> None:
    alignment = align_texts(text, text)
    assert alignment.score == alignment.covered_longer == 1.0
    # Sentences too light to align ("Nobody was hurt.") pair with nothing, on either side.
    heavy = [i for i, b in enumerate(bags(text)) if b.total >= MIN_SENTENCE_WEIGHT]
    assert alignment.pairs == tuple((i, i) for i in heavy)


def test_bag_weighs_names_numbers_and_quoted_words_double() -> None:
    sentence = 'Harbour master Ines Calloway said the 212 "engineers acted" in talks.'
    # A capital at the start of a sentence is a name unless the text also writes the word
    # in lower case (then it is an ordinary word that happens to start the sentence).
    assert bag(sentence).weights["harbour"] == 2.0
    assert bag(sentence, frozenset({"harbour"})).weights == {
        "harbour": 1.0,
        "master": 1.0,
        "ines": 2.0,
        "calloway": 2.0,
        "said": 1.0,
        "212": 2.0,
        "engineers": 2.0,
        "acted": 2.0,
        "talk": 1.0,  # lightly stemmed
    }
    assert bag(sentence, frozenset({"harbour"})).total == 14.0


def test_quoted_words_count_double_when_the_sentence_ends_with_the_quote() -> None:
    (first, _) = bags('The mayor said: "We will rebuild the bridge." Work starts soon.')
    assert first.weights["bridge"] == 2.0


@pytest.mark.parametrize("text", ["", "   ", "— … —", "It is on. Of the."])
def test_texts_without_content_words_align_with_nothing(text: str) -> None:
    assert bags(text) == ()
    alignment = align_texts(text, ORIGINAL)
    assert (alignment.score, alignment.pairs, alignment.is_rewrite) == (0.0, (), False)
