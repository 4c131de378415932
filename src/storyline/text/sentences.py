"""The one sentence splitter: sentences of tokens, with their character spans.

A sentence ends at a full stop, question or exclamation mark (and any closing quote or
bracket right after it) followed by a space and a token that starts in upper case, with a
digit or with an opening quote or bracket; at a blank line;
and at a line break before a token that does not start in lower case (headlines, datelines,
lists and tables are line-based). Abbreviations and initials never end one: the tokenizer
keeps their full stop ("Sen.", "U.S.", "John F. Kennedy"). A sentence longer than
:data:`MAX_SENTENCE_TOKENS` is cut, so that a table with no full stops is not one sequence of
thousands of tokens.

Options for the readers that need them:

- ``join_clauses``: a piece that starts with a comma, semicolon or colon joins the sentence
  before it ("... at 9 a. m., Ode said." is one sentence; pronoun resolution);
- ``at_semicolons``: a semicolon ends a sentence too (the tense of a clause);
- ``at_line_breaks``: every line break ends a sentence, even before a lower-case word (quotes:
  an attribution cue is not looked for across a line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from storyline.text.tokens import Token, tokenize

_SENTENCE_END = frozenset({".", "!", "?", "…", "..."})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
_OPENERS = frozenset({'"', "'", "“", "‘", "«", "(", "`"})
# Straight quotes both open and close: the spaces around one tell which.
_STRAIGHT_QUOTES = frozenset({'"', "'"})
_CLAUSE_MARKS = frozenset({",", ";", ":"})
MAX_SENTENCE_TOKENS = 120


def sentences(
    text: str,
    tokens: Sequence[Token] | None = None,
    *,
    join_clauses: bool = False,
    at_semicolons: bool = False,
    at_line_breaks: bool = False,
) -> list[list[Token]]:
    """The tokens of ``text`` (``tokenize(text)`` unless given) grouped into sentences."""
    if tokens is None:
        tokens = tokenize(text)
    ends = _SENTENCE_END | {";"} if at_semicolons else _SENTENCE_END
    result: list[list[Token]] = []
    current: list[Token] = []
    ended = False  # the current sentence has seen its final punctuation
    previous_end = 0  # where the current sentence's last token ends
    for token in tokens:
        if current:
            if token.start == previous_end:
                # No gap (punctuation after a word): only the length limit can cut here.
                cut = len(current) >= MAX_SENTENCE_TOKENS
            else:
                gap = text[previous_end : token.start]
                breaks = gap.count("\n")
                starts_lower = token.text[:1].islower()
                closes = token.text in _CLOSERS and not _opens(text, token, gap)
                cut = (
                    breaks >= 2
                    or (breaks == 1 and (at_line_breaks or not starts_lower))
                    or (ended and not closes and bool(gap) and _may_start(token))
                    or len(current) >= MAX_SENTENCE_TOKENS
                )
            if cut:
                if join_clauses and result and current[0].text in _CLAUSE_MARKS:
                    result[-1] = result[-1] + current
                else:
                    result.append(current)
                current = []
                ended = False
        current.append(token)
        previous_end = token.end
        if token.text in ends:
            ended = True
        elif token.text not in _CLOSERS:
            ended = False
    if current:
        if join_clauses and result and current[0].text in _CLAUSE_MARKS:
            result[-1] = result[-1] + current
        else:
            result.append(current)
    return result


def _may_start(token: Token) -> bool:
    """Whether a sentence may start with ``token``: a capital, a digit or an opening mark
    (not a lower-case word, a comma or a dash: "Ore.), Sherrod", "... first.” ― Esther")."""
    first = token.text[:1]
    return first.isupper() or first.isdigit() or token.text in _OPENERS


def _opens(text: str, token: Token, gap: str) -> bool:
    """Whether a straight quote opens rather than closes: space before it, a word right
    after it (' He left. "We won," ': the second sentence starts at the mark). Two
    apostrophes standing for a double quote ("said. ''We") keep the sentence going, as
    the quotes of that style are read with their attribution."""
    return (
        token.text in _STRAIGHT_QUOTES
        and bool(gap)
        and token.end < len(text)
        and text[token.end].isalnum()
    )


def spans(groups: Sequence[Sequence[Token]]) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence: from its first token's start to its last's end."""
    return [(group[0].start, group[-1].end) for group in groups if group]


@lru_cache(maxsize=4)
def _spans_of(text: str, at_semicolons: bool) -> tuple[tuple[int, int], ...]:
    return tuple(spans(sentences(text, at_semicolons=at_semicolons)))


def sentence_at(text: str, start: int, end: int, *, at_semicolons: bool = False) -> tuple[int, int]:
    """The span of the sentence holding ``text[start:end]`` (from the first sentence it
    touches to the last). The text's sentences are kept for the next few calls: readers ask
    about many places of one text in turn."""
    found = [s for s in _spans_of(text, at_semicolons) if s[0] < end and start < s[1]]
    if not found:
        return start, end
    return found[0][0], found[-1][1]


def may_start_sentence(char: str) -> bool:
    """Whether a sentence may start with ``char``, as the splitter reads it: a capital, a
    digit or an opening quote or bracket."""
    return char.isupper() or char.isdigit() or char in _OPENERS


# The final punctuation of a sentence and any closing quotes or brackets after it.
_ENDS = re.compile(r"[.!?…][\"'”’»)\]]*$")
# A sentence end with more text after it on the page.
_END_BEFORE_TEXT = re.compile(r"[.!?…](?=\s+\S)")
# A rough break, for readers that look back a few words without splitting the text: a
# full stop, question or exclamation mark before a space, or a line break.
_BREAK = re.compile(r"[.!?]\s|\n")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends the way a sentence does (closing quotes and brackets allowed)."""
    return _ENDS.search(text) is not None


def next_sentence_end(text: str, start: int, end: int) -> int | None:
    """Where the first sentence in ``text[start:end]`` that more text follows ends (the
    index of its final mark), or None."""
    found = _END_BEFORE_TEXT.search(text, start, end)
    return found.start() if found is not None else None


def sentence_breaks(text: str) -> Iterator[int]:
    """The rough sentence breaks of a short stretch, in order: the index of each stop
    before a space, and of each line break (an abbreviation's stop included; a caller that
    knows its abbreviations skips them)."""
    return (found.start() for found in _BREAK.finditer(text))


def has_sentence_break(text: str, start: int, end: int) -> bool:
    """Whether a rough sentence break (see :func:`sentence_breaks`) stands in
    ``text[start:end]``."""
    return _BREAK.search(text, start, end) is not None
