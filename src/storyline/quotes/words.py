"""What a found quote stores as its words (issue 22): the words inside the marks.

A direct or partial quote's words are its parts, the quoted stretches, joined for display;
its span runs from the first part to the last. A partial quote's reported clause
('said that the plan was "dead on arrival"') is its context, never its text. Indirect speech
has no marks: its words are the reported clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model import FoundQuote

# Between two parts of one quote, where the attribution stood: '"…," she said, "…"'.
PART_SEPARATOR = " … "


@dataclass(frozen=True, slots=True)
class QuoteWords:
    """A quote's words, parts and context in one text."""

    start: int
    end: int
    text: str
    parts: tuple[tuple[int, int], ...]
    context: tuple[int, int] | None


def quote_words(text: str, quote: FoundQuote) -> QuoteWords:
    if not quote.pieces:
        return QuoteWords(quote.start, quote.end, text[quote.start : quote.end], (), None)
    if quote.kind == "indirect":
        # 'The bigger risk, he said, is a clash': the statement's parts, without the cue.
        parts = tuple((p.start, p.end) for p in quote.pieces)
        joined = PART_SEPARATOR.join(text[s:e] for s, e in parts)
        return QuoteWords(quote.start, quote.end, joined, parts, None)
    parts = tuple((p.start, p.end) for p in quote.pieces)
    start, end = parts[0][0], parts[-1][1]
    joined = PART_SEPARATOR.join(text[s:e].strip() for s, e in parts)
    context = None
    if quote.kind == "partial" and (quote.start, quote.end) != (start, end):
        context = (min(quote.start, start), max(quote.end, end))
    return QuoteWords(start, end, joined, parts, context)
