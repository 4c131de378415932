"""Documents to and from rows of the ``documents`` table."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import date
from typing import Any

from storyline.model import Dateline, Document, Problem, Removal
from storyline.offsets import OffsetMap

DOCUMENT_COLUMNS = (
    "id",
    "external_id",
    "source",
    "source_key",
    "format",
    "url",
    "outlet",
    "authors",
    "published",
    "published_from",
    "published_at",
    "encoding",
    "raw_title",
    "raw_text",
    "title",
    "text",
    "offset_map",
    "removals",
    "dateline",
    "flags",
    "warnings",
    "stages",
    "language",
)


def document_to_row(document: Document) -> dict[str, Any]:
    offset_map = document.offset_map
    return {
        "id": document.id,
        "external_id": document.external_id,
        "source": document.source,
        "source_key": document.source_key,
        "format": document.format,
        "url": document.url,
        "outlet": document.outlet,
        "authors": _dumps(list(document.authors)),
        "published": document.published.isoformat() if document.published else None,
        "published_from": document.published_from,
        "published_at": document.published_at,
        "encoding": document.encoding,
        "raw_title": document.raw_title,
        "raw_text": document.raw_text,
        "title": document.title,
        "text": document.text,
        "offset_map": _dumps(
            {
                "pieces": offset_map.to_list(),
                "clean_length": offset_map.clean_length,
                "raw_length": offset_map.raw_length,
            }
        )
        if offset_map
        else None,
        "removals": _dumps([asdict(r) for r in document.removals]),
        "dateline": _dumps(asdict(document.dateline)) if document.dateline else None,
        "flags": _dumps(list(document.flags)),
        "warnings": _dumps([asdict(p) for p in document.warnings]),
        "stages": _dumps(dict(document.stages)),
        "language": document.language,
    }


def row_to_document(row: sqlite3.Row) -> Document:
    offset_map = None
    if row["offset_map"]:
        data = json.loads(row["offset_map"])
        offset_map = OffsetMap.from_list(data["pieces"], data["clean_length"], data["raw_length"])
    dateline = Dateline(**json.loads(row["dateline"])) if row["dateline"] else None
    return Document(
        id=row["id"],
        source=row["source"],
        source_key=row["source_key"],
        format=row["format"],
        raw_text=row["raw_text"],
        raw_title=row["raw_title"],
        external_id=row["external_id"],
        url=row["url"],
        outlet=row["outlet"],
        authors=tuple(json.loads(row["authors"])),
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        published_from=row["published_from"],
        published_at=row["published_at"],
        encoding=row["encoding"],
        title=row["title"],
        text=row["text"],
        offset_map=offset_map,
        removals=tuple(Removal(**r) for r in json.loads(row["removals"])),
        dateline=dateline,
        flags=tuple(json.loads(row["flags"])),
        warnings=tuple(Problem(**p) for p in json.loads(row["warnings"])),
        stages=tuple(sorted(json.loads(row["stages"]).items())),
        language=row["language"],
    )


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
