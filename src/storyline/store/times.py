"""Time expressions in the store (``time_expressions``), written by the events stage.

Each expression keeps the anchor (the publication day) its value was resolved against;
without one a relative expression keeps no value (``anchored`` is 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class TimeRecord:
    """One stored time expression."""

    document_id: str
    start: int
    end: int
    text: str
    type: str
    value: str | None
    anchor: str | None  # ISO date
    stage: str
    stage_version: str
    # The timex rule that found and valued it (``FoundTime.rule``).
    rule: str = ""


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A time expression as a page shows it."""

    start: int
    end: int
    text: str
    type: str
    value: str | None


class TimeTables:
    """``store.times``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, times: Iterable[TimeRecord]) -> None:
        self.store.conn.executemany(
            "INSERT INTO time_expressions (document_id, start, end, text, type, value, anchor, "
            "stage, stage_version, anchored, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    t.document_id, t.start, t.end, t.text, t.type, t.value, t.anchor, t.stage,
                    t.stage_version, int(t.anchor is not None), t.rule,
                )
                for t in times
            ],
        )  # fmt: skip

    def of_document(self, document_id: str) -> list[TimeSpan]:
        """The document's time expressions, by start."""
        return [
            TimeSpan(r[0], r[1], r[2], r[3], r[4])
            for r in self.store.conn.execute(
                "SELECT start, end, text, type, value FROM time_expressions "
                "WHERE document_id = ? ORDER BY start",
                (document_id,),
            )
        ]
