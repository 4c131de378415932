"""The duplicate labels of the dedup evaluation, computed exactly and independently of Storyline.

Definitions (``bench/README.md``, "dedup"):

- **exact**: the same words after normalising whitespace, quotes, case and punctuation;
- **near**: the exact Jaccard similarity of the two sets of word 5-shingles is at least 0.5, or
  at least 80% of the shorter text's shingles are in the longer one;
- anything else is not a copy (``None`` here; rewrites are labelled by how they were made).

Nothing here samples or estimates: candidate pairs come from an inverted index with prefix
filtering, which is complete for these thresholds (see :func:`candidate_pairs`), and every
candidate is then checked by brute force on its two shingle sets.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

SHINGLE_WORDS = 5
NEAR_JACCARD = 0.5
NEAR_CONTAINMENT = 0.8

Kind = Literal["exact", "near"]

_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
    }
)
# Punctuation (quotes included, once unified) becomes a word break; letters and digits stay.
_NOT_WORD = re.compile(r"[^\w\s]|_")


def words(text: str) -> list[str]:
    """The normalised words of ``text``: quotes unified, case folded, punctuation dropped."""
    return _NOT_WORD.sub(" ", text.translate(_QUOTES).casefold()).split()


def shingle_strings(tokens: Sequence[str], size: int = SHINGLE_WORDS) -> set[str]:
    """Word ``size``-shingles; a text shorter than ``size`` words is one shingle (or none)."""
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


@dataclass(frozen=True, slots=True)
class Similarity:
    jaccard: float
    containment: float  # of the shorter set in the longer
    same_words: bool

    @property
    def kind(self) -> Kind | None:
        if self.same_words:
            return "exact"
        if self.jaccard >= NEAR_JACCARD or self.containment >= NEAR_CONTAINMENT:
            return "near"
        return None


def similarity(text_a: str, text_b: str) -> Similarity:
    """Exact similarity of two texts under the label definitions."""
    words_a, words_b = words(text_a), words(text_b)
    return _similarity(words_a, words_b, shingle_strings(words_a), shingle_strings(words_b))


def _similarity(
    words_a: Sequence[str], words_b: Sequence[str], set_a: set[str], set_b: set[str]
) -> Similarity:
    same = list(words_a) == list(words_b)
    if not set_a or not set_b:
        return Similarity(float(same), float(same), same)
    shared = len(set_a & set_b)
    return Similarity(
        jaccard=shared / len(set_a | set_b),
        containment=shared / min(len(set_a), len(set_b)),
        same_words=same,
    )


@dataclass(frozen=True, slots=True)
class Match:
    a: int
    b: int
    kind: Kind
    similarity: Similarity


class Index:
    """Shingle sets of a collection of texts, to find every exact and near pair among them."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.words: list[list[str]] = []
        self.sets: list[set[str]] = []
        for text in texts:
            tokens = words(text)
            self.words.append(tokens)
            self.sets.append(shingle_strings(tokens))

    def __len__(self) -> int:
        return len(self.sets)

    def candidate_pairs(self) -> set[tuple[int, int]]:
        """Every pair that can be exact or near, plus some that are not (checked later).

        Both definitions imply that the pair shares at least half of the smaller set x
        (Jaccard >= 0.5 gives |x & y| >= 0.5 |x | y| >= 0.5 |x|; containment >= 0.8 gives
        |x & y| >= 0.8 |x|). So any |x| - ceil(|x|/2) + 1 shingles of x include a shared one:
        probing with x's rarest shingles that many (prefix filtering, Chaudhuri et al. 2006)
        against a full inverted index of the sets at least as large misses no pair.
        """
        frequency: dict[str, int] = defaultdict(int)
        postings: dict[str, list[int]] = defaultdict(list)
        for number, shingles in enumerate(self.sets):
            for shingle in shingles:
                frequency[shingle] += 1
                postings[shingle].append(number)
        sizes = [len(s) for s in self.sets]
        pairs: set[tuple[int, int]] = set()
        for x, shingles in enumerate(self.sets):
            if not shingles:
                continue
            rarest = sorted(shingles, key=lambda s: (frequency[s], s))
            prefix = rarest[: len(rarest) - math.ceil(len(rarest) / 2) + 1]
            others: set[int] = set()
            for shingle in prefix:
                others.update(postings[shingle])
            for y in others:
                if sizes[y] > sizes[x] or (sizes[y] == sizes[x] and y > x):
                    pairs.add((x, y) if x < y else (y, x))
        # Texts too short to share a shingle can still be the same words.
        by_words: dict[str, list[int]] = defaultdict(list)
        for number, tokens in enumerate(self.words):
            by_words[" ".join(tokens)].append(number)
        for group in by_words.values():
            pairs.update((a, b) for i, a in enumerate(group) for b in group[i + 1 :])
        return pairs

    def similarity(self, a: int, b: int) -> Similarity:
        return _similarity(self.words[a], self.words[b], self.sets[a], self.sets[b])

    def matches(self) -> list[Match]:
        """Every exact and near pair (a < b), in order."""
        found = []
        for a, b in sorted(self.candidate_pairs()):
            sim = self.similarity(a, b)
            if sim.kind is not None:
                found.append(Match(a, b, sim.kind, sim))
        return found
