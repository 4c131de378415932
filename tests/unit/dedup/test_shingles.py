"""Word-shingle hashes: stable across processes, normalised, order-sensitive."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from storyline.dedup.shingles import SHINGLE_SIZE, content_word_hashes, shingle_hashes
from storyline.text.tokens import words

PINNED_TEXT = "The ferry left Port Ellan at dawn on Thursday."
# Computed once and written down: signatures are stored and never recomputed, so a change
# to how words or shingles are hashed would silently stop new documents from matching the
# ones already in every existing store. If this test fails, the change needs a new dedup
# stage version (which rebuilds the index), not a new pinned value.
PINNED_HASHES = [982948753, 1980537774, 3436382116, 4115636830, 4226642506]


def test_shingle_hashes_are_pinned() -> None:
    hashes = shingle_hashes(PINNED_TEXT)
    assert hashes.dtype == np.uint32
    assert hashes.tolist() == PINNED_HASHES


def test_shingle_hashes_do_not_depend_on_the_process() -> None:
    # Python's str hash is salted per process (here: another fixed salt than this one's
    # random one); the shingle hashes must not be.
    code = (
        "from storyline.dedup.shingles import shingle_hashes\n"
        f"print(shingle_hashes({PINNED_TEXT!r}).tolist())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "4242"},
    )
    assert result.stdout.strip() == str(PINNED_HASHES)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Ferry fire contained", 1),
        ("Fire", 1),
        ("one two three four five", 1),
        ("one two three four five six", 2),
        (PINNED_TEXT, 9 - SHINGLE_SIZE + 1),
        # Repeated shingles count once: the sixth shingle repeats the first.
        ("a b c d e a b c d e", 5),
    ],
)
def test_shingle_count(text: str, count: int) -> None:
    assert len(shingle_hashes(text)) == count


@pytest.mark.parametrize("text", ["", "   \n", "— … * |"])
def test_a_text_without_words_has_no_shingles(text: str) -> None:
    hashes = shingle_hashes(text)
    assert hashes.dtype == np.uint32 and hashes.shape == (0,)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ferry left port ellan dawn", "dawn ellan port left ferry"),
        ("fire contained quickly", "quickly contained fire"),
        ("crew praised the captain today", "captain praised the crew today"),
    ],
)
def test_word_order_matters(a: str, b: str) -> None:
    assert sorted(words(a)) == sorted(words(b))
    assert set(shingle_hashes(a).tolist()).isdisjoint(shingle_hashes(b).tolist())


def test_shingles_see_the_normalised_words() -> None:
    assert np.array_equal(
        shingle_hashes("The FERRY left  Port-Ellan’s quay, at dawn!"),
        shingle_hashes("the ferry left port-ellan's quay at dawn"),
    )


def test_content_word_hashes_ignore_function_words_and_order() -> None:
    a = content_word_hashes(words("The crew of the ferry put out the fire in 11 minutes"))
    b = content_word_hashes(words("fire minutes 11 ferry crew put"))
    assert np.array_equal(a, b) and len(a) == 6
    assert content_word_hashes([]).shape == (0,)
