"""The headline: taken from the first paragraph when none is given, and removed where a
scraped page repeats it in the body.

A headline is short, does not end like a sentence, and is followed by prose. Repeats are
found on comparison keys (case, quotes and dashes unified) or by near-equality, because
pages repeat a headline with a different apostrophe or a trailing site name.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from storyline.clean.words import content_words, figures, match_key, word_count
from storyline.text.sentences import ends_sentence

MAX_WORDS = 25
MAX_CHARS = 200
# Enough words to be the start of an article rather than a table row or a label.
MIN_PROSE_WORDS = 8
MIN_SENTENCE_WORDS = 3
MAX_ROW_WORDS = 12
FUZZY_THRESHOLD = 0.9

_CLOSERS = "\"'”’»)]"
_NOT_HEADLINE_END = frozenset(".,;:-–—")
_SITE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")


def looks_like_headline(text: str) -> bool:
    """Short, not opening with a lowercase word, and not ending like a sentence."""
    if not 2 <= word_count(text) <= MAX_WORDS or len(text) > MAX_CHARS:
        return False
    if not any(c.isalpha() for c in text):
        return False
    first_word = text.split()[0]
    if first_word[0].isalpha() and first_word.islower():
        # "iTunes now selling ..." is a headline, "and then ..." is not.
        return False
    ending = text.rstrip(_CLOSERS)
    if ending.endswith(("...", "…")):
        return True
    return bool(ending) and ending[-1] not in _NOT_HEADLINE_END


def looks_like_prose(text: str) -> bool:
    """A paragraph of running text, not a table row or a label."""
    if word_count(text) >= MIN_PROSE_WORDS:
        return True
    ending = text.rstrip(_CLOSERS)
    return word_count(text) >= MIN_SENTENCE_WORDS and ending[-1:] in (".", "!", "?")


def looks_like_row(text: str) -> bool:
    """A short line of figures without a sentence's end: a table row ("Shr 34 cts vs 1.19
    dlrs", "Pay May 12") rather than a headline."""
    return (
        word_count(text) <= MAX_ROW_WORDS
        and not ends_sentence(text)
        and bool(figures(content_words(text)))
    )


def _variants(title: str) -> list[str]:
    # "Headline | Outlet" or "Headline - Outlet": the page title often carries the site.
    keys = [match_key(title)]
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) > 1:
        keys.append(match_key(max(parts, key=len)))
    return [k for k in keys if k]


def headline_repeat(title: str, text: str) -> float | None:
    """How closely the paragraph ``text`` repeats ``title`` (1.0 = same after normalising),
    or None when it does not."""
    paragraph = match_key(text)
    if not paragraph:
        return None
    best = 0.0
    for key in _variants(title):
        if key == paragraph:
            return 1.0
        if not 0.7 <= len(paragraph) / len(key) <= 1.3:
            continue
        best = max(best, SequenceMatcher(None, key, paragraph, autojunk=False).ratio())
    return best if best >= FUZZY_THRESHOLD else None
