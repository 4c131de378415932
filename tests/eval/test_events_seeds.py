"""Time expressions and events of the real sample articles (skipped when absent).

What issue 7 names in the seeds: neither file carries a date, so the publication dates
come from sidecars (004 was published on Tuesday 11 March 2025, 000 on Wednesday 12 March);
every relative expression gets its calendar value, and the five defence ministers' meeting
is one event dated 2025-03-12 in Paris, planned in 004 and reported as happened in 000.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from storyline.events.report import timeline
from storyline.runner import RunOptions, run
from storyline.store import Store

pytestmark = pytest.mark.eval

REWRITE = "000_e30253694e3e611b.txt"  # published 2025-03-12
PREVIEW = "004_03eef643fcde25be.txt"  # published 2025-03-11


@pytest.fixture(scope="module")
def store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("seeds")
    for name, published in ((REWRITE, "2025-03-12"), (PREVIEW, "2025-03-11")):
        shutil.copy(seeds_dir / name, folder / name)
        meta = folder / name.replace(".txt", ".meta.json")
        meta.write_text(json.dumps({"published": published}))
    opened = Store(folder / "seeds.db")
    run([str(folder)], opened, RunOptions(workers=1))
    return opened


def _times(store: Store, name: str) -> list[tuple[str, str | None, str]]:
    """(words, value, the sentence's start) of one seed's time expressions."""
    return [
        (r[0], r[1], r[2][max(0, r[3] - 60) : r[3] + 60])
        for r in store.conn.execute(
            "SELECT t.text, t.value, d.text, t.start FROM time_expressions t "
            "JOIN documents d ON d.id = t.document_id WHERE d.source LIKE ? ORDER BY t.start",
            (f"%{name}",),
        )
    ]


def _value(times: list[tuple[str, str | None, str]], words: str, context: str) -> str | None:
    found = [value for text, value, around in times if words in text and context in around]
    assert found, (words, context, times)
    return found[0]


def test_every_relative_expression_gets_its_calendar_value(store: Store) -> None:
    preview = _times(store, PREVIEW)
    assert _value(preview, "Tuesday", "are meeting in Paris") == "2025-03-11"
    assert _value(preview, "Tuesday", "Saudi Arabia") == "2025-03-11"
    assert _value(preview, "Wednesday", "French capital") == "2025-03-12"
    assert _value(preview, "Saturday", "virtual talks") == "2025-03-15"
    assert _value(preview, "last week", "Macron said") == "2025-W10"
    assert _value(preview, "three years", "Russia invaded") == "P3Y"
    rewrite = _times(store, REWRITE)
    assert _value(rewrite, "Wednesday", "gathered in Paris") == "2025-03-12"
    assert _value(rewrite, "Tuesday", "Ukraine agreed") == "2025-03-11"


def test_the_ministers_meeting_is_one_event_planned_then_happened(store: Store) -> None:
    story = store.conn.execute("SELECT DISTINCT story_id FROM documents").fetchall()
    assert len(story) == 1
    events = timeline(store, story=story[0][0])
    meetings = [e for e in events if e.type == "meeting" and e.date_first == "2025-03-12"]
    assert len(meetings) == 1, [(e.type, e.date, e.place, e.statuses) for e in events]
    meeting = meetings[0]
    assert meeting.place == "Paris"
    by_source = {(m.published, m.status) for m in meeting.mentions}
    assert ("2025-03-11", "planned") in by_source, by_source
    assert ("2025-03-12", "happened") in by_source, by_source
    assert {"France", "Germany", "Italy", "Poland", "United Kingdom"} <= set(meeting.participants)


def test_the_military_chiefs_meeting_is_another_event(store: Store) -> None:
    """The chiefs met on Tuesday: same city, same kind, another day, another event."""
    story = store.conn.execute("SELECT DISTINCT story_id FROM documents").fetchone()[0]
    tuesday = [
        e
        for e in timeline(store, story=story)
        if e.type == "meeting" and e.date_first == "2025-03-11" and e.place == "Paris"
    ]
    assert tuesday
    assert all("Wednesday" not in m.sentence for e in tuesday for m in e.mentions)
