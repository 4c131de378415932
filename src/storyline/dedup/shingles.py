"""Stable 32-bit hashes of words and word shingles, vectorised with numpy.

Hashes are persisted (signatures are stored and never recomputed), so they must not depend on
the process: Python's ``hash`` is salted per process, CRC-32 is not. Each distinct word is
hashed once per process (a bounded cache); shingles are combined from word hashes with
numpy arithmetic instead of hashing every shingle string.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from storyline.dedup.text import content_words, words

SHINGLE_SIZE = 5
_CACHE_LIMIT = 500_000
_word_cache: dict[str, int] = {}
# Odd 64-bit multipliers, one per position in the shingle (from the SplitMix64 constants).
_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93,
     0xCA5A826395121157, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3],
    dtype=np.uint64,
)  # fmt: skip

Hashes = npt.NDArray[np.uint32]


def word_hashes(tokens: Sequence[str]) -> npt.NDArray[np.uint64]:
    cache = _word_cache
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    out = np.empty(len(tokens), dtype=np.uint64)
    for i, token in enumerate(tokens):
        value = cache.get(token)
        if value is None:
            value = cache[token] = zlib.crc32(token.encode("utf-8"))
        out[i] = value
    return out


def shingle_hashes_of(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> Hashes:
    """Distinct hashes of the ``size``-word shingles; a text shorter than that is one shingle."""
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    hashed = word_hashes(tokens)
    width = min(size, len(hashed))
    count = len(hashed) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for position in range(width):
        combined += hashed[position : position + count] * _MULTIPLIERS[position]
    folded = (combined >> np.uint64(32)) ^ (combined & np.uint64(0xFFFFFFFF))
    return np.unique(folded.astype(np.uint32))


def shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> Hashes:
    """Distinct hashes of the word shingles of ``text`` (normalised: case, punctuation)."""
    return shingle_hashes_of(words(text), size)


def content_word_hashes(tokens: Sequence[str]) -> Hashes:
    """Distinct hashes of the content words: a bag of what the text talks about."""
    return np.unique(word_hashes(content_words(list(tokens))).astype(np.uint32))
