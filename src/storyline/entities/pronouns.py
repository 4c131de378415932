"""Personal pronouns ("he", "his", "she", "herself") resolved to the person they stand for.

Pure: one document's text and its person mentions in, resolved pronouns out. The rules are a
careful reader's, and a pronoun the text leaves open is left out rather than guessed:

- the antecedent is a person named before the pronoun in the same sentence or one of the
  two before it; a pronoun already resolved there carries its person along ("He ... He");
- gender must agree where it is known (``gender.py``: a title, a word such as "wife" beside
  the name, else a common given name), or else from the first pronoun resolved to the
  person; an unknown gender agrees with both;
- each person in view gets a salience: recent sentences count far more than older ones, a
  subject more than another mention, a name inside a quotation less, a person named often
  before a little more. An object pronoun ("him", "told her") is seldom its own sentence's
  subject, and a reflexive ("himself") is someone of its own sentence;
- "Ode said he ...", "Berg told reporters that she ...": a named speaker right before the
  pronoun is the one it stands for; inside a quotation whose speaker is named beside it
  ('Ode said: "... he ..."'), the speaker says "I", so "he" is someone named inside the
  quotation or is left open;
- the most salient person wins only by a clear margin: two men named side by side ("Ode and
  Kern met. He ...") or one telling the other ("Ode told Kern that he ...") leave the
  pronoun open. So does "the coroner said he ...", where "he" is most likely the unnamed
  speaker.

A "person" whose every word is an everyday word ("Attempted Murder", "Academy": the
tagger's slips in headlines) is not an antecedent unless the text gives it a gender, and a
title the tagger took into a name ("Ms. Palin") does not make another person of the one
named in full ("Sarah Palin"). "they" and "it" are out of scope.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from storyline.entities.gender import TITLE_GENDER
from storyline.entities.gender import genders as known_genders
from storyline.entities.lexicon import read_clusters
from storyline.entities.tagger import data_folder
from storyline.model import EntityMention, PronounMention
from storyline.text import lexicon
from storyline.text.sentences import sentences
from storyline.text.tokens import Token

GENDER = {word: "m" for word in lexicon.MASCULINE} | {word: "f" for word in lexicon.FEMININE}
# Sentences before the pronoun's own in which an antecedent may be named.
WINDOW = 2
# Salience: a mention counts DECAY ** (sentences back), SUBJECT times more as a subject; a
# person counts 1 + TOPIC * log(n) times more for n mentions so far; the best must beat the
# second by MARGIN times, or the pronoun is left open. Tuned on the ECB+ training topics
# (``python -m bench pronouns --topics train``).
DECAY = 0.2
SUBJECT = 1.5
MARGIN = 1.6
# A person named inside a quotation counts this much (the narrative's people count fully).
QUOTED = 0.25
TOPIC = 0.25
# An object pronoun ("him") rarely stands for its own sentence's subject.
OBJECT_SUBJECT = 0.25
# Words after "her" that make it an object ("told her to", "saw her and"), not a possessive.
_AFTER_OBJECT_TEXT = """
to and or but as in on at by for from with into that this a an the up down out off back again
"""
_AFTER_OBJECT = frozenset(_AFTER_OBJECT_TEXT.split())
_SAID = lexicon.alternation(lexicon.ATTRIBUTION_VERBS - {"say", "announced"})
_ATTRIBUTION = re.compile(rf"\s*{_SAID}\b[^.!?\n]{{0,40}}[.!?]")
_SPEAKER_BEFORE = re.compile(
    r"\b(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:said|says|told\s+\w+|added|believes|thinks)"
    r"\s+(?:that\s+)?$",
    re.IGNORECASE,
)
# Titles the tagger sometimes takes into a name ("Mr Kern", "Deputy Ortiz").
_RANKS_TEXT = """
dr dr. prof prof. gov gov. sen sen. rep rep. gen gen. col col. capt capt. lt lt. sgt sgt. det
det. insp insp. deputy officer coroner inspector detective judge sheriff president governor
senator minister chancellor coach
"""
_HONORIFICS = frozenset(
    [
        *TITLE_GENDER,
        *_RANKS_TEXT.split(),
    ]
)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\b[\s\d.,]*\s$")
_SAYS = r"(?:said|says|added|asked|wrote|told\s+(?:\w+\s+)?\w+)"
_SAYS_BEFORE = re.compile(rf"(?:\s*,[^,.!?\n]{{1,40}},)?\s+{_SAYS}\s*[:,]?\s*")
_SAYS_AFTER = re.compile(rf"\s+{_SAYS}\b")
# Between a named speaker and the pronoun: " said", ", 52, told reporters that".
_SAID_THAT = re.compile(
    r"(?:\s*,[^,.!?]{1,40},)?\s+(?:said|says|told\s+(?:\w+\s+)?\w+|added|insisted|argued|"
    r"explained|believes|thinks|claimed|admitted|denied|announced|confirmed)\s+(?:that\s+)?$"
)
# Words before a name that make it something other than its sentence's subject.
_NOT_SUBJECT_TEXT = """
to by with for from of after about against at on in into told like than and or as under over
between said says according including whom whose that
"""
_NOT_SUBJECT = frozenset(_NOT_SUBJECT_TEXT.split())


@dataclass(frozen=True, slots=True)
class _Seen:
    """A person in view: named (``mention``) or as an earlier pronoun, in sentence ``sentence``."""

    key: str
    sentence: int
    start: int
    subject: bool
    mention: EntityMention
    weight: float  # less inside a quotation


def resolve(text: str, people: Sequence[EntityMention]) -> list[PronounMention]:
    """The pronouns of ``text`` that stand clearly for one of ``people`` (this text's mentions
    as ``mentions.extract`` gives them; other types than persons are ignored), in text
    order, each with the mention it stands for as its antecedent."""
    named = sorted((m for m in people if m.type == "person"), key=lambda m: m.start)
    # A piece that starts at a comma joins the one before it ("... at 9 a. m., Ode said.").
    groups = sentences(text, join_clauses=True)
    starts = [group[0].start for group in groups]
    # Keyed as the same person as its full name (see _same_people); reported as given.
    given = {(m.start, m.end): m for m in named}
    named = _same_people(named)
    genders = known_genders(text, named)
    by_key: dict[str, list[EntityMention]] = {}
    for mention in named:
        by_key.setdefault(mention.key, []).append(mention)
    candidates = [m for m in named if m.key in genders or _looks_like_person(text, by_key[m.key])]
    quoted = _quoted(text)
    seen: list[_Seen] = []
    for mention in candidates:
        index = _sentence_of(starts, mention.start)
        subject = _is_subject(text, groups[index], mention, seen)
        weight = QUOTED if _inside(quoted, mention.start) else 1.0
        seen.append(_Seen(mention.key, index, mention.start, subject, mention, weight))
    found: list[PronounMention] = []
    for index, group in enumerate(groups):
        for position, token in enumerate(group):
            gender = _pronoun_gender(token)
            if gender is None or any(m.start <= token.start < m.end for m in named):
                continue
            opens = all(not t.text[:1].isalnum() for t in group[:position])
            role = _role(token, group[position + 1] if position + 1 < len(group) else None)
            quotation = _quote_of(text, named, quoted, token.start)
            if _SPEAKER_BEFORE.search(text, group[0].start, token.start):
                continue  # "the coroner said he ...": he is most likely the unnamed speaker
            chosen = _speaker(text, named, genders, group[0].start, token.start, gender)
            if chosen is None:
                if quotation is not None:
                    # In someone's quotation, only a person named inside it is clearly meant.
                    view = [s for s in seen if quotation[0] < s.start and s.key != quotation[2]]
                else:
                    view = seen
                chosen = _choose(view, genders, index, token.start, gender, role)
            if chosen is None:
                continue
            antecedent = given[chosen.start, chosen.end]
            found.append(PronounMention(token.start, token.end, token.text, gender, antecedent))
            # The first clear pronoun tells an unknown person's gender to later ones.
            genders.setdefault(chosen.key, gender)
            seen.append(_Seen(chosen.key, index, token.start, opens, chosen, 1.0))
    return found


def _quote_of(
    text: str,
    named: Sequence[EntityMention],
    quoted: Sequence[tuple[int, int]],
    offset: int,
) -> tuple[int, int, str] | None:
    """The quotation around ``offset`` and the key of its speaker, when one is named right
    beside it ('Ode said: "..."', '"...," Ode said'). The speaker calls himself "I": a he
    or she inside stands for someone else."""
    for start, end in quoted:
        if start < offset < end:
            for mention in named:
                if mention.end <= start and _SAYS_BEFORE.fullmatch(text, mention.end, start):
                    return start, end, mention.key
                if end < mention.start <= end + 5 and _SAYS_AFTER.match(text, mention.end):
                    return start, end, mention.key
    return None


def _speaker(
    text: str,
    named: Sequence[EntityMention],
    genders: dict[str, str],
    sentence_start: int,
    offset: int,
    gender: str,
) -> EntityMention | None:
    """The person of "Ode said he ...", "Berg told reporters that she ...": a named speaker
    right before the pronoun, who is nearly always the one the pronoun stands for."""
    before = [m for m in named if sentence_start <= m.start and m.end <= offset]
    if not before or genders.get(before[-1].key, gender) != gender:
        return None
    if _SAID_THAT.match(text, before[-1].end, offset):
        return before[-1]
    return None


def _pronoun_gender(token: Token) -> str | None:
    word = token.text
    if not (word.islower() or word.istitle() or word.isupper()):
        return None
    return GENDER.get(word.lower())


def _role(token: Token, following: Token | None) -> str:
    """ "reflexive" (himself), "object" (him, "told her to"), or "other" (he, his, "her
    car")."""
    word = token.text.lower()
    if word.endswith("self"):
        return "reflexive"
    if word == "him":
        return "object"
    if word == "her":
        after = following.text.lower() if following else ""
        if not after or not after[:1].isalpha() or after in _AFTER_OBJECT:
            return "object"
    return "other"


def _choose(
    seen: Sequence[_Seen],
    genders: dict[str, str],
    index: int,
    offset: int,
    gender: str,
    role: str,
) -> EntityMention | None:
    in_view = [
        item
        for item in seen
        if index - WINDOW <= item.sentence <= index
        and item.start < offset
        and genders.get(item.key, gender) == gender
    ]
    if role == "reflexive" and any(item.sentence == index for item in in_view):
        # "Ode hanged himself": someone of the reflexive's own sentence.
        in_view = [item for item in in_view if item.sentence == index]
    scores: dict[str, float] = {}
    for item in in_view:
        weight = item.weight * DECAY ** (index - item.sentence)
        weight *= SUBJECT if item.subject else 1.0
        if item.sentence == index and item.subject and role == "object":
            # "Ode beat Berg, knocking him down": him is not the clause's own subject.
            weight *= OBJECT_SUBJECT
        scores[item.key] = scores.get(item.key, 0.0) + weight
    for key in scores:
        earlier = sum(1 for s in seen if s.key == key and s.start < offset)
        scores[key] *= 1.0 + TOPIC * math.log(earlier)
    if not scores:
        return None
    ranked = sorted(scores.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] < MARGIN * ranked[1]:
        return None  # two people about as likely: left open
    key = max(scores, key=scores.__getitem__)
    # The antecedent is the latest naming of that person, even when a pronoun came between.
    return max((s for s in seen if s.key == key and s.start < offset), key=_start).mention


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks, each within one paragraph ("..." or “...”)."""
    spans: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        opened: int | None = None
        for mark in re.finditer(r"[\"“”]", paragraph.group()):
            at = paragraph.start() + mark.start()
            if opened is None and mark.group() != "”":
                opened = at
            elif opened is not None and mark.group() != "“":
                spans.append((opened, at))
                opened = None
    return spans


def _inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    return any(start < offset < end for start, end in spans)


def _start(seen: _Seen) -> int:
    return seen.mention.start


def _sentence_of(starts: Sequence[int], offset: int) -> int:
    low, high = 0, len(starts)
    while high - low > 1:
        middle = (low + high) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle
    return low


def _is_subject(
    text: str, group: Sequence[Token], mention: EntityMention, earlier: Sequence[_Seen]
) -> bool:
    """Whether ``mention`` is (one of) its sentence's subject(s): the first person named with
    nothing before it that makes it an object or a dependant ("Former coach Ben Ode said",
    not "According to Ben Ode"), or one coordinated with it ("Ann Berg and Ben Ode met");
    not the speaker of an attribution at the end (", Ode said.")."""
    if _ATTRIBUTION.match(text, mention.end):
        return False
    before = [t for t in group if t.end <= mention.start]
    same = [s for s in earlier if s.start >= group[0].start and s.start < mention.start]
    if same:
        last = same[-1]
        between = text[last.mention.end : mention.start].strip()
        return last.subject and between in ("and", "&", ",")
    return not any(t.text.lower() in _NOT_SUBJECT for t in before) and len(before) <= 6


def _same_people(named: Sequence[EntityMention]) -> list[EntityMention]:
    """Mentions with a title the tagger took in ("Ms. Palin", "Deputy Ortiz") take the key
    of the one person named in full with that surname ("Sarah Palin"), so that both count
    for the same person here. A pronoun still reports the mention as given, with its key."""
    surnames: dict[str, set[str]] = {}
    for mention in named:
        words = mention.name.split()
        if len(words) >= 2 and words[0].lower() not in _HONORIFICS:
            surnames.setdefault(words[-1].lower(), set()).add(mention.key)
    result = []
    for mention in named:
        words = mention.name.split()
        if len(words) == 2 and words[0].lower() in _HONORIFICS:
            keys = surnames.get(words[1].lower(), set())
            if len(keys) == 1:
                mention = replace(mention, key=next(iter(keys)))
        result.append(mention)
    return result


def _looks_like_person(text: str, mentions: Sequence[EntityMention]) -> bool:
    """Whether some naming of a "person" looks like one: a word that is not an everyday word
    (the tagger now and then takes "Attempted Murder" or "Academy" for a person), and not
    always after an article ("a .357 Magnum", "the Academy") or in a headline."""
    common = common_words()
    return any(
        word.lower() not in common for m in mentions for word in re.findall(r"[^\W\d_]+", m.text)
    ) and not all(
        _ARTICLE_BEFORE.search(text, max(0, m.start - 20), m.start) or _in_headline(text, m)
        for m in mentions
    )


def _in_headline(text: str, mention: EntityMention) -> bool:
    """Whether the mention sits in a short line of capitalised words ("Driver Charged With
    DWI, Vehicular Manslaughter")."""
    start = text.rfind("\n", 0, mention.start) + 1
    end = text.find("\n", mention.end)
    words = re.findall(r"[^\W\d_]+", text[start : end if end >= 0 else len(text)])
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) <= 15 and capitalised >= 0.7 * len(words)


@cache
def common_words() -> frozenset[str]:
    """Lower-case words of everyday news text (the tagger's word clusters)."""
    clusters = read_clusters(data_folder() / "clusters.tsv.gz")
    return frozenset(word for word in clusters if word.islower())
