"""``extract(text)``: the quotes of one text, pure (no store, no model), in text order."""

from __future__ import annotations

from collections import Counter

from storyline.model import FoundQuote
from storyline.quotes.context import QuoteContext
from storyline.quotes.direct import direct_quotes
from storyline.quotes.indirect import indirect_quotes
from storyline.quotes.problems import quote_problems


def extract(text: str) -> list[FoundQuote]:
    """Direct, partial and indirect quotes of ``text`` with their cue and speaker spans."""
    return extract_counted(text)[0]


def extract_counted(text: str) -> tuple[list[FoundQuote], Counter[str]]:
    """The quotes of ``text`` and the problems its marks and layout posed
    (``quotes.problems``): quotes never closed, across paragraphs, nested, paragraphs in
    capitals, table lines."""
    if not text.strip():
        return [], Counter()
    ctx = QuoteContext.of(text)
    quotes = direct_quotes(ctx)
    quotes += indirect_quotes(ctx, quotes)
    return sorted(quotes, key=lambda q: (q.start, q.end)), quote_problems(ctx)
