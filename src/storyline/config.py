"""Settings: one list of (name, default, help), used by the CLI and documented in the README.

A test checks that every setting here appears in the README's settings table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "storyline.db", "SQLite file of the store (created if missing)."),
    Setting("max_bytes", 5_000_000, "Largest input article in bytes; larger inputs are skipped."),
    Setting("workers", 0, "Worker processes for per-document stages (0: one per core)."),
    Setting("batch_size", 200, "Documents written per store transaction."),
)

DEFAULTS: dict[str, object] = {s.name: s.default for s in SETTINGS}


def default(name: str) -> object:
    return DEFAULTS[name]
