"""Headlines in title case, read as a sentence before tagging (issue 22, rule ``title-case``).

The tagger learned names from Reuters sentences, where a capital letter inside a sentence
means a name. Web headlines capitalise every word ("Lindsay Lohan Checks Into Rehab At
Betty Ford Center"), and the tagger read the whole line as one organisation. In a line
written in title case, a word that news text writes in lower case is given to the tagger
in lower case: a function word ("Into", "At", "Of"), or a word whose capitalised form the
tagger's word clusters never saw while its lower-case form is everyday ("Checks", "Leaves",
"Arrested"). A line is in title case only when a function word in it is capitalised too,
so that a list of names ("Marco Bode, Heath Streak") is left alone. Names keep their
capitals ("Betty", "Ford", "Center" are seen capitalised), and so does the first word.
Only the tagger's input changes: the spans keep the text's own offsets and words, and the
mentions found in such a line record the rule.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from storyline.text import lexicon

# A line is in title case when it has this many words of letters after its first, and this
# share of them start with a capital (a sentence full of names still has its verbs and
# prepositions in lower case: "Tony Blair met Gordon Brown in London" is 5 of 6).
MIN_WORDS = 3
MIN_CAPITALISED = 0.85

_LOWER = (
    lexicon.ARTICLES
    | lexicon.PREPOSITIONS
    | lexicon.CONJUNCTIONS
    | lexicon.BE
    | lexicon.HAVE
    | lexicon.DO
    | lexicon.SUBJECT_PRONOUNS
    | lexicon.OBJECT_PRONOUNS
    | lexicon.POSSESSIVES
)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def is_title_case(words: Sequence[str]) -> bool:
    """Whether a sentence's words are written in title case: nearly all capitalised, a
    function word among them ("Into", "At": a list of names, "Marco Bode , Heath Streak",
    has none)."""
    letters = [w for w in words[1:] if w.isalpha()]
    if len(letters) < MIN_WORDS:
        return False
    if not any(_capitalised(w) and w.lower() in _LOWER for w in letters):
        return False
    return sum(_capitalised(w) for w in letters) >= MIN_CAPITALISED * len(letters)


def as_sentence(words: Sequence[str], known: Container[str]) -> list[str]:
    """The words as the tagger should read them: a title-case line with its everyday words
    in lower case; any other line unchanged. ``known``: the words of the tagger's clusters
    (seen 5+ times in news text)."""
    if not is_title_case(words):
        return list(words)
    found = [words[0]]
    for word in words[1:]:
        lower = word.lower()
        everyday = lower in _LOWER or (lower in known and word not in known)
        found.append(lower if _capitalised(word) and everyday else word)
    return found
