"""Exports of the store: JSON (schema in docs/export.schema.json)."""

from storyline.export.json_export import EXPORT_FORMAT_VERSION, write_json

__all__ = ["EXPORT_FORMAT_VERSION", "write_json"]
