"""Which story id each regrouped cluster of articles carries, and what changed.

A story id must keep meaning what a user bookmarked. When the articles of some components
are grouped again, each new group takes the id of the earlier story it holds most of (each
earlier story goes to one group at most, the largest overlaps first); a group holding no
earlier story is a new story, named after its first article. An earlier story that no group
took and that kept no article is merged into the group that holds most of its articles (its
id keeps resolving there). Articles that leave a story that goes on are recorded as a split
(into a new story) or a move (into another existing one).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


def story_id_for(document_id: str) -> str:
    """A new story's id comes from its first article."""
    return "s" + hashlib.sha256(document_id.encode()).hexdigest()[:15]


@dataclass(frozen=True, slots=True)
class Change:
    """A line of history: ``created`` (``document`` is the first article), ``merged`` (the
    story ended in ``into``), ``split`` or ``moved`` (``count`` articles went to ``into``)."""

    kind: str
    story: str
    into: str | None = None
    document: str | None = None
    count: int = 0


@dataclass(frozen=True, slots=True)
class Naming:
    groups: dict[str, list[str]]  # story id -> members, for every regrouped cluster
    created: list[str] = field(default_factory=list)  # ids new (or revived) in this run
    changes: list[Change] = field(default_factory=list)


def name_groups(
    groups: Sequence[Sequence[str]],
    previous: Mapping[str, str | None],
    staying: Mapping[str, int],
    first: Callable[[Sequence[str]], str],
    taken: Callable[[str], bool],
) -> Naming:
    """Story ids for ``groups`` (lists of article ids).

    ``previous`` gives each regrouped article's story before (None: a new article);
    ``staying`` how many articles of each earlier story are not regrouped; ``first`` picks
    a group's first article; ``taken`` says whether an id is a live story outside these."""
    overlaps: Counter[tuple[int, str]] = Counter()
    for number, group in enumerate(groups):
        for article in group:
            story = previous.get(article)
            if story is not None:
                overlaps[(number, story)] += 1
    ids: dict[int, str] = {}
    claimed: set[str] = set()
    for (number, story), _ in sorted(overlaps.items(), key=lambda item: (-item[1], item[0])):
        if number not in ids and story not in claimed:
            ids[number] = story
            claimed.add(story)
    created, changes = [], []
    used = set(claimed)
    for number, group in enumerate(groups):
        if number in ids:
            continue
        opener = first(group)
        candidate, attempt = story_id_for(opener), 0
        while candidate in used or taken(candidate):
            attempt += 1
            candidate = story_id_for(f"{opener}#{attempt}")
        ids[number] = candidate
        used.add(candidate)
        created.append(candidate)
        changes.append(Change("created", candidate, document=opener))
    flows: Counter[tuple[str, str]] = Counter()
    for number, group in enumerate(groups):
        for article in group:
            story = previous.get(article)
            if story is not None and story != ids[number]:
                flows[(story, ids[number])] += 1
    gone: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for (story, into), count in sorted(flows.items()):
        if story not in claimed and not staying.get(story, 0):
            gone[story][into] += count
        else:
            kind = "split" if into in created else "moved"
            changes.append(Change(kind, story, into, count=count))
    for story, destinations in sorted(gone.items()):
        into, count = sorted(destinations.items(), key=lambda item: (-item[1], item[0]))[0]
        changes.append(Change("merged", story, into, count=sum(destinations.values())))
        for other, moved in sorted(destinations.items()):
            if other != into:
                changes.append(Change("split", story, other, count=moved))
    return Naming(
        {ids[number]: list(group) for number, group in enumerate(groups)}, created, changes
    )
