"""A person's gender as a news text tells it, for pronoun agreement.

What the text says beside a name comes first: a title ("Mr", "Mrs", "Queen", also when the
tagger took it into the name), a gendered or kinship word before it ("actress Ann Ode", "his
wife Ann Ode") or in an apposition after it ("Raj Ode, a 59-year-old grandmother,"). Only
when the text says nothing does the given name count, from ``data/first_names.tsv`` (written
by hand: names whose bearers in the news are, with few exceptions, of one gender). Mixed
evidence is no evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

from storyline.model import EntityMention
from storyline.text import lexicon
from storyline.text.lexicon import word_set

_TITLES = {
    "m": "mr mr. sir lord king prince monsieur m. señor senor herr signor father fr. brother",
    "f": "mrs mrs. ms ms. miss dame lady queen princess madame mme mme. señora frau signora sister",
}
# Words that say the gender of the name they stand beside ("actress Ann Ode", "his wife,
# Ann Ode", "Ann Ode, his wife,").
_WORDS = {
    "m": "husband widower father son brother uncle nephew grandfather grandson boyfriend "
    "fiance stepfather stepson businessman spokesman chairman congressman councilman "
    "policeman sportsman actor waiter king prince duke emperor boy man gentleman",
    "f": "wife widow mother daughter sister aunt niece grandmother granddaughter "
    "girlfriend fiancee stepmother stepdaughter businesswoman spokeswoman chairwoman "
    "congresswoman councilwoman policewoman sportswoman actress waitress queen princess "
    "duchess empress girl woman lady heiress",
}
TITLE_GENDER = {w: g for g, words in _TITLES.items() for w in words.split()}
WORD_GENDER = {w: g for g, words in _WORDS.items() for w in words.split()}
_CLAUSE = (lexicon.RELATIVES - {"whom"}) | word_set("and of or said told with")
_AFTER = re.compile(r",\s+((?:[\w-]+\s+){0,3}[\w-]+)")


def genders(text: str, people: Sequence[EntityMention]) -> dict[str, str]:
    """Each person's gender where the text or the name says it (and says only one). What the
    text says ("Raj Ode, a grandmother") outweighs the given-name table."""
    said: dict[str, set[str]] = {}
    named: dict[str, set[str]] = {}
    names = first_names()
    for mention in people:
        found = said.setdefault(mention.key, set())
        before = re.findall(r"[\w.]+", text[max(0, mention.start - 30) : mention.start])
        first = mention.text.split()[0].lower() if mention.text.split() else ""
        # The title may sit before the name or, as the tagger saw it, inside ("Mrs Lund").
        for word in ([before[-1].lower()] if before else []) + [first]:
            for guess in (TITLE_GENDER.get(word), WORD_GENDER.get(word)):
                if guess:
                    found.add(guess)
        after = _AFTER.match(text, mention.end, min(len(text), mention.end + 60))
        for word in after.group(1).lower().split() if after else ():
            if word in _CLAUSE:
                break  # "Ben Ode, whose wife ...": the word is someone else's
            if word in WORD_GENDER:
                found.add(WORD_GENDER[word])
                break
        words = mention.name.split()
        if len(words) >= 2 and words[0] in names:
            named.setdefault(mention.key, set()).add(names[words[0]])
    result: dict[str, str] = {}
    for key in said:
        evidence = said[key] or named.get(key, set())
        if len(evidence) == 1:
            result[key] = next(iter(evidence))
    return result


@cache
def first_names() -> dict[str, str]:
    """Given name -> "m" or "f", from ``data/first_names.tsv``."""
    table = resources.files("storyline.entities").joinpath("data", "first_names.tsv")
    result: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, gender = line.split("\t")
            result[name] = gender
    return result
