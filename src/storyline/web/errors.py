"""Errors of the web app: one exception carrying an HTTP status, and how library errors map.

A query the store cannot answer (an unknown id, a bad search, an ambiguous prefix) is the
caller's mistake and must come back as a 4xx with the library's own message and hint, never
as a 500: :func:`from_storyline` decides which 4xx.
"""

from __future__ import annotations

from storyline.errors import StorylineError


class ApiError(Exception):
    """An error to show the caller: ``status`` (4xx/5xx), ``message`` and what to do."""

    def __init__(self, status: int, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.hint = hint

    def as_dict(self) -> dict[str, object]:
        return {"status": self.status, "message": self.message, "hint": self.hint}


def from_storyline(err: StorylineError) -> ApiError:
    """Unknown ids ("no story with id …") are 404; an id prefix that several ids start with
    is 409 (a conflict the caller settles by giving more of the id); anything else asked
    wrongly is 400."""
    if err.message.startswith("no "):
        status = 404
    elif err.message.startswith("several "):
        status = 409
    else:
        status = 400
    return ApiError(status, err.message, hint=err.hint)
