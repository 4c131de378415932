"""Ingest: paths, folders and globs of .txt (+ sidecar), .html, .jsonl, RSS/Atom feeds and WARC."""

from storyline.ingest.discover import SourceRef, discover
from storyline.ingest.identity import document_id, to_document
from storyline.ingest.reader import ReadOptions, read_source

__all__ = ["ReadOptions", "SourceRef", "discover", "document_id", "read_source", "to_document"]
