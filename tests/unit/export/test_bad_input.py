"""Exports asked for wrongly: each is one clear line, exit 2, and nothing half-written left
under the name asked for; a store written during an export is exported as one snapshot."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.errors import ExportError
from storyline.export import formats
from storyline.export.json_export import write_jsonl
from storyline.runner import RunOptions, run
from storyline.store import Store

from .corpus import write_corpus


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("news")
    write_corpus(root / "in")
    with Store(root / "news.db") as store:
        run([str(root / "in")], store, RunOptions(workers=1))
    return str(root / "news.db")


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "partial" in p.name or ".old" in p.name)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "graphml", "csv", "parquet"])
def test_a_path_that_cannot_be_written_is_one_line(news: str, tmp_path: Path, fmt: str) -> None:
    (tmp_path / "a-file").write_text("")
    target = tmp_path / "a-file" / "export"  # under a file: no user can write there
    code, _, err = cli("export", "--db", news, "--format", fmt, "-o", str(target))
    assert code == 2
    assert err.strip().count("\n") == 0
    assert err.startswith(f"storyline: error: cannot write the export to {target}: ")


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet"])
def test_a_failed_export_leaves_nothing_that_looks_complete(
    news: str, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure half-way (a full disk, a store error) removes the partial file or folder;
    an earlier export under the same name stays as it was."""
    target = tmp_path / "export"
    with Store(news, readonly=True) as store:
        formats.export(store, fmt, target)
    before = sorted(p.name for p in target.iterdir()) if target.is_dir() else target.read_bytes()

    def broken(*args: object, **kwargs: object) -> Iterator[tuple[object, object]]:
        yield from ()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("storyline.export.table_writers.rows", broken)
    monkeypatch.setitem(formats.STREAMS, "json", lambda store, out: dict(broken()))
    with Store(news, readonly=True) as store, pytest.raises(ExportError, match="No space left"):
        formats.export(store, fmt, target)
    after = sorted(p.name for p in target.iterdir()) if target.is_dir() else target.read_bytes()
    assert after == before
    assert leftovers(tmp_path) == []


def test_a_new_target_is_not_created_by_a_failed_export(
    news: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> Iterator[tuple[object, object]]:
        yield from ()
        raise KeyboardInterrupt

    monkeypatch.setattr("storyline.export.table_writers.rows", broken)
    with Store(news, readonly=True) as store, pytest.raises(KeyboardInterrupt):
        formats.export(store, "csv", tmp_path / "tables")
    assert list(tmp_path.iterdir()) == []


def test_parquet_without_pyarrow_names_the_extra(
    news: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    code, _, err = cli("export", "--db", news, "--format", "parquet", "-o", str(tmp_path / "t"))
    assert code == 2
    assert err == (
        "storyline: error: a Parquet export (pyarrow) needs the optional 'analysis' extra "
        "(run: pip install 'storyline[analysis]')\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_format_is_refused(news: str, tmp_path: Path) -> None:
    code, _, err = cli("export", "--db", news, "--format", "xml", "-o", str(tmp_path / "x"))
    assert code == 2 and "Invalid value for '--format': 'xml' is not one of" in err
    with Store(news, readonly=True) as store, pytest.raises(ExportError, match="unknown export"):
        formats.export(store, "xml", tmp_path / "x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_folder_format_needs_a_folder(news: str, tmp_path: Path, fmt: str) -> None:
    code, out, err = cli("export", "--db", news, "--format", fmt)
    assert code == 2 and out == ""
    assert err.startswith(f"storyline: error: a {fmt} export is a folder of tables")
    (tmp_path / "notes.txt").write_text("mine")
    code, _, err = cli("export", "--db", news, "--format", fmt, "-o", str(tmp_path))
    assert code == 2 and "holds other files" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_cli_writes_each_format_and_says_what(news: str, tmp_path: Path) -> None:
    for fmt, name in (("csv", "t-csv"), ("parquet", "t-pq"), ("graphml", "g.graphml")):
        code, _, err = cli("export", "--db", news, "--format", fmt, "-o", str(tmp_path / name))
        assert code == 0, err
        assert err.startswith(f"wrote {tmp_path / name} (")
    code, out, _ = cli("export", "--db", news, "--format", "jsonl")
    assert code == 0 and json.loads(out.splitlines()[0])["record"] == "storyline"


class WriteDuringExport(io.StringIO):
    """Standard output for an export that, once the export has read the documents, has
    another connection add a duplicate link and a story: a run writing meanwhile."""

    def __init__(self, db: str) -> None:
        super().__init__()
        self.db = db
        self.done = False

    def write(self, text: str) -> int:
        if not self.done and '"record": "stories"' in text:
            self.done = True
            with Store(self.db) as writer, writer.transaction():
                writer.conn.execute(
                    "INSERT INTO dedup_links (a, b, kind, score, stage_version) "
                    "VALUES ('late-a', 'late-b', 'exact', 1.0, '5')"
                )
        return super().write(text)


def records(out: io.StringIO, kind: str) -> list[dict[str, object]]:
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return [line for line in lines if line["record"] == kind]


def test_an_export_is_one_snapshot_while_a_run_writes(db: str, tmp_path: Path) -> None:
    write_corpus(tmp_path / "in")
    with Store(db) as store:
        run([str(tmp_path / "in")], store, RunOptions(workers=1))
    # Without a snapshot the late link shows up: the test can tell.
    unguarded = WriteDuringExport(db)
    with Store(db, readonly=True) as store:
        write_jsonl(store, unguarded)
    assert any(r["a"] == "late-a" for r in records(unguarded, "duplicate_links"))
    with Store(db) as store:
        store.conn.execute("DELETE FROM dedup_links WHERE a = 'late-a'")
    guarded = WriteDuringExport(db)
    with Store(db, readonly=True) as store:
        formats.export(store, "jsonl", "-", stdout=guarded)
    assert guarded.done
    assert not any(r["a"] == "late-a" for r in records(guarded, "duplicate_links"))
    assert len(records(guarded, "documents")) == 4
