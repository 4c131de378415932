"""Short names resolved across the articles of one story (issue 22).

``resolve.py`` links "Mr Howard" to "Michael Howard" when one article names both. A story's
later articles often use only the short form: "Mr Blair" in an article that never says
"Tony Blair", "UKIP" where an earlier article spelled out "UK Independence Party". Here the
names of one story's articles are read together, and an entity an article names only by a
short form takes the one full name of the story it can stand for:

- ``story-surname``: a one-word person ("Howard", also from "Mr Howard") is the one person
  of the story whose full name ends with that word (not when another full name starts with
  it: "Howard Dean" beside "Michael Howard");
- ``story-acronym``: an acronym ("UKIP") is the organisation an article of the story defined
  it as, or else the one organisation of the story whose initials spell it;
- ``story-short-form``: a short organisation name written after "the" ("the Commission")
  is the one organisation of the story whose name ends with it, or starts with it before a
  company ending ("the Mobil board" and "Mobil Corp").

Only a short form moves, and only to a longer name of the same type: two different full
names are never merged, and a name with two candidates in the story stays as it is. Pure
and order-free: the result depends on the set of the story's names, not on the order the
articles came in, so a re-run gives the same links (``link_stage.py`` stores them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from storyline.entities import rules
from storyline.entities.aliases import fold, name_key
from storyline.entities.resolve import (
    KNOWN_ORGS,
    bare_acronym,
    is_acronym,
    is_known_place,
    name_words,
    shortens,
    spellings,
)
from storyline.store.entities import StoryLink, StoryName


def story_links(names: Iterable[StoryName]) -> list[StoryLink]:
    """The links of one story's names (sorted by document and entity)."""
    rows = [n for n in names if not n.is_metonym]
    canonical: dict[str, StoryName] = {}
    for row in sorted(rows, key=lambda r: (r.entity, r.document_id, r.text)):
        canonical.setdefault(row.entity, row)
    targets: dict[str, tuple[str, str]] = {}
    for entity, row in canonical.items():
        found = _target(row, canonical, rows)
        if found is not None and found[0] != entity:
            targets[entity] = found
    links = []
    seen: set[tuple[str, str]] = set()
    for row in sorted(rows, key=lambda r: (r.document_id, r.entity)):
        if row.entity not in targets or (row.document_id, row.entity) in seen:
            continue
        seen.add((row.document_id, row.entity))
        target, rule = targets[row.entity]
        hops = 0
        while target in targets and hops < len(targets):  # "Commission" -> "EU Commission" -> …
            target, hops = targets[target][0], hops + 1
        links.append(StoryLink(row.document_id, row.entity, target, canonical[target].name, rule))
    return links


def _target(
    row: StoryName, names: dict[str, StoryName], rows: list[StoryName]
) -> tuple[str, str] | None:
    words = name_key(row.name).split()
    if row.type == "person" and len(words) == 1:
        return _one(_surname_candidates(words[0], names), rules.STORY_SURNAME.name)
    if row.type != "organization" or fold(row.name).strip() in KNOWN_ORGS:
        return None
    if is_acronym(row.name):
        acronym = bare_acronym(row.name)
        defined = {
            r.entity
            for r in rows
            if rules.ACRONYM.name in r.rule.split("+")
            and bare_acronym(r.text) == acronym
            and r.entity != row.entity
            and r.type == "organization"
        }
        if defined:
            return _one(defined, rules.STORY_ACRONYM.name)
        spelled = {
            e
            for e, n in names.items()
            if n.type == "organization"
            and len(name_words(n.name)) >= 2
            and acronym in spellings(n.name)
        }
        return _one(spelled, rules.STORY_ACRONYM.name)
    short = name_words(row.name)
    # Only a short form written after "the" refers back ("the Commission"): "Radio 4",
    # "Fathers 4 Justice" and "Human Rights group" are other names that share a word.
    referring = any(r.after_the for r in rows if r.entity == row.entity)
    if not short or not referring or is_known_place(" ".join(short)):
        return None
    longer = {
        e
        for e, n in names.items()
        if n.type == "organization"
        and shortens(short, name_words(n.name))
        and not _owned(n.name, short)
    }
    return _one(longer, rules.STORY_SHORT_FORM.name)


def _owned(long_name: str, short: list[str]) -> bool:
    """Whether the long name is another organisation's ("Lib Dem Treasury" from "Lib Dem
    Treasury spokesman", "SNP Holyrood"): what it adds before the short form is a known
    organisation or an acronym, so "the Treasury" is not it."""
    words = long_name.split()
    if words[:1] in (["The"], ["the"]):
        words = words[1:]
    extra = words[: len(words) - len(short)]
    if not extra:
        return False
    joined = " ".join(extra)
    # A country before it ("U.S. Treasury") is where, not whose: "the Treasury" is it.
    if is_known_place(joined):
        return False
    return fold(joined) in KNOWN_ORGS or (len(extra) == 1 and is_acronym(joined))


_COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
)


def _surname_candidates(word: str, names: dict[str, StoryName]) -> set[str]:
    ending: set[str] = set()
    starting: set[str] = set()
    for entity, n in names.items():
        words = name_key(n.name).split()
        # "North Dorset" (a constituency tagged as a person) is no one's full name.
        if n.type != "person" or len(words) < 2 or words[0] in _COMPASS:
            continue
        if words[-1] == word:
            ending.add(entity)
        elif words[0] == word:
            starting.add(entity)
    return set() if starting else ending


def _one(candidates: set[str], rule: str) -> tuple[str, str] | None:
    return (next(iter(candidates)), rule) if len(candidates) == 1 else None


def by_document(links: Iterable[StoryLink]) -> dict[str, dict[str, StoryLink]]:
    """``document id -> entity -> link``."""
    found: dict[str, dict[str, StoryLink]] = defaultdict(dict)
    for link in links:
        found[link.document_id][link.entity] = link
    return dict(found)
