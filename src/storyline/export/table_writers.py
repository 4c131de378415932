"""The tables of ``tables.py`` written as files into a folder: CSV or Parquet, one a table.

Both write every table (an empty one too, with its header or schema), stream the rows (a
Parquet row group every ``BATCH`` rows, so a large store is never held in memory), and
return how many rows each table got. Parquet needs pyarrow (the ``analysis`` extra): without
it, one :class:`~storyline.errors.MissingExtra` before anything is written.
"""

from __future__ import annotations

import csv
import importlib
import json
from pathlib import Path
from types import ModuleType
from typing import IO, Any, Protocol

from storyline.errors import MissingExtra
from storyline.export.csv_cells import join_list, join_spans
from storyline.export.tables import TABLES, TableSpec, rows
from storyline.store import Store

BATCH = 2000


class TableWriter(Protocol):
    suffix: str

    def open(self, folder: Path, spec: TableSpec) -> None: ...
    def write(self, spec: TableSpec, row: dict[str, Any]) -> None: ...
    def close(self) -> None: ...


def write_tables(store: Store, folder: Path, writer: TableWriter) -> dict[str, int]:
    counts = {spec.name: 0 for spec in TABLES}
    for spec in TABLES:
        writer.open(folder, spec)
    try:
        for spec, row in rows(store):
            writer.write(spec, row)
            counts[spec.name] += 1
    finally:
        writer.close()
    return counts


def csv_value(kind: str, value: Any) -> str:
    """A cell as the CSV export writes it: an empty cell for a missing value, lists joined
    with ``;``, spans as ``start-end``."""
    if value is None:
        return ""
    if kind == "list":
        return join_list(value)
    if kind == "spans":
        return join_spans(value)
    return str(value)


class CsvWriter:
    """One UTF-8 CSV file a table (RFC 4180: quoted where needed, CRLF line ends), with a
    header row of the column names."""

    suffix = ".csv"

    def __init__(self) -> None:
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, Any] = {}

    def open(self, folder: Path, spec: TableSpec) -> None:
        handle = (folder / f"{spec.name}{self.suffix}").open("w", encoding="utf-8", newline="")
        self._files[spec.name] = handle
        self._writers[spec.name] = csv.writer(handle)
        self._writers[spec.name].writerow(spec.names)

    def write(self, spec: TableSpec, row: dict[str, Any]) -> None:
        self._writers[spec.name].writerow([csv_value(c.type, row[c.name]) for c in spec.columns])

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()


def pyarrow() -> tuple[ModuleType, ModuleType]:
    """pyarrow and pyarrow.parquet, or the one-line error naming the extra to install."""
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError as err:
        raise MissingExtra("a Parquet export (pyarrow)", "analysis") from err


def arrow_schema(pa: ModuleType, spec: TableSpec, about: dict[str, Any]) -> Any:
    types = {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "list": pa.list_(pa.string()),
        "spans": pa.list_(pa.list_(pa.int64())),
    }
    return pa.schema(
        [pa.field(c.name, types[c.type], metadata={"says": c.says}) for c in spec.columns],
        metadata={"storyline": json.dumps(about), "table": spec.name, "row": spec.row},
    )


class ParquetWriter:
    """One Parquet file a table, typed as ``tables.py`` says (lists as lists), with what the
    export is (format version, Storyline version, time) in the file's metadata."""

    suffix = ".parquet"

    def __init__(self, about: dict[str, Any]) -> None:
        self.pa, self.pq = pyarrow()
        self.about = about
        self._writers: dict[str, Any] = {}
        self._schemas: dict[str, Any] = {}
        self._buffers: dict[str, list[dict[str, Any]]] = {}

    def open(self, folder: Path, spec: TableSpec) -> None:
        schema = arrow_schema(self.pa, spec, self.about)
        self._schemas[spec.name] = schema
        self._writers[spec.name] = self.pq.ParquetWriter(
            str(folder / f"{spec.name}{self.suffix}"), schema
        )
        self._buffers[spec.name] = []

    def write(self, spec: TableSpec, row: dict[str, Any]) -> None:
        buffer = self._buffers[spec.name]
        buffer.append(row)
        if len(buffer) >= BATCH:
            self._flush(spec.name)

    def _flush(self, name: str) -> None:
        buffer = self._buffers[name]
        if buffer:
            table = self.pa.Table.from_pylist(buffer, schema=self._schemas[name])
            self._writers[name].write_table(table)
            buffer.clear()

    def close(self) -> None:
        try:
            for name in self._writers:
                self._flush(name)
        finally:
            for writer in self._writers.values():
                writer.close()
