"""The store, opened read-only for the length of one request.

A connection per request rather than one shared: sqlite3 connections belong to the thread
that made them, FastAPI runs each synchronous route on a pool thread, and opening a SQLite
file read-only costs well under a millisecond. ``mode=ro`` means the server cannot write
even by mistake, and a run writing to the same file meanwhile is seen at the next request.

``case_sensitive_like``: the read-back modules find an id by ``id = ? OR id LIKE 'prefix%'``;
SQLite answers a LIKE from the index on ``id`` only when LIKE is case-sensitive (ids are
lower-case hex), otherwise it reads every row: 200 ms for a story, more for an article, on a
store of 100,000 articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request

from storyline.store import Store


@contextmanager
def open_store(request: Request) -> Iterator[Store]:
    store = Store(request.app.state.db, readonly=True)
    store.case_sensitive_like()
    try:
        yield store
    finally:
        store.close()
