"""Reading an export's tables back without Storyline's writers: csv and pyarrow only, and
the JSON records put together again from the rows, to compare with the JSON export."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from storyline.export.csv_cells import split_list, split_spans

Tables = dict[str, list[dict[str, Any]]]


def manifest(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "manifest.json").read_text())  # type: ignore[no-any-return]


def read_csv(folder: Path) -> Tables:
    types = {
        "string": lambda v: v if v != "" else None,
        "int": lambda v: int(v) if v != "" else None,
        "float": lambda v: float(v) if v != "" else None,
        "list": split_list,
        "spans": lambda v: split_spans(v) if v != "" else None,
    }
    found: Tables = {}
    for table in manifest(folder)["tables"]:
        kinds = {c["name"]: types[c["type"]] for c in table["columns"]}
        with (folder / table["file"]).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == [c["name"] for c in table["columns"]]
            found[table["name"]] = [{k: kinds[k](v) for k, v in row.items()} for row in reader]
    return found


def read_parquet(folder: Path) -> Tables:
    import pyarrow.parquet as pq

    return {
        table["name"]: pq.read_table(folder / table["file"]).to_pylist()
        for table in manifest(folder)["tables"]
    }


def _without(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in keys}


def _by(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def reassemble(tables: Tables) -> dict[str, list[dict[str, Any]]]:
    """The JSON export's sections, put together from the tables."""
    removals = _by(tables["removals"], "document_id")
    documents = []
    for row in tables["documents"]:
        dateline = {k: row[f"dateline_{k}"] for k in ("text", "place", "agency", "date_text")}
        documents.append(
            {
                **{k: v for k, v in row.items() if not k.startswith("dateline_")},
                "dateline": dateline if any(v is not None for v in dateline.values()) else None,
                "removed": [_without(r, "document_id") for r in removals.get(row["id"], [])],
            }
        )
    summary = _by(tables["story_summary"], "story_id")
    stories = [
        {
            **row,
            "summary_sentences": [
                _without(s, "story_id", "rank")
                for s in sorted(summary.get(row["id"], []), key=lambda s: s["rank"])
            ],
        }
        for row in tables["stories"]
    ]
    roles = _by(tables["entity_roles"], "entity_id")
    mentions = _by(tables["mentions"], "entity_id")
    entities = []
    for row in tables["entities"]:
        spans = mentions.get(row["id"], [])
        entities.append(
            {
                **_without(row, "roles"),
                "roles": [_without(r, "entity_id") for r in roles.get(row["id"], [])],
                "mentions": [
                    _without(m, "entity_id", "kind") for m in spans if m["kind"] == "name"
                ],
                "pronouns": [
                    _without(m, "entity_id", "kind") for m in spans if m["kind"] == "pronoun"
                ],
            }
        )
    event_mentions = _by(tables["event_mentions"], "event_id")
    events = [
        {**row, "mentions": [_without(m, "event_id") for m in event_mentions.get(row["id"], [])]}
        for row in tables["events"]
    ]
    return {
        "documents": documents,
        "stories": stories,
        "entities": entities,
        "quotes": tables["quotes"],
        "time_expressions": tables["time_expressions"],
        "events": events,
        "duplicate_links": tables["duplicate_links"],
        "rules": tables["rules"],
    }


def blank_as_null(value: Any) -> Any:
    """What a CSV cell cannot tell apart: an empty text and no text."""
    if value == "":
        return None
    if isinstance(value, dict):
        return {k: blank_as_null(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v if isinstance(v, str) else blank_as_null(v) for v in value]
    return value
