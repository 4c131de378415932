"""Where an export is written: a file or a folder that appears only when complete.

The export is written beside its target under a temporary name and renamed into place at
the end, so that an export that fails (a full disk, a store error, Ctrl-C) leaves nothing
that looks finished: no truncated JSON, no folder with half its tables. A folder is
replaced only when it is empty or an earlier export (it holds ``manifest.json``), never a
folder of other files. A path that cannot be written is one :class:`ExportError`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.errors import ExportError

MANIFEST = "manifest.json"


def _as_made(path: Path, mode: int) -> None:
    """The permissions ``open``/``mkdir`` would have given (``tempfile`` makes 0600/0700)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, mode & ~umask)


def cannot_write(path: Path, err: OSError) -> ExportError:
    reason = err.strerror or str(err)
    return ExportError(
        f"cannot write the export to {path}: {reason}",
        hint="give a path in a folder that exists and that you can write to",
    )


@contextmanager
def file_target(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write; renamed to ``path`` when the block ends
    without an error, removed otherwise."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder", hint="give a file name, e.g. -o export.json")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as err:
        raise cannot_write(path, err) from err
    os.close(handle)
    partial = Path(name)
    _as_made(partial, 0o666)
    try:
        yield partial
        partial.replace(path)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise cannot_write(path, err) from err
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


@contextmanager
def folder_target(path: Path) -> Iterator[Path]:
    """A temporary folder beside ``path`` to write the tables into; put in the place of
    ``path`` when the block ends without an error, removed otherwise."""
    if path.exists() and not path.is_dir():
        raise ExportError(
            f"{path} is a file, and this format writes a folder of tables",
            hint="give a folder name, e.g. -o export/",
        )
    if path.is_dir() and any(path.iterdir()) and not (path / MANIFEST).exists():
        raise ExportError(
            f"{path} holds other files",
            hint="give a new or empty folder (an earlier export's folder is replaced)",
        )
    try:
        partial = Path(
            tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        )
    except OSError as err:
        raise cannot_write(path, err) from err
    _as_made(partial, 0o777)
    try:
        yield partial
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            path.rename(old / path.name)
            partial.rename(path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            partial.rename(path)
    except OSError as err:
        shutil.rmtree(partial, ignore_errors=True)
        raise cannot_write(path, err) from err
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
