"""The story stage on bad input (issue 18): articles with no date, a date far off, no names,
an id given again with new text, and a run killed in the middle of a correction. Afterwards
the store is consistent (every current article in exactly one live story) and the next run
finishes what the killed one began."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from test_stream import partition

from conftest import EXAMPLES
from storyline.runner import RunOptions, run
from storyline.store import Store


def consistent(store: Store) -> None:
    """Every current canonical article is in one live story whose size counts it, and every
    live story has members."""
    conn = store.conn
    homeless = conn.execute(
        "SELECT id FROM documents WHERE superseded_by IS NULL AND story_id IS NULL"
    ).fetchall()
    assert homeless == []
    live = {
        story: size
        for story, size in conn.execute("SELECT id, size FROM stories WHERE merged_into IS NULL")
    }
    members: dict[str, int] = {}
    for (story,) in conn.execute(
        "SELECT story_id FROM documents WHERE superseded_by IS NULL AND duplicate_of IS NULL"
    ):
        members[story] = members.get(story, 0) + 1
    assert set(members) <= set(live), "an article is in a story that is gone or merged"
    assert {s: n for s, n in live.items() if n} == members
    in_graph = dict(conn.execute("SELECT document_id, story_id FROM story_vectors"))
    for document_id, story in conn.execute(
        "SELECT id, story_id FROM documents WHERE superseded_by IS NULL AND duplicate_of IS NULL"
    ):
        assert in_graph[document_id] == story


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_odd_dates_and_nameless_articles_each_get_one_story(tmp_path: Path) -> None:
    body = (
        "the council met again on the question of the harbour wall and agreed that the "
        "repairs would go ahead before the winter storms, after a long debate in which "
        "several members asked who would pay for the work and how long it would take."
    )
    records = [
        {"id": "undated", "title": "harbour wall repairs agreed", "text": body},
        {
            "id": "future",
            "title": "harbour wall",
            "text": body.replace("winter", "spring"),
            "published": "2999-05-01",
        },
        {
            "id": "past",
            "title": "harbour wall",
            "text": body.replace("winter", "autumn"),
            "published": "1901-01-02",
        },
        {
            "id": "nameless",
            "title": "a quiet day",
            "text": "nothing much happened here today, "
            "and the people who live here said that they liked it that way very much indeed.",
        },
    ]
    with Store(tmp_path / "news.db") as store:
        run([str(write_jsonl(tmp_path / "in.jsonl", records))], store, RunOptions(workers=1))
        consistent(store)
        dates = dict(store.conn.execute("SELECT external_id, published FROM documents"))
        # A date past next year is reported and the article kept, undated; an old one stays.
        assert dates["future"] is None and dates["past"] == "1901-01-02"
        reported = store.conn.execute("SELECT source, kind FROM problems").fetchall()
        assert [tuple(r) for r in reported] == [(f"{tmp_path / 'in.jsonl'}:2", "bad-metadata")]


def test_an_id_given_again_with_new_text_takes_its_new_story(tmp_path: Path) -> None:
    first = {
        "id": "w1",
        "title": "Port strike in Rotterdam",
        "text": (
            "Dockers in Rotterdam walked out on Monday over pay, halting the port, the union "
            "FNV Havens said. Talks with the employers' association broke down last week."
        ),
    }
    again = {
        "id": "w1",
        "title": "Chile earthquake",
        "text": (
            "A strong earthquake struck northern Chile on Tuesday near Antofagasta, the "
            "seismological service said. There were no reports of damage in Santiago."
        ),
    }
    with Store(tmp_path / "news.db") as store:
        path = write_jsonl(tmp_path / "in.jsonl", [first])
        run([str(path)], store, RunOptions(workers=1))
        write_jsonl(path, [again])
        run([str(path)], store, RunOptions(workers=1))
        consistent(store)
        current = store.conn.execute(
            "SELECT title FROM documents WHERE external_id = 'w1' AND superseded_by IS NULL"
        ).fetchall()
        assert [tuple(r) for r in current] == [("Chile earthquake",)]
        # The same id from another file is another source's article: both are kept.
        other = dict(first, text=first["text"].replace("Monday", "Tuesday"))
        run([str(write_jsonl(tmp_path / "b" / "in.jsonl", [other]))], store, RunOptions(workers=1))
        consistent(store)
        assert (
            store.conn.execute(
                "SELECT count(*) FROM documents WHERE external_id = 'w1' AND superseded_by IS NULL"
            ).fetchone()[0]
            == 2
        )


# A `storyline run` that kills itself (SIGKILL, no clean-up) in the story stage, after it
# has written the new groups and while it rebuilds the stories they changed.
_DYING = """
import os, signal, sys
from storyline.stories import stage
calls = []
rebuild = stage.StoryStage._rebuild
def dying(store, story_id):
    calls.append(story_id)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    rebuild(store, story_id)
stage.StoryStage._rebuild = staticmethod(dying)
from storyline.cli import main
sys.argv = ["storyline", *sys.argv[1:]]
main()
"""


def test_a_run_killed_in_the_middle_of_a_correction_is_finished_by_the_next(
    tmp_path: Path,
) -> None:
    # Each article with its sidecar, so that both halves are whole articles.
    articles: dict[str, list[Path]] = {}
    for path in sorted(EXAMPLES.rglob("*")):
        if path.is_file() and path.name != "EXPECTED.json":
            articles.setdefault(str(path).removesuffix(".meta.json").rsplit(".", 1)[0], []).append(
                path
            )
    groups = list(articles.values())
    first_half = [p for group in groups[::2] for p in group]
    second_half = [p for group in groups[1::2] for p in group]
    corpus = tmp_path / "corpus"

    def copy(part: list[Path]) -> None:
        for path in part:
            target = corpus / path.relative_to(EXAMPLES)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)

    db = tmp_path / "news.db"
    copy(first_half)
    with Store(db) as store:
        run([str(corpus)], store, RunOptions(workers=1))
    copy(second_half)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    killed = subprocess.run(
        [sys.executable, "-c", _DYING, "run", str(corpus), "--db", str(db), "--workers", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with Store(db) as store:
        # The story stage is one transaction: what it had written is gone, the articles of
        # the killed run wait for a story, the earlier stories are as they were.
        waiting = store.conn.execute(
            "SELECT count(*) FROM documents WHERE superseded_by IS NULL AND story_id IS NULL"
        ).fetchone()[0]
        assert waiting > 0
        run([str(corpus)], store, RunOptions(workers=1))
        consistent(store)
        resumed = partition(store)
    with Store(tmp_path / "whole.db") as whole:
        run([str(EXAMPLES)], whole, RunOptions(workers=1))
        assert resumed == partition(whole)
