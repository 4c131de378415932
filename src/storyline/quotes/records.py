"""Where quotes/stage.py imports ``FoundQuote`` from; the record lives in ``storyline.model``.
To go once that stage imports it from there."""

from storyline.model import FoundQuote

__all__ = ["FoundQuote"]
