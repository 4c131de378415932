"""``storyline export --format json|jsonl|csv|parquet|graphml``: one entry for every format.

Every format reads the store inside one snapshot (``Store.snapshot``: a run writing the
store meanwhile is not seen half-way, on SQLite or PostgreSQL) and is written through
``target.py`` (nothing half-written left under the name asked for). json, jsonl and graphml
are one file (or standard output, ``-``); csv and parquet a folder of tables (``tables.py``)
with a ``manifest.json`` that lists them, their row counts and their columns.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO

from storyline.errors import ExportError
from storyline.export.graphml import write_graphml
from storyline.export.json_export import about, write_json, write_jsonl
from storyline.export.table_writers import CsvWriter, ParquetWriter, pyarrow, write_tables
from storyline.export.tables import TABLES
from storyline.export.target import MANIFEST, file_target, folder_target
from storyline.store import Store

STREAMS: dict[str, Callable[[Store, IO[str]], dict[str, int]]] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "graphml": write_graphml,
}
FOLDERS = ("csv", "parquet")
FORMATS = ("json", "jsonl", "csv", "parquet", "graphml")


def check_format(fmt: str, output: str) -> None:
    """Refuse what cannot be done before the store is read: an unknown format, a folder
    format to standard output, Parquet without pyarrow."""
    if fmt not in FORMATS:
        raise ExportError(
            f"unknown export format {fmt!r}", hint="use one of: " + ", ".join(FORMATS)
        )
    if fmt in FOLDERS and output == "-":
        raise ExportError(
            f"a {fmt} export is a folder of tables, one file each",
            hint=f"give the folder to write with -o, e.g. -o export-{fmt}/",
        )
    if fmt == "parquet":
        pyarrow()


def export(
    store: Store, fmt: str, output: str | Path, stdout: IO[str] | None = None
) -> dict[str, int]:
    """Write the store in ``fmt`` to ``output`` (``-``: ``stdout``); return how many records
    of each kind (tables for csv and parquet, nodes and edges for graphml)."""
    output = str(output)
    check_format(fmt, output)
    with store.snapshot():
        if fmt in FOLDERS:
            with folder_target(Path(output)) as folder:
                header = about()
                writer = CsvWriter() if fmt == "csv" else ParquetWriter(header)
                counts = write_tables(store, folder, writer)
                _manifest(folder, fmt, header, counts, writer.suffix)
            return counts
        write = STREAMS[fmt]
        if output == "-":
            if stdout is None:
                raise ExportError("no stream to write to", hint="give a file with -o")
            return write(store, stdout)
        with file_target(Path(output)) as partial, partial.open("w", encoding="utf-8") as out:
            return write(store, out)


def _manifest(
    folder: Path, fmt: str, header: dict[str, object], counts: dict[str, int], suffix: str
) -> None:
    manifest = {
        "storyline": header,
        "format": fmt,
        "schema": "docs/export.md",
        "tables": [
            {
                "name": spec.name,
                "file": spec.name + suffix,
                "rows": counts[spec.name],
                "row": spec.row,
                "columns": [{"name": c.name, "type": c.type, "says": c.says} for c in spec.columns],
            }
            for spec in TABLES
        ],
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
