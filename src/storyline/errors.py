"""One exception tree for Storyline.

    StorylineError                 base: anything Storyline raises on purpose
    ├── InputError                 one input (file, line, record) cannot be used; the run goes on
    │   ├── UnreadableInput        missing path, permission denied, not a regular file
    │   ├── BinaryInput            bytes that are not text in any encoding we detect
    │   ├── EmptyInput             nothing left after decoding and stripping
    │   ├── TooLargeInput          larger than the configured per-article limit
    │   ├── MalformedRecord        a JSONL line or sidecar that is not valid JSON / lacks text
    │   └── BadMetadata            a metadata value that cannot be used (e.g. a date)
    ├── PipelineError              stages do not fit together (needs not provided, unknown stage)
    ├── StoreError                 the store cannot be opened, migrated or written
    ├── ExportError                an export cannot be written where it was asked to go
    └── MissingExtra               an optional capability whose package is not installed

Every error carries what happened, to which input, and what to do about it, so that the
CLI can print one clear line.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class; ``str(err)`` is a complete, user-facing sentence."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(StorylineError):
    """One input cannot be used. ``source`` names it; ``kind`` is a short stable code."""

    kind = "bad-input"

    def __init__(self, source: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"{source}: {message}", hint=hint)
        self.source = source
        self.reason = message


class UnreadableInput(InputError):
    kind = "unreadable"


class BinaryInput(InputError):
    kind = "binary"


class EmptyInput(InputError):
    kind = "empty"


class TooLargeInput(InputError):
    kind = "too-large"


class MalformedRecord(InputError):
    kind = "malformed"


class BadMetadata(InputError):
    kind = "bad-metadata"


class PipelineError(StorylineError):
    """The stages asked for cannot run in this order or with these inputs."""


class StoreError(StorylineError):
    """The store cannot be opened, migrated or written."""


class ExportError(StorylineError):
    """An export cannot be written: the path, the format or what is at the path is wrong."""


class MissingExtra(StorylineError):
    """An optional capability needs a package that is not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} needs the optional '{extra}' extra",
            hint=f"run: pip install 'storyline[{extra}]'",
        )
