"""The JSON export: one document, described by ``docs/export.schema.json``.

Written as a stream (one record at a time) so that exporting a large store does not hold it in
memory. Top-level keys: ``storyline`` (about the export), ``documents``, ``stories``,
``entities``, ``quotes``, ``time_expressions``, ``events``, ``duplicate_links`` (the verified
pairs of copies), ``rules`` (the rule catalogue: what each rule a fact names looks for).
``write_jsonl`` writes the same records one a line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from typing import IO, Any

from storyline import __version__
from storyline.rules import catalogue
from storyline.stages import skipped_by
from storyline.store import Store

EXPORT_FORMAT_VERSION = 1


def write_json(store: Store, out: IO[str]) -> dict[str, int]:
    """Write the whole store as one JSON document; return how many records of each kind."""
    counts: dict[str, int] = {}
    header = about()
    out.write('{\n"storyline": ' + json.dumps(header))
    for name, records in sections(store).items():
        out.write(f',\n"{name}": [')
        count = 0
        for record in records:
            out.write(("\n" if count == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
            count += 1
        out.write("\n]" if count else "]")
        counts[name] = count
    out.write("\n}\n")
    return counts


def about() -> dict[str, Any]:
    """What every export says about itself (the JSON export's ``storyline`` key)."""
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "storyline_version": __version__,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def sections(store: Store) -> dict[str, Iterator[dict[str, Any]]]:
    """The export's sections in order, each a stream of records."""
    return {
        "documents": documents(store),
        "stories": stories(store),
        "entities": entities(store),
        "quotes": quotes(store),
        "time_expressions": time_expressions(store),
        "events": events(store),
        "duplicate_links": duplicate_links(store),
        "rules": rules(),
    }


def write_jsonl(store: Store, out: IO[str]) -> dict[str, int]:
    """The same records as :func:`write_json`, one JSON object a line: first the header
    (``{"record": "storyline", ...}``), then each record with ``"record"`` naming its
    section (``"documents"``, ``"quotes"``, ...), in the JSON export's order."""
    counts: dict[str, int] = {}
    out.write(json.dumps({"record": "storyline", **about()}) + "\n")
    for name, records in sections(store).items():
        count = 0
        for record in records:
            out.write(json.dumps({"record": name, **record}, ensure_ascii=False) + "\n")
            count += 1
        counts[name] = count
    return counts


def rules() -> Iterator[dict[str, Any]]:
    """The rule catalogue, so that an export explains the ``rule`` of each of its facts: a
    rule string's parts (``storyline.rules.parse``) are the entries' ``name``."""
    for rule in catalogue():
        yield {"name": rule.written, "stage": rule.stage, "fact": rule.fact, "says": rule.says}


def documents(store: Store) -> Iterator[dict[str, Any]]:
    skipped: dict[str | None, list[str]] = {}  # by language
    for doc in store.iter_documents():
        if doc.language not in skipped:
            skipped[doc.language] = skipped_by(doc.language)
        links = store.exports.document_links(doc.id)
        assert links is not None
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
            "language": doc.language,
            # The stages that did not read it: they handle other languages only.
            "skipped_stages": skipped[doc.language],
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
            "previous_version": links.previous_version,
            "story_id": links.story_id,
            "duplicate_of": links.duplicate_of,
            "duplicate_kind": links.duplicate_kind,
            "duplicate_score": links.duplicate_score,
            "derived_from": links.derived_from,
        }


def stories(store: Store) -> Iterator[dict[str, Any]]:
    for story in store.exports.stories():
        yield {
            "id": story.id,
            "title": story.title,
            "summary": story.summary,
            "document_ids": list(story.document_ids),
            "start": story.start,
            "end": story.end,
            "summary_sentences": [asdict(s) for s in story.summary_sentences],
            "names": story.names,
        }


def entities(store: Store) -> Iterator[dict[str, Any]]:
    for entity in store.exports.entities():
        yield {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "aliases": entity.aliases,
            "roles": entity.roles,
            "mentions": [asdict(m) for m in entity.mentions],
            "pronouns": [asdict(m) for m in entity.pronouns],
        }


def quotes(store: Store) -> Iterator[dict[str, Any]]:
    return store.exports.quotes()


def time_expressions(store: Store) -> Iterator[dict[str, Any]]:
    return store.exports.time_expressions()


def events(store: Store) -> Iterator[dict[str, Any]]:
    return store.exports.events()


def duplicate_links(store: Store) -> Iterator[dict[str, Any]]:
    return store.exports.duplicate_links()
