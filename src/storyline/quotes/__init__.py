"""Quotes: who said what. ``extract(text)`` finds direct, partial and indirect quotes with
their cue and the local words naming the speaker (``storyline.model.FoundQuote``); pure,
testable on sentences."""

from storyline.quotes.extract import extract

__all__ = ["extract"]
