"""Listings for the web: stories with their coverage per day, documents, and store counts.

A page is served every morning on a large store, so each read here is a few index look-ups
whatever its size: a story's canonical articles come from ``story_vectors`` (indexed by
story) and their copies from ``documents.duplicate_of`` (indexed); stories are ordered by
the index on ``end``. The order is the same idea as ``storyline stories``: newest last
article first, then the largest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """What narrows a listing, with ids already resolved; ``start`` is the first publication
    day (inclusive), ``end_exclusive`` the day after the last (``published`` may carry a
    time, so it is compared with ``<``)."""

    start: str | None = None
    end_exclusive: str | None = None
    outlet: str | None = None
    entity_id: str | None = None
    story_id: str | None = None


@dataclass(frozen=True, slots=True)
class StoryCard:
    id: str
    title: str
    start: str | None
    end: str | None
    articles: int  # canonical articles (copies folded under them)
    documents: int  # articles and their copies
    outlets: tuple[str, ...]
    per_day: tuple[tuple[str, int], ...]  # (day, documents published that day)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    duplicate_of: str | None
    duplicate_kind: str | None
    length: int


def document_conditions(where: DocumentFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``documents d`` for ``where``, with their parameters."""
    conditions: list[str] = []
    params: list[Any] = []
    if where.start:
        conditions.append("d.published >= ?")
        params.append(where.start)
    if where.end_exclusive:
        conditions.append("d.published < ?")
        params.append(where.end_exclusive)
    if where.outlet:
        conditions.append("d.outlet = ?")
        params.append(where.outlet)
    if where.entity_id:
        conditions.append("d.id IN (SELECT document_id FROM entity_mentions WHERE entity_id = ?)")
        params.append(where.entity_id)
    if where.story_id:
        conditions.append("d.story_id = ?")
        params.append(where.story_id)
    return conditions, params


class ListingReads:
    """``store.listing``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def story_cards(
        self, where: DocumentFilter, *, limit: int, offset: int
    ) -> tuple[list[StoryCard], int]:
        """A page of stories and how many match in all."""
        conn = self.store.conn
        conditions = ["s.merged_into IS NULL"]
        params: list[Any] = []
        if where.start:
            conditions.append("s.end >= ?")
            params.append(where.start)
        if where.end_exclusive:
            conditions.append("s.start < ?")
            params.append(where.end_exclusive)
        if where.outlet:
            conditions.append(
                "s.id IN (SELECT v.story_id FROM documents d JOIN story_vectors v "
                "ON v.document_id = coalesce(d.duplicate_of, d.id) WHERE d.outlet = ? "
                "AND d.superseded_by IS NULL)"
            )
            params.append(where.outlet)
        if where.entity_id:
            conditions.append(
                "s.id IN (SELECT v.story_id FROM entity_mentions m JOIN story_vectors v "
                "ON v.document_id = m.document_id WHERE m.entity_id = ?)"
            )
            params.append(where.entity_id)
        if where.story_id:
            conditions.append("s.id = ?")
            params.append(where.story_id)
        condition = " AND ".join(conditions)
        # A story row holds its centroid, so counting rows reads the whole table; the stories
        # that hold articles are counted from the story index instead when nothing narrows
        # them.
        count = (
            f"SELECT count(*) FROM stories s WHERE {condition}"
            if params
            else "SELECT count(DISTINCT story_id) FROM story_vectors"
        )
        total = int(conn.execute(count, params).fetchone()[0])
        # NULLs sort last in descending order: undated stories come at the end, and the order
        # follows the index on ``end``.
        rows = conn.execute(
            f"SELECT s.id, s.title, s.start, s.end FROM stories s WHERE {condition} "
            "ORDER BY s.end DESC, s.size DESC, s.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [self._card(*row) for row in rows], total

    def _card(self, story_id: str, title: str, start: str | None, end: str | None) -> StoryCard:
        conn = self.store.conn
        members = conn.execute(
            "SELECT d.id, d.published, d.outlet FROM story_vectors v "
            "JOIN documents d ON d.id = v.document_id "
            "WHERE v.story_id = ? AND d.superseded_by IS NULL",
            (story_id,),
        ).fetchall()
        ids = [m[0] for m in members]
        copies = []
        if ids:
            marks = ",".join("?" * len(ids))
            copies = conn.execute(
                f"SELECT published, outlet FROM documents WHERE duplicate_of IN ({marks}) "
                "AND superseded_by IS NULL",
                ids,
            ).fetchall()
        rows = [(m[1], m[2]) for m in members] + [(c[0], c[1]) for c in copies]
        days = Counter(str(published)[:10] for published, _ in rows if published)
        outlets = Counter(outlet for _, outlet in rows if outlet)
        return StoryCard(
            story_id,
            title,
            start,
            end,
            len(members),
            len(rows),
            # Most articles first, ties by name: the same on every backend and every read.
            tuple(sorted(outlets, key=lambda name: (-outlets[name], name))),
            tuple(sorted(days.items())),
        )

    def documents(
        self, where: DocumentFilter, *, limit: int, offset: int
    ) -> tuple[list[DocumentRow], int]:
        """Current documents, newest first, narrowed by ``where``; and how many match."""
        conditions, params = document_conditions(where)
        conditions.insert(0, "d.superseded_by IS NULL")
        condition = " AND ".join(conditions)
        conn = self.store.conn
        total = conn.execute(f"SELECT count(*) FROM documents d WHERE {condition}", params)
        rows = conn.execute(
            "SELECT d.id, d.title, d.outlet, d.published, d.story_id, d.duplicate_of, "
            f"d.duplicate_kind, length(d.text) FROM documents d WHERE {condition} "
            "ORDER BY d.published IS NULL, d.published DESC, d.pk DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [DocumentRow(*r) for r in rows], int(total.fetchone()[0])

    def stats(self) -> dict[str, Any]:
        """What the store holds: counts of each kind of record, the date range, the last run."""
        conn = self.store.conn

        def count(sql: str) -> int:
            return int(conn.execute(sql).fetchone()[0])

        first, last = conn.execute(
            "SELECT min(published), max(published) FROM documents WHERE superseded_by IS NULL"
        ).fetchone()
        run = conn.execute(
            "SELECT id, started_at, finished_at, status FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return {
            "documents": count("SELECT count(*) FROM documents WHERE superseded_by IS NULL"),
            "duplicates": count(
                "SELECT count(*) FROM documents WHERE superseded_by IS NULL "
                "AND duplicate_of IS NOT NULL"
            ),
            "stories": count("SELECT count(*) FROM stories WHERE merged_into IS NULL"),
            "entities": count("SELECT count(*) FROM entities"),
            "quotes": count("SELECT count(*) FROM quotes"),
            "events": count("SELECT count(*) FROM events"),
            "outlets": count("SELECT count(DISTINCT outlet) FROM documents"),
            "first_published": first,
            "last_published": last,
            "last_run": dict(zip(("id", "started_at", "finished_at", "status"), run, strict=True))
            if run
            else None,
        }

    def outlets(self) -> list[str]:
        """Every outlet in the store, for the filter menus."""
        return [
            str(r[0])
            for r in self.store.conn.execute(
                "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet"
            )
        ]

    def count_quotes(self, *, story_id: str | None, entity_id: str | None) -> int:
        """How many quotes of current, canonical articles there are in the story and by the
        speaker entity given (the count of ``quotes.report.list_quotes`` without a speaker)."""
        sql = (
            "SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.document_id "
            "WHERE d.superseded_by IS NULL AND d.duplicate_of IS NULL"
        )
        params: list[str] = []
        if story_id is not None:
            sql += " AND d.story_id = ?"
            params.append(story_id)
        if entity_id is not None:
            sql += " AND q.speaker_entity_id = ?"
            params.append(entity_id)
        return int(self.store.conn.execute(sql, params).fetchone()[0])
