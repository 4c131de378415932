"""What the tagger refuses to tag: text that is not English, and spans no name looks like.

A tagger trained on English capitalisation reads every capitalised German noun as a name;
a run of capitalised junk (a list, a table, a garbled line) can come out as one huge span.
These checks keep such input from filling the store with junk mentions.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.text import lexicon
from storyline.text.lexicon import word_set

# Frequent English function words: any English sentence of some length has a few of them.
# (A word list reads better as text than as a column of quoted strings: hence the noqa.)
ENGLISH = (
    (lexicon.DETERMINERS - {"any", "each", "every"})
    | (lexicon.MODALS - {"shall"})
    | lexicon.SUBJECT_PRONOUNS
    | (lexicon.BE - {"am"})
    | (lexicon.SAY - {"saying"})
    | (lexicon.RELATIVES - {"whom", "whose"})
    | (lexicon.QUESTION_WORDS - {"how", "why"})
    | (lexicon.OBJECT_PRONOUNS - {"me", "us"})
    | (lexicon.HAVE - {"having"})
    | (lexicon.DO - {"doing"})
    | (lexicon.CONJUNCTIONS - {"nor"})
    | word_set(
        """
    about after against also as at before between by during for from if in into more
    most not of on out over so than then there to under up while with without
    """
    )
)
# A sentence with at least this many lower-case words is checked for English.
_MIN_WORDS = 6
_MIN_ENGLISH_SHARE = 0.12
# Longer spans are not names (the longest real ones, "Organization for Security and
# Co-operation in Europe", have seven or eight tokens).
MAX_SPAN_TOKENS = 10
MAX_SPAN_CHARS = 100
MAX_TOKEN_CHARS = 40


def looks_foreign(tokens: Sequence[str]) -> bool:
    """True for a sentence with enough lower-case words and almost no English among them.

    Lists of names and tables have few lower-case words and stay taggable.
    """
    lower = [t.lower() for t in tokens if t.isalpha() and t[:1].islower()]
    if len(lower) < _MIN_WORDS:
        return False
    english = sum(word in ENGLISH for word in lower)
    return english < _MIN_ENGLISH_SHARE * len(lower)


def plausible_span(tokens: Sequence[str]) -> bool:
    if not tokens or len(tokens) > MAX_SPAN_TOKENS:
        return False
    if (
        sum(len(t) for t in tokens) > MAX_SPAN_CHARS
        or max(len(t) for t in tokens) > MAX_TOKEN_CHARS
    ):
        return False
    # A name has a letter, and starts with one or a digit ("3M", "7-Eleven").
    return any(c.isalpha() for t in tokens for c in t) and tokens[0][:1].isalnum()
