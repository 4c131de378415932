"""One text prepared for quote extraction: tokens, quoted stretches, sentences."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from storyline.quotes.marks import Stretch, stretches
from storyline.text.sentences import sentences
from storyline.text.sentences import spans as sentence_spans
from storyline.text.tokens import Token, retokenize, tokenize

_MASK = "X"


@dataclass(frozen=True, slots=True)
class QuoteContext:
    text: str
    tokens: list[Token]
    token_starts: list[int]
    quoted: list[bool]  # per token: inside a quoted stretch or one of its marks
    stretches: list[Stretch]
    # Split with quoted words masked out, so that a full stop inside a quote does not end
    # the sentence around it.
    sentences: list[tuple[int, int]]
    sentence_starts: list[int]

    @classmethod
    def of(cls, text: str) -> QuoteContext:
        found = stretches(text)
        tokens = tokenize(text)
        starts = [t.start for t in tokens]
        quoted = [False] * len(tokens)
        for stretch in found:
            first = bisect_right(starts, stretch.open_at - 1)
            last = bisect_right(starts, stretch.outer_end - 1)
            for i in range(first, last):
                quoted[i] = True
        # The masked text differs from the text only inside the quotes: its tokens are the
        # text's tokens elsewhere.
        changes = [(s.open_at, s.end - 1) for s in found if s.end - 1 > s.start]
        masked = _masked(text, found)
        masked_tokens = retokenize(text, tokens, masked, changes)
        spans = sentence_spans(sentences(masked, masked_tokens, at_line_breaks=True))
        return cls(text, tokens, starts, quoted, found, spans, [s for s, _ in spans])

    def token_at_or_after(self, offset: int) -> int:
        return bisect_right(self.token_starts, offset - 1)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.sentence_starts, offset) - 1
        if index < 0:
            return (0, self.sentences[0][1] if self.sentences else len(self.text))
        return self.sentences[index]

    def words_in(self, start: int, end: int) -> int:
        first, last = self.token_at_or_after(start), self.token_at_or_after(end)
        return sum(1 for t in self.tokens[first:last] if t.text[0].isalnum())


def _masked(text: str, found: list[Stretch]) -> str:
    """The text with quoted words replaced, so that full stops inside a quote do not split
    the sentence around it; a quote's last character is kept (a quote can end a sentence)."""
    if not found:
        return text
    chars = list(text)
    for stretch in found:
        if stretch.start - stretch.open_at == 2 and stretch.end - 1 > stretch.start:
            # An opening '' (two apostrophes): masked as one straight mark before a word,
            # so that the sentence before it ends ("… a parable. ''I think …'' said Roe").
            chars[stretch.open_at + 1] = _MASK
        for i in range(stretch.start, max(stretch.start, stretch.end - 1)):
            if chars[i] != "\n":
                chars[i] = _MASK
    return "".join(chars)
