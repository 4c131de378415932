"""The one JSON envelope of the API, for success and for error (pinned by a test).

    {"data": ..., "meta": {...}}                               success
    {"error": {"status": 404, "message": "...", "hint": "..."}}  error

Lists carry ``meta.total``, ``meta.limit``, ``meta.offset`` and the filters applied, so a
client pages without guessing. The pydantic models exist for the OpenAPI description only;
responses are serialised directly, which is faster than validating them again.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel

from storyline.web.errors import ApiError


class Envelope(BaseModel):
    """A successful answer: the records in ``data``, paging and filters in ``meta``."""

    data: Any
    meta: dict[str, Any]


class ErrorBody(BaseModel):
    status: int
    message: str
    hint: str | None = None


class ErrorEnvelope(BaseModel):
    """A failed query: what went wrong and what to do about it."""

    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorEnvelope, "description": "A query the store cannot answer"},
    404: {"model": ErrorEnvelope, "description": "Unknown id"},
    409: {"model": ErrorEnvelope, "description": "An id prefix that several ids start with"},
    422: {"model": ErrorEnvelope, "description": "A parameter out of range or malformed"},
}


def plain(value: Any) -> Any:
    """Records as JSON values (the store's read-back records are frozen dataclasses of plain
    values; a tuple becomes a list)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=str).encode("utf-8")


def ok(data: Any, **meta: Any) -> JSON:
    return JSON({"data": plain(data), "meta": {k: v for k, v in meta.items() if v is not None}})


def page(
    data: list[Any],
    *,
    total: int,
    limit: int,
    offset: int,
    notes: tuple[str | None, ...] = (),
    **filters: Any,
) -> JSON:
    """A list answer; ``notes`` say what was made of a query that was not taken as written
    (a reversed date range, a search that is not FTS5 syntax), as ``meta.note``."""
    said = [n for n in notes if n]
    return ok(
        data,
        total=total,
        limit=limit,
        offset=offset,
        filters={k: v for k, v in filters.items() if v not in (None, "", False)},
        note="; ".join(said) if said else None,
    )


def error(err: ApiError) -> JSON:
    return JSON({"error": err.as_dict()}, status_code=err.status)
