"""Who did it and to whom: the agent and the patient of one event mention, from the words
next to its trigger.

No parser: the entity mentions of the sentence (names, and pronouns the entity stage
resolved) are read at the places English puts an event's core arguments:

- a verb's subject ends just before it, with at most auxiliaries and adverbs between
  ("Trump has repeatedly attacked"); its object starts just after it ("attacked Machado");
- a passive verb's subject is its patient ("Scott was shot"), "by X" its agent;
- a noun's possessor is its agent ("Clinton's tax proposals", "Trump's attacks"), except
  for what is done to someone ("Crutcher's death", "Kopp's arrest"); "of / on / against X"
  after it is its patient ("the shooting of Terence Crutcher", "attacks on Machado"),
  "by X" its agent.

Only arguments found this way count; the rest of the sentence's names stay participants.
The linker (``link.py``) never joins two mentions whose patients are different people (the
shooting of Crutcher in Tulsa and that of Scott in Charlotte), and weighs different agents
strongly against a link ("Clinton released her returns" and "Trump is not releasing his").

A subject is also found across a clause set off by commas or dashes ("Scott, who was black,
was shot"; "On Thursday, Officer Betty Shelby, who shot Crutcher last week, was charged")
and through "who" ("Shelby, who shot and killed 40-year-old Terence Crutcher").

A role is written ``"type:name"`` (``"person:Keith Lamont Scott"``) so that mentions from
different documents compare by name: :func:`compatible`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from storyline.events.lemma import IRREGULAR_FORMS
from storyline.text import lexicon
from storyline.text.lexicon import word_set
from storyline.text.tokens import loose_word_pattern, raw_words


class HasSpan(Protocol):
    """An entity mention: ``storyline.model.EntityRef`` or the tagger's mention."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...


# Words that may stand between a subject and its verb ("Trump has repeatedly attacked").
_BETWEEN_SUBJECT = (
    lexicon.MODALS
    | (lexicon.CLAUSE_ADVERBS - {"now"})
    | (lexicon.BE - {"am"})
    | (lexicon.HAVE - {"having"})
    | (lexicon.DO - {"doing"})
    | word_set(
        """
    allegedly apparently finally first formally herself himself itself later n't
    officially publicly quickly repeatedly reportedly themselves
    """
    )
)
_PASSIVE_BE = (lexicon.BE - {"am"}) | word_set("get gets getting got")
# Words that may stand between a possessor and its noun ("Clinton's tax proposals").
_POSSESSIVE = re.compile(r"^(?:'s|’s|'|’)\s+(?:[a-z][\w-]*\s+){0,2}$")
_ADJECTIVES = re.compile(r"^\s+(?:[a-z][\w-]*\s+){0,2}$")
_POSSESSIVE_PRONOUNS = word_set("her his its their")
# Between a trigger and its argument: a determiner, and up to two title words that the name
# does not include ("attacked Governor Paul Ridge", "by Inspector Nora Quill").
_TITLES = r"(?:\d+-year-old\s+)?(?:[A-Z][\w.-]*\s+){0,2}"
_COMPLEMENT = re.compile(
    r"^(?:\s+deaths?)?\s+((?i:of|on|against|targeting|by))\s+(?:(?i:the|a|an|his|her|their|its)\s+)?"
    + _TITLES
    + "$"
)
# "shot and killed X", "shooting and killing X": the object of both verbs.
_ALSO = r"(?:\s+and\s+[a-z]+(?:ed|ing))?"
_OBJECT = re.compile(r"^" + _ALSO + r"\s+(?:(?i:the|a|an)\s+)?" + _TITLES + "$")
_BY = re.compile(r"^\s+(?i:by)\s+(?:(?i:the|a|an)\s+)?" + _TITLES + "$")
_WORD = loose_word_pattern()
_WORD_OR_COMMA = loose_word_pattern(also=",")
# Nouns whose possessor is the one it happens to: "Scott's death", "Kopp's arrest".
PATIENT_NOUNS = frozenset(
    """
    death deaths killing killings murder murders shooting shootings slaying slayings arrest
    arrests detention detentions trial trials execution executions assassination
    assassinations kidnapping kidnappings abduction abductions funeral funerals injury
    injuries capture rescue rescues extradition extraditions conviction convictions
    sentencing release indictment indictments impeachment ouster dismissal firing sacking
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
# Verbs whose subject is the one it happens to: "Young died".
_UNDERGONE = frozenset("die died dies dying perish perished perishes drown drowned".split())  # noqa: SIM905
# Reporting verbs: what follows them is the speaker's clause, not their object ("says Tara
# Reid has checked into rehab").
_REPORTING = lexicon.TELL | lexicon.SAY | lexicon.REPORT | lexicon.ADD
# Before a name, words that make it something other than the argument: a preposition ("cables
# in the Mediterranean"), a list ("between Egypt and Italy").
_NOT_ARGUMENT_BEFORE = frozenset(
    """
    in at on of from to into between among near with without for about across over under
    and or nor , than like as
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
_FUNCTION_AFTER = (
    (lexicon.RELATIVES - {"whom", "whose"})
    | (lexicon.HAVE - {"having"})
    | (lexicon.CONJUNCTIONS - {"nor"})
    | word_set(
        """
    after against amid are as at because before by despite during for from if in
    inside into is last near of on onto outside over said says since than this
    through to told under was were when where while will with would
    """
    )
)
# Types whose names the tagger gets right often enough to tell two apart: a person named
# by an organisation-looking title ("the National Player of the Year") is too common.
ARGUMENT_TYPES = frozenset({"person"})
# Titles are short: a line longer than this is read as a paragraph.
_TITLE_LENGTH = 200
_NOT_NAME_WORDS = frozenset("the of and for mr mrs ms dr jr sr de la".split())  # noqa: SIM905


def roles(
    text: str, start: int, end: int, nominal: bool, entities: Sequence[HasSpan]
) -> tuple[str | None, str | None]:
    """``(agent, patient)`` of the trigger ``text[start:end]``, each ``"type:name"`` or
    ``None``. ``nominal``: the trigger is a noun ("the attack"), not a verb. ``entities``
    are the entity mentions around it (those of its sentence are enough); places that
    are settings ("in Paris") are never arguments."""
    agent: HasSpan | None = None
    patient: HasSpan | None = None
    if _headline(text, start, end):
        return None, None
    before = sorted((e for e in entities if e.end <= start), key=lambda e: -e.end)
    after = sorted((e for e in entities if e.start >= end), key=lambda e: e.start)
    owners = [e for e in before[:1] if _alone(text, e, possessor=True)]
    before = [e for e in before if _alone(text, e)]
    after = [e for e in after if _alone(text, e, left_too=False)]
    following = _first(after, text, end, _COMPLEMENT)
    by = following is not None and _COMPLEMENT.match(text[end : following.start])
    preposition = by.group(1).lower() if by else ""
    if nominal:
        owner = next((e for e in owners if _owns(text, e, start)), None)
        trigger = text[start:end].lower()
        if owner is not None:
            done_to_owner = trigger in PATIENT_NOUNS and owner.type == "person"
            if done_to_owner and not (preposition == "of" and following is not None):
                patient = owner
            else:
                agent = owner  # "Trump's dismissal of Comey": Comey is the patient
        if preposition == "by":
            agent = following
        elif preposition and patient is None:
            patient = following
        return _role(agent), _role(patient)
    subject = next((e for e in before[:1] if _only(text[e.end : start], _BETWEEN_SUBJECT)), None)
    words = [w.lower() for w in _WORD.findall(text[subject.end : start])] if subject else []
    if subject is None and before and (who := _WHO.match(text[before[0].end : start])):
        # "Shelby, who shot Crutcher": the relative pronoun's antecedent is the subject.
        subject = before[0]
        words = [w.lower() for w in _WORD.findall(who.group("verb"))]
    if subject is None:
        subject, words = _set_off_subject(text, before, start)
    progressive = (text[start:end].split() or [""])[0].lower().endswith("ing")
    if subject is not None and _PASSIVE_BE & set(words) and not progressive:
        patient = subject
        doer = _first(after, text, end, _BY)
        agent = doer
    elif text[start:end].lower() in _UNDERGONE:
        patient = subject  # "Young died": what happened happened to him
    else:
        agent = subject
        if text[start:end].lower() not in _REPORTING:
            patient = _first(after, text, end, _OBJECT)
    return _role(agent), _role(patient)


# A subject, then a clause set off by commas or dashes, then the verb with at most
# auxiliaries and adverbs before it: "Scott, who was black, was shot"; "Crutcher, 40 - a
# father who sang at church - was shot"; "Shelby, who shot Crutcher last week, was charged".
_SET_OFF = re.compile(
    r"^\s*(?:,|--|-(?=\s)|[―—–])\s*[^.;:!?\n\"“”()]{1,160}?(?:,|--|(?<=\s)-|[―—–])\s*"
    r"(?P<verb>(?:[A-Za-z']+\s+){0,3})$"
)
_WHO = re.compile(r"^\s*,\s*who\s+(?P<verb>(?:[A-Za-z']+\s+){0,3})$")
# What may come before a set-off subject in its sentence: nothing, an opening phrase of up
# to four words and its comma ("On Thursday,"), and a title or two ("Officer").
_CLAUSE_START = re.compile(
    r"(?:^|[.!?\n]\s*|[\"“]\s*)(?:[A-Z][\w.]*(?:\s+[\w.]+){0,3},\s+)?(?:[A-Z][\w.]*\s+){0,2}$"
)


def _set_off_subject(
    text: str, before: Sequence[HasSpan], start: int
) -> tuple[HasSpan | None, list[str]]:
    """The subject that opens the sentence when a set-off clause stands between it and the
    verb, and the words just before the verb (the auxiliaries that tell a passive); the
    clause's own words ("who was black") are not the verb's."""
    for entity in before:
        found = _SET_OFF.match(text[entity.end : start])
        if found is None:
            continue
        verb = [w.lower() for w in _WORD.findall(found.group("verb"))]
        if not all(w in _BETWEEN_SUBJECT for w in verb):
            return None, []
        if _CLAUSE_START.search(text[max(0, entity.start - 40) : entity.start]) is None:
            return None, []
        return entity, verb
    return None, []


def compatible(a: str, b: str) -> bool:
    """Whether two roles may name the same one: of different types (the tagger's types are
    not sure enough to tell two apart by), or sharing a name word ("person:Scott" /
    "person:Keith Lamont Scott")."""
    type_a, _, name_a = a.partition(":")
    type_b, _, name_b = b.partition(":")
    if type_a != type_b:
        return True
    return bool(_name_words(name_a) & _name_words(name_b))


def _alone(text: str, entity: HasSpan, possessor: bool = False, left_too: bool = True) -> bool:
    """Whether the name stands as a whole argument: not after a preposition or in a list
    ("between Egypt and Italy"), not a possessor or modifier of the next word ("UNC's
    record", "a Brownsville mother"), not coordinated ("Alice and Katie were found")."""
    left = _WORD_OR_COMMA.findall(text[max(0, entity.start - 30) : entity.start])
    determined = bool(left) and left[-1].lower() in {"the", "a", "an"}
    if determined:
        left = left[:-1]
    if left_too and left and left[-1].lower() in _NOT_ARGUMENT_BEFORE:
        return False
    if left_too and not possessor and left and _verb_form(left[-1]):
        return False  # "the man who shot Keith Scott was arrested": Scott is not the subject
    rest = text[entity.end : entity.end + 30]
    if possessor:
        return True
    if re.match(r"^(?:'s|’s|'|’)(?!\w)", rest):
        return False
    right = _WORD_OR_COMMA.findall(rest)
    if right and right[0].lower() in {"and", "or"}:
        return False
    word = right[0] if right else ""
    pronoun = text[entity.start : entity.end].lower()
    if pronoun in _POSSESSIVE_PRONOUNS - {"her"}:
        return False  # "releasing his returns": "his" is the returns' owner
    if pronoun == "her" and word.isalpha() and word.islower() and word not in _FUNCTION_AFTER:
        return False  # "arrested her brother"
    # "a Brownsville mother": a name after an article that a noun follows modifies it. (A
    # subject needs no such check: only auxiliaries and adverbs may stand between it and
    # its verb, see :func:`roles`.)
    return not (
        determined
        and word.isalpha()
        and word.islower()
        and word not in _FUNCTION_AFTER
        and word not in _NOT_ARGUMENT_BEFORE
        and word not in _BETWEEN_SUBJECT
    )


def _verb_form(word: str) -> bool:
    """A past or present participle or an irregular past: the name after it is its
    object."""
    lower = word.lower()
    if not word.isalpha() or not word.islower():
        return False
    return (len(lower) > 4 and lower.endswith(("ed", "ing"))) or lower in IRREGULAR_FORMS


def _headline(text: str, start: int, end: int) -> bool:
    """Whether the trigger's line is a title in title case ("Trial Begins for Kraft
    Shooting Suspect"): the tagger reads its capitals as names."""
    line_start = text.rfind("\n", max(0, start - _TITLE_LENGTH), start) + 1
    line_end = text.find("\n", end, end + _TITLE_LENGTH)
    if line_end < 0:
        if len(text) - end > _TITLE_LENGTH:
            return False  # a long line is a paragraph, not a title
        line_end = len(text)
    if line_start == 0 and start > _TITLE_LENGTH:
        return False
    line = text[line_start:line_end].rstrip()
    if line.endswith((".", "?", "!", '"', "”")):
        return False  # a sentence, however many names it holds
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _name_words(name: str) -> set[str]:
    return {w for w in raw_words(name.lower(), joiners="") if w not in _NOT_NAME_WORDS}


def _owns(text: str, entity: HasSpan, start: int) -> bool:
    """Whether ``entity`` is the possessor of the noun at ``start``: "Clinton's proposals",
    "his tax plan" (a pronoun the entity stage resolved)."""
    gap = text[entity.end : start]
    if text[entity.start : entity.end].lower() in _POSSESSIVE_PRONOUNS:
        return bool(_ADJECTIVES.match(gap))
    return bool(_POSSESSIVE.match(gap))


def _first(
    spans: Sequence[HasSpan], text: str, end: int, between: re.Pattern[str]
) -> HasSpan | None:
    if spans and between.match(text[end : spans[0].start]):
        return spans[0]
    return None


def _only(gap: str, allowed: frozenset[str]) -> bool:
    """Whether ``gap`` holds only ``allowed`` words (and no punctuation but apostrophes)."""
    if any(c in gap for c in ',;:()"“”—–'):
        return False
    return all(w.lower() in allowed for w in _WORD.findall(gap))


def _role(span: HasSpan | None) -> str | None:
    if span is None or span.type not in ARGUMENT_TYPES:
        return None
    return f"{span.type}:{span.name}"
