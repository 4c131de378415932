"""Word-level helpers shared by the cleaners: comparison keys, content words, title case.

The clean text is evidence and is never rewritten with these; they only decide whether two
stretches of text say the same thing, and how to present a name written in capitals.
"""

from __future__ import annotations

import re
import unicodedata

from storyline.text import lexicon
from storyline.text.lexicon import word_set
from storyline.text.tokens import raw_words, words

# Typographic variants that differ between outlets copying the same sentence.
_UNIFY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")

# Function words carry no evidence that two sentences report the same thing.
STOPWORDS = (
    (lexicon.DETERMINERS - {"every"})
    | lexicon.REFLEXIVES
    | lexicon.BE
    | lexicon.SUBJECT_PRONOUNS
    | lexicon.POSSESSIVES
    | (lexicon.CLAUSE_ADVERBS - {"already", "never", "still"})
    | lexicon.QUESTION_WORDS
    | (lexicon.RELATIVES - {"whose"})
    | (lexicon.OBJECT_PRONOUNS - {"us"})
    | lexicon.HAVE
    | lexicon.FEMININE
    | lexicon.DO
    | lexicon.CONJUNCTIONS
    | (lexicon.SAY - {"saying"})
    | word_set(
        """
    about above according after against all as at because before below between both
    by can could down during few for from further here if in into more most of off
    on only other ours out over own s same should so some such t than theirs there
    through to told too under until up very while will with would yours
    """
    )
)

NUMBER_WORDS = (
    frozenset(lexicon.NUMBER_VALUES)
    | frozenset(lexicon.SCALES)
    | word_set("mln bln half quarter dozen")
)
_DIGIT = re.compile(r"\d")

# Small words that stay lower case inside a name: particles, "of", "the", "and".
_SMALL_WORDS = (lexicon.NAME_PARTICLES - word_set("bin ibn mac st. ten ter")) | word_set(
    "of the and upon on e"
)


def match_key(text: str) -> str:
    """``text`` reduced for comparison: compatibility form, casefolded, quotes and dashes
    unified, whitespace collapsed, punctuation at the edges dropped."""
    unified = unicodedata.normalize("NFKC", text).translate(_UNIFY).casefold()
    return _EDGE_PUNCTUATION.sub("", _SPACES.sub(" ", unified).strip())


def content_sequence(text: str) -> list[str]:
    """Words that carry content, in order: no stopwords, no single letters (numbers kept).
    Words as the text layer normalises them, split at apostrophes ("Europe's" -> "europe",
    "s")."""
    return [
        w for w in words(text, joiners="") if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    ]


def content_words(text: str) -> frozenset[str]:
    return frozenset(content_sequence(text))


def common_words(text: str) -> frozenset[str]:
    """Content words written in lowercase somewhere in ``text``: the vocabulary of the
    sentence rather than its names."""
    return frozenset(
        w
        for w in raw_words(unicodedata.normalize("NFKC", text), joiners="")
        if w.islower() and w not in STOPWORDS and len(w) > 1
    )


def figures(words: frozenset[str]) -> frozenset[str]:
    """The figures among ``words``, in digits or in letters ("12", "six", "mln")."""
    return frozenset(w for w in words if w in NUMBER_WORDS or _DIGIT.search(w))


def word_count(text: str) -> int:
    return len(text.split())


def is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def title_case(text: str) -> str:
    """``KYIV`` -> ``Kyiv``, ``NEW YORK`` -> ``New York``, ``WILKES-BARRE`` -> ``Wilkes-Barre``.

    ``str.title`` would also capitalise after an apostrophe ("O'Brien" is right, "Europe'S"
    is not) and upper-case small words inside names, so words are handled one by one.
    """
    out: list[str] = []
    for index, word in enumerate(text.split(" ")):
        lower = word.lower()
        if index and lower in _SMALL_WORDS:
            out.append(lower)
            continue
        parts = re.split(r"([-'’])", lower)
        rebuilt = []
        for i, part in enumerate(parts):
            after_apostrophe = i >= 2 and parts[i - 1] in "'’"
            # O'BRIEN -> O'Brien, but a trailing 'S (possessive) stays lower.
            if part and (not after_apostrophe or len(part) > 1):
                part = part[0].upper() + part[1:]
            rebuilt.append(part)
        out.append("".join(rebuilt))
    return " ".join(out)
