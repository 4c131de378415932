"""Paragraphs a page repeats: the lead given twice near the top (once as a standfirst,
often reworded), and exact copies of a paragraph anywhere.

Two leads are the same sentence when they share most content words: names, numbers and the
nouns of the story, with a few words swapped ("convened to express their backing" /
"gathered ... to express their support"). Both an overlap with the shorter paragraph and a
Jaccard floor are required, so that two different opening paragraphs about the same meeting,
which share names but say different things, are both kept; and enough shared word pairs, so
that two lists of the same names in another order ("France v Israel; Cyprus v Malta" /
"Israel v Cyprus; Malta v France") are not taken for one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from storyline.clean.words import (
    common_words,
    content_sequence,
    figures,
    match_key,
    word_count,
)
from storyline.text.sentences import ends_sentence

LEAD_WINDOW = 6
MAX_LEAD_CHARS = 2000
MIN_CONTENT_WORDS = 6
MIN_PAIR_OVERLAP = 0.5
MIN_COMMON_WORDS = 3
MIN_OVERLAP = 0.75
MIN_JACCARD = 0.5
# A short standfirst wholly contained in a longer lead has a low Jaccard score.
CONTAINED_OVERLAP = 0.9
CONTAINED_JACCARD = 0.4
MIN_REPEAT_WORDS = 8


@dataclass(frozen=True, slots=True)
class Repeat:
    """Paragraph ``removed`` repeats paragraph ``kept`` (positions in the list given)."""

    removed: int
    kept: int
    overlap: float
    jaccard: float


@dataclass(frozen=True, slots=True)
class _Words:
    sentence: bool
    words: frozenset[str]
    numbers: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    common: frozenset[str]

    @classmethod
    def of(cls, text: str) -> _Words:
        if len(text) > MAX_LEAD_CHARS:
            # Leads are a sentence or two; a page-long paragraph is not one, and reading its
            # words would only cost time.
            return cls(False, frozenset(), frozenset(), frozenset(), frozenset())
        sequence = content_sequence(text)
        words = frozenset(sequence)
        numbers = figures(words)
        common = common_words(text)
        return cls(ends_sentence(text), words, numbers, frozenset(pairwise(sequence)), common)


def _similarity(a: _Words, b: _Words) -> tuple[float, float] | None:
    if not (a.sentence and b.sentence):
        # A lead is a sentence; table rows and labels that share words are not leads.
        return None
    if min(len(a.words), len(b.words)) < MIN_CONTENT_WORDS:
        return None
    smaller, larger = (a, b) if len(a.words) <= len(b.words) else (b, a)
    if not smaller.numbers <= larger.numbers:
        # Different figures mean different facts, however similar the wording.
        return None
    if len(a.pairs & b.pairs) < MIN_PAIR_OVERLAP * min(len(a.pairs), len(b.pairs)):
        return None
    shared_words = a.words & b.words
    if len(shared_words & (a.common | b.common)) < MIN_COMMON_WORDS:
        # Only names in common: fixture lists, line-ups, not one sentence told twice.
        return None
    shared = len(shared_words)
    return shared / len(smaller.words), shared / len(a.words | b.words)


def lead_similarity(first: str, second: str) -> tuple[float, float] | None:
    """(overlap with the shorter, Jaccard) over content words, or None if the paragraphs are
    too short to tell, state different figures, or share words but not their order."""
    return _similarity(_Words.of(first), _Words.of(second))


def is_same_lead(overlap: float, jaccard: float) -> bool:
    return (overlap >= MIN_OVERLAP and jaccard >= MIN_JACCARD) or (
        overlap >= CONTAINED_OVERLAP and jaccard >= CONTAINED_JACCARD
    )


def repeated_leads(texts: Sequence[str]) -> list[Repeat]:
    """Among the first paragraphs, each one that a later paragraph repeats. The later one is
    the article proper (the earlier is a standfirst or a teaser), so the earlier goes."""
    window = [_Words.of(text) for text in texts[:LEAD_WINDOW]]
    repeats: list[Repeat] = []
    for i, earlier in enumerate(window):
        for j in range(i + 1, len(window)):
            scores = _similarity(earlier, window[j])
            if scores is not None and is_same_lead(*scores):
                repeats.append(Repeat(i, j, *scores))
                break
    return repeats


def repeated_paragraphs(texts: Sequence[str]) -> list[Repeat]:
    """Each paragraph (of at least ``MIN_REPEAT_WORDS`` words) that copies an earlier one."""
    seen: dict[str, int] = {}
    repeats: list[Repeat] = []
    for index, text in enumerate(texts):
        # Only sentences: a table may rightly repeat its header row.
        if word_count(text) < MIN_REPEAT_WORDS or not ends_sentence(text):
            continue
        key = match_key(text)
        if key in seen:
            repeats.append(Repeat(index, seen[key], 1.0, 1.0))
        else:
            seen[key] = index
    return repeats
