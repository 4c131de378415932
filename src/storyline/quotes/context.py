"""One text prepared for quote extraction: tokens, quoted stretches, sentences."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from storyline.dedup.text import sentences
from storyline.entities.tokens import Token, tokenize
from storyline.quotes.marks import Stretch, stretches

_MASK = "X"
# A full stop after these does not end a sentence ('Sen. Kelly Roe', 'John F. Kennedy').
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Capt|Cmdr|Sgt|Maj|Adm|Rev|Hon|"
    r"Pres|Prof|St|Jr|Sr|Mt|Ft|No|vs|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|Inc|Corp|Co|Ltd)"
    r"|\b[A-Z])\.$"
)


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    tokens: list[Token]
    token_starts: list[int]
    quoted: list[bool]  # per token: inside a quoted stretch or one of its marks
    stretches: list[Stretch]
    sentences: list[tuple[int, int]]  # split with quoted words masked out
    sentence_starts: list[int]

    @classmethod
    def of(cls, text: str) -> Context:
        found = stretches(text)
        tokens = tokenize(text)
        starts = [t.start for t in tokens]
        quoted = [False] * len(tokens)
        for stretch in found:
            first = bisect_right(starts, stretch.open_at - 1)
            last = bisect_right(starts, stretch.outer_end - 1)
            for i in range(first, last):
                quoted[i] = True
        spans = _join_abbreviations(text, sentences(_masked(text, found)))
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


def _join_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if (
            joined
            and "\n" not in text[joined[-1][1] : start]
            and _ABBREVIATION.search(text, max(0, joined[-1][1] - 8), joined[-1][1])
        ):
            joined[-1] = (joined[-1][0], end)
            continue
        joined.append((start, end))
    return joined


def _masked(text: str, found: list[Stretch]) -> str:
    """The text with quoted words replaced, so that full stops inside a quote do not split
    the sentence around it; a quote's last character is kept (a quote can end a sentence)."""
    chars = list(text)
    for stretch in found:
        for i in range(stretch.start, max(stretch.start, stretch.end - 1)):
            if chars[i] != "\n":
                chars[i] = _MASK
    return "".join(chars)
