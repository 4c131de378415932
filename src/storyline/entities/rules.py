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

HONORIFIC = _rule(
    "honorific",
    "Added when the tagger took a courtesy title into a person's name ('Ms Roche'): the name "
    "starts after it, so 'Ms Roche' can be the 'Ann Roche' the article names.",
)
DEBRIS = _rule(
    "debris",
    "Added when a name carried ticker or markup debris ('Mobil Corp <MOB>', 'MOB>'): the "
    "debris is cut off; a span that is only a ticker is no mention.",
)
KNOWN_NAME = _rule(
    "known-name",
    "Added when a name tagged as a person is a known organisation ('Labour', the table in "
    "aliases.py): it takes that type.",
)
TITLE_CASE = _rule(
    "title-case",
    "Added when the name was found in a headline written in title case ('Actress Checks "
    "Into Rehab At …'), which the tagger read with its everyday words in lower case.",
)
PLACE_AFTER_IN = _rule(
    "place-after-in",
    "Added when a name tagged as an organisation is a known place (GeoNames, the country "
    "table) right after 'in' or 'near' ('dockers in Rotterdam'): it is that place.",
)
PLURAL_TEAM = _rule(
    "plural-team",
    "Added when one plural word after 'the' tagged as a person ('the Colts', 'the "
    "Jaguars') names a team or a group: it is an organisation.",
)
PLACE_OF = _rule(
    "place-of",
    "Added when two places joined by 'of' are one ('Hook' + 'of' + 'Holland'): the first is "
    "no known place by itself.",
)
ACRONYM = _rule(
    "acronym",
    "Added when an acronym ('UKIP') is the organisation the article defines it as "
    "('UK Independence Party (UKIP)') or the one organisation of the article whose initials "
    "spell it.",
)
SHORT_FORM = _rule(
    "short-form",
    "Added when a short name ('the Commission', 'Mobil') is the last words of exactly one "
    "organisation the article names in full ('European Commission'), or its first words "
    "before a company ending ('Mobil Corp').",
)
SURNAME_FORWARD = _rule(
    "surname-forward",
    "Added when a surname ('Mr Howard') comes before the one full name ending in it "
    "('Michael Howard') in the same article.",
)
SURNAME_TYPE = _rule(
    "surname-type",
    "Added when a word tagged as an organisation or place ('Reagan') is the surname of the "
    "one person of the article with that surname and no known place: it is that person.",
)
COMMON_WORD = _rule(
    "common-word",
    "A single everyday word opening a sentence and tagged as an organisation ('Employers "
    "in Rotterdam said') is no name: the mention is dropped.",
)
TYPE_MAJORITY = _rule(
    "type-majority",
    "Added when one name had two types in one article: it takes the type most of its "
    "mentions have, weighed by evidence (a title or honorific: person; an organisation word: "
    "organisation; the GeoNames gazetteer: place).",
)


def _story_rule(name: str, says: str) -> NamedRule:
    # Written by the entity_links stage onto the entity stage's mentions (``story_rule``);
    # listed with the entity rules, whose stored mentions they change.
    return NamedRule(name, "entities", "entity", says)


STORY_SURNAME = _story_rule(
    "story-surname",
    "A one-word person ('Mr Blair' in an article that never says 'Tony Blair') is the one "
    "person of the story whose full name ends with that word, when no other full name of "
    "the story starts with it.",
)
STORY_ACRONYM = _story_rule(
    "story-acronym",
    "An acronym ('UKIP') is the organisation another article of the story defined it as, or "
    "else the one organisation of the story whose initials spell it.",
)
STORY_SHORT_FORM = _story_rule(
    "story-short-form",
    "A short organisation name written after 'the' ('the Commission') is the one "
    "organisation of the story whose name ends with it ('European Commission') or starts "
    "with it before a company ending.",
)

RULES = (
    CRF,
    PLACE_DESCRIPTION,
    PERSON_INSIDE,
    TITLE_SPLIT,
    SURNAME_LINK,
    COUNTERPART,
    PRONOUN_SALIENCE,
    HONORIFIC,
    DEBRIS,
    PLACE_OF,
    ACRONYM,
    SHORT_FORM,
    SURNAME_FORWARD,
    SURNAME_TYPE,
    COMMON_WORD,
    TYPE_MAJORITY,
    KNOWN_NAME,
    PLACE_AFTER_IN,
    TITLE_CASE,
    PLURAL_TEAM,
    STORY_SURNAME,
    STORY_ACRONYM,
    STORY_SHORT_FORM,
)
