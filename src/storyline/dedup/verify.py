"""Decide whether a candidate pair is an exact copy, a near copy, a rewrite, or neither."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.dedup.align import align_texts
from storyline.dedup.keys import DocumentKeys
from storyline.dedup.minhash import jaccard
from storyline.dedup.shingles import content_sets, shingle_hashes
from storyline.dedup.subject import named_in_other, same_subject
from storyline.dedup.tokens import batch_word_hashes

# Shingle Jaccard from which two texts are near copies (a reprint with new boilerplate, a
# trimmed paragraph, a few edited words).
NEAR_JACCARD = 0.5
# A trimmed copy: most of the shorter text's shingles are in the longer one.
NEAR_CONTAINMENT = 0.8
MIN_SHINGLES_FOR_CONTAINMENT = 10
# An edited copy: paragraphs cut or swapped and about one word in twelve changed, which
# leaves about two thirds of the 5-shingles (0.92^5) but nearly all the content words.
# Fitted on the ECB+ training topics of bench/dedup_edited.py (python -m bench dedup --part
# edited): 0.45 / 0.75 found 99% of the original-copy pairs but the stage's groups folded
# 1.3% of the pairs of different reports of one event (ECB+ outlets running one agency text
# with edits); at 0.55 / 0.8 (with the name and figure checks below) they fold 0.87% and
# 87% of the edited copies are found (pairwise F1 0.88 against MinHashLSH's best 0.76).
# The content words keep two articles that share a few appended paragraphs apart. Such a
# copy is a rewrite (the words changed), found from the shingles without an alignment.
EDITED_CONTAINMENT = 0.55
EDITED_CONTENT = 0.8
MIN_WORDS_FOR_EDITED = 30
# A text under 0.3 of the other's length is a brief drawing on it, not an edited copy: cut
# copies and first halves keep 0.4 of their original and more (99th percentile of the
# set). Measured: folding two such ECB+ briefs (71 and 84 words, of a 378-word report) into
# it moved the story clusters that tests/eval/test_events_quality.py links events in below
# its B-cubed floor (0.790 < 0.795).
MIN_EDITED_LENGTH = 0.3
# Estimates this close below a threshold are checked on the exact sets (3.4 standard
# deviations of a 128-permutation estimate at J = 0.5).
GRAY = 0.15
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
FIGURES_SHARED = 0.5
MIN_FIGURES_KEPT = 2
FIGURES_KEPT = 0.8
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


@lru_cache(maxsize=4096)
def _figures(text: str) -> frozenset[str]:
    return frozenset(_FIGURE.findall(text))


def _figures_kept(text_a: str, text_b: str) -> bool:
    """A rewrite keeps the figures: most of those of the text with fewer are in the other.
    (Reuters' money-market and commodity reports re-use every sentence with new figures.)"""
    a, b = _figures(text_a), _figures(text_b)
    fewer, more = (a, b) if len(a) <= len(b) else (b, a)
    if len(fewer) < MIN_FIGURES_KEPT:
        return True
    return len(fewer & more) / len(fewer) >= FIGURES_KEPT


def _other_figures(text_a: str, text_b: str) -> bool:
    """Another report from the same template: the text with fewer figures (at least
    ``MIN_FIGURES``) finds fewer than ``FIGURES_SHARED`` of them in the other. A trimmed
    first take keeps its figures inside the full story; a correction changes one or two."""
    a, b = _figures(text_a), _figures(text_b)
    fewer, more = (a, b) if len(a) <= len(b) else (b, a)
    if len(fewer) < MIN_FIGURES:
        return False
    return len(fewer & more) / len(fewer) < FIGURES_SHARED


@lru_cache(maxsize=1024)
def _shingles(text: str) -> frozenset[int]:
    return frozenset(shingle_hashes(text).tolist())


@lru_cache(maxsize=1024)
def _content(text: str) -> frozenset[int]:
    return frozenset(content_sets(batch_word_hashes([text])).values.tolist())


def content_containment(text_a: str, text_b: str) -> float:
    """Share of the smaller text's content words (as the rewrite keys count them) found in
    the other."""
    a, b = _content(text_a), _content(text_b)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def shingle_overlap(text_a: str, text_b: str) -> tuple[float, float]:
    """Exact shingle Jaccard and containment (of the smaller set) of two texts."""
    a, b = _shingles(text_a), _shingles(text_b)
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))


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
    # MinHash found the candidate; a pair the estimate puts near a threshold is decided on
    # the exact shingle sets, so that it is not decided by the estimate's noise (about
    # +-0.04 at 128 permutations) and containment is exact however different the lengths.
    # Far below both thresholds the estimate is enough (measured: exact sets for every
    # candidate took 40% of the stage on 10k articles).
    estimate = jaccard(a.near_signature, b.near_signature)
    enough = min(a.shingles, b.shingles) >= MIN_SHINGLES_FOR_CONTAINMENT
    estimated_containment = (
        estimate / (1 + estimate) * (a.shingles + b.shingles) / min(a.shingles, b.shingles)
        if enough
        else 0.0
    )
    if estimate >= NEAR_JACCARD - GRAY or estimated_containment >= EDITED_CONTAINMENT - GRAY:
        similarity, containment = shingle_overlap(text_a, text_b)
        if similarity >= NEAR_JACCARD or (enough and containment >= NEAR_CONTAINMENT):
            return Verdict("near", round(similarity, 4))
        if (
            enough
            and containment >= EDITED_CONTAINMENT
            and min(a.words, b.words) >= MIN_WORDS_FOR_EDITED
            and min(a.words, b.words) >= MIN_EDITED_LENGTH * max(a.words, b.words)
            and content_containment(text_a, text_b) >= EDITED_CONTENT
            and _figures_kept(text_a, text_b)
            and named_in_other(text_a, text_b)
        ):
            # Past the near bounds, the words changed: the reporting edited, a rewrite
            # (bench/dedup_data.py labels such pairs so), scored by the share it kept.
            return Verdict("rewrite", round(containment, 4))
    if min(a.words, b.words) < MIN_WORDS_FOR_REWRITE:
        return None
    if jaccard(a.rewrite_signature, b.rewrite_signature) < REWRITE_FILTER:
        return None
    if not _figures_kept(text_a, text_b):
        return None
    if not same_subject(text_a, text_b):
        return None  # the same template about another company or person
    alignment = align_texts(text_a[:ALIGN_MAX_CHARS], text_b[:ALIGN_MAX_CHARS])
    if alignment.is_rewrite:
        return Verdict("rewrite", round(alignment.score, 4))
    return None
