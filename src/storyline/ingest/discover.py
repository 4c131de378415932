"""Turn the command line's paths, folders and globs into a stream of inputs to read.

A folder is walked recursively (hidden entries skipped); a glob is expanded; a file is taken
as it is. Each input is a small picklable :class:`SourceRef` so that reading and cleaning can
run in worker processes. JSON Lines files are split here, one ref per line, so that a large
feed streams instead of being held in memory by one worker.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.model import Problem

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One input to read: a file, or one line of a JSON Lines file (``line`` is 1-based)."""

    path: str
    format: str
    size: int = 0
    mtime_ns: int = 0
    line: int | None = None
    payload: bytes | None = None

    @property
    def name(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


def format_of(path: str) -> str | None:
    lower = path.lower()
    if lower.endswith(SIDECAR_SUFFIX):
        return None
    return FORMATS.get(os.path.splitext(lower)[1])


def discover(paths: Iterable[str]) -> Iterator[SourceRef | Problem]:
    """Yield a ref per readable input and a :class:`Problem` per argument that names nothing."""
    for arg in paths:
        if glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield Problem(arg, "not-found", "no file matches this pattern", "check the glob")
            for match in matches:
                yield from _expand(match, explicit=False)
        else:
            yield from _expand(arg, explicit=True)


def _expand(arg: str, *, explicit: bool) -> Iterator[SourceRef | Problem]:
    path = Path(arg)
    if path.is_dir():
        yield from _walk(path)
        return
    if not path.exists():
        yield Problem(arg, "unreadable", "no such file or folder", "check the path")
        return
    fmt = format_of(arg)
    if fmt is None:
        if explicit and not arg.lower().endswith(SIDECAR_SUFFIX):
            known = ", ".join(sorted(FORMATS))
            yield Problem(arg, "unsupported", "is not a supported article file", f"use {known}")
        return
    yield from _refs(path, fmt)


def _walk(folder: Path) -> Iterator[SourceRef | Problem]:
    def on_error(err: OSError) -> None:
        problems.append(
            Problem(str(err.filename), "unreadable", f"cannot list folder: {err.strerror}")
        )

    problems: list[Problem] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            fmt = format_of(name)
            if fmt is not None:
                yield from _refs(Path(root) / name, fmt)
        yield from problems
        problems.clear()


def _refs(path: Path, fmt: str) -> Iterator[SourceRef | Problem]:
    try:
        stat = path.stat()
    except OSError as err:
        yield Problem(str(path), "unreadable", f"cannot read: {err.strerror}", "check permissions")
        return
    if fmt != "jsonl":
        yield SourceRef(str(path), fmt, stat.st_size, stat.st_mtime_ns)
        return
    try:
        with path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield SourceRef(str(path), fmt, stat.st_size, stat.st_mtime_ns, number, line)
    except OSError as err:
        yield Problem(str(path), "unreadable", f"cannot read: {err.strerror}", "check permissions")
