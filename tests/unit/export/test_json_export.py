from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO, Files
from storyline.export import write_json
from storyline.runner import RunOptions, run
from storyline.store import Store

SCHEMA = json.loads((REPO / "docs" / "export.schema.json").read_text())


def export(store: Store) -> dict:  # type: ignore[type-arg]
    out = io.StringIO()
    write_json(store, out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_empty_store_exports_all_sections(store: Store) -> None:
    data = export(store)
    jsonschema.validate(data, SCHEMA)
    for key in ("documents", "stories", "entities", "quotes", "time_expressions", "events"):
        assert data[key] == []


def test_export_validates_and_keeps_provenance(files: Files, store: Store) -> None:
    files.write("a.txt", "Cranes idle\n\nBy Jana Novak\n\nDock workers walked out on Monday.\n")
    files.write("a.meta.json", json.dumps({"id": "x1", "published": "2025-03-10"}))
    run([str(files.root)], store, RunOptions(workers=1))
    data = export(store)
    jsonschema.validate(data, SCHEMA)
    (document,) = data["documents"]
    assert document["external_id"] == "x1" and document["published"] == "2025-03-10"
    raw = (files.root / "a.txt").read_text()
    for removed in document["removed"]:
        assert raw[removed["raw_start"] : removed["raw_end"]].strip() == removed["text"].strip()


def test_filled_fact_tables_export_with_spans(store: Store) -> None:
    """Later stages fill these tables; the export must carry them through unchanged."""
    conn = store.conn
    conn.execute(
        "INSERT INTO entities (id, name, type, aliases, roles, stage, stage_version) "
        "VALUES ('e1', 'Jana Novak', 'person', '[\"Novak\"]', "
        '\'[{"title": "reporter", "country": null, "organization": null}]\', \'entities\', \'1\')'
    )
    conn.execute(
        "INSERT INTO entity_mentions (document_id, start, end, text, type, entity_id, name, "
        "stage_version, rule) VALUES ('d1', 0, 4, 'Jana', 'person', 'e1', 'Jana Novak', '1', "
        "'crf')"
    )
    conn.execute(
        "INSERT INTO events (id, type, title, date, participant_entity_ids, stage, "
        "stage_version) VALUES ('v1', 'meeting', 'Ministers meet', '2025-03-12', '[\"e1\"]', "
        "'events', '1')"
    )
    conn.execute(
        "INSERT INTO event_mentions (event_id, document_id, start, end, text, lemma, type, "
        "status, sentence_start, sentence_end, stage, stage_version) "
        "VALUES ('v1', 'd1', 5, 9, 'meet', 'meet', 'meeting', 'planned', 0, 20, 'events', '1')"
    )
    data = export(store)
    jsonschema.validate(data, SCHEMA)
    assert data["entities"][0]["mentions"] == [
        {
            "document_id": "d1",
            "start": 0,
            "end": 4,
            "text": "Jana",
            "stage_version": "1",
            "rule": "crf",
        }
    ]
    assert data["events"][0]["mentions"][0]["status"] == "planned"


def test_schema_rejects_a_broken_export(store: Store) -> None:
    data = export(store)
    data["documents"] = [{"id": "x"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_schema_file_is_the_documented_one() -> None:
    assert Path(REPO / "docs" / "export.schema.json").exists()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
