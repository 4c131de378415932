"""Stories in the store: ``stories``, their index terms (``story_terms``), their members'
term vectors (``story_vectors``), the document frequencies of terms (``term_df``), their
summaries (``story_summary``), their history (``story_events``) and ``documents.story_id``.

The stories stage writes a block at a time (executemany) and looks candidates up by term
(``story_terms`` is keyed by term) among the stories still active (index on ``end``). Reads
for people (one story, a listing) select a story's members through ``story_vectors``
(indexed by story) and their copies through ``documents.duplicate_of`` (indexed), and its
key entities by document id (indexed), so a page costs index look-ups whatever the size of
the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storyline.errors import StoreError
from storyline.store.sqlite import chunks, like_prefix, now

if TYPE_CHECKING:
    from storyline.store.sqlite import Store
    from storyline.stories.summary import Member

# A story's centroid and a member's term vector: term -> weight.
Vector = dict[str, float]
# A story's summary sentence: (text, document id, start, end).
SummaryLine = tuple[str, str, int, int]
# A copy of a story's article: (id, outlet, duplicate kind, published); plain tuples, as
# ``story --json`` serialises them.
StoryCopy = tuple[str, str | None, str | None, str | None]


@dataclass(frozen=True, slots=True)
class StoredStory:
    """A story as the stage keeps it between blocks."""

    id: str
    centroid: Vector
    size: int
    start: str | None
    end: str | None
    merged_into: str | None


@dataclass(frozen=True, slots=True)
class StoryChange:
    """A story to write: its shape, and the terms it is found by (none once merged)."""

    id: str
    start: str | None
    end: str | None
    size: int
    centroid: Vector
    merged_into: str | None
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Assignment:
    """An article joining a story, with its term vector and its closeness to the story."""

    document_id: str
    story_id: str
    vector: Vector
    similarity: float


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """A line of a story's history: created, merged (into ``other_id``) or emptied."""

    kind: str
    story_id: str
    other_id: str | None = None
    document_id: str | None = None
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class StoryHistoryLine:
    """A line of a story's history as people read it: when, what (``kind``), which story
    (``story_id``: this story or one merged into it) and which other story
    (``other_id``: where a merge ended or articles went, or whence they came), the article
    that opened a story and its title, and the count ("3 articles"). ``story_now`` and
    ``other_now`` are the stories those ids resolve to today (None: emptied since)."""

    at: str
    kind: str
    story_id: str
    other_id: str | None
    document_id: str | None
    document_title: str | None
    detail: str | None
    story_now: str | None
    other_now: str | None


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str
    size: int
    start: str | None
    end: str | None
    outlets: int


@dataclass(frozen=True, slots=True)
class StoryHead:
    id: str
    title: str
    start: str | None
    end: str | None
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """A canonical article of a story, with its copies."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    copies: tuple[StoryCopy, ...]


@dataclass(frozen=True, slots=True)
class KeyEntity:
    """A person, organisation or place the story's articles mention, with the role the
    articles give it most often (people) and in how many of them it appears."""

    id: str
    type: str  # person | organization | place
    name: str
    role: str | None
    articles: int


KEY_ENTITIES = 8
ENTITY_TYPES = ("person", "organization", "place")


class StoryTables:
    """``store.stories``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # The stage: what it reads ---------------------------------------------------------

    def pending(self) -> list[str]:
        """Current canonical articles in no story, in publication order."""
        return [
            r[0]
            for r in self.store.conn.execute(
                "SELECT id FROM documents WHERE superseded_by IS NULL AND duplicate_of IS NULL "
                "AND story_id IS NULL ORDER BY published IS NULL, published, "
                "published_at IS NULL, published_at, pk"
            )
        ]

    def grouped(self) -> list[str]:
        """The articles in the graph that are in a story."""
        return [
            r[0]
            for r in self.store.conn.execute(
                "SELECT document_id FROM story_vectors WHERE story_id != '' ORDER BY document_id"
            )
        ]

    def in_order(self, ids: set[str]) -> list[str]:
        """``ids`` in publication order (as ``pending``)."""
        return [
            r[0]
            for r in self.store.conn.execute(
                "SELECT id FROM documents WHERE superseded_by IS NULL AND duplicate_of IS NULL "
                "ORDER BY published IS NULL, published, published_at IS NULL, published_at, pk"
            )
            if r[0] in ids
        ]

    def in_graph(self, ids: Sequence[str]) -> list[str]:
        """Those of ``ids`` that are in the articles' graph."""
        found: list[str] = []
        for chunk in chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            found.extend(
                r[0]
                for r in self.store.conn.execute(
                    f"SELECT document_id FROM story_vectors WHERE document_id IN ({marks})",
                    list(chunk),
                )
            )
        return sorted(found)

    def stories_of(self, ids: Sequence[str]) -> dict[str, str | None]:
        """Each article's story now (None: in none yet)."""
        found: dict[str, str | None] = dict.fromkeys(ids)
        for chunk in chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for document_id, story_id in self.store.conn.execute(
                f"SELECT id, story_id FROM documents WHERE id IN ({marks})", list(chunk)
            ):
                found[document_id] = story_id or None
        return found

    def staying(self, story_ids: set[str], leaving: set[str]) -> dict[str, int]:
        """How many members of each story are not among ``leaving``."""
        found: dict[str, int] = {}
        for story_id in sorted(story_ids):
            members = self.store.conn.execute(
                "SELECT document_id FROM story_vectors WHERE story_id = ?", (story_id,)
            )
            found[story_id] = sum(1 for (m,) in members if m not in leaving)
        return found

    def members_of(self, story_ids: set[str | None]) -> list[str]:
        """The articles in the graph that are in any of ``story_ids``."""
        found: list[str] = []
        wanted = sorted(s for s in story_ids if s)
        for chunk in chunks(wanted):
            marks = ",".join("?" * len(chunk))
            found.extend(
                r[0]
                for r in self.store.conn.execute(
                    f"SELECT document_id FROM story_vectors WHERE story_id IN ({marks})",
                    list(chunk),
                )
            )
        return sorted(found)

    def is_live(self, story_id: str) -> bool:
        row = self.store.conn.execute(
            "SELECT 1 FROM stories WHERE id = ? AND merged_into IS NULL", (story_id,)
        ).fetchone()
        return row is not None

    def open(self, story_id: str, version: str) -> None:
        """A new story (or one merged or emptied before, opened again)."""
        stamp = now()
        self.store.conn.execute(
            "INSERT INTO stories (id, title, summary, stage, stage_version, size, centroid, "
            "created_at, updated_at) VALUES (?, '', '', 'stories', ?, 0, '{}', ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET merged_into = NULL, updated_at = excluded.updated_at, "
            "stage_version = excluded.stage_version",
            (story_id, version, stamp, stamp),
        )

    def place(self, rows: Sequence[tuple[str, str, float]]) -> None:
        """Put articles (already in the graph) in stories: (article, story, closeness)."""
        conn = self.store.conn
        conn.executemany(
            "UPDATE story_vectors SET story_id = ?, similarity = ? WHERE document_id = ?",
            [(story_id, score, document_id) for document_id, story_id, score in rows],
        )
        conn.executemany(
            "UPDATE documents SET story_id = ? WHERE id = ?",
            [(story_id, document_id) for document_id, story_id, _ in rows],
        )

    def mark_merged(self, story_id: str, into: str) -> None:
        """The story ended in ``into``; its id resolves there."""
        conn = self.store.conn
        conn.execute(
            "UPDATE stories SET merged_into = ?, size = 0, updated_at = ? WHERE id = ?",
            (into, now(), story_id),
        )
        conn.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
        conn.execute("DELETE FROM story_summary WHERE story_id = ?", (story_id,))

    def vector_count(self) -> int:
        """How many articles are in stories: the N of the term frequencies."""
        return int(self.store.conn.execute("SELECT count(*) FROM story_vectors").fetchone()[0])

    def frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        """The document frequency of each of ``terms`` that has one."""
        found: dict[str, int] = {}
        for chunk in chunks(terms):
            marks = ",".join("?" * len(chunk))
            found.update(
                self.store.conn.execute(
                    f"SELECT term, df FROM term_df WHERE term IN ({marks})", list(chunk)
                )
            )
        return found

    def get(self, story_id: str) -> StoredStory | None:
        row = self.store.conn.execute(
            "SELECT id, centroid, size, start, end, merged_into FROM stories WHERE id = ?",
            (story_id,),
        ).fetchone()
        if row is None:
            return None
        return StoredStory(row[0], json.loads(row[1]), row[2], row[3], row[4], row[5])

    def recent_members(self, story_id: str, limit: int) -> list[tuple[Vector, str | None]]:
        """The term vectors and days of the story's latest ``limit`` members (undated: the
        closest to it when they joined)."""
        return [
            (json.loads(vector), published)
            for vector, published in self.store.conn.execute(
                "SELECT v.vector, d.published FROM story_vectors v "
                "JOIN documents d ON d.id = v.document_id WHERE v.story_id = ? "
                "ORDER BY d.published DESC, v.similarity DESC, v.document_id LIMIT ?",
                (story_id, limit),
            )
        ]

    def sharing_terms(
        self, terms: Sequence[str], window_start: str | None, limit: int
    ) -> dict[str, int]:
        """Unmerged stories found by any of ``terms`` whose last article is not before
        ``window_start`` (undated stories always), with how many of the terms they share;
        the ``limit`` sharing most."""
        if not terms:
            return {}
        marks = ",".join("?" * len(terms))
        rows = self.store.conn.execute(
            "SELECT t.story_id, count(*) AS n FROM story_terms t "
            "JOIN stories s ON s.id = t.story_id "
            f"WHERE t.term IN ({marks}) AND s.merged_into IS NULL "
            "AND (? IS NULL OR s.end IS NULL OR s.end >= ?) "
            "GROUP BY t.story_id ORDER BY n DESC LIMIT ?",
            [*terms, window_start, window_start, limit],
        )
        return {story_id: n for story_id, n in rows}

    def leaving(self) -> list[str]:
        """Members of stories that a newer version replaced or that became copies."""
        return [
            r[0]
            for r in self.store.conn.execute(
                "SELECT v.document_id FROM story_vectors v "
                "JOIN documents d ON d.id = v.document_id "
                "WHERE d.superseded_by IS NOT NULL OR d.duplicate_of IS NOT NULL"
            )
        ]

    def member_vectors(self, story_id: str) -> list[tuple[Vector, str | None]]:
        """Every member's term vector and day."""
        return [
            (json.loads(vector), published)
            for vector, published in self.store.conn.execute(
                "SELECT v.vector, d.published FROM story_vectors v JOIN documents d "
                "ON d.id = v.document_id WHERE v.story_id = ?",
                (story_id,),
            )
        ]

    def summary_members(self, story_id: str, limit: int) -> list[Member]:
        """The ``limit`` members closest to the story, with their texts."""
        # Imported here: the stories package imports the store.
        from storyline.stories.summary import Member

        return [
            Member(
                doc_id,
                title,
                text,
                published,
                json.loads(vector),
                [(c[0], c[1], c[2], c[3]) for c in json.loads(kept)] if kept else None,
            )
            for doc_id, title, text, published, vector, kept in self.store.conn.execute(
                "SELECT d.id, d.title, d.text, d.published, v.vector, s.candidates "
                "FROM story_vectors v JOIN documents d ON d.id = v.document_id "
                "LEFT JOIN story_sentences s ON s.document_id = d.id WHERE v.story_id = ? "
                "ORDER BY v.similarity DESC, d.published LIMIT ?",
                (story_id, limit),
            )
        ]

    def keep_candidates(self, found: Iterable[tuple[str, list[Any]]]) -> None:
        """Keep articles' summary candidates (``summary.candidates_of``)."""
        self.store.conn.executemany(
            "INSERT OR REPLACE INTO story_sentences (document_id, candidates) VALUES (?, ?)",
            [
                (document_id, json.dumps(candidates, separators=(",", ":")))
                for document_id, candidates in found
            ],
        )

    # The stage: what it writes --------------------------------------------------------

    def clear(self) -> None:
        """Forget every story (their history stays)."""
        conn = self.store.conn
        for table in (
            "story_terms",
            "story_vectors",
            "story_postings",
            "story_neighbours",
            "story_meta",
            "term_df",
            "story_summary",
            "story_sentences",
            "stories",
        ):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("UPDATE documents SET story_id = NULL")

    def save_frequencies(self, frequencies: dict[str, int]) -> None:
        self.store.conn.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET df = excluded.df",
            frequencies.items(),
        )

    def save(self, changes: Sequence[StoryChange], version: str) -> None:
        """Write the stories' shapes and replace their index terms."""
        conn = self.store.conn
        stamp = now()
        conn.executemany(
            "INSERT INTO stories (id, title, summary, start, end, stage, stage_version, size, "
            "centroid, created_at, updated_at, merged_into) "
            "VALUES (?, '', '', ?, ?, 'stories', ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET start = excluded.start, end = excluded.end, "
            "size = excluded.size, centroid = excluded.centroid, "
            "updated_at = excluded.updated_at, merged_into = excluded.merged_into, "
            "stage_version = excluded.stage_version",
            [
                (
                    c.id,
                    c.start,
                    c.end,
                    version,
                    c.size,
                    json.dumps(c.centroid),
                    stamp,
                    stamp,
                    c.merged_into,
                )
                for c in changes
            ],
        )
        conn.executemany("DELETE FROM story_terms WHERE story_id = ?", [(c.id,) for c in changes])
        conn.executemany(
            "INSERT OR IGNORE INTO story_terms (term, story_id) VALUES (?, ?)",
            [(term, c.id) for c in changes for term in c.terms],
        )

    def assign(self, assignments: Sequence[Assignment]) -> None:
        """Put articles in stories (an article already in one moves)."""
        conn = self.store.conn
        conn.executemany(
            "INSERT OR REPLACE INTO story_vectors (document_id, story_id, vector, similarity) "
            "VALUES (?, ?, ?, ?)",
            [(a.document_id, a.story_id, json.dumps(a.vector), a.similarity) for a in assignments],
        )
        conn.executemany(
            "UPDATE documents SET story_id = ? WHERE id = ?",
            [(a.story_id, a.document_id) for a in assignments],
        )

    def move_members(self, source: str, target: str) -> None:
        """Every member of ``source`` joins ``target`` (a merge)."""
        conn = self.store.conn
        conn.execute("UPDATE story_vectors SET story_id = ? WHERE story_id = ?", (target, source))
        conn.execute("UPDATE documents SET story_id = ? WHERE story_id = ?", (target, source))

    def record(self, events: Iterable[StoryEvent]) -> None:
        stamp = now()
        self.store.conn.executemany(
            "INSERT INTO story_events (at, kind, story_id, other_id, document_id, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(stamp, e.kind, e.story_id, e.other_id, e.document_id, e.detail) for e in events],
        )

    def detach(self, document_ids: Iterable[str]) -> set[str]:
        """Take the articles out of their stories; return those stories."""
        conn = self.store.conn
        touched: set[str] = set()
        for document_id in document_ids:
            row = conn.execute(
                "SELECT story_id FROM story_vectors WHERE document_id = ?", (document_id,)
            ).fetchone()
            if row is None:
                continue
            if row[0]:
                touched.add(row[0])
            conn.execute("DELETE FROM story_vectors WHERE document_id = ?", (document_id,))
            conn.execute("UPDATE documents SET story_id = NULL WHERE id = ?", (document_id,))
        return touched

    def reshape(
        self, story_id: str, size: int, centroid: Vector, start: str | None, end: str | None
    ) -> None:
        self.store.conn.execute(
            "UPDATE stories SET size = ?, centroid = ?, start = ?, end = ? WHERE id = ?",
            (size, json.dumps(centroid), start, end, story_id),
        )

    def drop(self, story_id: str) -> None:
        """Delete a story left without members, and record that it was emptied."""
        conn = self.store.conn
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        conn.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
        conn.execute("DELETE FROM story_summary WHERE story_id = ?", (story_id,))
        conn.execute(
            "INSERT INTO story_events (at, kind, story_id) VALUES (?, 'emptied', ?)",
            (now(), story_id),
        )

    def describe(
        self,
        story_id: str,
        title: str,
        summary: Sequence[SummaryLine],
        names: Sequence[str],
    ) -> None:
        """Set the story's title, its summary sentences (in order) and its top names."""
        conn = self.store.conn
        conn.execute("DELETE FROM story_summary WHERE story_id = ?", (story_id,))
        conn.executemany(
            "INSERT INTO story_summary (story_id, rank, document_id, start, end, text) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (story_id, rank, document_id, start, end, text)
                for rank, (text, document_id, start, end) in enumerate(summary)
            ],
        )
        conn.execute(
            "UPDATE stories SET title = ?, summary = ?, names = ? WHERE id = ?",
            (title, " ".join(line[0] for line in summary), json.dumps(list(names)), story_id),
        )

    def follow_copies(self) -> None:
        """Copies are in the story of the article they copy."""
        self.store.conn.execute(
            "UPDATE documents SET story_id = (SELECT c.story_id FROM documents c "
            "WHERE c.id = documents.duplicate_of) WHERE duplicate_of IS NOT NULL"
        )

    # Reading stories back -------------------------------------------------------------

    def resolve(self, story_id: str) -> str:
        """A story id (or unique prefix), following merges to the story it now belongs to;
        ``StoreError`` when none or several match."""
        conn = self.store.conn
        rows = conn.execute(
            "SELECT id, merged_into FROM stories WHERE id = ? OR id LIKE ? LIMIT 2",
            (story_id, like_prefix(story_id)),
        ).fetchall()
        exact = [r for r in rows if r[0] == story_id]
        if exact:
            rows = exact
        if not rows:
            raise StoreError(
                f"no story with id {story_id!r}", hint="list them with: storyline stories"
            )
        if len(rows) > 1:
            raise StoreError(f"several stories start with {story_id!r}", hint="give more of the id")
        current, merged_into = rows[0]
        seen = {current}
        while merged_into and merged_into not in seen:
            seen.add(merged_into)
            current = merged_into
            row = conn.execute(
                "SELECT merged_into FROM stories WHERE id = ?", (current,)
            ).fetchone()
            merged_into = row[0] if row else None
        return str(current)

    def listing(self, *, limit: int = 50, offset: int = 0) -> list[StoryRow]:
        """Most recent first, then largest."""
        rows = self.store.conn.execute(
            "SELECT s.id, s.title, count(d.id), s.start, s.end, count(DISTINCT d.outlet) "
            "FROM stories s JOIN documents d ON d.story_id = s.id AND d.superseded_by IS NULL "
            "WHERE s.merged_into IS NULL GROUP BY s.id "
            "ORDER BY s.end IS NULL, s.end DESC, count(d.id) DESC, s.id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [StoryRow(*r) for r in rows]

    def head(self, story_id: str) -> StoryHead | None:
        row = self.store.conn.execute(
            "SELECT id, title, start, end, names FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            return None
        return StoryHead(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])))

    def summary(self, story_id: str) -> tuple[SummaryLine, ...]:
        return tuple(
            (r[0], r[1], r[2], r[3])
            for r in self.store.conn.execute(
                "SELECT text, document_id, start, end FROM story_summary WHERE story_id = ? "
                "ORDER BY rank",
                (story_id,),
            )
        )

    def articles(self, story_id: str) -> tuple[StoryArticle, ...]:
        """The story's current canonical articles in publication order, with their copies."""
        conn = self.store.conn
        canonical = conn.execute(
            "SELECT d.id, d.title, d.outlet, d.published FROM story_vectors v "
            "JOIN documents d ON d.id = v.document_id "
            "WHERE v.story_id = ? AND d.superseded_by IS NULL AND d.duplicate_of IS NULL "
            "ORDER BY d.published IS NULL, d.published, d.published_at, d.id",
            (story_id,),
        ).fetchall()
        copies: dict[str, list[StoryCopy]] = {}
        for copy_id, outlet, kind, published, of in conn.execute(
            "SELECT id, outlet, duplicate_kind, published, duplicate_of FROM documents "
            "WHERE duplicate_of IN (SELECT value FROM json_each(?)) AND superseded_by IS NULL "
            "ORDER BY published, id",
            (json.dumps([r[0] for r in canonical]),),
        ):
            copies.setdefault(of, []).append((copy_id, outlet, kind, published))
        return tuple(
            StoryArticle(r[0], r[1], r[2], r[3], tuple(copies.get(r[0], ()))) for r in canonical
        )

    def merged_from(self, story_id: str) -> tuple[str, ...]:
        """The stories merged into this one."""
        return tuple(
            r[0]
            for r in self.store.conn.execute(
                # Found through the merge events (``merged_into`` has no index) and checked
                # against ``merged_into``; CROSS JOIN keeps the events outside: the planner
                # would otherwise read stories.
                "SELECT DISTINCT s.id FROM story_events e CROSS JOIN stories s "
                "ON s.id = e.story_id WHERE e.kind = 'merged' AND e.other_id = ? "
                "AND s.merged_into = ? ORDER BY s.id",
                (story_id, story_id),
            )
        )

    def family(self, story_id: str) -> tuple[str, ...]:
        """This story and every story merged into it, directly or through others."""
        found = [story_id]
        queue = [story_id]
        while queue:
            for merged in self.merged_from(queue.pop()):
                if merged not in found:
                    found.append(merged)
                    queue.append(merged)
        return tuple(found)

    def history(self, story_id: str) -> tuple[StoryHistoryLine, ...]:
        """Every recorded change of this story and of the stories merged into it, oldest
        first: each line that names one of them, as the story or as the other side (articles
        that moved in from elsewhere, a story merged in)."""
        family = json.dumps(list(self.family(story_id)))
        rows = self.store.conn.execute(
            # Each side by its own index (a UNION, as an OR of two columns reads every event).
            "WITH family(id) AS (SELECT value FROM json_each(?)), "
            "lines(id) AS (SELECT id FROM story_events WHERE story_id IN (SELECT id FROM family) "
            "UNION SELECT id FROM story_events WHERE other_id IN (SELECT id FROM family)) "
            "SELECT e.at, e.kind, e.story_id, e.other_id, e.document_id, d.title, e.detail, e.id "
            "FROM lines l JOIN story_events e ON e.id = l.id "
            "LEFT JOIN documents d ON d.id = e.document_id "
            # Insertion order: "at" is written in two formats (ISO with "T", and SQLite's
            # datetime() with a space), which do not sort together.
            "ORDER BY e.id",
            (family,),
        ).fetchall()
        resolved: dict[str, str | None] = {}

        def now_of(some_id: str | None) -> str | None:
            if some_id is None:
                return None
            if some_id not in resolved:
                try:
                    resolved[some_id] = self.resolve(some_id)
                except StoreError:  # emptied: the story is gone, its line stays
                    resolved[some_id] = None
            return resolved[some_id]

        return tuple(
            StoryHistoryLine(
                at, kind, story, other, document, title, detail, now_of(story), now_of(other)
            )
            for at, kind, story, other, document, title, detail, _ in rows
        )

    def key_entities(
        self,
        members: Sequence[str],
        limit: int = KEY_ENTITIES,
        types: Sequence[str] = ENTITY_TYPES,
    ) -> tuple[KeyEntity, ...]:
        """The entities most of ``members`` (a story's articles, copies included) mention,
        ``limit`` of each of ``types``; a person's role is the title written beside the name
        most often. Among three or more articles, a name only one of them mentions is a
        detail, not a key entity."""
        least = 2 if len(members) >= 3 else 1
        ids = json.dumps(list(members))
        found: list[KeyEntity] = []
        # "+" (SQLite): look the title up by the members' documents, not by all the mentions
        # of a much-mentioned entity. PostgreSQL's planner needs no such hint, nor has it.
        plus = "" if self.store.postgres else "+"
        for kind in types:
            rows = self.store.conn.execute(
                "WITH members(id) AS (SELECT value FROM json_each(?)) "
                "SELECT m.entity_id, max(m.name), count(DISTINCT m.document_id) AS n, "
                f"(SELECT m2.title FROM entity_mentions m2 WHERE {plus}m2.entity_id = m.entity_id "
                " AND m2.document_id IN (SELECT id FROM members) AND m2.title IS NOT NULL "
                " GROUP BY m2.title ORDER BY count(*) DESC, m2.title LIMIT 1) "
                "FROM entity_mentions m WHERE m.document_id IN (SELECT id FROM members) "
                "AND m.type = ? AND m.is_metonym = 0 AND m.kind = 'name' "
                "GROUP BY m.entity_id HAVING count(DISTINCT m.document_id) >= ? "
                "ORDER BY n DESC, count(*) DESC, max(m.name) LIMIT ?",
                (ids, kind, least, limit),
            )
            found.extend(KeyEntity(r[0], kind, r[1], r[3], r[2]) for r in rows)
        return tuple(found)
