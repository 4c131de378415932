"""What every family of per-document facts keeps: the documents its stage has read.

A fact stage (``storyline.facts.FactStage``: entities, quotes, events) reads each document
once and records it in a table of its own (``entity_documents``, ``quote_documents``,
``event_documents``), stamped with the version of its results, also for a document that
gave no fact: a document that failed is not recorded, so the next run tries it again.
:class:`ReadLedger` is that bookkeeping; each family (``store.entities``, ``store.quotes``,
``store.events``) is one, naming its table and the tables of its per-document results.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from storyline.limits import MAX_FACT_CHARS
from storyline.store.sqlite import chunks

if TYPE_CHECKING:
    from storyline.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class DocumentText:
    """What a fact stage reads of one document."""

    id: str
    source: str
    title: str | None
    text: str
    published: str | None  # ISO date


class ReadLedger:
    """The documents one fact stage has read, and its per-document results."""

    # The bookkeeping table (document_id PRIMARY KEY, stage_version).
    table: ClassVar[str]
    # Tables holding rows per document (a document_id column), forgotten with it.
    per_document: ClassVar[tuple[str, ...]]
    # Tables derived from the per-document rows across documents, emptied by clear().
    derived: ClassVar[tuple[str, ...]] = ()

    def __init__(self, store: Store) -> None:
        self.store = store

    def unread(self) -> list[str]:
        """Current documents not read yet, in the order they were stored."""
        return [
            r[0]
            for r in self.store.conn.execute(
                "SELECT id FROM documents WHERE superseded_by IS NULL AND id NOT IN "
                f"(SELECT document_id FROM {self.table}) ORDER BY pk"
            )
        ]

    def outdated(self, version: str) -> list[str]:
        """Documents read whose results are stale: gone, replaced by a newer version, or
        read by another version of the stage's results."""
        return [
            r[0]
            for r in self.store.conn.execute(
                f"SELECT r.document_id FROM {self.table} r LEFT JOIN documents d "
                "ON d.id = r.document_id WHERE d.id IS NULL OR d.superseded_by IS NOT NULL "
                "OR r.stage_version != ?",
                (version,),
            )
        ]

    def mark_read(self, document_ids: Sequence[str], version: str) -> None:
        self.store.conn.executemany(
            f"INSERT OR REPLACE INTO {self.table} (document_id, stage_version) VALUES (?, ?)",
            [(document_id, version) for document_id in document_ids],
        )

    def read_count(self) -> int:
        return int(self.store.conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    def forget(self, document_ids: Sequence[str]) -> None:
        """Drop the documents' results and their read marks (inside the caller's
        transaction)."""
        for chunk in chunks(document_ids):
            marks = ", ".join("?" * len(chunk))
            for table in (*self.per_document, self.table):
                self.store.conn.execute(
                    f"DELETE FROM {table} WHERE document_id IN ({marks})", chunk
                )

    def languages(self, document_ids: Sequence[str]) -> dict[str, str | None]:
        """Each document's language (None: stored before the language stage ran), for the
        stages that read some languages only."""
        found: dict[str, str | None] = {}
        for chunk in chunks(document_ids):
            marks = ", ".join("?" * len(chunk))
            found.update(
                (r[0], r[1])
                for r in self.store.conn.execute(
                    f"SELECT id, language FROM documents WHERE id IN ({marks})", chunk
                )
            )
        return found

    def clear(self) -> None:
        """Forget every result and read mark, in one transaction."""
        with self.store.transaction():
            for table in (*self.per_document, *self.derived, self.table):
                self.store.conn.execute(f"DELETE FROM {table}")

    def texts(self, document_ids: Sequence[str], size: int = 64) -> Iterator[DocumentText]:
        """The documents' texts, in the order of ``document_ids``, read ``size`` at a time;
        each cut at ``MAX_FACT_CHARS`` (``storyline.limits``): facts are found in that much."""
        for chunk in chunks(document_ids, size):
            marks = ", ".join("?" * len(chunk))
            found = {
                r[0]: DocumentText(r[0], r[1], r[2], r[3], r[4])
                for r in self.store.conn.execute(
                    "SELECT id, source, title, substr(text, 1, ?), published FROM documents "
                    f"WHERE id IN ({marks})",
                    [MAX_FACT_CHARS, *chunk],
                )
            }
            yield from (found[i] for i in chunk if i in found)
