"""Shared output for list commands: a table by default, or --json, --jsonl, --csv."""

from __future__ import annotations

import csv
import json
import shutil
import textwrap
from collections.abc import Sequence
from typing import IO, Any

import click

from storyline.export.csv_cells import join_list

FORMATS = ("table", "json", "jsonl", "csv")


def format_option(function: Any) -> Any:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(function)


def emit(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, out: IO[str]) -> None:
    if fmt == "json":
        out.write(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows({c: _csv_cell(row.get(c)) for c in columns} for row in rows)
    else:
        out.write(table(rows, columns) + "\n")


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain-text table that fits the terminal (``COLUMNS``, else 120): the widest column
    is narrowed first, and a cell longer than its column wraps onto more lines, so nothing
    is cut (a problem's message is read whole, whatever the terminal's width)."""
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    budget = shutil.get_terminal_size((120, 20)).columns - 2 * (len(columns) - 1)
    while sum(widths) > budget and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True))]
    for row_cells in cells:
        wrapped = [_wrap(v, w) for v, w in zip(row_cells, widths, strict=True)]
        for i in range(max(len(parts) for parts in wrapped)):
            line = "  ".join(
                (parts[i] if i < len(parts) else "").ljust(w)
                for parts, w in zip(wrapped, widths, strict=True)
            )
            lines.append(line.rstrip())
    if not rows:
        lines.append("(none)")
    return "\n".join(lines)


def _csv_cell(value: object) -> object:
    """A list as its items joined with ``;`` (as the CSV export writes it), a mapping as
    JSON; ``['Minister']`` is no cell a spreadsheet or pandas can use."""
    if isinstance(value, list | tuple):
        return join_list(
            json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list | tuple) else v
            for v in value
        )
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _wrap(value: str, width: int) -> list[str]:
    """The lines of a cell ``width`` wide: at spaces, and inside a word longer than that."""
    if len(value) <= width:
        return [value]
    return textwrap.wrap(value, width, break_on_hyphens=False) or [""]
