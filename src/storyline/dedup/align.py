"""Rewrites: the same reporting in other words, decided from aligned sentences.

A rewrite paraphrases sentence by sentence: words change, but each sentence keeps the
names, numbers and quoted words of the sentence it rewrites, and most sentences of the
rewrite have a counterpart in the original. Two outlets' own reports of the same meeting
share the topic and a few names, but few of their sentences line up. So the decision is
made on aligned sentences, not on topic similarity:

- each sentence becomes a set of content words, where names (capitalised words), numbers
  and quoted words count double (they survive paraphrase);
- a sentence is aligned when another text's sentence covers at least ``SENTENCE_MATCH`` of
  its weight (containment, so that one sentence split into two still aligns);
- the score is the share of the shorter text's weight that is aligned; the longer text must
  also be covered in part (a rewrite may drop paragraphs, but not most of them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.text.lexicon import FUNCTION_WORDS as STOPWORDS
from storyline.text.sentences import sentences, spans
from storyline.text.tokens import normalise, raw_words

SENTENCE_MATCH = 0.5
ANCHOR_MATCH = 0.5
DOCUMENT_ANCHORS = 0.7
LEAD_ANCHORS = 0.6
REWRITE_SCORE = 0.6
LONGER_COVERAGE = 0.3
MIN_SENTENCE_WEIGHT = 3.0
# Evidence: a rewrite is claimed from at least this many aligned sentences. Two or three
# sentences cannot tell a paraphrase from a templated report or an agency's own follow-up
# ("The Fed entered the market to arrange N billion dlrs of repurchases ..."): measured on
# Reuters-21578, 361 of the 557 rewrite links between different articles joined texts of
# one to three sentences. Short copies are still found as exact or near copies.
MIN_ALIGNED_SENTENCES = 4

_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]{3,300})[\"“”«»„]")


@dataclass(frozen=True, slots=True)
class SentenceBag:
    weights: dict[str, float]
    total: float
    # Names, numbers and quoted words: what a rewrite keeps and a template changes.
    anchors: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Alignment:
    score: float
    covered_shorter: float
    covered_longer: float
    pairs: tuple[tuple[int, int], ...]

    @property
    def is_rewrite(self) -> bool:
        return (
            self.score >= REWRITE_SCORE
            and self.covered_longer >= LONGER_COVERAGE
            and len(self.pairs) >= MIN_ALIGNED_SENTENCES
        )


def _stem(word: str) -> str:
    # Light suffix stripping: enough for "talks"/"talk", "agreed"/"agree", not a lemmatiser.
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def bag(sentence: str, ordinary: frozenset[str] = frozenset()) -> SentenceBag:
    """Weighted words of a sentence. ``ordinary``: words the text also writes in lower case,
    which are not names when they start a sentence ("Proceeds will be used ...")."""
    quoted = {normalise(w) for q in _QUOTED.findall(sentence) for w in raw_words(q)}
    weights: dict[str, float] = {}
    anchors: set[str] = set()
    for index, raw in enumerate(raw_words(sentence)):
        word = normalise(raw)
        if word in STOPWORDS or (len(word) < 3 and not word[0].isdigit()):
            continue
        capitalised = raw[0].isupper() and (index > 0 or word not in ordinary)
        anchor = raw[0].isdigit() or capitalised or word in quoted
        key = word if anchor else _stem(word)
        weights[key] = max(weights.get(key, 0.0), 2.0 if anchor else 1.0)
        if anchor:
            anchors.add(key)
    return SentenceBag(weights, sum(weights.values()), frozenset(anchors))


@lru_cache(maxsize=512)
def bags(text: str) -> tuple[SentenceBag, ...]:
    """Sentence bags of a text; cached because one article is aligned with several others."""
    ordinary = frozenset(normalise(w) for w in raw_words(text) if w[0].islower())
    found = spans(sentences(text))
    return tuple(b for start, end in found if (b := bag(text[start:end], ordinary)).total > 0)


def _coverage(side: Sequence[SentenceBag], other: Sequence[SentenceBag]) -> tuple[float, list[int]]:
    """Share of ``side``'s weight in sentences that some sentence of ``other`` covers.

    Sentences too light to align ("Nobody was hurt.") are left out of the total too.
    """
    total = sum(b.total for b in side if b.total >= MIN_SENTENCE_WEIGHT)
    if total == 0:
        return 0.0, []
    covered = 0.0
    best_of: list[int] = []
    for sentence in side:
        best, best_index = 0.0, -1
        if sentence.total >= MIN_SENTENCE_WEIGHT:
            for index, candidate in enumerate(other):
                shared = sum(w for word, w in sentence.weights.items() if word in candidate.weights)
                share = shared / sentence.total
                if share > best and _keeps_anchors(sentence, candidate):
                    best, best_index = share, index
        if best >= SENTENCE_MATCH:
            covered += sentence.total
            best_of.append(best_index)
        else:
            best_of.append(-1)
    return covered / total, best_of


def _keeps_anchors(sentence: SentenceBag, candidate: SentenceBag) -> bool:
    """A rewrite keeps most names and figures of the sentence it rewrites; a template filled
    in for another company or other figures ("X issues 100 mln dlr bond") does not."""
    if not sentence.anchors:
        return True
    kept = len(sentence.anchors & candidate.anchors)
    return kept / len(sentence.anchors) >= ANCHOR_MATCH


def anchor_containment(a: Sequence[SentenceBag], b: Sequence[SentenceBag]) -> float:
    """Share of the smaller text's names and figures found in the other text."""
    anchors_a = frozenset().union(*(s.anchors for s in a))
    anchors_b = frozenset().union(*(s.anchors for s in b))
    smaller = min(len(anchors_a), len(anchors_b))
    return len(anchors_a & anchors_b) / smaller if smaller else 1.0


def _same_lead(a: Sequence[SentenceBag], b: Sequence[SentenceBag]) -> bool:
    """Each lead's names and figures are mostly in the other text: who the story is about.
    Templates ("X Corp raises prime rate", "Y Bank raises prime rate") differ right there."""
    if not a or not b:
        return False
    everything_a = frozenset().union(*(s.anchors for s in a))
    everything_b = frozenset().union(*(s.anchors for s in b))
    for lead, other in ((a[0].anchors, everything_b), (b[0].anchors, everything_a)):
        if lead and len(lead & other) / len(lead) < LEAD_ANCHORS:
            return False
    return True


def align(a: Sequence[SentenceBag], b: Sequence[SentenceBag]) -> Alignment:
    """Align two texts' sentences; ``a`` and ``b`` in any order."""
    weight_a, weight_b = sum(x.total for x in a), sum(x.total for x in b)
    shorter, longer = (a, b) if weight_a <= weight_b else (b, a)
    if anchor_containment(a, b) < DOCUMENT_ANCHORS or not _same_lead(a, b):
        # Another company, other figures: the same template, not the same reporting.
        return Alignment(0.0, 0.0, 0.0, ())
    covered_shorter, matches = _coverage(shorter, longer)
    covered_longer, _ = _coverage(longer, shorter)
    pairs = tuple((i, j) for i, j in enumerate(matches) if j >= 0)
    if shorter is b:
        pairs = tuple((j, i) for i, j in pairs)
    return Alignment(covered_shorter, covered_shorter, covered_longer, pairs)


def align_texts(a: str, b: str) -> Alignment:
    return align(bags(a), bags(b))
