"""CSV, Parquet and JSON Lines say what the JSON export says: each is exported from a store
(SQLite and PostgreSQL), read back with csv / pyarrow / json only, put together again and
compared with the JSON export of the same store."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, REPO
from storyline.entities.report import role_label
from storyline.export.formats import export
from storyline.export.tables import TABLES
from storyline.runner import RunOptions, run
from storyline.store import Store

from .corpus import write_corpus
from .readback import blank_as_null, manifest, read_csv, read_parquet, reassemble


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def small_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The small corpus, run into a store on each backend."""
    root = tmp_path_factory.mktemp("small")
    write_corpus(root / "in")
    if request.param == "sqlite":
        db = str(root / "news.db")
    else:
        db = request.getfixturevalue("postgres_cluster").new_database()
    with Store(db) as store:
        summary = run([str(root / "in")], store, RunOptions(workers=1))
    assert summary.status == "finished" and summary.new == 4
    return db


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled example corpus (removals, copies, roles, quotes in parts): SQLite."""
    db = str(tmp_path_factory.mktemp("examples") / "news.db")
    with Store(db) as store:
        assert run([str(EXAMPLES)], store, RunOptions(workers=1)).errors == 0
    return db


def json_export(db: str) -> dict[str, Any]:
    out = io.StringIO()
    with Store(db, readonly=True) as store:
        export(store, "json", "-", stdout=out)
    data = json.loads(out.getvalue())
    data.pop("storyline")
    return data  # type: ignore[no-any-return]


def export_to(db: str, fmt: str, target: Path) -> dict[str, int]:
    with Store(db, readonly=True) as store:
        return export(store, fmt, target)


def same_keys(rebuilt: dict[str, Any], exported: dict[str, Any]) -> None:
    """A key the JSON export gained that no table column carries says so plainly: add it to
    export/tables.py (and docs/export.md, which a test checks)."""
    for section, records in exported.items():
        for key in {k for r in records for k in r}:
            assert all(key in r for r in rebuilt[section]), (
                f"the JSON export's {section} have {key!r}, which no table carries"
            )


def check_csv(db: str, tmp_path: Path) -> None:
    counts = export_to(db, "csv", tmp_path / "csv")
    tables = read_csv(tmp_path / "csv")
    assert {name: len(rows) for name, rows in tables.items()} == counts
    same_keys(reassemble(tables), json_export(db))
    assert blank_as_null(reassemble(tables)) == blank_as_null(json_export(db))


def check_parquet(db: str, tmp_path: Path) -> None:
    counts = export_to(db, "parquet", tmp_path / "parquet")
    tables = read_parquet(tmp_path / "parquet")
    assert {name: len(rows) for name, rows in tables.items()} == counts
    same_keys(reassemble(tables), json_export(db))
    assert reassemble(tables) == json_export(db)


def test_csv_reads_back_as_the_json_export(small_db: str, tmp_path: Path) -> None:
    check_csv(small_db, tmp_path)


def test_parquet_reads_back_as_the_json_export(small_db: str, tmp_path: Path) -> None:
    check_parquet(small_db, tmp_path)


def test_csv_of_the_examples_reads_back_as_the_json_export(example_db: str, tmp_path: Path) -> None:
    check_csv(example_db, tmp_path)


def test_parquet_of_the_examples_reads_back_as_the_json_export(
    example_db: str, tmp_path: Path
) -> None:
    check_parquet(example_db, tmp_path)


def test_the_example_export_fills_every_table(example_db: str, tmp_path: Path) -> None:
    """The comparison above means something only if each table has rows."""
    counts = export_to(example_db, "csv", tmp_path / "csv")
    assert all(counts[spec.name] > 0 for spec in TABLES), counts


def test_parquet_columns_are_typed(example_db: str, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    export_to(example_db, "parquet", tmp_path / "parquet")
    documents = pq.read_table(tmp_path / "parquet" / "documents.parquet")
    assert documents.schema.field("authors").type == pa.list_(pa.string())
    assert documents.schema.field("duplicate_score").type == pa.float64()
    quotes = pq.read_table(tmp_path / "parquet" / "quotes.parquet")
    assert quotes.schema.field("parts").type == pa.list_(pa.list_(pa.int64()))
    assert quotes.schema.field("start").type == pa.int64()
    about = json.loads(documents.schema.metadata[b"storyline"])
    assert about["format_version"] == 1
    # pandas reads the folder as it is (the analysis extra).
    frame = pq.read_table(tmp_path / "parquet" / "entities.parquet").to_pandas()
    assert list(frame.columns) == [c.name for c in TABLES[4].columns]


def test_csv_lists_are_semicolon_joined(example_db: str, tmp_path: Path) -> None:
    export_to(example_db, "csv", tmp_path / "csv")
    text = (tmp_path / "csv" / "entities.csv").read_text()
    assert "['" not in text and '["' not in text
    tables = read_csv(tmp_path / "csv")
    with_roles = [e for e in json_export(example_db)["entities"] if e["roles"]]
    assert with_roles
    rows = {row["id"]: row for row in tables["entities"]}
    for entity in with_roles:
        assert rows[entity["id"]]["roles"] == [role_label(r) for r in entity["roles"]]


def test_jsonl_holds_the_json_records_one_a_line(small_db: str, tmp_path: Path) -> None:
    counts = export_to(small_db, "jsonl", tmp_path / "export.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "export.jsonl").read_text().splitlines()]
    assert lines[0]["record"] == "storyline" and lines[0]["format_version"] == 1
    sections: dict[str, list[dict[str, Any]]] = {name: [] for name in counts}
    for line in lines[1:]:
        sections[line.pop("record")].append(line)
    assert sections == json_export(small_db)


def test_manifest_lists_every_table_with_its_rows(small_db: str, tmp_path: Path) -> None:
    counts = export_to(small_db, "csv", tmp_path / "csv")
    found = manifest(tmp_path / "csv")
    assert found["format"] == "csv" and found["storyline"]["format_version"] == 1
    assert {t["name"]: t["rows"] for t in found["tables"]} == counts
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(
        ["manifest.json", *(f"{t.name}.csv" for t in TABLES)]
    )


def test_an_empty_store_exports_empty_tables(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db"):
        pass
    counts = export_to(str(tmp_path / "empty.db"), "parquet", tmp_path / "parquet")
    assert set(counts) == {t.name for t in TABLES}
    assert counts["documents"] == 0 and counts["rules"] > 0
    tables = read_parquet(tmp_path / "parquet")
    assert tables["documents"] == []


def test_the_schema_page_documents_every_table_and_column() -> None:
    page = (REPO / "docs" / "export.md").read_text()
    for spec in TABLES:
        assert f"### `{spec.name}`" in page, spec.name
        section = page.split(f"### `{spec.name}`", 1)[1].split("\n### ", 1)[0]
        for column in spec.columns:
            assert f"| `{column.name}` | {column.type} |" in section, (spec.name, column.name)
