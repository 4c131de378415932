"""What the article page and ``storyline show`` read about one document: its story's
title, its copies, the spans of its entity mentions and quotes (names resolved to the
entity's name), and the provenance of every fact (``provenance``: what ``storyline show
--explain`` and the page's "How each fact was found" list). Its time expressions are
``store.times.of_document``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class EntitySpan:
    start: int
    end: int
    text: str
    entity_id: str
    name: str
    type: str
    kind: str  # name | pronoun
    role: str | None  # "title, country, organization" as written


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    id: str
    start: int
    end: int
    field: str  # text | title
    text: str
    kind: str  # direct | partial | indirect
    speaker: str | None
    speaker_entity_id: str | None
    cue: str | None


@dataclass(frozen=True, slots=True)
class FactProvenance:
    """One extracted fact of a document and what produced it: the stage, the version of
    its results (the registry's key) and the rule or model. ``field`` is ``text`` (offsets
    into the clean text) or ``title`` (a quote in the headline)."""

    kind: str  # entity | quote | time | event
    start: int
    end: int
    field: str
    text: str
    what: str  # the entity type, quote kind, time value or event type and status
    stage: str
    version: str
    rule: str


@dataclass(frozen=True, slots=True)
class CopyRow:
    """A document as a duplicate of another: who published it and how it copies."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    kind: str | None
    score: float | None
    derived_from: str | None
    text: str


class ArticleReads:
    """``store.articles``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def story_title(self, story_id: str) -> str | None:
        row = self.store.conn.execute(
            "SELECT title FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        return None if row is None else row[0]

    def copy(self, document_id: str) -> CopyRow | None:
        """The document as a copy (or the canonical a copy is of)."""
        row = self.store.conn.execute(
            "SELECT id, title, outlet, published, duplicate_kind, duplicate_score, "
            "derived_from, text FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        return None if row is None else CopyRow(*row)

    def copies(self, document_id: str) -> list[CopyRow]:
        """The current copies of a canonical document, in publication order."""
        return [
            CopyRow(*r)
            for r in self.store.conn.execute(
                "SELECT id, title, outlet, published, duplicate_kind, duplicate_score, "
                "derived_from, text FROM documents WHERE duplicate_of = ? "
                "AND superseded_by IS NULL ORDER BY published, id",
                (document_id,),
            )
        ]

    def entity_spans(self, document_id: str) -> list[EntitySpan]:
        """The document's entity mentions, by start, each with its entity's name."""
        return [
            EntitySpan(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], ", ".join(x for x in r[7:10] if x) or None
            )
            for r in self.store.conn.execute(
                "SELECT m.start, m.end, m.text, m.entity_id, coalesce(e.name, m.name), m.type, "
                "m.kind, m.title, m.country, m.organization FROM entity_mentions m "
                "LEFT JOIN entities e ON e.id = m.entity_id WHERE m.document_id = ? "
                "ORDER BY m.start",
                (document_id,),
            )
        ]

    def quote_spans(self, document_id: str) -> list[QuoteSpan]:
        """The document's quotes, the headline's first, each with its speaker's name."""
        return [
            QuoteSpan(*r)
            for r in self.store.conn.execute(
                "SELECT q.id, q.start, q.end, q.field, q.text, q.kind, "
                "coalesce(e.name, q.speaker_text), q.speaker_entity_id, q.cue FROM quotes q "
                "LEFT JOIN entities e ON e.id = q.speaker_entity_id WHERE q.document_id = ? "
                "ORDER BY q.field = 'text', q.start",
                (document_id,),
            )
        ]

    def provenance(self, document_id: str) -> list[FactProvenance]:
        """Every fact of the document with the stage, version and rule that produced it,
        in text order (headline quotes first)."""
        rows = self.store.conn.execute(
            "SELECT 'entity', start, end, 'text', text, type || CASE kind WHEN 'pronoun' "
            "THEN ' (pronoun)' ELSE '' END, 'entities', stage_version, "
            "rule || COALESCE('+' || story_rule, '') FROM entity_mentions WHERE document_id = ? "
            "UNION ALL SELECT 'quote', start, end, field, text, kind, stage, stage_version, rule "
            "FROM quotes WHERE document_id = ? "
            "UNION ALL SELECT 'time', start, end, 'text', text, type || ' ' || "
            "coalesce(value, 'no value'), stage, stage_version, rule "
            "FROM time_expressions WHERE document_id = ? "
            "UNION ALL SELECT 'event', start, end, 'text', text, type || ' ' || status, stage, "
            "stage_version, rule FROM event_mentions WHERE document_id = ? "
            "ORDER BY 4 DESC, 2, 1",
            (document_id, document_id, document_id, document_id),
        )
        return [FactProvenance(*r) for r in rows]
