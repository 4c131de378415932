"""Bad input for time and events: impossible and far-off dates, a publication date after
the events, time-zone-shifted timestamps and undated articles run without a crash and
without a guessed value."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Files
from storyline.runner import RunOptions, run
from storyline.store import Store


def _run(files: Files, tmp_path: Path) -> Store:
    store = Store(tmp_path / "news.db")
    run([str(files.root)], store, RunOptions(workers=1))
    return store


def _values(store: Store) -> dict[str, str | None]:
    return dict(store.conn.execute("SELECT text, value FROM time_expressions").fetchall())


def test_impossible_and_far_off_dates_get_no_guessed_value(files: Files, tmp_path: Path) -> None:
    files.write(
        "2025-03-12_odd.txt",
        "Odd dates in a court filing\n\nThe filing says the ministers met on February 30, "
        "2025, which is no date at all. It cites a treaty signed in the year 99999 and a "
        "summit planned for 12/45/2026. The court will meet on Friday.\n",
    )
    store = _run(files, tmp_path)
    values = _values(store)
    assert all(v is None or "-02-30" not in v for v in values.values())
    assert not any(v and v.startswith("99999") for v in values.values())
    assert values.get("Friday") == "2025-03-14"
    assert store.conn.execute("SELECT count(*) FROM problems").fetchone()[0] == 0


def test_a_publication_date_after_the_events_still_anchors(files: Files, tmp_path: Path) -> None:
    """An archive page republished months later: "on Tuesday" resolves against the date the
    article carries, and a dated event before it is history, not a plan."""
    files.write(
        "2026-01-06_archive.txt",
        "From the archive: ministers met in Oslo\n\nFisheries ministers met in Oslo on "
        "March 12, 2025 and agreed new quotas. They met again on Tuesday.\n",
    )
    store = _run(files, tmp_path)
    values = _values(store)
    assert values.get("March 12, 2025") == "2025-03-12"
    assert values.get("Tuesday") == "2026-01-06"
    statuses = dict(
        store.conn.execute("SELECT date_first, status FROM event_mentions WHERE text = 'met'")
    )
    assert statuses.get("2025-03-12") == "happened"


def test_a_time_zone_shifted_timestamp_keeps_the_writers_day(files: Files, tmp_path: Path) -> None:
    """23:30 in New York is already the next day in UTC; the article was written on the
    12th, so its "on Wednesday" is the 12th."""
    files.write(
        "late.txt",
        "Ministers meet late\n\nThe ministers met on Wednesday and will meet again on "
        "Friday, officials said.\n",
    )
    files.write("late.meta.json", json.dumps({"published": "2025-03-12T23:30:00-05:00"}))
    store = _run(files, tmp_path)
    published = store.conn.execute("SELECT published FROM documents").fetchone()[0]
    assert published == "2025-03-12"
    values = _values(store)
    assert values.get("Wednesday") == "2025-03-12" and values.get("Friday") == "2025-03-14"


def test_a_publication_date_far_in_the_future_is_not_an_anchor(
    files: Files, tmp_path: Path
) -> None:
    """A file name dated 2131 is a typo, not a date: the article is kept undated."""
    files.write("2131-01-07_typo.txt", "Ministers meet\n\nThe ministers met on Tuesday.\n")
    store = _run(files, tmp_path)
    assert store.conn.execute("SELECT published FROM documents").fetchone()[0] is None
    assert _values(store).get("Tuesday") is None


def test_an_article_without_any_date(files: Files, tmp_path: Path) -> None:
    files.write(
        "undated/note.txt",
        "Ministers to meet\n\nThe ministers will meet on Wednesday, a year after they last "
        "met. The talks were announced last week.\n",
    )
    store = _run(files, tmp_path)
    assert store.conn.execute("SELECT published FROM documents").fetchone()[0] is None
    values = _values(store)
    assert values and all(v is None for k, v in values.items() if k != "a year")
    assert store.conn.execute("SELECT count(*) FROM event_mentions").fetchone()[0] >= 2
    assert (
        store.conn.execute(
            "SELECT count(*) FROM event_mentions WHERE date_first IS NOT NULL"
        ).fetchone()[0]
        == 0
    )
