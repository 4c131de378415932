"""The export as tables: one CSV or Parquet file per kind of record (docs/export.md).

The tables are the JSON export's records (``json_export.py``) taken apart, so the two can
never say different things: a document's removals become rows of ``removals``, an entity's
spans rows of ``mentions``, an event's mentions rows of ``event_mentions``. ``TABLES`` is
the documented schema: each column's name, type and meaning, in file order.

Column types: ``string``, ``int``, ``float``, ``list`` (of strings: a Parquet list, in CSV
the items joined with ``;``, see ``csv_cells.py``) and ``spans`` (a list of ``[start, end)``
pairs: a Parquet list of two-integer lists, in CSV ``start-end`` items joined with ``;``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from storyline.entities.report import role_label
from storyline.export import json_export
from storyline.store import Store

TableRow = dict[str, Any]
SplitRecord = Callable[[TableRow], Iterator[tuple[str, TableRow]]]
RecordStream = Callable[[Store], Iterator[TableRow]]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # string | int | float | list | spans
    says: str


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One table of the export: its columns in file order, and what one row is."""

    name: str
    row: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _c(spec: str) -> Column:
    """``"name:type: meaning"`` (the type may be left out for a string)."""
    name, _, rest = spec.partition(":")
    kind, _, says = rest.partition(":")
    if kind.strip() not in ("string", "int", "float", "list", "spans"):
        kind, says = "string", rest
    return Column(name.strip(), kind.strip(), says.strip())


def _table(name: str, row: str, *columns: str) -> TableSpec:
    return TableSpec(name, row, tuple(_c(c) for c in columns))


_SPAN = ("start:int: start offset in the clean text", "end:int: end offset (exclusive)")
_PROVENANCE = (
    "stage_version: the stage key the fact was made under",
    "rule: the rule or model that found it (see the rules table)",
)

TABLES: tuple[TableSpec, ...] = (
    _table(
        "documents",
        "a current article (superseded versions left out)",
        "id: content-hash id",
        "external_id: the id its source gave",
        "source: where it was read (path, path#line, URL)",
        "url: its address, when known",
        "title: clean title",
        "text: clean text (every offset of the other tables points into it)",
        "outlet: publisher",
        "authors:list: bylines",
        "published: publication day, YYYY-MM-DD",
        "published_from: where the day came from (metadata, page, file name, --published)",
        "published_at: the instant of publication (UTC), when known",
        "dateline_text: the dateline as written",
        "dateline_place: its place",
        "dateline_agency: its agency",
        "dateline_date_text: its date as written",
        "flags:list: cleaning and language flags (not-english, language-unknown)",
        "language: ISO 639-1 code, 'und' when it could not be decided (processed as English)",
        "skipped_stages:list: stages that did not read it (they handle other languages only)",
        "previous_version: the id of the version this one replaced",
        "story_id: its story",
        "duplicate_of: the canonical article it copies",
        "duplicate_kind: exact, near or rewrite",
        "duplicate_score:float: similarity to the canonical",
        "derived_from: the member it most likely derives from (lineage)",
    ),
    _table(
        "removals",
        "a part of a document's raw text that cleaning removed",
        "document_id: the document",
        "kind: what it was (boilerplate, byline, ...)",
        "reason: why it was removed",
        "text: the removed text",
        "raw_start:int: start offset in the raw input",
        "raw_end:int: end offset in the raw input",
    ),
    _table(
        "stories",
        "a current story (stories merged into others left out)",
        "id: story id",
        "title: title",
        "summary: extractive summary",
        "start: first publication day",
        "end: last publication day",
        "document_ids:list: its current articles and their copies",
        "names:list: the names that hold it together",
    ),
    _table(
        "story_summary",
        "a sentence of a story's summary, with where it comes from",
        "story_id: the story",
        "rank:int: its place in the summary, from 0",
        "document_id: the article it comes from",
        *_SPAN,
        "text: the sentence",
    ),
    _table(
        "entities",
        "a person, organisation or place",
        "id: entity id",
        "name: canonical name",
        "type: person, organization or place",
        "aliases:list: other names it goes by",
        "roles:list: roles seen, as `storyline entities` shows them (details: entity_roles)",
    ),
    _table(
        "entity_roles",
        "a role an entity was seen in",
        "entity_id: the entity",
        "title: title (Minister, Mayor of Guastalla)",
        "country: country of the role",
        "organization: organisation of the role",
    ),
    _table(
        "mentions",
        "a span of text that names an entity, or a pronoun that stands for one",
        "entity_id: the entity",
        "kind: name or pronoun",
        "document_id: the document",
        *_SPAN,
        "text: the words",
        *_PROVENANCE,
    ),
    _table(
        "quotes",
        "who said what: a direct, partial or indirect quote",
        "id: quote id",
        "document_id: the document",
        "start:int: start of the first part (indirect: of the reported clause)",
        "end:int: end of the last part",
        "text: the quoted words (parts joined with ' … ')",
        "kind: direct, partial or indirect",
        "speaker_entity_id: the speaker entity, when resolved",
        "speaker_text: the words naming the speaker",
        "speaker_start:int: start of speaker_text",
        "speaker_end:int: end of speaker_text",
        "cue: the verb or phrase of saying",
        "field: where the offsets point: text, or title for a quote in the headline",
        *_PROVENANCE,
        "parts:spans: each quoted part's span",
        "cue_start:int: start of the cue",
        "cue_end:int: end of the cue",
        "context: a partial quote's reported clause",
        "context_start:int: start of the context",
        "context_end:int: end of the context",
    ),
    _table(
        "time_expressions",
        "a time expression and the TIMEX3 value it was read as",
        "document_id: the document",
        *_SPAN,
        "text: the words",
        "type: DATE, TIME, DURATION or SET",
        "value: TIMEX3 value (2025-03-12, 2025-W10, P3D)",
        "anchor: what a relative expression was anchored to",
        *_PROVENANCE,
    ),
    _table(
        "events",
        "an event: its mentions across articles, linked",
        "id: event id",
        "type: event type",
        "title: short description",
        "status: planned, happened, ... as most mentions report it",
        "date: the TIMEX3 value most mentions give",
        "date_first: first day it may be",
        "date_last: last day it may be",
        "story_id: its story",
        "place_entity_id: where it happens",
        "participant_entity_ids:list: who takes part",
    ),
    _table(
        "event_mentions",
        "one article's mention of an event",
        "event_id: the event",
        "document_id: the document",
        *_SPAN,
        "text: the trigger word",
        "status: how this article reports it",
        "lemma: the trigger's lemma",
        "type: event type",
        "sentence_start:int: start of its sentence",
        "sentence_end:int: end of its sentence",
        "time_value: TIMEX3 value of its time",
        "time_start:int: start of its time expression",
        "time_end:int: end of its time expression",
        "date_first: first day it may be",
        "date_last: last day it may be",
        "place_entity_id: its place",
        "place_start:int: start of the place's mention",
        "place_end:int: end of the place's mention",
        "agent: who did it (entity id:name)",
        "patient: to whom (entity id:name)",
        *_PROVENANCE,
        "participant_entity_ids:list: who takes part",
    ),
    _table(
        "duplicate_links",
        "a verified pair of copies (a < b) that dedup grouped articles from",
        "a: one document",
        "b: the other",
        "kind: exact, near or rewrite",
        "score:float: similarity",
        "stage_version: the dedup key it was found under",
    ),
    _table(
        "rules",
        "a rule or model that facts name in their rule column",
        "name: the rule's name",
        "stage: the stage that applies it",
        "fact: the kind of fact it finds",
        "says: what it looks for",
    ),
)

BY_NAME = {t.name: t for t in TABLES}


def _documents(record: TableRow) -> Iterator[tuple[str, TableRow]]:
    dateline = record["dateline"] or {}
    row = {k: v for k, v in record.items() if k not in ("dateline", "removed")}
    for key in ("text", "place", "agency", "date_text"):
        row[f"dateline_{key}"] = dateline.get(key)
    yield "documents", row
    for removal in record["removed"]:
        yield "removals", {"document_id": record["id"], **removal}


def _stories(record: TableRow) -> Iterator[tuple[str, TableRow]]:
    yield (
        "stories",
        {
            **{k: v for k, v in record.items() if k != "summary_sentences"},
            "names": [str(n) for n in record["names"]],
        },
    )
    for rank, sentence in enumerate(record["summary_sentences"]):
        yield "story_summary", {"story_id": record["id"], "rank": rank, **sentence}


def _entities(record: TableRow) -> Iterator[tuple[str, TableRow]]:
    yield (
        "entities",
        {
            "id": record["id"],
            "name": record["name"],
            "type": record["type"],
            "aliases": record["aliases"],
            "roles": [role_label(r) for r in record["roles"]],
        },
    )
    for role in record["roles"]:
        yield "entity_roles", {"entity_id": record["id"], **role}
    for kind, spans in (("name", record["mentions"]), ("pronoun", record["pronouns"])):
        for span in spans:
            yield "mentions", {"entity_id": record["id"], "kind": kind, **span}


def _events(record: TableRow) -> Iterator[tuple[str, TableRow]]:
    yield "events", {k: v for k, v in record.items() if k != "mentions"}
    for mention in record["mentions"]:
        yield "event_mentions", {"event_id": record["id"], **mention}


def _as(table: str) -> SplitRecord:
    def one(record: TableRow) -> Iterator[tuple[str, TableRow]]:
        yield table, record

    return one


# Each section of the JSON export, and how its records become rows (of one or more tables).
SECTIONS: tuple[tuple[str, RecordStream, SplitRecord], ...] = (
    ("documents", json_export.documents, _documents),
    ("stories", json_export.stories, _stories),
    ("entities", json_export.entities, _entities),
    ("quotes", json_export.quotes, _as("quotes")),
    ("time_expressions", json_export.time_expressions, _as("time_expressions")),
    ("events", json_export.events, _events),
    ("duplicate_links", json_export.duplicate_links, _as("duplicate_links")),
    ("rules", lambda store: json_export.rules(), _as("rules")),
)


def rows(store: Store) -> Iterator[tuple[TableSpec, TableRow]]:
    """Every row of every table, section by section, each with its table; a row has exactly
    the table's columns."""
    for _, records, split in SECTIONS:
        for record in records(store):
            for name, row in split(record):
                spec = BY_NAME[name]
                yield spec, {c: row.get(c) for c in spec.names}
