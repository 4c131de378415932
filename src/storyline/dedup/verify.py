"""Decide whether a candidate pair is an exact copy, a near copy, a rewrite, or neither."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.dedup.align import align_texts
from storyline.dedup.keys import DocumentKeys
from storyline.dedup.minhash import jaccard

# Shingle Jaccard from which two texts are near copies (a reprint with new boilerplate, a
# trimmed paragraph, a few edited words).
NEAR_JACCARD = 0.5
# A trimmed copy: most of the shorter text's shingles are in the longer one.
NEAR_CONTAINMENT = 0.8
MIN_SHINGLES_FOR_CONTAINMENT = 10
# Content-word Jaccard below which two texts cannot be a rewrite of each other (cheap filter
# before the sentence alignment).
REWRITE_FILTER = 0.2
MIN_WORDS_FOR_REWRITE = 25
# Sentence alignment cost grows with both lengths: align at most this much of each text.
ALIGN_MAX_CHARS = 60_000

KIND_RANK = {"exact": 3, "near": 2, "rewrite": 1}
# Copies and rewrites keep the figures; templates filled with other figures (earnings
# tables, bond issues, money-market reports) share every word but the numbers.
MIN_FIGURES = 3
FIGURES_OVERLAP = 0.34
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _figures(text: str) -> set[str]:
    return set(_FIGURE.findall(text))


def _other_figures(text_a: str, text_b: str) -> bool:
    a, b = _figures(text_a), _figures(text_b)
    if len(a) < MIN_FIGURES or len(b) < MIN_FIGURES:
        return False
    return len(a & b) / len(a | b) < FIGURES_OVERLAP


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str
    score: float


def verify(a: DocumentKeys, b: DocumentKeys, text_a: str, text_b: str) -> Verdict | None:
    if a.words == 0 or b.words == 0:
        return None
    if a.exact_key == b.exact_key:
        return Verdict("exact", 1.0)
    if _other_figures(text_a, text_b):
        return None
    similarity = jaccard(a.near_signature, b.near_signature)
    if similarity >= NEAR_JACCARD:
        return Verdict("near", round(similarity, 4))
    if min(a.shingles, b.shingles) >= MIN_SHINGLES_FOR_CONTAINMENT:
        shared = similarity / (1 + similarity) * (a.shingles + b.shingles)
        if shared / min(a.shingles, b.shingles) >= NEAR_CONTAINMENT:
            return Verdict("near", round(similarity, 4))
    if min(a.words, b.words) < MIN_WORDS_FOR_REWRITE:
        return None
    if jaccard(a.rewrite_signature, b.rewrite_signature) < REWRITE_FILTER:
        return None
    alignment = align_texts(text_a[:ALIGN_MAX_CHARS], text_b[:ALIGN_MAX_CHARS])
    if alignment.is_rewrite:
        return Verdict("rewrite", round(alignment.score, 4))
    return None
