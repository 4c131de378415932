"""One document's entity mentions: tagged spans with canonical keys, roles and links.

Pure functions of the text (no store), so they can be tested on sentences and run anywhere.
Within a document a bare surname ("Pistorius") takes the key of the earlier full name
ending in it ("Boris Pistorius") unless two people with that surname were named; a title
alone ("the minister") is left unresolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from storyline.entities import rules
from storyline.entities.aliases import (
    canonical,
    descriptions,
    name_key,
    next_word,
    previous_word,
)
from storyline.entities.resolve import honorific_split, within_document
from storyline.entities.roles import COUNTERPART, leading_role, person_inside, role_at
from storyline.entities.tagger import TaggedSpan
from storyline.model import EntityMention
from storyline.text.sentences import has_sentence_break

# Tagger types -> stored entity types. MISC (demonyms, events, nationalities) is not kept:
# demonyms feed roles instead, and the rest has no use yet.
TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}


def extract(text: str, spans: Sequence[TaggedSpan]) -> list[EntityMention]:
    """Mentions of people, organisations and places in ``text`` given the tagger's spans."""
    described = descriptions(text)
    mentions: list[EntityMention] = [
        EntityMention(
            d.start,
            d.end,
            d.text,
            "place",
            f"place:{name_key(d.place)}",
            d.place,
            rule=rules.PLACE_DESCRIPTION.name,
        )
        for d in described
    ]
    full_names: dict[str, EntityMention | None] = {}
    for raw in sorted(spans, key=lambda s: s.start):
        type_ = TYPES.get(raw.type)
        if type_ is None or any(d.start <= raw.start < d.end for d in described):
            continue
        cleaned = strip_debris(text, raw)
        if cleaned is None:
            continue
        span = cleaned
        inside = person_inside(span.text) if type_ != "person" else None
        if inside is not None:
            # "U.S. Supreme Court Justice Antonin Scalia" tagged as one organisation: the
            # person at its end is the mention.
            cut, _ = inside
            span = replace(span, start=span.start + cut, text=span.text[cut:], type="PER")
            type_ = "person"
        if type_ == "person":
            mention = _person(text, span, full_names)
            if inside is not None:
                mention = replace(mention, rule=f"{mention.rule}+{rules.PERSON_INSIDE.name}")
        else:
            found = canonical(
                span.text,
                type_,
                next_word=next_word(text, span.end),
                previous_word=previous_word(text, span.start),
            )
            mention = EntityMention(
                span.start,
                span.end,
                span.text,
                found.type,
                found.key,
                found.name,
                is_metonym=found.is_metonym,
                confidence=span.confidence,
            )
        if cleaned is not raw:
            mention = replace(mention, rule=f"{mention.rule}+{rules.DEBRIS.name}")
        if raw.title_case:
            mention = replace(mention, rule=f"{mention.rule}+{rules.TITLE_CASE.name}")
        mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return _resolve_counterparts(text, within_document(text, mentions))


# Ticker and markup debris around a name: Reuters writes tickers in angle brackets
# ("Mobil Corp <MOB>"), which the tagger cuts into "Mobil Corp <MOB" or "MOB>".
_DEBRIS = "<>{}[]|*#"


def strip_debris(text: str, span: TaggedSpan) -> TaggedSpan | None:
    """``span`` without ticker or markup debris; ``None`` when it is only a ticker."""
    start, end = span.start, span.end
    if "<" in span.text[1:]:
        end = start + span.text.index("<", 1)  # "Mobil Corp <MOB": the name ends before it
    while start < end and (text[start] in _DEBRIS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _DEBRIS or text[end - 1].isspace()):
        end -= 1
    ticker = (start > 0 and text[start - 1] == "<") or (end < len(text) and text[end] == ">")
    if start == end or ticker or not any(c.isalpha() for c in text[start:end]):
        return None
    if (start, end) == (span.start, span.end):
        return span
    return replace(span, start=start, end=end, text=text[start:end])


def _person(
    text: str, span: TaggedSpan, full_names: dict[str, EntityMention | None]
) -> EntityMention:
    lead = leading_role(span.text)
    if lead is not None:
        # The tagger took the title into the name ("Sen. Ted Cruz"): the name starts after it.
        cut, _ = lead
        span = replace(span, start=span.start + cut, text=span.text[cut:])
    honorific = honorific_split(span.text)
    if honorific:
        span = replace(span, start=span.start + honorific, text=span.text[honorific:])
    key = name_key(span.text)
    words = key.split()
    found = canonical(span.text, "person")
    mention = EntityMention(
        span.start,
        span.end,
        span.text,
        "person",
        found.key,
        found.name,
        confidence=span.confidence,
        rule=f"{rules.CRF.name}+{rules.TITLE_SPLIT.name}" if lead is not None else rules.CRF.name,
    )
    if honorific:
        mention = replace(mention, rule=f"{mention.rule}+{rules.HONORIFIC.name}")
    if len(words) == 1 and full_names.get(words[0]) is not None:
        earlier = full_names[words[0]]
        assert earlier is not None
        rule = f"{mention.rule}+{rules.SURNAME_LINK.name}"
        mention = replace(mention, key=earlier.key, name=earlier.name, rule=rule)
    elif len(words) > 1:
        # Two different people with this surname in one article: a bare surname could be
        # either, so it is left unlinked rather than guessed.
        surname = words[-1]
        if surname not in full_names:
            full_names[surname] = mention
        elif (known := full_names[surname]) is not None and known.key != mention.key:
            full_names[surname] = None
    role = role_at(text, span.start, span.end) or (lead[1] if lead is not None else None)
    if role is not None:
        mention = replace(
            mention, title=role.title, country=role.country, organization=role.organization
        )
    return mention


def _resolve_counterparts(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """ "his Russian counterpart Vladimir Putin": copy the title of the person named earlier
    in the same sentence (Trump, known in this document as President); else keep
    "counterpart"."""
    titles: dict[str, str] = {}
    result: list[EntityMention] = []
    for mention in mentions:
        if mention.type == "person" and mention.title == COUNTERPART:
            for earlier in reversed(result):
                if has_sentence_break(text, earlier.end, mention.start):
                    break
                if earlier.type == "person" and earlier.key in titles:
                    rule = f"{mention.rule}+{rules.COUNTERPART.name}"
                    mention = replace(mention, title=titles[earlier.key], rule=rule)
                    break
        if mention.type == "person" and mention.title and mention.title != COUNTERPART:
            titles.setdefault(mention.key, mention.title)
        result.append(mention)
    return result
