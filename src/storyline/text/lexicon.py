"""Shared word lists: each written once, with where it came from.

Lower case unless said otherwise. Packages take what they need and add or remove the few
words their rule needs (``DETERMINERS - {"no"}``), so a reader sees both the shared list and
the local difference.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A word list written as text, one word per whitespace-separated item."""
    return frozenset(text.split())


# Abbreviations whose full stop is part of the word ("Mr.", "Gen.", "Inc.", "Sept."), in
# the case news writes them. Written by hand from the titles, company forms and months of
# the CoNLL-2003 training text, where they are single tokens; the tokenizer keeps their
# full stop, so they never end a sentence.
ABBREVIATIONS = tuple(
    """
    Mr Mrs Ms Dr Prof Gen Sen Sens Rep Reps Gov Lt Col Capt Cmdr Sgt Maj Adm Rev Fr St Ste Jr
    Sr Mt Ft Pres Supt Insp Det Co Corp Inc Ltd Bros Messrs No Nos vs etc approx Jan Feb Mar
    Apr Aug Sep Sept Oct Nov Dec Ave Blvd Rd
    """.split()  # noqa: SIM905 (a word list reads best as text)
)


# Function words: no reporting in them, so word-set similarity without them is about what is
# said. A short list on purpose: news verbs ("said") and numbers stay. Written for dedup
# (its rewrite alignment) and shared by the story and event-link features.
_FUNCTION_TEXT = """
a an the and or but nor so yet of in on at to for from by with without about as into onto
over under after before between through during since until against among within is are was
were be been being am do does did doing have has had having will would shall should can
could may might must it its this that these those there here their them they he him his she
her hers we us our you your i me my mine who whom whose which what when where why how than
then also not no only just very more most such own same other both each few all any some
many much too again further once if while because though although up down out off
"""
FUNCTION_WORDS = word_set(_FUNCTION_TEXT)

# Determiners, demonstratives and possessives that open a noun phrase. Written by hand for
# the event rules (a word after one is a noun: "the sign of", "a clear shot").
DETERMINERS = word_set(
    "a an the this that these those its their his her our your any no every each"
)
