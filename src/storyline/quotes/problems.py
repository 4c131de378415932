"""What in a text made its quotes hard to read, counted (issue 22, "Bad input").

The extractor never fails on these; it reads around them (``marks.py``: a quote nothing
closes stops at its sentence's end; a quote across paragraphs needs the next paragraph to
reopen with a mark). The quote stage adds these counts to its summary so that a run over
headlines in capitals, price tables or broken markup says how much of it there was.
"""

from __future__ import annotations

from collections import Counter

from storyline.quotes.context import QuoteContext

UNCLOSED = "quote never closed"
ACROSS_PARAGRAPHS = "quote across paragraphs"
NESTED = "quote inside a quote"
CAPITALS = "paragraph in capitals"
TABLE = "table or ticker line"
ATTRIBUTION_INSIDE = "cue inside quoted words"

# A paragraph in capitals: most of its letters upper-case (a Reuters headline "KUWAIT SAYS
# NO PLANS FOR OPEC MEETING"); a table or ticker line: mostly digits, signs and spaces.
_CAPITALS_SHARE = 0.8
_CAPITALS_LETTERS = 12
_TABLE_SHARE = 0.5
_TABLE_CHARS = 12
_INNER_MARKS = frozenset('“”"‘«»')
_INNER_CUES = (", he said", ", she said", ", they said", " said, ")


def quote_problems(ctx: QuoteContext) -> Counter[str]:
    """The problems of one prepared text (``QuoteContext``), by name."""
    found: Counter[str] = Counter()
    text = ctx.text
    for stretch in ctx.stretches:
        if not stretch.closed:
            found[UNCLOSED] += 1
        if stretch.paragraphs > 1:
            found[ACROSS_PARAGRAPHS] += 1
        words = text[stretch.start : stretch.end]
        if any(mark in words for mark in _INNER_MARKS):
            found[NESTED] += 1
        if any(cue in words for cue in _INNER_CUES):
            found[ATTRIBUTION_INSIDE] += 1
    for paragraph in text.split("\n"):
        letters = [c for c in paragraph if c.isalpha()]
        if len(letters) >= _CAPITALS_LETTERS:
            upper = sum(c.isupper() for c in letters)
            if upper >= _CAPITALS_SHARE * len(letters):
                found[CAPITALS] += 1
                continue
        stripped = paragraph.strip()
        if len(stripped) >= _TABLE_CHARS:
            signs = sum(not c.isalpha() for c in stripped)
            if signs >= _TABLE_SHARE * len(stripped) and any(c.isdigit() for c in stripped):
                found[TABLE] += 1
    return found
