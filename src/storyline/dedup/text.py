"""Text keys for duplicate detection: normalised words, exact keys, content words.

Comparison ignores what reprinting changes without changing the reporting: case, quote and
dash styles, punctuation and whitespace. Cleaning has already removed bylines, credits and
boilerplate lines, so what is compared is the reporting itself.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"'”’»)]*)\s+(?=[\"'“‘«(]?[A-Z0-9À-Þ])|\n+")
# Dash styles vary between outlets' systems ("30-day", "30–day"): one hyphen for comparison.
# The em dash is punctuation between words ("powers—France"), so it separates them.
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": " "})

# Function words carry no reporting; leaving them out makes word-set similarity about
# what is said. A short list on purpose: news verbs ("said") and numbers stay.
_STOPWORD_TEXT = """
a an the and or but nor so yet of in on at to for from by with without about as into onto
over under after before between through during since until against among within is are was
were be been being am do does did doing have has had having will would shall should can
could may might must it its this that these those there here their them they he him his she
her hers we us our you your i me my mine who whom whose which what when where why how than
then also not no only just very more most such own same other both each few all any some
many much too again further once if while because though although up down out off
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def normalise(text: str) -> str:
    """Case-folded, compatibility-normalised text (ﬁ→fi, full-width digits→digits)."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES).casefold()


def words(text: str) -> list[str]:
    """Words of the normalised text; inner apostrophes, dots, commas and hyphens kept
    (``don't``, ``u.s``, ``1,200``, ``30-day``), every other punctuation mark dropped."""
    return [w.replace("’", "'") for w in _WORD.findall(normalise(text))]


def content_words(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in STOPWORDS and (len(t) > 2 or t[0].isdigit())]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``: good enough to align two versions."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        # A closing quote or bracket after the full stop belongs to the sentence.
        end = match.start() + len(match.group(1) or "")
        if text[start:end].strip():
            spans.append(_strip(text, start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
