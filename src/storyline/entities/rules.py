"""The model and rules behind entity mentions (``mentions.py``, ``pronouns.py``), by name: a
mention records what found it ("crf", "place-description") and, after a "+", each rule that
changed it ("crf+surname-link")."""

from __future__ import annotations

from storyline.rules import NamedRule


def _rule(name: str, says: str) -> NamedRule:
    return NamedRule(name, "entities", "entity", says)


CRF = _rule(
    "crf",
    "The CRF tagger (trained on CoNLL-2003) marked the words as the name of a person, "
    "organisation or place.",
)
PLACE_DESCRIPTION = _rule(
    "place-description",
    "A description that names a place without its name: 'the French capital' is Paris.",
)
PERSON_INSIDE = _rule(
    "person-inside",
    "Added when a name tagged as an organisation ends with a person's title and name "
    "('U.S. Supreme Court Justice Antonin Scalia'): the person is the mention.",
)
TITLE_SPLIT = _rule(
    "title-split",
    "Added when the tagger took a title into a person's name ('Sen. Ted Cruz'): the name "
    "starts after the title, which becomes the person's role.",
)
SURNAME_LINK = _rule(
    "surname-link",
    "Added when a bare surname ('Lecornu') follows the full name ending in it in the same "
    "article: both are one person (not when two people share the surname).",
)
COUNTERPART = _rule(
    "counterpart",
    "Added when a person is called someone's 'counterpart': the title of the person named "
    "earlier in the sentence is copied.",
)
PRONOUN_SALIENCE = _rule(
    "pronoun-salience",
    "A pronoun (he, his, she, herself) stands for the person of agreeing gender named in "
    "its sentence or the two before who stands out most (recent, a subject, named often); "
    "left open when no one clearly does.",
)

RULES = (
    CRF,
    PLACE_DESCRIPTION,
    PERSON_INSIDE,
    TITLE_SPLIT,
    SURNAME_LINK,
    COUNTERPART,
    PRONOUN_SALIENCE,
)
