"""The stories' persistent state, with an in-memory layer for one block of articles.

Articles are clustered one at a time, and each must see the stories the previous one
created or changed; writing every change to SQLite at once would be slow, so changes are
kept here and flushed once per block (in the block's transaction). Candidate stories are
looked up by term in ``story_terms`` (the heaviest terms of each story's centroid) joined
with the stories still active in the article's time window, plus the stories changed in
this block.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.store import Store
from storyline.store.sqlite import now
from storyline.stories.features import Split, normalise, split

CENTROID_TERMS = 150
INDEX_TERMS = 40
CANDIDATES = 40


@dataclass(slots=True)
class StoryState:
    id: str
    centroid: dict[str, float]
    size: int
    start: str | None
    end: str | None
    created: bool = False
    dirty: bool = False
    merged_into: str | None = None
    unit: dict[str, float] = field(default_factory=dict)
    parts: Split = field(default_factory=lambda: ({}, {}))

    def refresh(self) -> None:
        self.unit = normalise(self.centroid)
        self.parts = split(self.centroid)

    def add(self, vector: dict[str, float], published: str | None) -> None:
        for term, weight in vector.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + weight
        if len(self.centroid) > CENTROID_TERMS * 2:
            top = sorted(self.centroid.items(), key=lambda i: (-i[1], i[0]))[:CENTROID_TERMS]
            self.centroid = dict(top)
        self.size += 1
        if published:
            self.start = min(self.start or published, published)
            self.end = max(self.end or published, published)
        self.refresh()
        self.dirty = True

    def top_terms(self, count: int = INDEX_TERMS) -> list[str]:
        return [t for t, _ in sorted(self.centroid.items(), key=lambda i: (-i[1], i[0]))[:count]]


def story_id_for(document_id: str) -> str:
    """A story's id comes from its first article and never changes."""
    return "s" + hashlib.sha256(document_id.encode()).hexdigest()[:15]


class StoryIndex:
    def __init__(self, store: Store, window_days: int, version: str) -> None:
        self.store = store
        self.version = version
        self.conn = store.conn
        self.window = timedelta(days=window_days)
        self.stories: dict[str, StoryState] = {}
        self.df: dict[str, int] = {}
        self.df_dirty: set[str] = set()
        self.documents = int(self.conn.execute("SELECT count(*) FROM story_vectors").fetchone()[0])
        self.postings: dict[str, set[str]] = {}
        self.assignments: list[tuple[str, str, str, float]] = []
        self.events: list[tuple[str, str, str | None, str | None, str | None]] = []

    # Document frequencies ------------------------------------------------------------

    def frequencies(self, terms: list[str]) -> dict[str, int]:
        missing = [t for t in terms if t not in self.df]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for term, df in self.conn.execute(
                f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk
            ):
                self.df[term] = df
        for term in missing:
            self.df.setdefault(term, 0)
        return {t: self.df[t] for t in terms}

    def count_document(self, terms: list[str]) -> None:
        for term in terms:
            self.df[term] = self.df.get(term, 0) + 1
            self.df_dirty.add(term)
        self.documents += 1

    # Stories ---------------------------------------------------------------------------

    def load(self, story_id: str) -> StoryState | None:
        state = self.stories.get(story_id)
        if state is not None:
            return state
        row = self.conn.execute(
            "SELECT id, centroid, size, start, end, merged_into FROM stories WHERE id = ?",
            (story_id,),
        ).fetchone()
        if row is None:
            return None
        centroid = json.loads(row[1])
        state = StoryState(row[0], centroid, row[2], row[3], row[4], merged_into=row[5])
        state.refresh()
        self.stories[story_id] = state
        return state

    def recent_members(
        self, story_id: str, limit: int
    ) -> list[tuple[dict[str, float], str | None]]:
        """The term vectors and dates of the story's latest members (undated: the closest to
        it when they joined). What a story is about now is what its latest articles say."""
        return [
            (json.loads(vector_json), published)
            for vector_json, published in self.conn.execute(
                "SELECT v.vector, d.published FROM story_vectors v "
                "JOIN documents d ON d.id = v.document_id WHERE v.story_id = ? "
                "ORDER BY d.published DESC, v.similarity DESC, v.document_id LIMIT ?",
                (story_id, limit),
            )
        ]

    def candidates(self, terms: list[str], published: str | None) -> list[StoryState]:
        """Active stories sharing any of ``terms``, most shared first."""
        shared: dict[str, int] = {}
        if terms:
            marks = ",".join("?" * len(terms))
            window = self._window_start(published)
            rows = self.conn.execute(
                "SELECT t.story_id, count(*) AS n FROM story_terms t "
                "JOIN stories s ON s.id = t.story_id "
                f"WHERE t.term IN ({marks}) AND s.merged_into IS NULL "
                "AND (? IS NULL OR s.end IS NULL OR s.end >= ?) "
                "GROUP BY t.story_id ORDER BY n DESC LIMIT ?",
                [*terms, window, window, CANDIDATES],
            )
            shared = {story_id: n for story_id, n in rows}
        for term in terms:
            for story_id in self.postings.get(term, ()):
                shared[story_id] = shared.get(story_id, 0) + 1
        found = []
        for story_id in sorted(shared, key=lambda s: -shared[s])[: CANDIDATES * 2]:
            state = self.load(story_id)
            if state is None or state.merged_into is not None:
                continue
            if not self._active(state, published):
                continue
            found.append(state)
        return found

    def _window_start(self, published: str | None) -> str | None:
        if published is None:
            return None
        return (date.fromisoformat(published) - self.window).isoformat()

    def _active(self, state: StoryState, published: str | None) -> bool:
        if published is None or state.end is None:
            return True
        start = self._window_start(published)
        return start is None or state.end >= start

    def create(self, document_id: str) -> StoryState:
        story_id = story_id_for(document_id)
        state = self.load(story_id)
        if state is None or state.merged_into is not None:
            state = StoryState(story_id, {}, 0, None, None, created=True)
            self.stories[story_id] = state
            self.events.append(("created", story_id, None, document_id, None))
        return state

    def assign(
        self,
        document_id: str,
        state: StoryState,
        vector: dict[str, float],
        published: str | None,
        similarity: float,
    ) -> None:
        state.add(vector, published)
        for term in state.top_terms():
            self.postings.setdefault(term, set()).add(state.id)
        self.assignments.append((document_id, state.id, json.dumps(vector), similarity))

    def merge(self, source: StoryState, target: StoryState, document_id: str | None) -> None:
        """Fold ``source`` into ``target``; ``source`` keeps its id, marked as merged."""
        for term, weight in source.centroid.items():
            target.centroid[term] = target.centroid.get(term, 0.0) + weight
        target.size += source.size
        for bound in (source.start, source.end):
            if bound:
                target.start = min(target.start or bound, bound)
                target.end = max(target.end or bound, bound)
        target.refresh()
        target.dirty = True
        source.merged_into = target.id
        source.dirty = True
        self.events.append(("merged", source.id, target.id, document_id, None))

    # Flush ----------------------------------------------------------------------------

    def flush(self) -> set[str]:
        """Write everything changed; return the ids of the stories whose members changed."""
        conn = self.conn
        stamp = now()
        conn.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET df = excluded.df",
            [(t, self.df[t]) for t in self.df_dirty],
        )
        self.df_dirty.clear()
        touched = {s.id for s in self.stories.values() if s.dirty}
        for state in self.stories.values():
            if not state.dirty:
                continue
            centroid = dict(
                sorted(state.centroid.items(), key=lambda i: (-i[1], i[0]))[:CENTROID_TERMS]
            )
            state.centroid = centroid
            conn.execute(
                "INSERT INTO stories (id, title, summary, start, end, stage, stage_version, size, "
                "centroid, created_at, updated_at, merged_into) "
                "VALUES (?, '', '', ?, ?, 'stories', ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET start = excluded.start, end = excluded.end, "
                "size = excluded.size, centroid = excluded.centroid, "
                "updated_at = excluded.updated_at, merged_into = excluded.merged_into, "
                "stage_version = excluded.stage_version",
                (
                    state.id,
                    state.start,
                    state.end,
                    self.version,
                    state.size,
                    json.dumps(centroid),
                    stamp,
                    stamp,
                    state.merged_into,
                ),
            )
            conn.execute("DELETE FROM story_terms WHERE story_id = ?", (state.id,))
            if state.merged_into is None:
                conn.executemany(
                    "INSERT OR IGNORE INTO story_terms (term, story_id) VALUES (?, ?)",
                    [(t, state.id) for t in state.top_terms()],
                )
            state.dirty = False
            state.created = False
        conn.executemany(
            "INSERT OR REPLACE INTO story_vectors (document_id, story_id, vector, similarity) "
            "VALUES (?, ?, ?, ?)",
            self.assignments,
        )
        conn.executemany(
            "UPDATE documents SET story_id = ? WHERE id = ?",
            [(story_id, doc) for doc, story_id, _, _ in self.assignments],
        )
        merged = [(e[2], e[1]) for e in self.events if e[0] == "merged"]
        for target, source in merged:
            conn.execute(
                "UPDATE story_vectors SET story_id = ? WHERE story_id = ?", (target, source)
            )
            conn.execute("UPDATE documents SET story_id = ? WHERE story_id = ?", (target, source))
        conn.executemany(
            "INSERT INTO story_events (at, kind, story_id, other_id, document_id, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(stamp, *event) for event in self.events],
        )
        self.assignments.clear()
        self.events.clear()
        self.postings.clear()
        return touched
