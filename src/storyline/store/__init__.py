"""Storage: SQLite by default (one file, WAL, FTS5)."""

from storyline.store.sqlite import SaveResult, Store

__all__ = ["SaveResult", "Store"]
