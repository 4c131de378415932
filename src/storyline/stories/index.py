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
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.store import Store
from storyline.store.stories import Assignment, StoryChange, StoryEvent, Vector
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
        self.tables = store.stories
        self.version = version
        self.window = timedelta(days=window_days)
        self.stories: dict[str, StoryState] = {}
        self.df: dict[str, int] = {}
        self.df_dirty: set[str] = set()
        self.documents = self.tables.vector_count()
        self.postings: dict[str, set[str]] = {}
        self.assignments: list[Assignment] = []
        self.events: list[StoryEvent] = []

    # Document frequencies ------------------------------------------------------------

    def frequencies(self, terms: list[str]) -> dict[str, int]:
        missing = [t for t in terms if t not in self.df]
        self.df.update(self.tables.frequencies(missing))
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
        stored = self.tables.get(story_id)
        if stored is None:
            return None
        state = StoryState(
            stored.id,
            stored.centroid,
            stored.size,
            stored.start,
            stored.end,
            merged_into=stored.merged_into,
        )
        state.refresh()
        self.stories[story_id] = state
        return state

    def recent_members(self, story_id: str, limit: int) -> list[tuple[Vector, str | None]]:
        """The term vectors and dates of the story's latest members (undated: the closest to
        it when they joined). What a story is about now is what its latest articles say."""
        return self.tables.recent_members(story_id, limit)

    def candidates(self, terms: list[str], published: str | None) -> list[StoryState]:
        """Active stories sharing any of ``terms``, most shared first."""
        shared = self.tables.sharing_terms(terms, self._window_start(published), CANDIDATES)
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
            self.events.append(StoryEvent("created", story_id, document_id=document_id))
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
        self.assignments.append(Assignment(document_id, state.id, vector, similarity))

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
        self.events.append(StoryEvent("merged", source.id, target.id, document_id))

    # Flush ----------------------------------------------------------------------------

    def flush(self) -> set[str]:
        """Write everything changed; return the ids of the stories whose members changed."""
        self.tables.save_frequencies({t: self.df[t] for t in self.df_dirty})
        self.df_dirty.clear()
        changes = []
        for state in self.stories.values():
            if not state.dirty:
                continue
            state.centroid = dict(
                sorted(state.centroid.items(), key=lambda i: (-i[1], i[0]))[:CENTROID_TERMS]
            )
            terms = () if state.merged_into is not None else tuple(state.top_terms())
            changes.append(
                StoryChange(
                    state.id,
                    state.start,
                    state.end,
                    state.size,
                    state.centroid,
                    state.merged_into,
                    terms,
                )
            )
            state.dirty = False
            state.created = False
        self.tables.save(changes, self.version)
        self.tables.assign(self.assignments)
        for event in self.events:
            if event.kind == "merged" and event.other_id is not None:
                self.tables.move_members(event.story_id, event.other_id)
        self.tables.record(self.events)
        self.assignments.clear()
        self.events.clear()
        self.postings.clear()
        return {c.id for c in changes}
