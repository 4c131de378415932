"""One writer per store (issue 19): a second run waits for the first or, with --no-wait,
stops with one line and exit 2; two runs started together, with a web reader asking all the
while, give the store one run after the other would; a run that died is marked interrupted
by the next."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import EXAMPLES
from storyline.cli import main
from storyline.runner import RunOptions, run
from storyline.store import Store
from storyline.store.lock import WriterLock
from storyline.web import create_app

ARTICLE = (
    "Harbour repairs agreed\n\nThe council of Portmere agreed on Tuesday to repair the "
    "harbour wall before the winter storms, after a debate on who would pay for the work.\n"
)


def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_a_second_run_with_no_wait_stops_at_once_and_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    Store(db).close()
    holder = WriterLock(str(db))
    holder.acquire()
    try:
        result = CliRunner().invoke(
            main, ["run", str(inbox(tmp_path)), "--db", str(db), "--no-wait", "--workers", "1"]
        )
    finally:
        holder.release()
    assert result.exit_code == 2
    assert f"another run (pid {os.getpid()} on " in result.output
    assert "--no-wait" in result.output and "Traceback" not in result.output
    with Store(db) as store:
        assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_a_second_run_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    Store(db).close()
    holder = WriterLock(str(db))
    holder.acquire()
    release = threading.Timer(1.0, holder.release)
    release.start()
    told: list[str] = []
    started = time.monotonic()
    with Store(db) as store:
        summary = run([str(inbox(tmp_path))], store, RunOptions(workers=1), on_wait=told.append)
    assert time.monotonic() - started >= 0.9
    assert summary.status == "finished" and summary.new == 1
    assert len(told) == 1 and "waiting for it to finish" in told[0]


def test_a_run_that_died_is_marked_interrupted_by_the_next(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db) as store:
        dead = store.begin_run({"paths": ["somewhere"]})  # a run killed before it finished
        run([str(inbox(tmp_path))], store, RunOptions(workers=1))
        status = dict(store.conn.execute("SELECT id, status FROM runs"))
    assert status[dead] == "interrupted"
    assert sorted(status.values()) == ["finished", "interrupted"]


def test_two_runs_started_together_give_what_one_after_the_other_gives(tmp_path: Path) -> None:
    halves = (tmp_path / "first", tmp_path / "second")
    articles: dict[str, list[Path]] = {}
    for path in sorted(EXAMPLES.rglob("*")):
        if path.is_file() and path.name != "EXPECTED.json":
            stem = str(path).removesuffix(".meta.json").rsplit(".", 1)[0]
            articles.setdefault(stem, []).append(path)
    for number, group in enumerate(articles.values()):
        for path in group:
            target = halves[number % 2] / path.relative_to(EXAMPLES)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    db = tmp_path / "together.db"
    Store(db).close()
    command = [sys.executable, "-m", "storyline.cli", "run", "--db", str(db), "--workers", "1"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    runs = [
        subprocess.Popen([*command, str(half)], env=env, stderr=subprocess.PIPE, text=True)
        for half in halves
    ]
    # A web reader asks all along: never refused, never an error, while both write.
    answers: list[int] = []
    with TestClient(create_app(db), base_url="http://localhost") as client:
        while any(process.poll() is None for process in runs) and len(answers) < 2000:
            answers += [client.get(p).status_code for p in ("/api/stories", "/api/documents")]
    assert answers and set(answers) == {200}
    errors = [process.communicate(timeout=600)[1] for process in runs]
    assert [process.returncode for process in runs] == [0, 0], errors
    assert "Traceback" not in "".join(errors)
    with Store(db) as together, Store(tmp_path / "apart.db") as apart:
        for half in halves:
            run([str(half)], apart, RunOptions(workers=1))
        query = "SELECT count(*), count(story_id) FROM documents WHERE superseded_by IS NULL"
        counts = together.conn.execute(query).fetchone()
        assert counts[0] == counts[1] == apart.conn.execute(query).fetchone()[0]
        runs_seen = [r for (r,) in together.conn.execute("SELECT status FROM runs")]
        assert runs_seen == ["finished", "finished"]
