"""Quotes in the store: ``quotes`` and the quote stage's read marks (``quote_documents``).

A quote's offsets point into its ``field``: ``text`` (the clean body) or ``title`` (the
headline). A direct or partial quote's ``text`` is the words inside its marks: its
``parts`` (one per quoted stretch) joined; ``start``/``end`` run from the first part to the
last. The reported clause around a partial quote is its ``context``. Readings for people
(listings, a story's quotes) cover current, canonical articles only: a copy repeats its
original's quotes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.store.ledger import ReadLedger


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """One stored quote."""

    id: str
    document_id: str
    start: int
    end: int
    text: str
    kind: str
    speaker_entity_id: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    stage: str
    stage_version: str
    field: str = "text"
    # The rule that found it (``FoundQuote.rule``).
    rule: str = ""
    # The quoted words, one ``(start, end)`` per part; empty for indirect speech.
    parts: tuple[tuple[int, int], ...] = ()
    cue_start: int | None = None
    cue_end: int | None = None
    # The reported clause around a partial quote: 'said that the plan was "dead on arrival"'.
    context: str | None = None
    context_start: int | None = None
    context_end: int | None = None


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A quote as people read it, with its article's publication day and its speaker's
    name (the entity's when known, else the words of the article)."""

    id: str
    document_id: str
    published: str | None
    kind: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_text: str | None
    speaker_entity_id: str | None
    cue: str | None


@dataclass(frozen=True, slots=True)
class SpokenQuote:
    """What an entity said: the document, the kind of quote and its words."""

    document_id: str
    kind: str
    text: str


_COLUMNS = (
    "id, document_id, start, end, text, kind, speaker_entity_id, speaker_text, speaker_start, "
    "speaker_end, cue, stage, stage_version, field, rule, parts, cue_start, cue_end, context, "
    "context_start, context_end"
)
_SELECT = (
    "SELECT q.id, q.document_id, d.published, q.kind, q.text, q.start, q.end, "
    "coalesce(e.name, q.speaker_text), q.speaker_text, q.speaker_entity_id, q.cue "
    "FROM quotes q JOIN documents d ON d.id = q.document_id "
    "LEFT JOIN entities e ON e.id = q.speaker_entity_id "
    "WHERE d.superseded_by IS NULL AND d.duplicate_of IS NULL"
)


class QuoteTables(ReadLedger):
    """``store.quotes``."""

    table = "quote_documents"
    per_document = ("quotes",)

    def add(self, quotes: Iterable[QuoteRecord]) -> None:
        self.store.conn.executemany(
            f"INSERT OR REPLACE INTO quotes ({_COLUMNS}) "
            f"VALUES ({', '.join('?' * 21)})",
            [
                (
                    q.id, q.document_id, q.start, q.end, q.text, q.kind, q.speaker_entity_id,
                    q.speaker_text, q.speaker_start, q.speaker_end, q.cue, q.stage,
                    q.stage_version, q.field, q.rule, encode_parts(q.parts), q.cue_start,
                    q.cue_end, q.context, q.context_start, q.context_end,
                )
                for q in quotes
            ],
        )  # fmt: skip

    def spans(self, document_id: str, field: str = "text") -> list[tuple[int, int]]:
        """``(start, end)`` of the document's quotes in ``field``, each with its context: a
        partial quote covers the reported clause around its quoted words."""
        return [
            (r[0], r[1])
            for r in self.store.conn.execute(
                "SELECT CASE WHEN context_start < start THEN context_start ELSE start END, "
                "CASE WHEN context_end > end THEN context_end ELSE end END "
                "FROM quotes WHERE document_id = ? AND field = ?",
                (document_id, field),
            )
        ]

    def listing(
        self,
        *,
        story_id: str | None = None,
        speaker_entity_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[QuoteRow]:
        """Quotes of current, canonical articles, newest first (without ``limit``: all)."""
        where: list[str] = []
        params: list[str | int] = []
        if story_id is not None:
            where.append("d.story_id = ?")
            params.append(story_id)
        if speaker_entity_id is not None:
            where.append("q.speaker_entity_id = ?")
            params.append(speaker_entity_id)
        sql = (
            _SELECT
            + "".join(f" AND {w}" for w in where)
            + " ORDER BY d.published IS NULL, d.published DESC, q.document_id, q.start"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [QuoteRow(*r) for r in self.store.conn.execute(sql, params)]

    def of_story(self, story_id: str) -> list[QuoteRow]:
        """A story's direct and partial quotes, oldest first."""
        return [
            QuoteRow(*r)
            for r in self.store.conn.execute(
                _SELECT + " AND d.story_id = ? AND q.kind != 'indirect' "
                "ORDER BY d.published IS NULL, d.published, q.document_id, q.start",
                (story_id,),
            )
        ]

    def said_by(self, entity_id: str) -> list[SpokenQuote]:
        """What an entity said in current, canonical articles, oldest first."""
        return [
            SpokenQuote(r[0], r[1], r[2])
            for r in self.store.conn.execute(
                "SELECT q.document_id, q.kind, q.text FROM quotes q "
                "JOIN documents d ON d.id = q.document_id WHERE q.speaker_entity_id = ? "
                "AND d.superseded_by IS NULL AND d.duplicate_of IS NULL "
                "ORDER BY d.published IS NULL, d.published, d.pk, q.start",
                (entity_id,),
            )
        ]

    def count(self) -> int:
        return int(self.store.conn.execute("SELECT count(*) FROM quotes").fetchone()[0])


def encode_parts(parts: Iterable[tuple[int, int]]) -> str | None:
    """A quote's parts as the ``parts`` column stores them: ``'[[s, e], …]'``, or NULL."""
    found = [[start, end] for start, end in parts]
    return json.dumps(found, separators=(",", ":")) if found else None
