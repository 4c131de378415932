"""A story's title and extractive summary, every sentence with its provenance.

Title: the headline of the member article closest to the story's centroid (the most
representative one). Summary: 3–5 sentences chosen by maximal marginal relevance — close
to the centroid, lead sentences preferred (news puts the essentials first), not close to a
sentence already chosen, and spread over several articles when the story has several.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model import SummarySentence
from storyline.stories.features import (
    MAX_CHARS,
    article_sentences,
    cosine,
    sentence_counts,
    vector,
)

# Candidates come from the start of each article (news puts the essentials first).
SENTENCES_PER_ARTICLE = 15
MAX_SENTENCES = 5
MIN_SENTENCES = 3
MIN_WORDS, MAX_WORDS = 6, 70
LEAD_BONUS = (1.3, 1.15)
REDUNDANT = 0.5
SAME_ARTICLE_PENALTY = 0.15
RELEVANCE_WEIGHT = 0.7


# A summary candidate: its position among the article's first sentences, its span, and its
# term counts (``features.sentence_counts``).
SummaryCandidate = tuple[int, int, int, dict[str, float]]


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    title: str | None
    text: str
    published: str | None
    vector: dict[str, float]
    # The article's summary candidates as the store keeps them (``story_sentences``); None:
    # not kept yet, worked out from the text.
    candidates: list[SummaryCandidate] | None = None


def candidates_of(text: str) -> list[SummaryCandidate]:
    """The sentences of an article that may stand in its story's summary, with their counts.
    They depend on the text alone, so the story stage keeps them (``story_sentences``): a
    story's summary is rebuilt whenever its members change, and splitting and counting every
    member's sentences again was most of the stage on a large store (issue 21)."""
    found: list[SummaryCandidate] = []
    for position, (start, end) in enumerate(_candidate_spans(text[:MAX_CHARS])):
        words = len(text[start:end].split())
        if MIN_WORDS <= words <= MAX_WORDS:
            found.append((position, start, end, dict(sentence_counts(text[start:end]))))
    return found


def choose_title(members: list[Member], centroid: dict[str, float]) -> str:
    titled = [m for m in members if m.title]
    if titled:
        best = max(titled, key=lambda m: (cosine(m.vector, centroid), -len(m.title or ""), m.id))
        return best.title or ""
    first = members[0].text.strip().split("\n")[0]
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"


def summarise(
    members: list[Member], centroid: dict[str, float], df: dict[str, int], documents: int
) -> list[SummarySentence]:
    candidates: list[tuple[float, SummarySentence, dict[str, float], int]] = []
    for member_rank, member in enumerate(members):
        found = member.candidates
        for position, start, end, counts in (
            found if found is not None else candidates_of(member.text)
        ):
            text = member.text[start:end]
            sentence_vector = vector(counts, df, documents)
            relevance = cosine(sentence_vector, centroid)
            if position < len(LEAD_BONUS):
                relevance *= LEAD_BONUS[position]
            sentence = SummarySentence(member.id, start, end, text)
            candidates.append((relevance, sentence, sentence_vector, member_rank))
    chosen: list[tuple[float, SummarySentence, dict[str, float], int]] = []
    wanted = MAX_SENTENCES if len(members) > 1 else MIN_SENTENCES
    while candidates and len(chosen) < wanted:

        def gain(item: tuple[float, SummarySentence, dict[str, float], int]) -> float:
            relevance, sentence, sentence_vector, _ = item
            redundancy = max((cosine(sentence_vector, c[2]) for c in chosen), default=0.0)
            used = any(c[1].document_id == sentence.document_id for c in chosen)
            return (
                RELEVANCE_WEIGHT * relevance
                - (1 - RELEVANCE_WEIGHT) * redundancy
                - (SAME_ARTICLE_PENALTY if used and len(members) > 1 else 0.0)
            )

        best = max(candidates, key=gain)
        candidates.remove(best)
        if any(cosine(best[2], c[2]) >= REDUNDANT for c in chosen):
            continue
        chosen.append(best)
    # Read in story order: by article (earliest first), then by position in the article.
    order = {m.id: (m.published or "", i) for i, m in enumerate(members)}
    chosen.sort(key=lambda c: (order[c[1].document_id], c[1].start))
    return [c[1] for c in chosen]


def _candidate_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The first sentences of a member's text (split once per article, see
    ``features.article_sentences``)."""
    return article_sentences(text)[:SENTENCES_PER_ARTICLE]
