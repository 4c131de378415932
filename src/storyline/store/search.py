"""Full-text search over titles and bodies: the FTS5 table ``documents_fts`` (kept by
triggers on ``documents``), ranked by bm25, current documents only.

The query is FTS5 syntax (words, "phrases", AND, OR, NOT, prefix*); one FTS5 cannot parse
raises ``StoreError`` with the parser's message.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.errors import StoreError
from storyline.store.listing import DocumentFilter, document_conditions

if TYPE_CHECKING:
    from storyline.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class Snippet:
    """A match as ``storyline search`` prints it."""

    id: str
    title: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class Match:
    """A matching document, with the title and a passage of its text between ``marks``."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    duplicate_of: str | None
    title_marked: str
    snippet_marked: str
    rank: float


_SOURCE = "FROM documents_fts JOIN documents d ON d.pk = documents_fts.rowid"


def _bad_query(query: str, err: sqlite3.OperationalError) -> StoreError:
    return StoreError(f"bad search query {query!r}: {err}", hint="quote phrases with double quotes")


class SearchIndex:
    """``store.search``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def snippets(self, query: str, *, limit: int = 20) -> list[Snippet]:
        """The best ``limit`` matches, the matched words of a 12-word passage in brackets."""
        try:
            return [
                Snippet(*r)
                for r in self.store.conn.execute(
                    "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) "
                    f"{_SOURCE} WHERE documents_fts MATCH ? AND d.superseded_by IS NULL "
                    "ORDER BY rank LIMIT ?",
                    (query, limit),
                )
            ]
        except sqlite3.OperationalError as err:
            raise _bad_query(query, err) from err

    def matches(
        self,
        query: str,
        where: DocumentFilter,
        *,
        marks: tuple[str, str],
        words: int,
        limit: int,
        offset: int,
    ) -> tuple[list[Match], int]:
        """A page of the matches narrowed by ``where``, best first, each with its title and a
        passage of about ``words`` words, the matched words between ``marks``; and how many
        match in all."""
        conditions, params = document_conditions(where)
        conditions[:0] = ["documents_fts MATCH ?", "d.superseded_by IS NULL"]
        params.insert(0, query)
        condition = " AND ".join(conditions)
        conn = self.store.conn
        try:
            total = int(
                conn.execute(f"SELECT count(*) {_SOURCE} WHERE {condition}", params).fetchone()[0]
            )
            rows = conn.execute(
                "SELECT d.id, d.title, d.outlet, d.published, d.story_id, d.duplicate_of, "
                "highlight(documents_fts, 0, ?, ?), snippet(documents_fts, 1, ?, ?, '…', ?), "
                f"documents_fts.rank {_SOURCE} WHERE {condition} "
                "ORDER BY documents_fts.rank LIMIT ? OFFSET ?",
                [*marks, *marks, words, *params, limit, offset],
            ).fetchall()
        except sqlite3.OperationalError as err:
            raise _bad_query(query, err) from err
        matches = [
            Match(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7] or "", float(r[8]))
            for r in rows
        ]
        return matches, total
