"""Tokens with character offsets, and sentences, for the entity tagger.

The tagger was trained on CoNLL-2003, whose text is already split into tokens ("U.S.",
"Zelenskyy 's", "Anglo-Dutch", "1996-08-22"). Raw news is not: this tokenizer reproduces
that split on raw text and keeps each token's ``[start, end)`` in the original string, so a
mention is ``text[start:end]`` with no re-alignment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Combining marks count as letters: decomposed "Sébastien" (e + U+0301) is one word.
_L = r"[^\W_]|[\u0300-\u036f]"
_WORD = rf"(?:{_L})+(?:[-'’&](?:{_L})+)*"
# Titles and common abbreviations that keep their full stop ("Mr.", "Gen.", "Inc.").
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Col|Capt|Cmdr|Sgt|Maj|Adm|Rev|Fr|St|Ste|Jr|Sr"
    "|Mt|Ft|Pres|Supt|Insp|Det|Co|Corp|Inc|Ltd|Bros|Messrs|No|Nos|vs|etc|approx|Jan|Feb|Mar|Apr"
    "|Aug|Sep|Sept|Oct|Nov|Dec|Ave|Blvd|Rd"
)
_TOKEN = re.compile(
    "|".join(
        (
            r"https?://\S+|www\.\S+",  # a URL is one token, not a run of junk words
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail address
            r"(?:[^\W\d_]\.){2,}",  # U.S., U.N., a.m.
            rf"\b(?:{_ABBREVIATIONS})\.",
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
_SENTENCE_END = frozenset({".", "!", "?", "…", "..."})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
# Sentences longer than this are cut: a table or a list with no full stops would otherwise
# become one sequence of thousands of tokens.
MAX_SENTENCE_TOKENS = 120


@dataclass(frozen=True, slots=True)
class Token:
    """``text`` is ``source[start:end]``."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        start, end, word = match.start(), match.end(), match.group()
        clitic = _CLITIC.search(word) if len(word) > 3 else None
        if clitic is not None and clitic.start() > 0:
            cut = start + clitic.start()
            tokens.append(Token(start, cut, word[: clitic.start()]))
            tokens.append(Token(cut, end, word[clitic.start() :]))
        else:
            tokens.append(Token(start, end, word))
    return tokens


def sentences(text: str, tokens: list[Token] | None = None) -> list[list[Token]]:
    """Tokens grouped into sentences.

    A sentence ends at a full stop, question or exclamation mark (and any closing quote
    after it) followed by a token that does not start in lower case; at a blank line; and at
    a line break before a capitalised token (headlines, lists and tables are line-based).
    """
    if tokens is None:
        tokens = tokenize(text)
    result: list[list[Token]] = []
    current: list[Token] = []
    ended = False  # the current sentence has seen its final punctuation
    for token in tokens:
        if current:
            gap = text[current[-1].end : token.start]
            breaks = gap.count("\n")
            starts_lower = token.text[:1].islower()
            if (
                breaks >= 2
                or (breaks == 1 and not starts_lower)
                or (ended and token.text not in _CLOSERS and not starts_lower)
                or len(current) >= MAX_SENTENCE_TOKENS
            ):
                result.append(current)
                current = []
                ended = False
        current.append(token)
        if token.text in _SENTENCE_END:
            ended = True
        elif token.text not in _CLOSERS:
            ended = False
    if current:
        result.append(current)
    return result
