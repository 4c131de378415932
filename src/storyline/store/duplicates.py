"""Duplicates in the store: the dedup stage's keys (``dedup_signatures``), its LSH bucket
index (``dedup_buckets``), its verified links (``dedup_links``) and the groups written on the
documents (``duplicate_of``, ``duplicate_kind``, ``duplicate_score``, ``derived_from``).

Every look-up goes through an index: buckets by bucket key (the primary key), signatures by
document id and by exact key, links by ``a`` (primary key) and ``b``, documents by id and by
``duplicate_of``. Reads and writes take whole blocks (``IN`` lists in chunks, executemany):
dedup is a hot path of ``storyline run``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from storyline.store.sqlite import chunks

if TYPE_CHECKING:
    from storyline.dedup.keys import DocumentKeys
    from storyline.store.sqlite import Store

# A verified link: (a, b, kind, score) with a < b.
Link = tuple[str, str, str, float]


@dataclass(frozen=True, slots=True)
class DatedDocument:
    """What choosing a group's canonical article needs of a member."""

    id: str
    published: str | None
    published_at: str | None
    length: int


@dataclass(frozen=True, slots=True)
class DuplicateMark:
    """A document's place in its group; all ``None`` for the canonical article."""

    id: str
    duplicate_of: str | None
    kind: str | None
    score: float | None
    derived_from: str | None


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


_MEMBER = (
    "SELECT id, outlet, published, title, duplicate_kind, duplicate_score, derived_from "
    "FROM documents"
)


class DuplicateTables:
    """``store.duplicates``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _tuples(self) -> sqlite3.Cursor:
        """A cursor that yields plain tuples: the bucket look-ups return many rows, and
        tuples cost less than ``sqlite3.Row`` objects."""
        cursor = self.store.conn.cursor()
        cursor.row_factory = None
        return cursor

    # The stage's bookkeeping ----------------------------------------------------------

    def pending(self) -> list[str]:
        """Current documents without keys, in publication order."""
        rows = self.store.conn.execute(
            "SELECT d.id FROM documents d WHERE d.superseded_by IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM dedup_signatures s WHERE s.document_id = d.id) "
            "ORDER BY d.published IS NULL, d.published, d.pk"
        )
        return [r[0] for r in rows]

    def stale(self) -> list[str]:
        """Documents with keys that a newer version has replaced."""
        rows = self.store.conn.execute(
            "SELECT s.document_id FROM dedup_signatures s JOIN documents d "
            "ON d.id = s.document_id WHERE d.superseded_by IS NOT NULL"
        )
        return [r[0] for r in rows]

    def forget(self, ids: Sequence[str]) -> set[str]:
        """Drop the keys, buckets and links of ``ids``; return their former link neighbours."""
        conn = self.store.conn
        neighbours: set[str] = set()
        for chunk in chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for a, b in conn.execute(
                f"SELECT a, b FROM dedup_links WHERE a IN ({marks}) OR b IN ({marks})",
                [*chunk, *chunk],
            ):
                neighbours.update((a, b))
            conn.execute(
                f"DELETE FROM dedup_links WHERE a IN ({marks}) OR b IN ({marks})",
                [*chunk, *chunk],
            )
            conn.execute(f"DELETE FROM dedup_buckets WHERE document_id IN ({marks})", chunk)
            conn.execute(f"DELETE FROM dedup_signatures WHERE document_id IN ({marks})", chunk)
        return neighbours - set(ids)

    def clear(self) -> None:
        """Forget every key, bucket, link and group."""
        conn = self.store.conn
        conn.execute("DELETE FROM dedup_links")
        conn.execute("DELETE FROM dedup_buckets")
        conn.execute("DELETE FROM dedup_signatures")
        conn.execute(
            "UPDATE documents SET duplicate_of = NULL, duplicate_kind = NULL, "
            "duplicate_score = NULL, derived_from = NULL"
        )

    def clear_superseded(self) -> None:
        """Replaced versions belong to no group."""
        self.store.conn.execute(
            "UPDATE documents SET duplicate_of = NULL, duplicate_kind = NULL, "
            "duplicate_score = NULL, derived_from = NULL WHERE superseded_by IS NOT NULL "
            "AND duplicate_of IS NOT NULL"
        )

    # Keys and the bucket index --------------------------------------------------------

    def save_keys(self, keys: Sequence[DocumentKeys], buckets: np.ndarray, version: str) -> None:
        """Store each document's keys and its row of ``buckets`` (documents without words
        get no buckets: they are nobody's near copy)."""
        conn = self.store.conn
        conn.executemany(
            "INSERT OR REPLACE INTO dedup_signatures (document_id, exact_key, shingles, "
            "near_signature, words, rewrite_signature, stage_version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    k.document_id,
                    k.exact_key,
                    k.shingles,
                    k.near_signature.tobytes(),
                    k.words,
                    k.rewrite_signature.tobytes(),
                    version,
                )
                for k in keys
            ],
        )
        # In key order: consecutive inserts land on neighbouring B-tree pages.
        rows = sorted(
            (bucket, k.document_id)
            for k, row in zip(keys, buckets.tolist(), strict=True)
            if k.words
            for bucket in row
        )
        conn.executemany(
            "INSERT OR IGNORE INTO dedup_buckets (bucket, document_id) VALUES (?, ?)", rows
        )

    def keys(self, ids: Iterable[str]) -> dict[str, DocumentKeys]:
        # Imported here: the dedup package imports the store.
        from storyline.dedup.keys import DocumentKeys

        found: dict[str, DocumentKeys] = {}
        for chunk in chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for row in self.store.conn.execute(
                "SELECT document_id, exact_key, words, shingles, near_signature, "
                f"rewrite_signature FROM dedup_signatures WHERE document_id IN ({marks})",
                list(chunk),
            ):
                found[row[0]] = DocumentKeys(
                    document_id=row[0],
                    exact_key=row[1],
                    words=row[2],
                    shingles=row[3],
                    near_signature=np.frombuffer(row[4], dtype=np.uint32),
                    rewrite_signature=np.frombuffer(row[5], dtype=np.uint32),
                )
        return found

    def in_buckets(self, buckets: Sequence[int]) -> Iterator[tuple[int, str]]:
        """``(bucket, document_id)`` of the stored documents in any of ``buckets``."""
        for chunk in chunks(buckets):
            marks = ",".join("?" * len(chunk))
            yield from self._tuples().execute(
                f"SELECT bucket, document_id FROM dedup_buckets WHERE bucket IN ({marks})",
                list(chunk),
            )

    def with_exact_keys(self, exact_keys: Sequence[str]) -> Iterator[tuple[str, str]]:
        """``(exact_key, document_id)`` of the stored documents with any of ``exact_keys``."""
        for chunk in chunks(exact_keys):
            marks = ",".join("?" * len(chunk))
            yield from self._tuples().execute(
                f"SELECT exact_key, document_id FROM dedup_signatures WHERE exact_key IN ({marks})",
                list(chunk),
            )

    # Links and groups -----------------------------------------------------------------

    def save_links(self, links: Iterable[Link], version: str) -> None:
        self.store.conn.executemany(
            "INSERT OR REPLACE INTO dedup_links (a, b, kind, score, stage_version) "
            "VALUES (?, ?, ?, ?, ?)",
            [(a, b, kind, score, version) for a, b, kind, score in links],
        )

    def links_of(self, ids: Iterable[str]) -> list[Link]:
        """The links that touch any of ``ids``."""
        found: list[tuple[str, str, str, float]] = []
        for chunk in chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            found.extend(
                self.store.conn.execute(
                    f"SELECT a, b, kind, score FROM dedup_links WHERE a IN ({marks}) "
                    f"UNION SELECT a, b, kind, score FROM dedup_links WHERE b IN ({marks})",
                    [*chunk, *chunk],
                )
            )
        return [(a, b, kind, float(score)) for a, b, kind, score in found]

    def dated(self, ids: Iterable[str]) -> dict[str, DatedDocument]:
        """The current documents among ``ids``, with their dates and clean-text length."""
        found = {}
        for chunk in chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for doc_id, published, published_at, length in self.store.conn.execute(
                "SELECT id, published, published_at, length(text) FROM documents "
                f"WHERE id IN ({marks}) AND superseded_by IS NULL",
                list(chunk),
            ):
                found[doc_id] = DatedDocument(doc_id, published, published_at, length)
        return found

    def mark(self, marks: Iterable[DuplicateMark]) -> None:
        self.store.conn.executemany(
            "UPDATE documents SET duplicate_of = ?, duplicate_kind = ?, duplicate_score = ?, "
            "derived_from = ? WHERE id = ?",
            [(m.duplicate_of, m.kind, m.score, m.derived_from, m.id) for m in marks],
        )

    # Reading groups back --------------------------------------------------------------

    def groups(self, *, limit: int = 50, offset: int = 0) -> list[DuplicateGroup]:
        """Groups with at least one copy, largest first, then most recent."""
        conn = self.store.conn
        rows = conn.execute(
            "SELECT duplicate_of, count(*) AS n, max(published) AS last FROM documents "
            "WHERE duplicate_of IS NOT NULL AND superseded_by IS NULL "
            "GROUP BY duplicate_of ORDER BY n DESC, last DESC, duplicate_of LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        groups = []
        for row in rows:
            canonical = conn.execute(_MEMBER + " WHERE id = ?", (row[0],)).fetchone()
            members = tuple(
                GroupMember(*r)
                for r in conn.execute(
                    _MEMBER + " WHERE duplicate_of = ? AND superseded_by IS NULL "
                    "ORDER BY published, published_at, id",
                    (row[0],),
                )
            )
            if canonical is not None:
                groups.append(DuplicateGroup(GroupMember(*canonical), members))
        return groups
