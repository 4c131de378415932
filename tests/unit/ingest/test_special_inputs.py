"""Inputs a monitor meets in other people's folders (issue 19): file names that are not
UTF-8 or hold terminal escapes, FIFOs and devices, links out of the folder. Each is reported
with its name escaped, the rest of the folder is read, and nothing blocks or is read
without end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.runner import RunOptions, run
from storyline.store import Store

ARTICLE = (
    "Harbour repairs agreed\n\nThe council of Portmere agreed on Tuesday to repair the "
    "harbour wall before the winter storms, after a debate on who would pay for the work.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(ARTICLE, encoding="utf-8")
    return inbox


def stored(store: Store) -> list[str]:
    return sorted(
        Path(key).name for (key,) in store.conn.execute("SELECT source_key FROM documents")
    )


def problems(store: Store) -> list[tuple[str, str, str]]:
    return [
        (Path(source).name, kind, severity)
        for source, kind, severity in store.conn.execute(
            "SELECT source, kind, severity FROM problems ORDER BY source"
        )
    ]


def test_a_name_that_is_not_utf8_is_reported_and_the_rest_is_read(
    folder: Path, tmp_path: Path
) -> None:
    with open(os.path.join(os.fsencode(folder), b"caf\xe9-report.txt"), "wb") as handle:
        handle.write(ARTICLE.replace("Tuesday", "Monday").encode("utf-8"))
    result = CliRunner().invoke(
        main, ["run", str(folder), "--db", str(tmp_path / "news.db"), "--workers", "1"]
    )
    assert result.exception is None, result.output
    assert "caf\\xe9-report.txt" in result.output
    assert "not valid UTF-8" in result.output
    with Store(tmp_path / "news.db") as store:
        assert stored(store) == ["good.txt"]
        assert problems(store) == [("caf\\xe9-report.txt", "bad-name", "error")]


def test_a_fifo_is_reported_not_waited_on(folder: Path, tmp_path: Path) -> None:
    os.mkfifo(folder / "pipe.txt")
    with Store(tmp_path / "news.db") as store:
        summary = run([str(folder)], store, RunOptions(workers=1))
        assert stored(store) == ["good.txt"]
        assert problems(store) == [("pipe.txt", "not-a-file", "error")]
        assert "named pipe" in summary.problems[0].message


def test_links_out_of_the_folder_are_not_followed_unless_asked(
    folder: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text(ARTICLE.replace("Portmere", "Castlerock"), "utf-8")
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "again.txt").symlink_to(folder / "good.txt")  # inside: read (it equals good)
    with Store(tmp_path / "news.db") as store:
        run([str(folder)], store, RunOptions(workers=1))
        assert "secret.txt" not in stored(store)
        assert problems(store) == [
            ("secret.txt", "outside-link", "warning"),
            ("zero.txt", "outside-link", "warning"),
        ]
    with Store(tmp_path / "followed.db") as store:
        run([str(folder)], store, RunOptions(workers=1, follow_links=True))
        assert "secret.txt" in stored(store)
        # Followed, the device is still no file: reported, never read.
        assert ("zero.txt", "not-a-file", "error") in problems(store)


def test_control_characters_in_a_name_are_escaped_on_screen_and_in_the_store(
    folder: Path, tmp_path: Path
) -> None:
    (folder / "evil\x1b[2J\x07.txt").write_bytes(b"")
    result = CliRunner().invoke(
        main, ["run", str(folder), "--db", str(tmp_path / "news.db"), "--workers", "1"]
    )
    assert result.exception is None, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "evil\\x1b[2J\\x07.txt" in result.output
    with Store(tmp_path / "news.db") as store:
        sources = [s for (s,) in store.conn.execute("SELECT source FROM problems")]
        assert sources and all("\x1b" not in s for s in sources)


def test_an_empty_jsonl_and_an_empty_feed_are_warned_of_not_errors(
    folder: Path, tmp_path: Path
) -> None:
    (folder / "nothing.jsonl").write_text("\n\n", encoding="utf-8")
    # A valid feed with no entries whose declared encoding is wrong (feedparser sets bozo).
    (folder / "quiet.rss").write_bytes(
        b'<?xml version="1.0" encoding="us-ascii"?><rss version="2.0"><channel>'
        b"<title>Caf\xc3\xa9 news</title><link>https://cafe.example/</link></channel></rss>"
    )
    with Store(tmp_path / "news.db") as store:
        run([str(folder)], store, RunOptions(workers=1))
        assert problems(store) == [
            ("nothing.jsonl", "empty", "warning"),
            ("quiet.rss", "empty", "warning"),
        ]


def test_a_file_that_equals_a_stored_article_says_which(folder: Path, tmp_path: Path) -> None:
    (folder / "again.txt").write_text(ARTICLE, encoding="utf-8")  # good.txt, byte for byte
    result = CliRunner().invoke(
        main, ["run", str(folder), "--db", str(tmp_path / "news.db"), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    # Read in name order: again.txt is stored, good.txt is the same article.
    said = f"unchanged: {folder / 'good.txt'} is the same article as {folder / 'again.txt'}"
    assert f"{said} (stored once)" in result.output
    assert "1 unchanged" in result.output


def test_a_sidecar_that_arrives_later_is_read_with_its_article(
    folder: Path, tmp_path: Path
) -> None:
    with Store(tmp_path / "news.db") as store:
        run([str(folder)], store, RunOptions(workers=1))
        (folder / "good.meta.json").write_text(
            '{"outlet": "Portmere Post", "published": "2025-03-11"}', encoding="utf-8"
        )
        again = run([str(folder)], store, RunOptions(workers=1))
        assert again.new_versions == 1
        current = store.conn.execute(
            "SELECT outlet, published FROM documents WHERE superseded_by IS NULL"
        ).fetchall()
        assert [tuple(r) for r in current] == [("Portmere Post", "2025-03-11")]


def test_every_input_is_stored_unchanged_or_a_problem_and_the_counts_add_up(
    folder: Path, tmp_path: Path
) -> None:
    (folder / "again.txt").write_text(ARTICLE, encoding="utf-8")  # equals good.txt
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x00\x01" * 200)
    (folder / "dated.txt").write_text(ARTICLE.replace("Tuesday", "Monday"), "utf-8")
    (folder / "dated.meta.json").write_text('{"published": "someday"}', "utf-8")
    (folder / "feed.jsonl").write_text(
        '{"text": "The harbour of Castlerock reopened on Monday after repairs to its wall, '
        'the council said."}\n{broken\n',
        encoding="utf-8",
    )
    with Store(tmp_path / "news.db") as store:
        summary = run([str(folder)], store, RunOptions(workers=1))
        stored = summary.new + summary.updated + summary.unchanged
        assert summary.inputs == 7
        assert summary.inputs == stored + summary.errors
        assert (summary.new, summary.unchanged, summary.errors, summary.warnings) == (3, 1, 3, 1)
        kinds = sorted((p.kind, p.severity) for p in summary.problems)
        assert kinds == [
            ("bad-metadata", "warning"),  # stored, without its date
            ("binary", "error"),
            ("empty", "error"),
            ("malformed", "error"),
        ]
