"""Benchmark rows, the printed table, and the dated sections of ``docs/benchmarks.md``."""

from __future__ import annotations

import os
import platform
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "docs" / "benchmarks.md"
COLUMNS = ("benchmark", "corpus", "system", "docs", "seconds", "docs/s", "peak MB")
_HEADER = """\
# Benchmarks

Figures below are appended by `python -m bench NAME` (see `bench/README.md`), one dated
section per run, each with the exact command and the machine it ran on. Compare figures
only within a section: the machine, its load and the code all change between sections.
"""


@dataclass(frozen=True, slots=True)
class Row:
    benchmark: str
    corpus: str
    system: str
    docs: int
    seconds: float
    peak_mb: float | None
    # A footnote for this row; rows with the same note share its number.
    note: str = ""
    # Further named cells (a quality benchmark's precision, recall ...), shown as extra
    # columns after the standard ones; blank in rows that lack them.
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds if self.seconds > 0 else float("inf")


def _footnotes(rows: Sequence[Row]) -> list[str]:
    notes: list[str] = []
    for row in rows:
        if row.note and row.note not in notes:
            notes.append(row.note)
    return notes


def _columns(rows: Sequence[Row]) -> tuple[str, ...]:
    extra: list[str] = []
    for row in rows:
        extra += [name for name, _ in row.extra if name not in extra]
    return (*COLUMNS, *extra)


def _cells(row: Row, notes: list[str], columns: Sequence[str] = COLUMNS) -> tuple[str, ...]:
    system = f"{row.system} [{notes.index(row.note) + 1}]" if row.note else row.system
    extra = dict(row.extra)
    return (
        row.benchmark,
        row.corpus,
        system,
        str(row.docs),
        f"{row.seconds:.2f}" if row.seconds >= 0.1 else f"{row.seconds:.2g}",
        f"{row.docs_per_second:,.0f}",
        "—" if row.peak_mb is None else f"{row.peak_mb:.0f}",
        *(extra.get(name, "") for name in columns[len(COLUMNS) :]),
    )


# Left-aligned columns; the rest (the numbers, and any extra column) are right-aligned.
_TEXT = {"benchmark", "corpus", "system"}


def text_table(rows: Sequence[Row], general: Sequence[str] = ()) -> str:
    notes = _footnotes(rows)
    columns = _columns(rows)
    body = [_cells(row, notes, columns) for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in body)) for i, c in enumerate(columns)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(w) if name in _TEXT else cell.rjust(w)
            for cell, w, name in zip(cells, widths, columns, strict=True)
        ).rstrip()

    out = [line(columns), line(["-" * w for w in widths]), *(line(r) for r in body)]
    out += [""] + [f"[{i}] {note}" for i, note in enumerate(notes, start=1)]
    out += [f"* {note}" for note in general]
    return "\n".join(out)


def markdown_table(rows: Sequence[Row], general: Sequence[str] = ()) -> str:
    notes = _footnotes(rows)
    columns = _columns(rows)
    align = ["---" if c in _TEXT else "---:" for c in columns]
    out = ["| " + " | ".join(columns) + " |", "|" + "|".join(align) + "|"]
    out += ["| " + " | ".join(_cells(row, notes, columns)) + " |" for row in rows]
    if notes or general:
        out.append("")
    out += [f"{i}. {note}" for i, note in enumerate(notes, start=1)]
    out += [f"- {note}" for note in general]
    return "\n".join(out)


def command_line() -> str:
    """The command as typed from the repository: ``.venv/bin/python -m bench ingest ...``."""
    python = Path(sys.executable)
    try:
        shown = str(python.relative_to(Path.cwd()))
    except ValueError:
        shown = str(python)
    return shlex.join([shown, "-m", "bench", *sys.argv[1:]])


def machine() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    cores = f"{os.cpu_count()} cores" + (f" ({usable} usable)" if usable is not None else "")
    parts = [cores, _cpu_model(), platform.platform(), f"{platform.machine()}"]
    python = f"{platform.python_implementation()} {platform.python_version()}"
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average at start {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return ", ".join(p for p in parts if p) + f"; {python}{load}"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def versions(packages: Sequence[str]) -> str:
    found = []
    for name in packages:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def append_section(
    name: str,
    rows: Sequence[Row],
    general: Sequence[str],
    packages: Sequence[str],
    started: datetime,
    *,
    machine_line: str,
) -> Path:
    """Append a dated section for this run to ``docs/benchmarks.md``; return its path."""
    section = "\n".join(
        [
            f"## {name} — {started.strftime('%Y-%m-%d %H:%M %Z')}",
            "",
            f"Command: `{command_line()}`",
            "",
            f"Machine: {machine_line}",
            "",
            f"Versions: {versions(packages)}",
            "",
            markdown_table(rows, general),
            "",
        ]
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    existing = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else _HEADER
    RESULTS.write_text(existing.rstrip("\n") + "\n\n" + section, encoding="utf-8")
    return RESULTS
