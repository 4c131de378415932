"""Frozen records that flow through the pipeline and into the store.

Every extracted fact points into a document's *clean* text with ``(document_id, start, end)``;
``document.text[start:end]`` is its evidence, and ``document.offset_map.to_raw(start, end)``
finds the same characters in the raw input. Facts also say which stage, at which version,
produced them (``Provenance``), so one stage can be improved and re-run on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from storyline.offsets import OffsetMap

Severity = Literal["error", "warning"]
EventStatus = Literal["planned", "happened", "ongoing", "reported", "hypothetical", "negated"]
QuoteKind = Literal["direct", "partial", "indirect"]
DuplicateKind = Literal["exact", "near", "rewrite"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Which stage, at which version, produced a fact, and how sure it is (0..1) if known."""

    stage: str
    version: str
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``[start, end)`` of a document's clean text."""

    document_id: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end} in {self.document_id}")

    def text_in(self, document: Document) -> str:
        return document.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input: reported, counted, and (for errors) skipped."""

    source: str
    kind: str
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.source}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True, slots=True)
class Removal:
    """A stretch of the raw text that cleaning took out of the body, and why.

    ``kind`` is one of: title-line, repeated-headline, repeated-lead, repeated-paragraph,
    byline, credit, dateline, boilerplate.
    """

    kind: str
    raw_start: int
    raw_end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """``WASHINGTON, March 3 (AFP) –``: where the story was filed, by which agency, when."""

    text: str
    place: str | None = None
    agency: str | None = None
    date_text: str | None = None


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as a reader found it, before cleaning.

    ``raw_text`` is the decoded input text (for HTML: the text the extractor found in the page).
    ``source_key`` identifies the article's place in the input (path, or path plus record id)
    so that a changed article at the same place becomes a new version of it.
    """

    source: str
    source_key: str
    format: str
    raw_text: str
    raw_title: str | None = None
    external_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    published_from: str | None = None
    # The instant of publication in UTC (ISO 8601) when the metadata gives a time of day.
    published_at: str | None = None
    encoding: str | None = None
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """An article: its raw input, metadata, and (after the clean stage) its clean title and body."""

    id: str
    source: str
    source_key: str
    format: str
    raw_text: str
    raw_title: str | None = None
    external_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    published_from: str | None = None
    # The instant of publication in UTC (ISO 8601) when the metadata gives a time of day.
    published_at: str | None = None
    encoding: str | None = None
    # Filled by the clean stage.
    title: str | None = None
    text: str = ""
    offset_map: OffsetMap | None = None
    removals: tuple[Removal, ...] = ()
    dateline: Dateline | None = None
    flags: tuple[str, ...] = ()
    # Warnings from reading and cleaning (errors never make a Document).
    warnings: tuple[Problem, ...] = ()
    # Which stage versions have produced this document's layers: stage name -> version.
    stages: tuple[tuple[str, str], ...] = ()

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if self.offset_map is None:
            raise ValueError(f"document {self.id} has not been cleaned yet")
        return self.offset_map.to_raw(start, end)

    def stage_version(self, stage: str) -> str | None:
        return dict(self.stages).get(stage)


# Facts that later stages extract. Each carries its provenance.


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of clean text that names or points to an entity."""

    span: Span
    text: str
    type: str
    entity_id: str | None = None
    provenance: Provenance = field(default_factory=lambda: Provenance("unknown", "0"))


@dataclass(frozen=True, slots=True)
class Role:
    title: str | None = None
    country: str | None = None
    organization: str | None = None
    seen: date | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mentions: tuple[Mention, ...] = ()
    provenance: Provenance = field(default_factory=lambda: Provenance("unknown", "0"))


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    span: Span
    text: str
    kind: QuoteKind
    speaker_text: str | None = None
    speaker_span: Span | None = None
    speaker_entity_id: str | None = None
    cue: str | None = None
    provenance: Provenance = field(default_factory=lambda: Provenance("unknown", "0"))


@dataclass(frozen=True, slots=True)
class TimeExpression:
    span: Span
    text: str
    type: str
    value: str | None
    anchor: date | None = None
    provenance: Provenance = field(default_factory=lambda: Provenance("unknown", "0"))


@dataclass(frozen=True, slots=True)
class EventMention:
    span: Span
    text: str
    status: EventStatus
    provenance: Provenance = field(default_factory=lambda: Provenance("unknown", "0"))


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    title: str
    date: str | None = None
    place_entity_id: str | None = None
    participant_entity_ids: tuple[str, ...] = ()
    mentions: tuple[EventMention, ...] = ()
    provenance: Provenance = field(default_factory=lambda: Provenance("unknown", "0"))


@dataclass(frozen=True, slots=True)
class DuplicateLink:
    document_id: str
    duplicate_of: str
    kind: DuplicateKind
    score: float
    provenance: Provenance = field(default_factory=lambda: Provenance("unknown", "0"))


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    summary: str
    document_ids: tuple[str, ...]
    start: date | None = None
    end: date | None = None
    provenance: Provenance = field(default_factory=lambda: Provenance("unknown", "0"))
