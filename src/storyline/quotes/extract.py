"""``extract(text)``: the quotes of one text, pure (no store, no model), in text order."""

from __future__ import annotations

from storyline.model import FoundQuote
from storyline.quotes.context import QuoteContext
from storyline.quotes.direct import direct_quotes
from storyline.quotes.indirect import indirect_quotes


def extract(text: str) -> list[FoundQuote]:
    """Direct, partial and indirect quotes of ``text`` with their cue and speaker spans."""
    if not text.strip():
        return []
    ctx = QuoteContext.of(text)
    quotes = direct_quotes(ctx)
    quotes += indirect_quotes(ctx, quotes)
    return sorted(quotes, key=lambda q: (q.start, q.end))
