"""Turn the command line's paths, folders and globs into a stream of inputs to read.

A folder is walked recursively (hidden entries skipped); a glob is expanded; a file is taken
as it is. Each input is a small picklable :class:`SourceRef` so that reading and cleaning can
run in worker processes. Files that hold many articles are split here, one ref per article,
so that they stream instead of being held in memory by one worker: a JSON Lines file per
line, an RSS/Atom feed per entry (``feed.py``), a web archive per HTML page (``warc.py``).
Feed entries and archived pages travel as the JSON record a JSON Lines line would hold.

An ``.xml`` file is read only if it is a feed; others are reported, not guessed at.

Only regular files are read: a FIFO would block the run forever and a device (a link to
``/dev/zero``) would never end, so both are reported. A name that is not UTF-8 is reported
and skipped, as the store keys files by name. A link met in a folder walk that leads out of
the folder is not followed unless the caller asks (``follow_links``): a link to
``/etc/passwd`` dropped in a shared inbox must not be stored and served.
"""

from __future__ import annotations

import glob
import os
import stat as stat_mode
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.ingest.feed import SNIFF_BYTES, feed_records, looks_like_feed
from storyline.ingest.metadata import sidecar_path
from storyline.ingest.warc import warc_records
from storyline.model import Problem

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}
# Formats whose files hold many articles, each read as a JSON record (see reader.py).
RECORD_FORMATS = ("jsonl", "feed", "warc", "web")  # web: a page the watch fetched
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One input to read: a file, or one article in a file that holds many.

    For those, ``line`` is the 1-based line (JSON Lines), entry (feed) or record (web archive)
    number and ``payload`` the article's JSON record.
    """

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
    return next((fmt for suffix, fmt in FORMATS.items() if lower.endswith(suffix)), None)


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A file the caller's ``skip`` check says needs no reading (same size, mtime, pipeline)."""

    path: str


Found = SourceRef | Problem | Unchanged
SkipCheck = Callable[[str, int, int], bool]


def discover(
    paths: Iterable[str], skip: SkipCheck | None = None, *, follow_links: bool = False
) -> Iterator[Found]:
    """Yield a ref per readable input and a :class:`Problem` per argument that names nothing.

    ``skip(path, size, mtime_ns)`` is asked before a file is opened; files it accepts are
    yielded as :class:`Unchanged` without being read (feeds and archives included). Links
    in a folder that lead out of it are followed only with ``follow_links``.
    """
    for arg in paths:
        if glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield Problem(arg, "not-found", "no file matches this pattern", "check the glob")
            for match in matches:
                yield from _expand(match, explicit=False, skip=skip, follow_links=follow_links)
        else:
            yield from _expand(arg, explicit=True, skip=skip, follow_links=follow_links)


def _expand(
    arg: str, *, explicit: bool, skip: SkipCheck | None, follow_links: bool
) -> Iterator[Found]:
    path = Path(arg)
    if not _utf8(arg):
        yield _bad_name(arg)
        return
    if path.is_dir():
        yield from _walk(path, skip, follow_links)
        return
    if not path.exists():
        if arg.lower().startswith(("http://", "https://")):
            yield Problem(
                arg,
                "web-address",
                "is a web address, not a file: `run` reads files",
                "read the page with `storyline fetch URL`, or follow a feed with "
                "`storyline sources add URL` and `storyline watch`",
            )
            return
        yield Problem(arg, "unreadable", "no such file or folder", "check the path")
        return
    fmt = format_of(arg)
    if fmt is None:
        if explicit and not arg.lower().endswith(SIDECAR_SUFFIX):
            known = ", ".join(sorted(FORMATS))
            yield Problem(arg, "unsupported", "is not a supported article file", f"use {known}")
        return
    yield from _refs(path, fmt, explicit=explicit, skip=skip)


def _walk(folder: Path, skip: SkipCheck | None, follow_links: bool) -> Iterator[Found]:
    def on_error(err: OSError) -> None:
        problems.append(
            Problem(str(err.filename), "unreadable", f"cannot list folder: {err.strerror}")
        )

    problems: list[Problem] = []
    inside = folder.resolve()
    for root, dirs, files in os.walk(folder, onerror=on_error):
        for name in sorted(d for d in dirs if not _utf8(d)):
            problems.append(_bad_name(os.path.join(root, name)))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and _utf8(d))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            fmt = format_of(name)
            if fmt is None:
                continue
            if not _utf8(name):
                yield _bad_name(str(path))
                continue
            if not follow_links and path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(inside):
                    yield Problem(
                        str(path),
                        "outside-link",
                        f"is a link to {target}, outside the folder being read: not followed",
                        "pass --follow-links to read the files links lead to",
                        severity="warning",
                    )
                    continue
            yield from _refs(path, fmt, explicit=False, skip=skip)
        yield from problems
        problems.clear()


def _with_sidecar(path: Path, fmt: str, size: int, mtime_ns: int) -> tuple[int, int]:
    """The file's size and time, with its ``.meta.json`` sidecar's folded in: a sidecar that
    arrives or changes after its article makes the article be read again (it was kept with
    the metadata of its first reading)."""
    if fmt in RECORD_FORMATS:
        return size, mtime_ns
    try:
        sidecar = sidecar_path(str(path)).stat()
    except OSError:
        return size, mtime_ns
    return size + sidecar.st_size, max(mtime_ns, sidecar.st_mtime_ns)


def _utf8(name: str) -> bool:
    """Whether a name from the file system is valid UTF-8 (os.fsdecode turns the bytes of
    one that is not into lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _bad_name(path: str) -> Problem:
    return Problem(
        path,
        "bad-name",
        "the file name is not valid UTF-8: not read",
        "rename it in UTF-8 (for example `convmv -f latin1 -t utf-8 --notest NAME`)",
    )


_KINDS = (
    (stat_mode.S_ISFIFO, "a named pipe (FIFO)"),
    (stat_mode.S_ISCHR, "a character device"),
    (stat_mode.S_ISBLK, "a block device"),
    (stat_mode.S_ISSOCK, "a socket"),
)


def _not_regular(path: Path, mode: int) -> Problem:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return Problem(
        str(path),
        "not-a-file",
        f"is {kind}, not a regular file: not read (it could block or never end)",
        "give Storyline regular files; copy what a pipe or device produces to a file first",
    )


def _refs(path: Path, fmt: str, *, explicit: bool, skip: SkipCheck | None) -> Iterator[Found]:
    try:
        stat = path.stat()
        if not stat_mode.S_ISREG(stat.st_mode):
            yield _not_regular(path, stat.st_mode)
            return
        size, mtime_ns = _with_sidecar(path, fmt, stat.st_size, stat.st_mtime_ns)
        if skip is not None and skip(str(path), size, mtime_ns):
            yield Unchanged(str(path))
            return
        if path.suffix.lower() == ".xml" and not _is_feed(path):
            yield _not_a_feed(path, explicit=explicit)
            return
    except OSError as err:
        yield Problem(str(path), "unreadable", f"cannot read: {err.strerror}", "check permissions")
        return
    if fmt not in RECORD_FORMATS:
        yield SourceRef(str(path), fmt, size, mtime_ns)
        return
    for item in _records(path, fmt):
        if isinstance(item, Problem):
            yield item
        else:
            number, payload = item
            yield SourceRef(str(path), fmt, stat.st_size, stat.st_mtime_ns, number, payload)


def _records(path: Path, fmt: str) -> Iterator[tuple[int, bytes] | Problem]:
    if fmt in ("feed", "warc"):
        # These parse the file here, in the main process: a parser bug on one file is
        # reported like a reader bug in a worker, and must not stop the run.
        parse = feed_records if fmt == "feed" else warc_records
        try:
            yield from parse(path)
        except Exception as err:  # noqa: BLE001 - see above
            yield Problem(
                str(path),
                "reader-failure",
                f"could not be read: {type(err).__name__}: {err}",
                "please report this with the input file",
            )
    else:
        try:
            read = 0
            with path.open("rb") as handle:
                for number, line in enumerate(handle, start=1):
                    if line.strip():
                        read += 1
                        yield number, line
            if not read:
                yield Problem(
                    str(path),
                    "empty",
                    "holds no articles (no line with a JSON record)",
                    "remove it or fill it",
                    severity="warning",
                )
        except OSError as err:
            yield Problem(
                str(path), "unreadable", f"cannot read: {err.strerror}", "check permissions"
            )


def _is_feed(path: Path) -> bool:
    with path.open("rb") as handle:
        return looks_like_feed(handle.read(SNIFF_BYTES))


def _not_a_feed(path: Path, *, explicit: bool) -> Problem:
    # Named on the command line, it was meant to be read: an error. Met in a folder, it may
    # be a sitemap or a configuration file: a warning, so a run over a site dump still passes.
    return Problem(
        str(path),
        "unsupported",
        f"is XML but not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> in its first "
        f"{SNIFF_BYTES} bytes)",
        "Storyline reads .xml files only when they are feeds; convert other XML to .jsonl",
        severity="error" if explicit else "warning",
    )
