"""Duplicate groups from verified links: canonical article, duplicate_of, kind, lineage.

A group is a connected component of verified links. Its canonical article is the earliest
published, then the most complete (longest clean text), then the smallest id, so the choice
does not depend on the order articles arrived in. Each other member records
``duplicate_of`` (the canonical), and its lineage: ``derived_from`` is the linked member it
most likely copies, chosen among members published no later than it by the strength of the
link (exact, then near, then rewrite) and then its score. ``duplicate_kind`` and
``duplicate_score`` describe that link.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.dedup.verify import KIND_RANK
from storyline.store import Store
from storyline.store.duplicates import DatedDocument, DuplicateMark, Link

# A component larger than this is reported: real copy groups are small, a huge one means
# links chained through something that is not the reporting (e.g. shared templates).
LARGE_GROUP = 200


def order(member: DatedDocument) -> tuple[bool, str, bool, str, int, str]:
    """Earliest first: by date, then by time of day where known, then longest."""
    return (
        member.published is None,
        member.published or "",
        member.published_at is None,
        member.published_at or "",
        -member.length,
        member.id,
    )


def component(store: Store, seed: str) -> tuple[set[str], list[Link]]:
    seen, frontier = {seed}, [seed]
    links: dict[tuple[str, str], Link] = {}
    while frontier:
        found = store.duplicates.links_of(frontier)
        frontier = []
        for link in found:
            links[(link[0], link[1])] = link
            for node in link[:2]:
                if node not in seen:
                    seen.add(node)
                    frontier.append(node)
    return seen, list(links.values())


def regroup(store: Store, seeds: Iterable[str]) -> list[int]:
    """Recompute the groups of ``seeds``; return the sizes of the groups written."""
    done: set[str] = set()
    sizes = []
    for seed in seeds:
        if seed in done:
            continue
        members_ids, links = component(store, seed)
        done |= members_ids
        members = store.duplicates.dated(members_ids)
        if not members:
            continue
        sizes.append(len(members))
        store.duplicates.mark(_marks(members, links))
    return sizes


def _marks(members: dict[str, DatedDocument], links: list[Link]) -> list[DuplicateMark]:
    canonical = min(members.values(), key=order)
    neighbours: dict[str, list[tuple[str, str, float]]] = {m: [] for m in members}
    for a, b, kind, score in links:
        if a in members and b in members:
            neighbours[a].append((b, kind, score))
            neighbours[b].append((a, kind, score))
    marks: list[DuplicateMark] = []
    for member in members.values():
        if member.id == canonical.id:
            marks.append(DuplicateMark(member.id, None, None, None, None))
            continue
        earlier = [
            n for n in neighbours[member.id] if order(members[n[0]]) < order(member)
        ] or neighbours[member.id]
        parent, kind, score = max(earlier, key=lambda n: (KIND_RANK[n[1]], n[2], n[0]))
        marks.append(DuplicateMark(member.id, canonical.id, kind, score, parent))
    return marks
