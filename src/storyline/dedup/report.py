"""Reading duplicate groups back: group listings and what a copy changed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from storyline.store import Store
from storyline.text.sentences import sentences, spans


@dataclass(frozen=True, slots=True)
class GroupMember:
    id: str
    outlet: str | None
    published: str | None
    title: str | None
    kind: str | None
    score: float | None
    derived_from: str | None


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    canonical: GroupMember
    members: tuple[GroupMember, ...]

    @property
    def size(self) -> int:
        return 1 + len(self.members)


def duplicate_groups(store: Store, *, limit: int = 50, offset: int = 0) -> list[DuplicateGroup]:
    """Groups with at least one copy, largest first, then most recent."""
    rows = store.conn.execute(
        "SELECT duplicate_of, count(*) AS n, max(published) AS last FROM documents "
        "WHERE duplicate_of IS NOT NULL AND superseded_by IS NULL "
        "GROUP BY duplicate_of ORDER BY n DESC, last DESC, duplicate_of LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    groups = []
    for row in rows:
        canonical = _member(store, row[0])
        members = tuple(
            GroupMember(*r)
            for r in store.conn.execute(
                "SELECT id, outlet, published, title, duplicate_kind, duplicate_score, "
                "derived_from FROM documents WHERE duplicate_of = ? AND superseded_by IS NULL "
                "ORDER BY published, published_at, id",
                (row[0],),
            )
        )
        if canonical is not None:
            groups.append(DuplicateGroup(canonical, members))
    return groups


def _member(store: Store, document_id: str) -> GroupMember | None:
    row = store.conn.execute(
        "SELECT id, outlet, published, title, duplicate_kind, duplicate_score, derived_from "
        "FROM documents WHERE id = ?",
        (document_id,),
    ).fetchone()
    return GroupMember(*row) if row else None


@dataclass(frozen=True, slots=True)
class Differences:
    added: tuple[str, ...]
    removed: tuple[str, ...]


def differences(original: str, copy: str) -> Differences:
    """Sentences the copy added to, and removed from, the original (aligned with difflib)."""
    a = [original[s:e] for s, e in spans(sentences(original))]
    b = [copy[s:e] for s, e in spans(sentences(copy))]
    added: list[str] = []
    removed: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            removed.extend(a[a0:a1])
        if tag in ("replace", "insert"):
            added.extend(b[b0:b1])
    return Differences(tuple(added), tuple(removed))
