"""Full-text search over titles and bodies: the FTS5 table ``documents_fts`` (kept by
triggers on ``documents``), ranked by bm25, current documents only.

The query is FTS5 syntax (words, "phrases", AND, OR, NOT, prefix*). On PostgreSQL the same
query is turned into a ``tsquery`` (``tsquery.py``) and searched in the ``tsvector`` column
``documents.search`` (GIN index), ranked by ``ts_rank_cd`` and shown by ``ts_headline``.
A query FTS5 cannot
parse (an unclosed quote, a bare ``AND``, ``word:word``) is read as its words, each quoted,
all required: what someone typing into a search box meant (issue 19: a query the schema
allows is answered, not refused). :meth:`SearchIndex.reading` says which reading is used;
``snippets``/``matches`` given a query that does not parse still raise ``StoreError``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.errors import StoreError
from storyline.store.listing import DocumentFilter, document_conditions
from storyline.store.tsquery import TsQueryError, to_tsquery
from storyline.text.tokens import raw_words

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


@dataclass(frozen=True, slots=True)
class QueryReading:
    """How a typed query is searched: ``fts`` is the FTS5 query to run (None: nothing to
    look for, no words in it), ``as_words`` says it was read as its words because FTS5
    could not parse it, and ``message`` says so in a line for people."""

    typed: str
    fts: str | None
    as_words: bool

    @property
    def message(self) -> str | None:
        if not self.as_words:
            return None
        if self.fts is None:
            return f"{self.typed!r} is not a search query and has no words to look for"
        return f"{self.typed!r} is not FTS5 syntax; searched for the words {self.fts}"


_SOURCE = "FROM documents_fts JOIN documents d ON d.pk = documents_fts.rowid"


def _bad_query(query: str, err: sqlite3.OperationalError) -> StoreError:
    return StoreError(f"bad search query {query!r}: {err}", hint="quote phrases with double quotes")


class SearchIndex:
    """``store.search``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def reading(self, query: str) -> QueryReading:
        """``query`` itself when FTS5 parses it, else its words, each quoted."""
        if self.store.postgres:
            try:
                to_tsquery(query)
            except TsQueryError:
                return _as_words(query)
            return QueryReading(query, query, as_words=False)
        try:
            self.store.conn.execute(
                "SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT 1", (query,)
            ).fetchall()
        except sqlite3.OperationalError:
            return _as_words(query)
        return QueryReading(query, query, as_words=False)

    def snippets(self, query: str, *, limit: int = 20) -> list[Snippet]:
        """The best ``limit`` matches, the matched words of a 12-word passage in brackets."""
        if self.store.postgres:
            return [
                Snippet(m.id, m.title, m.snippet_marked)
                for m in self._pg_matches(query, [], [], ("[", "]"), 12, limit, 0)
            ]
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
        if self.store.postgres:
            matches = self._pg_matches(query, conditions, params, marks, words, limit, offset)
            return matches, self._pg_count(query, conditions, params)
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

    # PostgreSQL: tsvector and GIN ------------------------------------------------------------

    def _pg_where(
        self, query: str, conditions: list[str], params: list[object]
    ) -> tuple[str, list[object]]:
        try:
            tsquery = to_tsquery(query)
        except TsQueryError as err:
            raise StoreError(
                f"bad search query {query!r}: {err}", hint="quote phrases with double quotes"
            ) from err
        where = " AND ".join(
            ["d.search @@ to_tsquery('english', ?)", "d.superseded_by IS NULL", *conditions]
        )
        return where, [tsquery, *params]

    def _pg_count(self, query: str, conditions: list[str], params: list[object]) -> int:
        where, values = self._pg_where(query, conditions, params)
        row = self.store.conn.execute(
            f"SELECT count(*) FROM documents d WHERE {where}", values
        ).fetchone()
        return int(row[0])

    def _pg_matches(
        self,
        query: str,
        conditions: list[str],
        params: list[object],
        marks: tuple[str, str],
        words: int,
        limit: int,
        offset: int,
    ) -> list[Match]:
        where, values = self._pg_where(query, conditions, params)
        start, stop = (m.replace('"', "") for m in marks)
        title_options = f'StartSel="{start}", StopSel="{stop}", HighlightAll=true'
        text_options = (
            f'StartSel="{start}", StopSel="{stop}", MaxWords={max(words, 4)}, '
            f"MinWords={max(1, min(words, 4) // 2)}, ShortWord=1, MaxFragments=1, "
            'FragmentDelimiter="…"'
        )
        # ts_headline parses the text it is given: the first 20,000 characters of each of a
        # page of matches, not whole articles (the passage is the match's best fragment).
        rows = self.store.conn.execute(
            "SELECT p.id, p.title, p.outlet, p.published, p.story_id, p.duplicate_of, "
            "ts_headline('english', coalesce(p.title, ''), q, ?), "
            "ts_headline('english', left(p.text, 20000), q, ?), p.rank "
            "FROM (SELECT d.id, d.title, d.text, d.outlet, d.published, d.story_id, "
            "d.duplicate_of, d.pk, to_tsquery('english', ?) AS q, "
            "-ts_rank_cd(d.search, to_tsquery('english', ?)) AS rank "
            f"FROM documents d WHERE {where} ORDER BY rank, d.pk LIMIT ? OFFSET ?) p "
            "ORDER BY p.rank, p.pk",
            [title_options, text_options, values[0], values[0], *values, limit, offset],
        ).fetchall()
        return [
            Match(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7] or "", float(r[8]))
            for r in rows
        ]


def _as_words(query: str) -> QueryReading:
    words = raw_words(query, joiners="")  # split as FTS5's unicode61 splits
    fts = " ".join(f'"{w}"' for w in words) if words else None
    return QueryReading(query, fts, as_words=True)
