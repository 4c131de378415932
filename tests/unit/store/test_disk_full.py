"""A full disk (issue 19): one line and exit 2, the store intact, the next run finishes the
work, and read-only commands still read. One test fills a small tmpfs (it needs root to
mount one); one makes SQLite's own page limit play the full disk, which any user can."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, fill
from storyline.cli import main
from storyline.errors import StoreError
from storyline.runner import RunOptions, run
from storyline.store import Store


def integrity(db: Path) -> str:
    with Store(db) as store:
        return str(store.conn.execute("PRAGMA integrity_check").fetchone()[0])


def test_a_store_that_cannot_grow_stops_the_run_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db) as store:
        store.conn.execute("PRAGMA max_page_count = 40")  # room for the schema and little else
        with pytest.raises(StoreError, match="is full") as raised:
            run([str(EXAMPLES)], store, RunOptions(workers=1))
        assert "run again" in str(raised.value)
    assert integrity(db) == "ok"
    with Store(db) as store:
        summary = run([str(EXAMPLES)], store, RunOptions(workers=1))
        assert summary.status == "finished" and store.count_documents() > 20
        statuses = [s for (s,) in store.conn.execute("SELECT status FROM runs ORDER BY id")]
        assert statuses == ["interrupted", "finished"]


def test_a_full_disk_one_line_exit_2_and_reading_still_works(
    small_disk: Path, tmp_path: Path
) -> None:
    db = small_disk / "news.db"
    cli = CliRunner()
    first = cli.invoke(main, ["run", str(EXAMPLES), "--db", str(db), "--workers", "1", "-q"])
    assert first.exit_code == 0, first.output
    more = tmp_path / "more"
    shutil.copytree(EXAMPLES, more)
    for path in more.rglob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8") + "\nA later paragraph.\n", "utf-8")
    fill(small_disk, leave_kb=400)
    full = cli.invoke(main, ["run", str(more), "--db", str(db), "--workers", "1"])
    assert full.exit_code == 2
    (line,) = full.output.strip().splitlines()
    assert line.startswith("storyline: error: the disk holding the store") and "is full" in line
    # At 100 % full, reading commands still read.
    fill(small_disk, leave_kb=0)
    listed = cli.invoke(main, ["stories", "--db", str(db)])
    assert listed.exit_code == 0 and "Rotterdam" in listed.output
    (small_disk / "filler").unlink()
    again = cli.invoke(main, ["run", str(more), "--db", str(db), "--workers", "1", "-q"])
    assert again.exit_code == 0, again.output
    assert integrity(db) == "ok"
