"""Quotes: who said what. ``extract(text)`` finds direct, partial and indirect quotes with
their cue and the local words naming the speaker; pure, testable on sentences."""

from storyline.quotes.extract import extract
from storyline.quotes.records import FoundQuote

__all__ = ["FoundQuote", "extract"]
