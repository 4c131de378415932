"""The JSON export: one document, described by ``docs/export.schema.json``.

Written as a stream (one record at a time) so that exporting a large store does not hold it in
memory. Top-level keys: ``storyline`` (about the export), ``documents``, ``stories``,
``entities``, ``quotes``, ``time_expressions``, ``events``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from storyline import __version__
from storyline.store import Store

EXPORT_FORMAT_VERSION = 1


def write_json(store: Store, out: IO[str]) -> dict[str, int]:
    """Write the whole store as one JSON document; return how many records of each kind."""
    counts: dict[str, int] = {}
    header = {
        "format_version": EXPORT_FORMAT_VERSION,
        "storyline_version": __version__,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    out.write('{\n"storyline": ' + json.dumps(header))
    sections = {
        "documents": documents(store),
        "stories": stories(store),
        "entities": entities(store),
        "quotes": quotes(store),
        "time_expressions": time_expressions(store),
        "events": events(store),
    }
    for name, records in sections.items():
        out.write(f',\n"{name}": [')
        count = 0
        for record in records:
            out.write(("\n" if count == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
            count += 1
        out.write("\n]" if count else "]")
        counts[name] = count
    out.write("\n}\n")
    return counts


def documents(store: Store) -> Iterator[dict[str, Any]]:
    for doc in store.iter_documents():
        row = store.document_row(doc.id)
        assert row is not None
        yield {
            "id": doc.id,
            "external_id": doc.external_id,
            "source": doc.source,
            "url": doc.url,
            "title": doc.title,
            "text": doc.text,
            "outlet": doc.outlet,
            "authors": list(doc.authors),
            "published": doc.published.isoformat() if doc.published else None,
            "published_from": doc.published_from,
            "published_at": doc.published_at,
            "dateline": (
                {
                    "text": doc.dateline.text,
                    "place": doc.dateline.place,
                    "agency": doc.dateline.agency,
                    "date_text": doc.dateline.date_text,
                }
                if doc.dateline
                else None
            ),
            "flags": list(doc.flags),
            "removed": [
                {
                    "kind": r.kind,
                    "reason": r.reason,
                    "text": r.text,
                    "raw_start": r.raw_start,
                    "raw_end": r.raw_end,
                }
                for r in doc.removals
            ],
            "previous_version": row["previous_version"],
            "story_id": row["story_id"],
            "duplicate_of": row["duplicate_of"],
            "duplicate_kind": row["duplicate_kind"],
            "duplicate_score": row["duplicate_score"],
            "derived_from": row["derived_from"],
        }


def stories(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.rows("SELECT * FROM stories WHERE merged_into IS NULL ORDER BY start, id"):
        members = [
            r[0]
            for r in store.rows(
                "SELECT id FROM documents WHERE story_id = ? AND superseded_by IS NULL "
                "ORDER BY published, id",
                (row["id"],),
            )
        ]
        yield {
            "id": row["id"],
            "title": row["title"],
            "summary": row["summary"],
            "document_ids": members,
            "start": row["start"],
            "end": row["end"],
            "summary_sentences": [
                {k: s[k] for k in ("document_id", "start", "end", "text")}
                for s in store.rows(
                    "SELECT document_id, start, end, text FROM story_summary "
                    "WHERE story_id = ? ORDER BY rank",
                    (row["id"],),
                )
            ],
            "names": json.loads(row["names"]),
        }


def entities(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.rows("SELECT * FROM entities ORDER BY id"):
        spans: dict[str, list[dict[str, Any]]] = {"name": [], "pronoun": []}
        for m in store.rows(
            "SELECT document_id, start, end, text, kind FROM entity_mentions "
            "WHERE entity_id = ? ORDER BY document_id, start",
            (row["id"],),
        ):
            spans.setdefault(m["kind"], []).append(
                {k: m[k] for k in ("document_id", "start", "end", "text")}
            )
        yield {
            "id": row["id"],
            "name": row["name"],
            "type": row["type"],
            "aliases": json.loads(row["aliases"]),
            "roles": json.loads(row["roles"]),
            "mentions": spans["name"],
            "pronouns": spans["pronoun"],
        }


def quotes(store: Store) -> Iterator[dict[str, Any]]:
    columns = (
        "id",
        "document_id",
        "start",
        "end",
        "text",
        "kind",
        "speaker_entity_id",
        "speaker_text",
        "speaker_start",
        "speaker_end",
        "cue",
        "field",
    )
    for row in store.rows(
        f"SELECT {', '.join(columns)} FROM quotes ORDER BY document_id, field DESC, start"
    ):
        yield {c: row[c] for c in columns}


def time_expressions(store: Store) -> Iterator[dict[str, Any]]:
    columns = ("document_id", "start", "end", "text", "type", "value", "anchor")
    for row in store.rows(
        f"SELECT {', '.join(columns)}, anchored FROM time_expressions ORDER BY document_id, start"
    ):
        yield {c: row[c] for c in columns}


_MENTION_COLUMNS = (
    "document_id",
    "start",
    "end",
    "text",
    "status",
    "lemma",
    "type",
    "sentence_start",
    "sentence_end",
    "time_value",
    "time_start",
    "time_end",
    "date_first",
    "date_last",
    "place_entity_id",
    "place_start",
    "place_end",
    "agent",
    "patient",
)


def events(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.rows("SELECT * FROM events ORDER BY date_first IS NULL, date_first, id"):
        mentions = [
            {c: m[c] for c in _MENTION_COLUMNS}
            | {"participant_entity_ids": json.loads(m["participant_entity_ids"])}
            for m in store.rows(
                "SELECT * FROM event_mentions WHERE event_id = ? ORDER BY document_id, start",
                (row["id"],),
            )
        ]
        yield {
            "id": row["id"],
            "type": row["type"],
            "title": row["title"],
            "status": row["status"],
            "date": row["date"],
            "date_first": row["date_first"],
            "date_last": row["date_last"],
            "story_id": row["story_id"],
            "place_entity_id": row["place_entity_id"],
            "participant_entity_ids": json.loads(row["participant_entity_ids"]),
            "mentions": mentions,
        }
