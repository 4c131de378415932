"""Listings for the web: stories with their coverage per day, documents, and store counts.

``stories.report.list_stories`` counts members by joining ``documents.story_id``, which has
no index: fine for a command run once, too slow for a page served every morning on a large
store. Here a story's canonical articles come from ``story_vectors`` (indexed by story) and
their copies from ``documents.duplicate_of`` (indexed), so a page of stories costs a few
index lookups per story whatever the size of the store. The order is the same idea: newest
last article first, then the largest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from storyline.entities.report import find_entity
from storyline.store import Store
from storyline.stories.report import resolve
from storyline.web.filters import Filters, document_conditions


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


def story_cards(
    store: Store, filters: Filters, *, limit: int, offset: int
) -> tuple[list[StoryCard], int]:
    """A page of stories and how many match in all."""
    where = ["s.merged_into IS NULL"]
    params: list[Any] = []
    if filters.start:
        where.append("s.end >= ?")
        params.append(filters.start.isoformat())
    if filters.end_exclusive:
        where.append("s.start < ?")
        params.append(filters.end_exclusive)
    if filters.outlet:
        where.append(
            "s.id IN (SELECT v.story_id FROM documents d JOIN story_vectors v "
            "ON v.document_id = coalesce(d.duplicate_of, d.id) WHERE d.outlet = ? "
            "AND d.superseded_by IS NULL)"
        )
        params.append(filters.outlet)
    if filters.entity:
        where.append(
            "s.id IN (SELECT v.story_id FROM entity_mentions m JOIN story_vectors v "
            "ON v.document_id = m.document_id WHERE m.entity_id = ?)"
        )
        params.append(find_entity(store, filters.entity))
    if filters.story:
        where.append("s.id = ?")
        params.append(resolve(store, filters.story))
    condition = " AND ".join(where)
    # A story row holds its centroid, so counting rows reads the whole table; the stories
    # that hold articles are counted from the story index instead when nothing narrows them.
    count = (
        f"SELECT count(*) FROM stories s WHERE {condition}"
        if params
        else "SELECT count(DISTINCT story_id) FROM story_vectors"
    )
    total = int(store.conn.execute(count, params).fetchone()[0])
    # NULLs sort last in descending order: undated stories come at the end, and the order
    # follows the index on ``end``.
    rows = store.conn.execute(
        f"SELECT s.id, s.title, s.start, s.end FROM stories s WHERE {condition} "
        "ORDER BY s.end DESC, s.size DESC, s.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    cards = [_card(store, row[0], row[1], row[2], row[3]) for row in rows]
    return cards, total


def _card(store: Store, story_id: str, title: str, start: str | None, end: str | None) -> StoryCard:
    members = store.conn.execute(
        "SELECT d.id, d.published, d.outlet FROM story_vectors v "
        "JOIN documents d ON d.id = v.document_id "
        "WHERE v.story_id = ? AND d.superseded_by IS NULL",
        (story_id,),
    ).fetchall()
    ids = [m[0] for m in members]
    copies = []
    if ids:
        marks = ",".join("?" * len(ids))
        copies = store.conn.execute(
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
        tuple(name for name, _ in outlets.most_common()),
        tuple(sorted(days.items())),
    )


def documents(
    store: Store, filters: Filters, *, limit: int, offset: int
) -> tuple[list[DocumentRow], int]:
    """Current documents, newest first, narrowed by ``filters``; and how many match."""
    where, params = document_conditions(store, filters)
    where.insert(0, "d.superseded_by IS NULL")
    condition = " AND ".join(where)
    total = store.conn.execute(f"SELECT count(*) FROM documents d WHERE {condition}", params)
    rows = store.conn.execute(
        "SELECT d.id, d.title, d.outlet, d.published, d.story_id, d.duplicate_of, "
        f"d.duplicate_kind, length(d.text) FROM documents d WHERE {condition} "
        "ORDER BY d.published IS NULL, d.published DESC, d.pk DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [DocumentRow(*r) for r in rows], int(total.fetchone()[0])


def stats(store: Store) -> dict[str, Any]:
    """What the store holds: counts of each kind of record, the date range, the last run."""

    def count(sql: str) -> int:
        return int(store.conn.execute(sql).fetchone()[0])

    first, last = store.conn.execute(
        "SELECT min(published), max(published) FROM documents WHERE superseded_by IS NULL"
    ).fetchone()
    run = store.conn.execute(
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
        "last_run": dict(run) if run else None,
    }


def outlets(store: Store) -> list[str]:
    """Every outlet in the store, for the filter menus."""
    return [
        str(r[0])
        for r in store.conn.execute(
            "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet"
        )
    ]


def count_quotes(store: Store, *, story: str | None, entity: str | None) -> int:
    """How many quotes ``quotes.report.list_quotes`` lists with these filters (no speaker)."""
    sql = (
        "SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.document_id "
        "WHERE d.superseded_by IS NULL AND d.duplicate_of IS NULL"
    )
    params: list[str] = []
    if story is not None:
        sql += " AND d.story_id = ?"
        params.append(resolve(store, story))
    if entity is not None:
        sql += " AND q.speaker_entity_id = ?"
        params.append(find_entity(store, entity))
    return int(store.conn.execute(sql, params).fetchone()[0])
