"""Tokens with character offsets, and the normalised words that texts are compared by.

:func:`tokenize` is the one tokenizer: the entity tagger was trained on CoNLL-2003, whose
text is already split into tokens ("U.S.", "Zelenskyy 's", "Anglo-Dutch", "1996-08-22"), and
every reader of sentences (tagger, pronouns, quotes, events, time) works on the same split of
the raw text, each token keeping its ``[start, end)`` in the original string so a mention is
``text[start:end]`` with no re-alignment.

:func:`words` is the comparison view of a text: case, compatibility forms, quote and dash
styles are normalised away, and only runs of letters and digits are kept, joined across an
inner apostrophe, full stop, comma or hyphen (``don't``, ``u.s``, ``1,200``, ``30-day``) or
across the ``joiners`` a caller chooses. Dedup hashes these words (its numpy batch version,
``dedup/tokens.py``, is property-tested to give exactly these), the cleaner compares lines by
them and event triggers are keyed by them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.text.lexicon import ABBREVIATIONS

# Combining marks count as letters: decomposed "Sébastien" (e + U+0301) is one word.
_L = r"[^\W_]|[\u0300-\u036f]"
_WORD = rf"(?:{_L})+(?:[-'’&](?:{_L})+)*"
_TOKEN = re.compile(
    "|".join(
        (
            r"https?://\S+|www\.\S+",  # a URL is one token, not a run of junk words
            # e-mail address (the lookahead spares scanning each word twice)
            r"(?=[\w.+-]*@)[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
            r"(?:[^\W\d_]\.){2,}",  # U.S., U.N., a.m.
            rf"\b(?:{'|'.join(ABBREVIATIONS)})\.",
            r"\b[A-Z]\.(?=\s+[\"“'‘(]?[A-Z])",  # an initial: John F. Kennedy, Robert C. "Bobby"
            r"\d+(?:[.,:/]\d+)+(?:-(?:{_L}|\d)+)*",  # 1,200  3.5  12:30  1996/97
            _WORD,
            r"-{2,}|\.{2,}|…",
            r"\S",
        )
    ).replace("{_L}", _L)
)
# CoNLL splits the possessive and the negation off their word: "Zelenskyy 's", "does n't".
_CLITIC = re.compile(r"(?i)(?<=\w)(['’]s|n['’]t)$")

# What joins two runs of letters and digits into one comparison word by default.
JOINERS = "'’.,-"
# Dash styles vary between outlets' systems ("30-day", "30–day"): one hyphen for comparison.
# The em dash is punctuation between words ("powers—France"), so it separates them.
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": " "})


@dataclass(frozen=True, slots=True)
class Token:
    """``text`` is ``source[start:end]``."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` in order, split as CoNLL-2003 splits news text."""
    return list(_tokens_of(text))


# Several readers of one document tokenize the same text in turn (the tagger and pronoun
# resolution; time expressions' tense and the event rules; quotes, whose masked text is the
# text itself when it has no quotation marks): the last few texts' tokens are kept. Tokens
# are frozen, so the callers share them; each gets its own list.
@lru_cache(maxsize=8)
def _tokens_of(text: str) -> tuple[Token, ...]:
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        _add_match(tokens, match)
    return tuple(tokens)


def _add_match(tokens: list[Token], match: re.Match[str]) -> None:
    """The token of one match, or two when a clitic is split off its word."""
    word = match.group()
    # Only a word with an apostrophe can end in a clitic: most words skip the regex.
    if ("'" in word or "’" in word) and len(word) > 3:
        clitic = _CLITIC.search(word)
        if clitic is not None and clitic.start() > 0:
            start, end = match.span()
            cut = start + clitic.start()
            tokens.append(Token(start, cut, word[: clitic.start()]))
            tokens.append(Token(cut, end, word[clitic.start() :]))
            return
    start, end = match.span()
    tokens.append(Token(start, end, word))


def retokenize(
    text: str, tokens: Sequence[Token], edited: str, changes: Sequence[tuple[int, int]]
) -> list[Token]:
    """``tokenize(edited)``, where ``edited`` is ``text`` (whose tokens are ``tokens``) with
    characters replaced inside ``changes`` only (sorted, disjoint ``[start, end)``; same
    length): only the stretches around the changes are read again.

    Why the rest is the same: a match of the token pattern reads its run of non-space
    characters and the character after it, and no further than one run of spaces and two
    characters beyond (the lookahead of an initial), and ``\\b`` reads the character before
    it. So the scan of ``edited`` restarts at a token of ``text`` that follows a space and
    starts at least two characters before a change, and it rejoins ``text``'s tokens at the
    end of a match past the change that is followed by a space, where a token of ``text``
    ends too (both scans are then in the same place with the same text ahead)."""
    starts = [t.start for t in tokens]
    result: list[Token] = []
    synced, index = 0, 0  # both scans stand at ``synced``; ``tokens[index:]`` follow it
    change = 0
    while change < len(changes):
        first, last = changes[change]
        change += 1
        restart = bisect_right(starts, first - 2) - 1
        while restart >= index and not text[starts[restart] - 1 : starts[restart]].isspace():
            restart -= 1
        restart = max(restart, index)
        result.extend(tokens[index:restart])
        position = starts[restart] if restart > index else synced
        for match in _TOKEN.finditer(edited, position):
            _add_match(result, match)
            end = match.end()
            while change < len(changes) and changes[change][0] <= end + 2:
                last = max(last, changes[change][1])
                change += 1
            if end > last and edited[end : end + 1].isspace():
                index = bisect_left(starts, end)
                if index > 0 and tokens[index - 1].end == end:
                    synced = end
                    break
        else:
            return result
    result.extend(tokens[index:])
    return result


def normalise(text: str) -> str:
    """Case-folded, compatibility-normalised text (ﬁ→fi, full-width digits→digits), dashes
    unified."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES).casefold()


def words(text: str, joiners: str = JOINERS) -> list[str]:
    """The words of the normalised text: runs of letters and digits, joined across one of
    ``joiners`` between two of them (``joiners=""``: "Europe's" -> "europe", "s"); a
    typographic apostrophe becomes a straight one."""
    return [w.replace("’", "'") for w in _word_pattern(joiners).findall(normalise(text))]


def raw_words(text: str, joiners: str = JOINERS) -> list[str]:
    """The words of ``text`` itself, as written (not normalised): the runs :func:`words`
    would find, joined across ``joiners``."""
    return _word_pattern(joiners).findall(text)


def word_spans(text: str, joiners: str = "") -> list[tuple[int, int]]:
    """Where the words of ``text`` itself (not normalised) stand: ``(start, end)`` of each
    run of letters and digits, joined across ``joiners`` as in :func:`words`."""
    return [match.span() for match in _word_pattern(joiners).finditer(text)]


@lru_cache(maxsize=8)
def _word_pattern(joiners: str) -> re.Pattern[str]:
    if not joiners:
        return re.compile(r"[^\W_]+")
    return re.compile(rf"[^\W_]+(?:[{re.escape(joiners)}][^\W_]+)*")


def is_word_char(char: str) -> bool:
    """Whether ``char`` is a letter or digit: what the words of :func:`words` are runs of."""
    return _WORD_CHAR.match(char) is not None


_WORD_CHAR = re.compile(r"[^\W_]")
# A word of letters as names and places are written: a letter, then letters and inner
# apostrophes, full stops and hyphens ("O'Neill", "St.", "Winston-Salem"), no digit.
_LETTER_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.\-])*$")


def is_letter_word(token: str) -> bool:
    """Whether ``token`` is one word of letters as a name or a place is written: "O'Neill",
    "St.", "Winston-Salem" (not "3rd", "AT&T", "@cnn")."""
    return _LETTER_WORD.match(token) is not None


# What a loose word keeps by default: apostrophes and hyphens ("’s", "-based").
LOOSE_MARKS = "'’-"


def loose_words(
    text: str, marks: str = LOOSE_MARKS, also: str = "", *, letters_only: bool = False
) -> list[str]:
    """The loose words of ``text`` as written: runs of word characters (``\\w``; letters
    only with ``letters_only``) and ``marks``, and ``also`` wherever it stands alone. The
    view of readers that look at the few words between two mentions, where a clitic keeps
    its mark ("’s death") and a mark at a word's edge stays with it; :func:`raw_words` is
    the strict view."""
    return loose_word_pattern(marks, also, letters_only=letters_only).findall(text)


@lru_cache(maxsize=16)
def loose_word_pattern(
    marks: str = LOOSE_MARKS, also: str = "", *, letters_only: bool = False
) -> re.Pattern[str]:
    """The pattern of :func:`loose_words`, for readers that search with offsets."""
    marks = re.escape(marks)
    pattern = rf"(?:[^\W\d_]|[{marks}])+" if letters_only else rf"[\w{marks}]+"
    return re.compile(f"{pattern}|{re.escape(also)}" if also else pattern)


# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, Japanese kana,
# CJK ideographs. A run of them is one "word" to ``str.split``.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
# Characters per word in those scripts (Chinese words average about 1.5 characters, Thai
# and Japanese more): counting two keeps a one-line brief above a minimum of 8 words.
UNSPACED_WORD_CHARS = 2


def length_in_words(text: str) -> int:
    """How many words ``text`` holds, in any script: space-separated tokens, and for
    scripts without spaces one word per ``UNSPACED_WORD_CHARS`` characters (a 1,533-character
    Chinese article is about 760 words, not the 6 that splitting on spaces gives)."""
    unspaced = len(_UNSPACED.findall(text))
    return len(text.split()) + unspaced // UNSPACED_WORD_CHARS
