"""The stories stage: canonical articles join stories online, in publication order.

Each article not yet in a story is compared with the candidate stories that share its
heaviest terms and are active in its time window (their last article no more than
``WINDOW_DAYS`` before it). It joins the most similar story if the cosine similarity of
its term vector to the story's centroid reaches ``JOIN``; otherwise it opens a new story
whose id derives from its own id and never changes. When an article is close to two
stories that are also close to each other, the smaller story is merged into the larger
and the merge is recorded (``story_events``); the merged id stays resolvable. Duplicates
ride along with their canonical article.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import ClassVar

from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage
from storyline.store import Store
from storyline.stories.features import (
    Split,
    cosine,
    names,
    normalise,
    split,
    split_cosine,
    term_counts,
    vector,
)
from storyline.stories.index import StoryIndex
from storyline.stories.summary import Member, choose_title, summarise

JOIN = 0.27
MERGE = 0.45
NAME_WEIGHT = 0.5
MERGE_CENTROIDS = 0.35
WINDOW_DAYS = 30
QUERY_TERMS = 12
BLOCK = 500
SMALL_STORY = 2
SUMMARY_MEMBERS = 20


def story_similarity(article: Split, story: Split) -> float:
    """What tells one happening from another of the same kind is who and where: names weigh
    as much as all other words together when both sides have names.

    Measured on ECB+ train and dev topics: requiring the article's two heaviest names to be
    among the story's heaviest (a "lead names" gate) cost more recall than it gained
    precision, so it is not used."""
    by_names, by_words, both = split_cosine(article, story)
    if not both:
        return by_words
    return NAME_WEIGHT * by_names + (1 - NAME_WEIGHT) * by_words


class StoryStage(GlobalStage):
    name: ClassVar[str] = "stories"
    version: ClassVar[str] = "1"
    needs: ClassVar[frozenset[str]] = frozenset({"text", "duplicates"})
    provides: ClassVar[frozenset[str]] = frozenset({"stories"})

    def reset(self, store: Store) -> None:
        with store.transaction():
            for table in ("story_terms", "story_vectors", "term_df", "story_summary", "stories"):
                store.conn.execute(f"DELETE FROM {table}")
            store.conn.execute("UPDATE documents SET story_id = NULL")

    def update(
        self,
        store: Store,
        changed: Sequence[str],
        removed: Sequence[str],
        counters: Counters,
        problems: list[Problem],
    ) -> None:
        counts = counters[self.name]
        with store.transaction():
            touched = self._detach(store, set(changed) | set(removed))
        pending = [
            r[0]
            for r in store.conn.execute(
                "SELECT id FROM documents WHERE superseded_by IS NULL AND duplicate_of IS NULL "
                "AND story_id IS NULL ORDER BY published IS NULL, published, "
                "published_at IS NULL, published_at, pk"
            )
        ]
        for start in range(0, len(pending), BLOCK):
            block = pending[start : start + BLOCK]
            with store.transaction():
                index = StoryIndex(store, WINDOW_DAYS, self.version)
                for document_id in block:
                    self._cluster(store, index, document_id, counts)
                self._reconsider(index)
                touched |= index.flush()
                self._describe(store, index, touched)
                touched = set()
        with store.transaction():
            if touched:
                self._describe(store, StoryIndex(store, WINDOW_DAYS, self.version), touched)
            store.conn.execute(
                "UPDATE documents SET story_id = (SELECT c.story_id FROM documents c "
                "WHERE c.id = documents.duplicate_of) WHERE duplicate_of IS NOT NULL"
            )
        counts.passed += len(pending)

    def _cluster(self, store: Store, index: StoryIndex, document_id: str, counts: object) -> None:
        row = store.conn.execute(
            "SELECT title, text, published FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        title, text, published = row
        counted = term_counts(title, text)
        terms = list(counted)
        df = index.frequencies(terms)
        doc_vector = vector(counted, df, index.documents + 1)
        query = sorted(doc_vector, key=lambda t: (-doc_vector[t], t))[:QUERY_TERMS]
        doc_parts = split(doc_vector)
        scored = sorted(
            (
                (story_similarity(doc_parts, s.parts), s.id, s)
                for s in index.candidates(query, published)
            ),
            key=lambda item: (-item[0], item[1]),
        )
        index.count_document(terms)
        if scored and scored[0][0] >= JOIN:
            similarity, _, best = scored[0]
            index.assign(document_id, best, doc_vector, published, similarity)
            for other_similarity, _, other in scored[1:3]:
                if other_similarity >= MERGE and cosine(best.unit, other.unit) >= MERGE_CENTROIDS:
                    source, target = sorted((best, other), key=lambda s: (s.size, s.id))
                    index.merge(source, target, document_id)
                    best = target
            return
        story = index.create(document_id)
        index.assign(document_id, story, doc_vector, published, 1.0)

    def _reconsider(self, index: StoryIndex) -> None:
        """Give the block's small stories a second chance: an article that arrived before its
        story had taken shape may now match it. Joined stories are merged (recorded)."""
        small = [s for s in index.stories.values() if s.size <= SMALL_STORY and s.dirty]
        for story in sorted(small, key=lambda s: s.id):
            if story.merged_into is not None:
                continue
            query = story.top_terms(QUERY_TERMS)
            scored = sorted(
                (
                    (story_similarity(story.parts, other.parts), other.id, other)
                    for other in index.candidates(query, story.end)
                    if other.id != story.id and other.size >= story.size
                ),
                key=lambda item: (-item[0], item[1]),
            )
            if scored and scored[0][0] >= JOIN:
                index.merge(story, scored[0][2], None)

    def _detach(self, store: Store, ids: set[str]) -> set[str]:
        """Take out articles that changed, were replaced or became duplicates."""
        conn = store.conn
        gone = set(ids)
        gone.update(
            r[0]
            for r in conn.execute(
                "SELECT v.document_id FROM story_vectors v "
                "JOIN documents d ON d.id = v.document_id "
                "WHERE d.superseded_by IS NOT NULL OR d.duplicate_of IS NOT NULL"
            )
        )
        touched: set[str] = set()
        for document_id in gone:
            row = conn.execute(
                "SELECT story_id FROM story_vectors WHERE document_id = ?", (document_id,)
            ).fetchone()
            if row is None:
                continue
            touched.add(row[0])
            conn.execute("DELETE FROM story_vectors WHERE document_id = ?", (document_id,))
            conn.execute("UPDATE documents SET story_id = NULL WHERE id = ?", (document_id,))
        for story_id in touched:
            self._rebuild(store, story_id)
        return touched

    def _rebuild(self, store: Store, story_id: str) -> None:
        conn = store.conn
        centroid: dict[str, float] = {}
        dates = []
        size = 0
        for vector_json, published in conn.execute(
            "SELECT v.vector, d.published FROM story_vectors v JOIN documents d "
            "ON d.id = v.document_id WHERE v.story_id = ?",
            (story_id,),
        ):
            size += 1
            for term, weight in json.loads(vector_json).items():
                centroid[term] = centroid.get(term, 0.0) + weight
            if published:
                dates.append(published)
        if size == 0:
            conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            conn.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
            conn.execute("DELETE FROM story_summary WHERE story_id = ?", (story_id,))
            conn.execute(
                "INSERT INTO story_events (at, kind, story_id) VALUES (datetime('now'), "
                "'emptied', ?)",
                (story_id,),
            )
            return
        conn.execute(
            "UPDATE stories SET size = ?, centroid = ?, start = ?, end = ? WHERE id = ?",
            (
                size,
                json.dumps(centroid),
                min(dates, default=None),
                max(dates, default=None),
                story_id,
            ),
        )

    def _describe(self, store: Store, index: StoryIndex, story_ids: set[str]) -> None:
        conn = store.conn
        for story_id in sorted(story_ids):
            row = conn.execute(
                "SELECT centroid, merged_into FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            if row is None or row[1] is not None:
                continue
            centroid = normalise(json.loads(row[0]))
            members = [
                Member(doc_id, title, text, published, json.loads(vector_json))
                for doc_id, title, text, published, vector_json in conn.execute(
                    "SELECT d.id, d.title, d.text, d.published, v.vector FROM story_vectors v "
                    "JOIN documents d ON d.id = v.document_id WHERE v.story_id = ? "
                    "ORDER BY v.similarity DESC, d.published LIMIT ?",
                    (story_id, SUMMARY_MEMBERS),
                )
            ]
            if not members:
                continue
            members.sort(key=lambda m: (m.published or "", m.id))
            terms = sorted({t for m in members for t in m.vector})
            df = index.frequencies(terms)
            chosen = summarise(members, centroid, df, max(index.documents, 1))
            top_names = [
                name for name in names(dict(sorted(centroid.items(), key=lambda i: -i[1])))
            ][:10]
            conn.execute("DELETE FROM story_summary WHERE story_id = ?", (story_id,))
            conn.executemany(
                "INSERT INTO story_summary (story_id, rank, document_id, start, end, text) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (story_id, i, s.document_id, s.start, s.end, s.text)
                    for i, s in enumerate(chosen)
                ],
            )
            conn.execute(
                "UPDATE stories SET title = ?, summary = ?, names = ? WHERE id = ?",
                (
                    choose_title(members, centroid),
                    " ".join(s.text for s in chosen),
                    json.dumps(top_names),
                    story_id,
                ),
            )
