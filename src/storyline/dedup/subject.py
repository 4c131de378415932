"""Who a text is about: the first name of its lead sentence, read from the text itself.

A rewrite tells the same news about the same company, person or event; a wire template
("X Corp is issuing 150 mln dlrs of debentures due 2017 ... said lead manager Y") filled in
for another company shares every word, most figures and even the manager's name, but not
the name its lead sentence starts from. Dedup runs before the entity stage, so the names
are read from capitalisation: the first run of capitalised words of the lead (joined by
name particles such as "of", "du", "and"), leaving out capitalised words the text also
writes in lower case ("The", "Shares") and a wire dateline ("TORONTO, March 9 -").
"""

from __future__ import annotations

from functools import lru_cache

from storyline.text.lexicon import FUNCTION_WORDS, MONTHS, NAME_PARTICLES, WEEKDAYS
from storyline.text.sentences import sentences, spans
from storyline.text.tokens import normalise, raw_words

# Words that join the parts of one name ("Bank of Australia", "Standard and Poor's").
_JOINERS = NAME_PARTICLES | frozenset({"of", "and", "&"})
# A dateline ends within this many characters of the start ("NEW YORK, March 2 - ").
_DATELINE_CHARS = 60
# Capitalised, but a date, not a name.
_NOT_NAMES = FUNCTION_WORDS | frozenset(MONTHS) | frozenset(WEEKDAYS)


@lru_cache(maxsize=1024)
def subject(text: str) -> frozenset[str]:
    """The normalised words of the first name in the lead sentence (empty: none found)."""
    found = spans(sentences(text[:2000]))
    if not found:
        return frozenset()
    start, end = found[0]
    lead = text[start:end]
    dash = lead.find(" - ", 0, _DATELINE_CHARS)
    if dash >= 0:
        lead = lead[dash + 3 :]
    ordinary = _ordinary(text)
    name: list[str] = []
    pending: list[str] = []
    raws = raw_words(lead)
    for index, raw in enumerate(raws):
        word = normalise(raw)
        is_name = raw[0].isupper() and word not in _NOT_NAMES and word not in ordinary
        if is_name and index == 0 and _lone_capital(raw, raws, text):
            continue  # "Talks to end the strike ...": a capital only for starting
        if is_name:
            name += [*pending, word]
            pending = []
        elif name and word in _JOINERS:
            pending.append(word)
        elif name:
            break
    return frozenset(w for w in name if w not in _JOINERS)


def _lone_capital(raw: str, raws: list[str], text: str) -> bool:
    """A sentence's first word that no capitalised word follows and the text never writes
    again: capitalised for starting the sentence, not a name ("Talks", "Casino")."""
    followed = len(raws) > 1 and raws[1][0].isupper()
    return not followed and text.count(raw) == 1


@lru_cache(maxsize=1024)
def _ordinary(text: str) -> frozenset[str]:
    return frozenset(normalise(w) for w in raw_words(text) if w[0].islower())


@lru_cache(maxsize=1024)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(normalise(w) for w in raw_words(text))


def same_subject(text_a: str, text_b: str) -> bool:
    """Each text's lead name is named in the other (all its words), and so are the figures
    of each lead: a follow-up that raises an offering from 33 to 37 mln shares, or another
    tranche of one issue, keeps the company but changes the lead's figures. A lead that
    names no one (a results table) passes the name test: figures decide it."""
    for one, other in ((text_a, text_b), (text_b, text_a)):
        name, figures = subject(one), lead_figures(one)
        if not name <= _word_set(other) or not figures <= _word_set(other):
            return False
    return True


def named_in_other(text_a: str, text_b: str) -> bool:
    """One of the two leads' names is named in the other text: what an edited copy keeps
    even when its first paragraph was cut (its own lead is then a paragraph of the
    original), and what a template filled in for another company does not."""
    a, b = subject(text_a), subject(text_b)
    return a <= _word_set(text_b) or b <= _word_set(text_a)


@lru_cache(maxsize=1024)
def lead_figures(text: str) -> frozenset[str]:
    """The figures of the lead sentence, as words ("150", "9-1/4", "1.2")."""
    found = spans(sentences(text[:2000]))
    if not found:
        return frozenset()
    start, end = found[0]
    return frozenset(
        w for w in (normalise(r) for r in raw_words(text[start:end])) if w[0].isdigit()
    )
