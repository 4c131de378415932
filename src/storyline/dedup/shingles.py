"""Stable 32-bit hashes of word shingles and content words, many texts at a time.

Hashes are persisted (signatures are stored and never recomputed), so they must not depend on
the process: words are hashed by :mod:`storyline.dedup.tokens` (no salted ``hash``), and a
shingle combines its words' hashes with numpy arithmetic instead of hashing a shingle string.
A block of texts is one array: shingles that would cross from one text into the next are
masked out, and one ``np.unique`` over ``(text, hash)`` keys gives every text's distinct set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from storyline.dedup.tokens import STOPWORD_HASHES, Words, batch_word_hashes, hash_words
from storyline.text.lexicon import FUNCTION_WORDS

SHINGLE_SIZE = 5
# The lead whose shingles key short versions (keys.DocumentKeys.lead_signature): about the
# first paragraph of a news article.
LEAD_WORDS = 50
# Odd 64-bit multipliers, one per position in the shingle (from the SplitMix64 constants).
_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93,
     0xCA5A826395121157, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3],
    dtype=np.uint64,
)  # fmt: skip
_LOW = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)

Hashes = npt.NDArray[np.uint32]


@dataclass(frozen=True, slots=True)
class HashSets:
    """One distinct, sorted set of 32-bit hashes per text, stored end to end."""

    values: Hashes
    counts: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.counts)

    def of(self, text: int) -> Hashes:
        start = int(self.counts[:text].sum())
        return self.values[start : start + int(self.counts[text])]


def shingle_sets(block: Words, size: int = SHINGLE_SIZE) -> HashSets:
    """The distinct ``size``-word shingles of each text; a shorter text is one shingle."""
    hashes, owners = block.hashes, block.owners
    parts_values, parts_owners = [], []
    if len(hashes) >= size:
        count = len(hashes) - size + 1
        with np.errstate(over="ignore"):
            combined = hashes[:count] * _MULTIPLIERS[0]
            for position in range(1, size):
                combined += hashes[position : position + count] * _MULTIPLIERS[position]
        inside = owners[:count] == owners[size - 1 : size - 1 + count]
        parts_values.append(combined[inside])
        parts_owners.append(owners[:count][inside])
    starts = np.concatenate([[0], np.cumsum(block.counts)[:-1]]).astype(np.int64)
    for text in np.flatnonzero((block.counts > 0) & (block.counts < size)).tolist():
        start, width = int(starts[text]), int(block.counts[text])
        with np.errstate(over="ignore"):
            value = (hashes[start : start + width] * _MULTIPLIERS[:width]).sum(dtype=np.uint64)
        parts_values.append(np.array([value], dtype=np.uint64))
        parts_owners.append(np.array([text], dtype=np.int64))
    return _distinct(parts_values, parts_owners, len(block.counts))


def lead_words(block: Words, size: int = LEAD_WORDS) -> Words:
    """The first ``size`` words of each text of the block (one mask, no loop)."""
    starts = np.concatenate([[0], np.cumsum(block.counts)[:-1]]).astype(np.int64)
    position = np.arange(len(block.hashes), dtype=np.int64) - np.repeat(starts, block.counts)
    keep = position < size
    return Words(
        block.hashes[keep],
        block.lengths[keep],
        block.digit_first[keep],
        np.minimum(block.counts, size).astype(np.int64),
    )


def content_sets(block: Words) -> HashSets:
    """The distinct content words of each text (no stop words, no 1–2 letter words)."""
    keep = ~np.isin(block.hashes, STOPWORD_HASHES) & ((block.lengths > 2) | block.digit_first)
    return _distinct([block.hashes[keep]], [block.owners[keep]], len(block.counts))


def _distinct(
    values: list[npt.NDArray[np.uint64]], owners: list[npt.NDArray[np.int64]], texts: int
) -> HashSets:
    if not values:
        return HashSets(np.empty(0, dtype=np.uint32), np.zeros(texts, dtype=np.int64))
    combined = np.concatenate(values)
    folded = (combined >> _SHIFT) ^ (combined & _LOW)
    keys = np.sort((np.concatenate(owners).astype(np.uint64) << _SHIFT) | folded)
    # Sort and drop repeats: np.unique (numpy 2.4) took its hash path here, measured 10x
    # slower than sorting on these arrays.
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    counts = np.bincount((keys >> _SHIFT).astype(np.int64), minlength=texts).astype(np.int64)
    return HashSets((keys & _LOW).astype(np.uint32), counts)


def shingle_hashes_of(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> Hashes:
    """Distinct shingle hashes of one text's words (the same as :func:`shingle_sets`)."""
    block = Words(
        hash_words(tokens),
        np.array([len(t) for t in tokens], dtype=np.int64),
        np.array([t[:1].isdigit() for t in tokens], dtype=bool),
        np.array([len(tokens)], dtype=np.int64),
    )
    return shingle_sets(block, size).values


def shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> Hashes:
    """Distinct hashes of the word shingles of ``text`` (normalised: case, punctuation)."""
    return shingle_sets(batch_word_hashes([text]), size).values


def content_word_hashes(tokens: Sequence[str]) -> Hashes:
    """Distinct hashes of the content words: a bag of what the text talks about."""
    kept = content_words(tokens)
    folded = hash_words(kept)
    return np.unique(((folded >> _SHIFT) ^ (folded & _LOW)).astype(np.uint32))


def content_words(tokens: Sequence[str]) -> list[str]:
    """The words that carry content: no function words, none shorter than three letters
    (figures kept)."""
    return [t for t in tokens if t not in FUNCTION_WORDS and (len(t) > 2 or t[0].isdigit())]


__all__ = [
    "SHINGLE_SIZE",
    "HashSets",
    "content_sets",
    "content_word_hashes",
    "lead_words",
    "shingle_hashes",
    "shingle_hashes_of",
    "shingle_sets",
]
