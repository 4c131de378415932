"""The articles' nearest-neighbour graph in the store (``stories/graph.py``).

``story_vectors`` holds each clustered article's term vector, day and specific terms (its
``story_id`` is '' between the moment the article enters the graph and the moment its
component is grouped, both inside one run's transaction); ``story_postings`` finds the
articles that share a specific term, by term and day; ``story_neighbours`` holds each
article's list of nearest neighbours, read both ways (who is near it, whom it is near).
Every read is by index on the ids or terms asked for, so a run costs what it touches.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from storyline.store.sqlite import chunks

if TYPE_CHECKING:
    from storyline.store.sqlite import Store
    from storyline.stories.cluster import NearArticle
    from storyline.stories.graph import GraphArticle


class StoryGraphTables:
    """``store.story_graph``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # What the graph reads (``stories.graph.GraphSource``) ------------------------------

    def articles(self, ids: Iterable[str]) -> dict[str, GraphArticle]:
        from storyline.stories.features import split
        from storyline.stories.graph import GraphArticle

        found: dict[str, GraphArticle] = {}
        for chunk in chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            for document_id, vector, day, specific, subject in self.store.conn.execute(
                "SELECT document_id, vector, day, specific, subject FROM story_vectors "
                f"WHERE document_id IN ({marks})",
                list(chunk),
            ):
                weights = json.loads(vector)
                found[document_id] = GraphArticle(
                    document_id,
                    weights,
                    split(weights),
                    frozenset(json.loads(specific or "[]")),
                    day,
                    *_subject(subject),
                )
        return found

    def sharing(self, terms: Iterable[str], day: int | None, window: int) -> set[str]:
        """Articles with any of ``terms`` among their specific terms, within ``window`` days
        of ``day`` (all of them when ``day`` is None; undated ones always)."""
        found: set[str] = set()
        wanted = sorted(set(terms))
        for chunk in chunks(wanted):
            marks = ",".join("?" * len(chunk))
            if day is None:
                rows = self.store.conn.execute(
                    f"SELECT document_id FROM story_postings WHERE term IN ({marks})", list(chunk)
                )
            else:
                rows = self.store.conn.execute(
                    f"SELECT document_id FROM story_postings WHERE term IN ({marks}) "
                    "AND (day IS NULL OR day BETWEEN ? AND ?)",
                    [*chunk, day - window, day + window],
                )
            found.update(r[0] for r in rows)
        return found

    def lists(self, ids: Iterable[str]) -> dict[str, list[NearArticle]]:
        found: defaultdict[str, list[NearArticle]] = defaultdict(list)
        for chunk in chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            for document_id, neighbour, score in self.store.conn.execute(
                "SELECT document_id, neighbour_id, score FROM story_neighbours "
                f"WHERE document_id IN ({marks}) ORDER BY document_id, rank",
                list(chunk),
            ):
                found[document_id].append((neighbour, score))
        return dict(found)

    def pointing_at(self, ids: Iterable[str]) -> dict[str, set[str]]:
        found: defaultdict[str, set[str]] = defaultdict(set)
        for chunk in chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            for neighbour, document_id in self.store.conn.execute(
                "SELECT neighbour_id, document_id FROM story_neighbours "
                f"WHERE neighbour_id IN ({marks})",
                list(chunk),
            ):
                found[neighbour].add(document_id)
        return dict(found)

    # What the stage writes --------------------------------------------------------------

    def put(self, articles: Iterable[GraphArticle]) -> None:
        """Enter articles in the graph, in no story yet."""
        rows = list(articles)
        conn = self.store.conn
        conn.executemany(
            "INSERT OR REPLACE INTO story_vectors "
            "(document_id, story_id, vector, similarity, day, specific, subject) "
            "VALUES (?, '', ?, NULL, ?, ?, ?)",
            [
                (
                    a.id,
                    json.dumps(a.vector),
                    a.day,
                    json.dumps(sorted(a.specific)),
                    json.dumps(
                        {"terms": dict(sorted(a.subject.items())), "words": a.subject_words}
                    ),
                )
                for a in rows
            ],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO story_postings (term, document_id, day) VALUES (?, ?, ?)",
            [(term, a.id, a.day) for a in rows for term in sorted(a.specific)],
        )

    def save_lists(self, lists: Mapping[str, list[NearArticle]]) -> None:
        conn = self.store.conn
        ids = sorted(lists)
        for chunk in chunks(ids):
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM story_neighbours WHERE document_id IN ({marks})", chunk)
        conn.executemany(
            "INSERT INTO story_neighbours (document_id, rank, neighbour_id, score) "
            "VALUES (?, ?, ?, ?)",
            [
                (document_id, rank, neighbour, score)
                for document_id in ids
                for rank, (neighbour, score) in enumerate(lists[document_id])
            ],
        )

    def remove(self, ids: Iterable[str]) -> None:
        """Take articles out of the graph (their vectors, postings and lists)."""
        conn = self.store.conn
        for chunk in chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM story_postings WHERE document_id IN ({marks})", chunk)
            conn.execute(f"DELETE FROM story_neighbours WHERE document_id IN ({marks})", chunk)
            conn.execute(f"DELETE FROM story_neighbours WHERE neighbour_id IN ({marks})", chunk)
            conn.execute(f"DELETE FROM story_vectors WHERE document_id IN ({marks})", chunk)

    def clear(self) -> None:
        """Forget the whole graph (a re-read; the stories and assignments stay)."""
        conn = self.store.conn
        for table in ("story_postings", "story_neighbours", "story_vectors", "term_df"):
            conn.execute(f"DELETE FROM {table}")

    def size(self) -> int:
        return int(self.store.conn.execute("SELECT count(*) FROM story_vectors").fetchone()[0])

    def read_at(self) -> int:
        """How many articles the graph held when its vectors were last all read."""
        row = self.store.conn.execute(
            "SELECT value FROM story_meta WHERE key = 'read_at'"
        ).fetchone()
        return int(row[0]) if row else 0

    def set_read_at(self, count: int) -> None:
        self.store.conn.execute(
            "INSERT INTO story_meta (key, value) VALUES ('read_at', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (str(count),),
        )


def _subject(stored: str | None) -> tuple[dict[str, float], bool]:
    """A stored subject: its terms with their weights, and whether they are a capitals
    headline's words (a list of terms, as stage version 4 stored it, weighs each alike)."""
    found = json.loads(stored or "[]")
    if isinstance(found, list):
        return dict.fromkeys(found, 1.0), False
    terms = {str(term): float(weight) for term, weight in found["terms"].items()}
    return terms, bool(found["words"])
