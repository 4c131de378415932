"""One article as the web shows it: clean text with its spans, what cleaning removed, and its
duplicates with what each changed.

Every span is ``[start, end)`` into ``documents.text`` (quotes with ``field = 'title'``
point into the title and are listed, not marked in the body).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from storyline.dedup.report import Differences, differences
from storyline.language.note import LanguageNote, language_note
from storyline.model import Document, Removal
from storyline.rules import explain
from storyline.store import Store
from storyline.store.articles import CopyRow, EntitySpan, FactProvenance, QuoteSpan
from storyline.store.times import TimeSpan

__all__ = [
    "ArticleView",
    "Copy",
    "EntitySpan",
    "FactProvenance",
    "QuoteSpan",
    "TimeSpan",
    "article",
    "as_json",
]


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
    # Every fact with the stage, version and rule that produced it.
    provenance: tuple[FactProvenance, ...] = ()
    # Its language, and the stages that did not read it (another language than theirs).
    language: LanguageNote | None = None

    @property
    def removals(self) -> tuple[Removal, ...]:
        return self.document.removals


def article(store: Store, document_id: str) -> ArticleView:
    """The article with this id (or unique prefix); raises ``StoreError`` when unknown."""
    doc = store.get_document(document_id)
    links = store.exports.document_links(doc.id)
    assert links is not None
    canonical = None
    copies: tuple[Copy, ...] = ()
    if links.duplicate_of:
        original = store.articles.copy(links.duplicate_of)
        if original is not None:
            canonical = _copy(original, differences(original.text, doc.text))
    else:
        copies = tuple(
            _copy(c, differences(doc.text, c.text)) for c in store.articles.copies(doc.id)
        )
    return ArticleView(
        document=doc,
        story_id=links.story_id,
        story_title=store.articles.story_title(links.story_id) if links.story_id else None,
        duplicate_of=links.duplicate_of,
        duplicate_kind=links.duplicate_kind,
        entities=tuple(store.articles.entity_spans(doc.id)),
        quotes=tuple(store.articles.quote_spans(doc.id)),
        times=tuple(store.times.of_document(doc.id)),
        canonical=canonical,
        copies=copies,
        provenance=tuple(store.articles.provenance(doc.id)),
        language=language_note(doc.language),
    )


def _copy(row: CopyRow, diff: Differences) -> Copy:
    return Copy(
        row.id,
        row.title,
        row.outlet,
        row.published,
        row.kind,
        row.score,
        row.derived_from,
        diff,
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
        "language": doc.language,
        "language_note": view.language.text if view.language else None,
        "skipped_stages": list(view.language.skipped) if view.language else [],
        "entities": [_plain(e) for e in view.entities],
        "quotes": [_plain(q) for q in view.quotes],
        "time_expressions": [_plain(t) for t in view.times],
        "removed": [_plain(r) for r in doc.removals],
        "canonical": _plain(view.canonical) if view.canonical else None,
        "copies": [_plain(c) for c in view.copies],
        "provenance": [_provenance(p) for p in view.provenance],
    }


def _provenance(fact: FactProvenance) -> dict[str, Any]:
    """A fact's provenance with each part of its rule and what it looks for (the rule
    catalogue, ``storyline.rules``), beside the stored fields."""
    parts = explain(fact.rule)
    return _plain(fact) | {"rules": [{"name": name, "says": says} for name, says in parts]}


def _plain(record: Any) -> dict[str, Any]:
    return asdict(record)
