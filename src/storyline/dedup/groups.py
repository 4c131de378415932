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

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.dedup.index import links_of
from storyline.dedup.verify import KIND_RANK

# A component larger than this is reported: real copy groups are small, a huge one means
# links chained through something that is not the reporting (e.g. shared templates).
LARGE_GROUP = 200


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    published: str | None
    published_at: str | None
    length: int

    def order(self) -> tuple[bool, str, bool, str, int, str]:
        """Earliest first: by date, then by time of day where known, then longest."""
        return (
            self.published is None,
            self.published or "",
            self.published_at is None,
            self.published_at or "",
            -self.length,
            self.id,
        )


def component(
    conn: sqlite3.Connection, seed: str
) -> tuple[set[str], list[tuple[str, str, str, float]]]:
    seen, frontier = {seed}, [seed]
    links: dict[tuple[str, str], tuple[str, str, str, float]] = {}
    while frontier:
        found = links_of(conn, frontier)
        frontier = []
        for link in found:
            links[(link[0], link[1])] = link
            for node in link[:2]:
                if node not in seen:
                    seen.add(node)
                    frontier.append(node)
    return seen, list(links.values())


def regroup(conn: sqlite3.Connection, seeds: Iterable[str]) -> list[int]:
    """Recompute the groups of ``seeds``; return the sizes of the groups written."""
    done: set[str] = set()
    sizes = []
    for seed in seeds:
        if seed in done:
            continue
        members_ids, links = component(conn, seed)
        done |= members_ids
        members = _members(conn, members_ids)
        if not members:
            continue
        sizes.append(len(members))
        _write(conn, members, links)
    return sizes


def _members(conn: sqlite3.Connection, ids: set[str]) -> dict[str, Member]:
    found = {}
    ordered = list(ids)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for doc_id, published, published_at, length in conn.execute(
            "SELECT id, published, published_at, length(text) FROM documents "
            f"WHERE id IN ({marks}) AND superseded_by IS NULL",
            chunk,
        ):
            found[doc_id] = Member(doc_id, published, published_at, length)
    return found


def _write(
    conn: sqlite3.Connection, members: dict[str, Member], links: list[tuple[str, str, str, float]]
) -> None:
    canonical = min(members.values(), key=Member.order)
    neighbours: dict[str, list[tuple[str, str, float]]] = {m: [] for m in members}
    for a, b, kind, score in links:
        if a in members and b in members:
            neighbours[a].append((b, kind, score))
            neighbours[b].append((a, kind, score))
    rows: list[tuple[str | None, str | None, float | None, str | None, str]] = []
    for member in members.values():
        if member.id == canonical.id:
            rows.append((None, None, None, None, member.id))
            continue
        earlier = [
            n for n in neighbours[member.id] if members[n[0]].order() < member.order()
        ] or neighbours[member.id]
        parent, kind, score = max(earlier, key=lambda n: (KIND_RANK[n[1]], n[2], n[0]))
        rows.append((canonical.id, kind, score, parent, member.id))
    conn.executemany(
        "UPDATE documents SET duplicate_of = ?, duplicate_kind = ?, duplicate_score = ?, "
        "derived_from = ? WHERE id = ?",
        rows,
    )
