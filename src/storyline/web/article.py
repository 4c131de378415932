"""One article as the web shows it: clean text with its spans, what cleaning removed, and its
duplicates with what each changed.

Every span is ``[start, end)`` into ``documents.text`` (quotes with ``field = 'title'``
point into the title and are listed, not marked in the body).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from storyline.dedup.report import Differences, differences
from storyline.model import Document, Removal
from storyline.store import Store


@dataclass(frozen=True, slots=True)
class EntitySpan:
    start: int
    end: int
    text: str
    entity_id: str
    name: str
    type: str
    kind: str  # name | pronoun
    role: str | None


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
class TimeSpan:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class Copy:
    """A duplicate of the article (or the canonical it copies), and what the copy changed."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    kind: str | None
    score: float | None
    derived_from: str | None
    differences: Differences


@dataclass(frozen=True, slots=True)
class ArticleView:
    document: Document
    story_id: str | None
    story_title: str | None
    duplicate_of: str | None
    duplicate_kind: str | None
    entities: tuple[EntitySpan, ...]
    quotes: tuple[QuoteSpan, ...]
    times: tuple[TimeSpan, ...]
    # The canonical (when this is a copy) or the copies (when this is the canonical).
    canonical: Copy | None = None
    copies: tuple[Copy, ...] = field(default_factory=tuple)

    @property
    def removals(self) -> tuple[Removal, ...]:
        return self.document.removals


def article(store: Store, document_id: str) -> ArticleView:
    """The article with this id (or unique prefix); raises ``StoreError`` when unknown."""
    doc = store.get_document(document_id)
    row = store.document_row(doc.id)
    assert row is not None
    story = (
        store.conn.execute("SELECT title FROM stories WHERE id = ?", (row["story_id"],)).fetchone()
        if row["story_id"]
        else None
    )
    canonical = None
    copies: tuple[Copy, ...] = ()
    if row["duplicate_of"]:
        original = store.document_row(row["duplicate_of"])
        if original is not None:
            canonical = _copy(original, differences(original["text"], doc.text))
    else:
        copies = tuple(
            _copy(r, differences(doc.text, r["text"]))
            for r in store.conn.execute(
                "SELECT * FROM documents WHERE duplicate_of = ? AND superseded_by IS NULL "
                "ORDER BY published, id",
                (doc.id,),
            )
        )
    return ArticleView(
        document=doc,
        story_id=row["story_id"],
        story_title=story[0] if story else None,
        duplicate_of=row["duplicate_of"],
        duplicate_kind=row["duplicate_kind"],
        entities=_entities(store, doc.id),
        quotes=_quotes(store, doc.id),
        times=_times(store, doc.id),
        canonical=canonical,
        copies=copies,
    )


def _copy(row: Any, diff: Differences) -> Copy:
    return Copy(
        row["id"],
        row["title"],
        row["outlet"],
        row["published"],
        row["duplicate_kind"],
        row["duplicate_score"],
        row["derived_from"],
        diff,
    )


def _entities(store: Store, document_id: str) -> tuple[EntitySpan, ...]:
    return tuple(
        EntitySpan(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], ", ".join(x for x in r[7:10] if x) or None
        )
        for r in store.conn.execute(
            "SELECT m.start, m.end, m.text, m.entity_id, coalesce(e.name, m.name), m.type, "
            "m.kind, m.title, m.country, m.organization FROM entity_mentions m "
            "LEFT JOIN entities e ON e.id = m.entity_id WHERE m.document_id = ? ORDER BY m.start",
            (document_id,),
        )
    )


def _quotes(store: Store, document_id: str) -> tuple[QuoteSpan, ...]:
    return tuple(
        QuoteSpan(*r)
        for r in store.conn.execute(
            "SELECT q.id, q.start, q.end, q.field, q.text, q.kind, "
            "coalesce(e.name, q.speaker_text), q.speaker_entity_id, q.cue FROM quotes q "
            "LEFT JOIN entities e ON e.id = q.speaker_entity_id WHERE q.document_id = ? "
            "ORDER BY q.field = 'text', q.start",
            (document_id,),
        )
    )


def _times(store: Store, document_id: str) -> tuple[TimeSpan, ...]:
    return tuple(
        TimeSpan(*r)
        for r in store.conn.execute(
            "SELECT start, end, text, type, value FROM time_expressions WHERE document_id = ? "
            "ORDER BY start",
            (document_id,),
        )
    )


def as_json(view: ArticleView) -> dict[str, Any]:
    """The article for the JSON API: metadata, clean text, spans, removals, duplicates."""
    doc = view.document
    return {
        "id": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "authors": list(doc.authors),
        "published": doc.published.isoformat() if doc.published else None,
        "url": doc.url,
        "source": doc.source,
        "story_id": view.story_id,
        "duplicate_of": view.duplicate_of,
        "duplicate_kind": view.duplicate_kind,
        "text": doc.text,
        "entities": [_plain(e) for e in view.entities],
        "quotes": [_plain(q) for q in view.quotes],
        "time_expressions": [_plain(t) for t in view.times],
        "removed": [_plain(r) for r in doc.removals],
        "canonical": _plain(view.canonical) if view.canonical else None,
        "copies": [_plain(c) for c in view.copies],
    }


def _plain(record: Any) -> dict[str, Any]:
    return asdict(record)
