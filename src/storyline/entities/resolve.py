"""One document's mentions made consistent: short names to the full name, one type per name.

Pure functions of the text and the mentions ``mentions.extract`` found (no store), applied
in this order, each a named rule (``rules.py``) recorded on the mentions it changes:

- ``place-of``: "Hook" and "Holland" tagged as two places around "of" are one place.
- ``acronym``: "UKIP" is the "UK Independence Party" the article defines it as ("... Party
  (UKIP)") or whose initials it spells.
- ``short-form``: "the Commission" is the one organisation of the article whose name ends
  with it ("European Commission").
- ``surname-forward``: "Mr Howard" before "Michael Howard" (``surname-link`` covers the
  other order, in ``mentions.py``); ``surname-type``: "Reagan" tagged as an organisation in
  an article naming "Ronald Reagan" is him (not when the word is a known place).
- ``common-word``: a sentence-initial "Employers" tagged as an organisation is dropped.
- ``type-majority``: one name, one type in one article: the type most of its mentions have,
  weighed by evidence (a title or honorific for a person, an organisation word for an
  organisation, the gazetteer for a place); never both a person and an organisation.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from storyline.entities import rules
from storyline.entities.aliases import (
    ORGANIZATIONS,
    canonical,
    fold,
    name_key,
    previous_word,
)
from storyline.entities.countries import by_name
from storyline.entities.lexicon import Gazetteer
from storyline.entities.pronouns import common_words
from storyline.entities.tagger import data_folder
from storyline.model import EntityMention
from storyline.rules import NamedRule
from storyline.text.lexicon import (
    ACRONYM_SKIPPED,
    HONORIFICS,
    LOCATIVE_PREPOSITIONS,
    ORGANIZATION_WORDS,
)
from storyline.text.sentences import has_sentence_break

# At most this many words give letters to an acronym (2^n spellings are tried).
_MAX_ACRONYM_WORDS = 8
KNOWN_ORGS = frozenset(fold(f) for name, forms in ORGANIZATIONS.items() for f in (name, *forms))


@cache
def gazetteer() -> Gazetteer:
    """The GeoNames places the tagger's features use (``data/gazetteer.tsv.gz``)."""
    return Gazetteer.read(data_folder() / "gazetteer.tsv.gz")


def is_known_place(text: str) -> bool:
    """A country (``countries.py``) or a GeoNames country, state or city."""
    folded = fold(text).strip()
    return folded in by_name() or tuple(folded.split()) in gazetteer().names


def _name(key: str) -> str:
    return key.split(":", 1)[1]


def _with_rule(mention: EntityMention, rule: NamedRule) -> EntityMention:
    return replace(mention, rule=f"{mention.rule}+{rule.name}")


def within_document(text: str, mentions: Sequence[EntityMention]) -> list[EntityMention]:
    """The mentions of one document (by start) with the rules above applied."""
    found = _known_names(list(mentions))
    found = _places_after_in(text, found)
    found = _plural_teams(text, found)
    found = _merge_place_of(text, found)
    found = _link_acronyms(text, found)
    found = _link_short_forms(found)
    found = _link_surnames(found)
    found = _drop_common_words(text, found)
    return _one_type_per_name(found)


def _known_names(mentions: list[EntityMention]) -> list[EntityMention]:
    """A person whose name is a known organisation ("Labour") is that. (Not a country:
    "Jordan" and "Chad" are people's names too.)"""
    result = []
    for mention in mentions:
        folded = fold(mention.text).strip()
        if mention.type == "person" and folded in KNOWN_ORGS:
            found = canonical(mention.text, "organization")
            mention = _with_rule(
                replace(mention, type=found.type, key=found.key, name=found.name, title=None),
                rules.KNOWN_NAME,
            )
        result.append(mention)
    return result


def _places_after_in(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """An organisation tagged on a known place's name (GeoNames, the country table) right
    after a locative preposition ("in", "at", "near") is that place ("dockers in
    Rotterdam"), not the club or council named after it."""
    result = []
    for mention in mentions:
        if (
            mention.type == "organization"
            and not mention.is_metonym
            and previous_word(text, mention.start).lower() in LOCATIVE_PREPOSITIONS
            and is_known_place(mention.text)
            and fold(mention.text).strip() not in KNOWN_ORGS
        ):
            found = canonical(mention.text, "place")
            mention = _with_rule(
                replace(mention, type=found.type, key=found.key, name=found.name),
                rules.PLACE_AFTER_IN,
            )
        result.append(mention)
    return result


def _plural_teams(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """One plural word after "the" tagged as a person ("the Colts", "the Jaguars") names a
    team or a group: an organisation."""
    result = []
    for mention in mentions:
        word = mention.text
        if (
            mention.type == "person"
            and " " not in word
            and word[:1].isupper()
            and not word.isupper()
            and word.endswith("s")
            and not word.endswith(("ss", "'s", "\u2019s"))
            and mention.title is None
            and mention.rule == rules.CRF.name
            and previous_word(text, mention.start).lower() == "the"
        ):
            found = canonical(word, "organization")
            mention = _with_rule(
                replace(mention, type=found.type, key=found.key, name=found.name),
                rules.PLURAL_TEAM,
            )
        result.append(mention)
    return result


def _merge_place_of(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    result: list[EntityMention] = []
    for mention in mentions:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.type == mention.type == "place"
            and text[previous.end : mention.start] == " of "
            and len(previous.text.split()) == 1
            and fold(previous.text) not in by_name()
        ):
            merged = text[previous.start : mention.end]
            result[-1] = replace(
                previous,
                end=mention.end,
                text=merged,
                key=f"place:{name_key(merged)}",
                name=merged,
                rule=f"{previous.rule}+{rules.PLACE_OF.name}",
            )
            continue
        result.append(mention)
    return result


def bare_acronym(text: str) -> str:
    return text.replace(".", "").replace("'s", "").replace("\u2019s", "")


def is_acronym(text: str) -> bool:
    bare = bare_acronym(text)
    return 2 <= len(bare) <= 6 and bare.isupper() and bare.isalnum() and " " not in text


def spellings(name: str) -> set[str]:
    """The acronyms a long name can have: each word gives its initial, a word in capitals
    ("UK") may give itself whole; joining words (``ACRONYM_SKIPPED``) give nothing."""
    words = [w.strip("'\u2019") for w in name.split()]
    words = [w for w in words if w and w.lower() not in ACRONYM_SKIPPED]
    if not 2 <= len(words) <= _MAX_ACRONYM_WORDS:
        return set()
    options = [
        {w[0].upper(), w.upper()} if w.isupper() and len(w) <= 4 else {w[0].upper()} for w in words
    ]
    return {"".join(parts) for parts in itertools.product(*options)}


def _link_acronyms(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    long_forms = [m for m in mentions if m.type == "organization" and len(m.text.split()) >= 2]
    defined: dict[str, EntityMention] = {}
    for long in long_forms:
        # "the UK Independence Party (UKIP)": the article defines the acronym.
        match = re.match(r"\s*\(\s*([A-Z][A-Za-z0-9.&]{1,7})\s*\)", text[long.end : long.end + 12])
        if match:
            defined.setdefault(bare_acronym(match.group(1)), long)
    spelled: dict[str, set[str]] = defaultdict(set)
    by_key = {m.key: m for m in long_forms}
    for long in long_forms:
        for acronym in spellings(long.text):
            spelled[acronym].add(long.key)
    result = []
    for mention in mentions:
        if is_acronym(mention.text) and fold(mention.text) not in KNOWN_ORGS:
            acronym = bare_acronym(mention.text)
            target = defined.get(acronym)
            if target is None and len(spelled.get(acronym, ())) == 1:
                target = by_key[next(iter(spelled[acronym]))]
            if target is not None and target.key != mention.key:
                mention = _with_rule(
                    replace(mention, type=target.type, key=target.key, name=target.name),
                    rules.ACRONYM,
                )
        result.append(mention)
    return result


def name_words(text: str) -> list[str]:
    """The words of a name without a leading "the" ("The Commission" -> commission)."""
    words = name_key(text).split()
    return words[1:] if words[:1] == ["the"] else words


# Last words a company's short name leaves out ("Mobil Corp" is "Mobil").
_COMPANY_ENDINGS = frozenset({"co", "co.", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "plc"})


def shortens(words: Sequence[str], long: Sequence[str]) -> bool:
    """Whether ``words`` are a short form of the longer name ``long``: its last words
    ("Commission" of "European Commission") or its first before a company ending ("Mobil"
    of "Mobil Corp")."""
    return len(long) > len(words) and (
        list(long[-len(words) :]) == list(words)
        or (list(long[: len(words)]) == list(words) and set(long[len(words) :]) <= _COMPANY_ENDINGS)
    )


def _link_short_forms(mentions: list[EntityMention]) -> list[EntityMention]:
    longs: dict[str, list[str]] = {}
    by_key: dict[str, EntityMention] = {}
    for m in mentions:
        if m.type == "organization" and len(name_words(m.name)) >= 2:
            longs.setdefault(m.key, name_words(m.name))
            by_key.setdefault(m.key, m)
    result = []
    for mention in mentions:
        words = name_words(mention.text)
        if (
            mention.type == "organization"
            and words
            and not mention.is_metonym
            and not is_known_place(" ".join(words))
            and fold(mention.text) not in KNOWN_ORGS
        ):
            targets = [key for key, long in longs.items() if shortens(words, long)]
            if len(targets) == 1 and targets[0] != mention.key:
                target = by_key[targets[0]]
                mention = _with_rule(
                    replace(mention, type=target.type, key=target.key, name=target.name),
                    rules.SHORT_FORM,
                )
        result.append(mention)
    return result


def honorific_split(name: str) -> int:
    """Where the name proper starts after a courtesy title ("Mr Howard" -> 3), else 0."""
    words = name.split(" ", 1)
    if len(words) == 2 and words[0].lower() in HONORIFICS and words[1][:1].isupper():
        return len(words[0]) + 1
    return 0


def _link_surnames(mentions: list[EntityMention]) -> list[EntityMention]:
    full: dict[str, set[str]] = defaultdict(set)
    by_key: dict[str, EntityMention] = {}
    for m in mentions:
        words = _name(m.key).split()
        if m.type == "person" and len(words) >= 2:
            full[words[-1]].add(m.key)
            by_key.setdefault(m.key, m)
    result = []
    for mention in mentions:
        words = _name(mention.key).split()
        people = full.get(words[0], set()) if len(words) == 1 else set()
        if len(people) == 1:
            target = by_key[next(iter(people))]
            if mention.type == "person":
                mention = _with_rule(
                    replace(mention, key=target.key, name=target.name), rules.SURNAME_FORWARD
                )
            elif not mention.is_metonym and not is_known_place(mention.text):
                mention = _with_rule(
                    replace(mention, type="person", key=target.key, name=target.name),
                    rules.SURNAME_TYPE,
                )
        result.append(mention)
    return result


def _drop_common_words(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    common = common_words()
    named = Counter(m.text for m in mentions)
    kept = []
    for mention in mentions:
        word = mention.text
        opens = (
            mention.start == 0
            or has_sentence_break(text, max(0, mention.start - 3), mention.start)
            or text[max(0, mention.start - 2) : mention.start] == "\n\n"
        )
        if (
            mention.type == "organization"
            and " " not in word
            and word[:1].isupper()
            and not word.isupper()
            and word.lower() in common
            and mention.key == f"organization:{name_key(word)}"
            and named[word] == 1
            and not is_known_place(word)
            and opens
        ):
            continue
        kept.append(mention)
    return kept


def _evidence(mention: EntityMention) -> Counter[str]:
    """Votes beyond the mention's own type: a role or a linked surname for a person, an
    organisation word for an organisation, the gazetteer for a place."""
    votes: Counter[str] = Counter({mention.type: 1})
    words = mention.text.split()
    if mention.title or "surname" in mention.rule or honorific_split(mention.text):
        votes["person"] += 2
    if words and words[-1].lower().strip(",") in ORGANIZATION_WORDS:
        votes["organization"] += 2
    if is_known_place(mention.text):
        votes["place"] += 1
    return votes


def _one_type_per_name(mentions: list[EntityMention]) -> list[EntityMention]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, str] = {}
    for m in mentions:
        if m.is_metonym:
            continue
        votes[_name(m.key)].update(_evidence(m))
        first.setdefault(_name(m.key), m.type)
    chosen: dict[str, str] = {}
    for name, counted in votes.items():
        types = {m.type for m in mentions if _name(m.key) == name and not m.is_metonym}
        # A city and its club, a country and its team ("Liverpool", "Italy" in sports copy)
        # are two things: only a person against anything else is a conflict.
        if len(types) > 1 and "person" in types:
            best = max(counted.values())
            winners = [t for t in counted if counted[t] == best]
            chosen[name] = first[name] if first[name] in winners else sorted(winners)[0]
    result = []
    for m in mentions:
        type_ = chosen.get(_name(m.key))
        if type_ is not None and type_ != m.type and not m.is_metonym:
            m = _with_rule(
                replace(m, type=type_, key=f"{type_}:{_name(m.key)}"), rules.TYPE_MAJORITY
            )
        result.append(m)
    return result
