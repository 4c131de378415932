"""Quoted stretches: quotation marks paired within paragraphs, robust to bad input.

Curly marks and guillemets say which way they face; a straight ``"`` (or ``''``) is an
opening mark after a space or at the start of a paragraph and a closing one before a space
or punctuation (otherwise it flips the current state). A quote never runs past its
paragraph unless the next paragraph opens with a quotation mark and the quote is still open
(the multi-paragraph convention). An opening mark with no closing one before the paragraph
ends gives a stretch to the end of its first sentence, marked ``closed=False``; a stray
closing mark is ignored. So unbalanced marks, mixed styles or a whole article in quotation
marks cannot swallow the rest of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.text.lexicon import ATTRIBUTION_VERBS, alternation
from storyline.text.sentences import next_sentence_end

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
# Two apostrophes stand for a straight double mark in some archives (''Yes,'' he said).
_MARKS = re.compile(r"''|[\"“”„«»]")
_PARAGRAPH = re.compile(r"[^\n]+")
# Where an unclosed quote's words give way to their attribution: ', she said', ', said Roe'.
_VERBS = alternation(ATTRIBUTION_VERBS)
_ATTRIBUTION = re.compile(rf",\s+(?:(?:he|she|they|we|I|it)\s+{_VERBS}|{_VERBS}\s+[A-Z])\b")
_BEFORE_OPEN = frozenset(" \t\n([{—–-/")


@dataclass(frozen=True, slots=True)
class Stretch:
    """Words between quotation marks: ``text[start:end]``; ``open_at`` / ``close_at`` are the
    marks' offsets (``close_at`` is ``None`` when the paragraph ended first)."""

    start: int
    end: int
    open_at: int
    close_at: int | None
    paragraphs: int = 1
    close_width: int = 1

    @property
    def closed(self) -> bool:
        return self.close_at is not None

    @property
    def outer_end(self) -> int:
        """Offset just past the closing mark (or the end of the words when unclosed)."""
        return self.close_at + self.close_width if self.close_at is not None else self.end


def _role(text: str, i: int, width: int) -> str:
    char = text[i]
    if char in OPENERS:
        return "open"
    if char in CLOSERS:
        return "close"
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + width] if i + width < len(text) else "\n"
    if before in _BEFORE_OPEN and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close"
    return "either"


def stretches(text: str) -> list[Stretch]:
    """Quoted stretches of ``text`` in order, never overlapping."""
    found: list[Stretch] = []
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    open_at: int | None = None
    open_width = 1
    spanned = 1
    nested = 0  # curly marks inside a straight-quoted stretch, or straight inside curly
    for index, (p_start, p_end) in enumerate(paragraphs):
        for match in _MARKS.finditer(text, p_start, p_end):
            i, width = match.start(), match.end() - match.start()
            role = _role(text, i, width)
            if open_at is not None and open_at >= p_start and _other_style(text, open_at, i):
                # '"He called it “a disgrace” at once," Roe said': a quote inside the
                # quote is part of its words, not a new stretch.
                if role == "open" and text[i] not in CLOSERS:
                    nested += 1
                    continue
                if nested and role != "open":
                    nested -= 1
                    continue
            if role == "either":
                role = "close" if open_at is not None else "open"
            if role == "open":
                at_start = not text[p_start:i].strip()
                if open_at is not None and open_at < p_start and at_start:
                    spanned += 1  # a continued multi-paragraph quote
                    continue
                if open_at is not None:
                    # Two openings in a row: the first one was never closed.
                    found.append(_unclosed(text, open_at, open_width, i))
                open_at, open_width, spanned = i, width, 1
            elif open_at is not None:
                found.append(Stretch(open_at + open_width, i, open_at, i, spanned, width))
                open_at, nested = None, 0
        if open_at is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if following is None or not _opens_paragraph(text, *following):
                found.append(_unclosed(text, open_at, open_width, p_end))
                open_at = None
    doubles = [s for s in found if s.end > s.start]
    return sorted(
        [*doubles, *_single_stretches(text, paragraphs, doubles)], key=lambda s: s.open_at
    )


# Curly single marks quote speech in British copy (‘We will not back down,’ he said). The
# closing mark is also the apostrophe, so a pair is taken only when the opening mark follows
# a space or punctuation and the closing one is followed by none of a word's letters, and
# never inside a double-quoted stretch (where single marks are a quote within the quote).
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"


def _single_stretches(
    text: str, paragraphs: list[tuple[int, int]], doubles: list[Stretch]
) -> list[Stretch]:
    found: list[Stretch] = []
    inside = [(d.open_at, d.outer_end) for d in doubles]
    for p_start, p_end in paragraphs:
        i = text.find(_SINGLE_OPEN, p_start, p_end)
        while i >= 0:
            before = text[i - 1] if i > p_start else "\n"
            j = _single_close(text, i + 1, p_end)
            if (
                before in _BEFORE_OPEN
                and j is not None
                and not any(a <= i < b or a < j < b for a, b in inside)
            ):
                found.append(Stretch(i + 1, j, i, j, 1, 1))
                i = text.find(_SINGLE_OPEN, j + 1, p_end)
            else:
                i = text.find(_SINGLE_OPEN, i + 1, p_end)
    return [s for s in found if s.end > s.start]


def _single_close(text: str, start: int, limit: int) -> int | None:
    """The first ’ after ``start`` that no letter follows (an apostrophe sits inside a word:
    "don’t", "Europe’s")."""
    j = text.find(_SINGLE_CLOSE, start, limit)
    while j >= 0:
        after = text[j + 1] if j + 1 < limit else " "
        if not after.isalnum():
            return j
        j = text.find(_SINGLE_CLOSE, j + 1, limit)
    return None


def _other_style(text: str, open_at: int, i: int) -> bool:
    """Whether the mark at ``i`` is curly inside a stretch opened by a straight mark (or
    the other way round): a nested quote."""
    return (text[open_at] in OPENERS) != (text[i] in OPENERS or text[i] in CLOSERS)


def _opens_paragraph(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return bool(stripped) and (
        stripped[0] in OPENERS or stripped[0] == STRAIGHT or stripped.startswith("''")
    )


def _unclosed(text: str, open_at: int, width: int, limit: int) -> Stretch:
    """An opening mark nothing closes: its first sentence at most, so that a stray mark in a
    long paragraph (or a one-line article) does not turn the rest into a quote."""
    end = limit
    stop = next_sentence_end(text, open_at + width, limit)
    if stop is not None:
        end = stop + 1
    cue = _ATTRIBUTION.search(text, open_at + width, end)
    if cue is not None:
        end = cue.start() + 1  # '"we will rebuild the port, she said, and …': not the cue
    while end > open_at + width and text[end - 1].isspace():
        end -= 1
    return Stretch(open_at + width, end, open_at, None, 1)
