"""One writer per store: an advisory lock beside the SQLite file (issue 19).

SQLite lets two processes write one file, one transaction at a time; a long transaction
(the story stage rebuilding thousands of stories) outlasts any busy timeout, so the second
run stopped with a raw ``database is locked`` in the middle of a stage and left articles
without a story. A run therefore holds ``<store>.lock`` (``flock``) from start to end: a
second run waits for it, saying whom it waits for, or stops at once with ``--no-wait``.
Readers (the CLI's listings, the web app) take no lock: WAL lets them read while a run
writes, and they see only committed batches. The kernel drops the lock when its process
dies, however it dies, so a killed run never leaves the store locked.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime

from storyline.errors import StoreError


class StoreBusy(StoreError):
    """Another run is writing the store and the caller would not wait."""


class WriterLock:
    """``<store>.lock``, held by the process writing the store. The same lock under another
    name (``suffix``, what the holder is ``doing``) keeps one watch per store, while its
    polling and fetching leave the store to other runs (``sources/watch.py``)."""

    def __init__(
        self, store_path: str, *, suffix: str = ".lock", doing: str = "is writing"
    ) -> None:
        self.store = store_path
        self.path = f"{store_path}{suffix}"
        self.doing = doing
        self.fd: int | None = None

    def acquire(self, *, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = f"another run ({_holder(fd)}) {self.doing} {self.store}"
                if not wait:
                    raise StoreBusy(
                        holder,
                        hint="wait for it to finish, or run without --no-wait to queue behind it",
                    ) from None
                if on_wait is not None:
                    on_wait(f"{holder}; waiting for it to finish")
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                os.ftruncate(fd, 0)
                os.pwrite(fd, json.dumps(_me()).encode("utf-8"), 0)
            except OSError:
                pass  # a full disk: the note only names the holder; the lock is held
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _me() -> dict[str, object]:
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _holder(fd: int) -> str:
    try:
        found = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"pid {found['pid']} on {found['host']}, started {found['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "details unknown"
