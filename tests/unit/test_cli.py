from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import Files
from storyline.cli import main

STORY = (
    "Ministers agree on fishing quotas\n\n"
    "LISBON, March 14 (Continental Wire) - Fisheries ministers agreed on Friday to cut quotas.\n\n"
    "The deal covers sardine and hake stocks for the next two seasons.\n\n"
    "Reporting by Ana Costa; Editing by Peter Hall\n"
)


@pytest.fixture
def db(files: Files, tmp_path: Path) -> str:
    files.write("a/quota.txt", STORY)
    files.write("a/quota.meta.json", json.dumps({"id": "cw-7", "published": "2025-03-14"}))
    files.write("a/empty.txt", "")
    path = str(tmp_path / "news.db")
    result = CliRunner().invoke(main, ["run", str(files.root), "--db", path, "--workers", "1"])
    assert result.exit_code == 0, result.output
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_run_prints_a_summary_and_problems(files: Files, tmp_path: Path) -> None:
    files.write("quota.txt", STORY)
    files.write("empty.txt", "")
    code, out, err = invoke("run", str(files.root), "--db", str(tmp_path / "x.db"))
    assert code == 0
    assert "1 new" in out and "problems: 1 inputs skipped" in out
    assert "skipped:" in err and "empty.txt: is empty" in err


def test_strict_turns_problems_into_a_failing_exit(files: Files, tmp_path: Path) -> None:
    files.write("empty.txt", "")
    files.write("quota.txt", STORY)
    code, _, _ = invoke("run", str(files.root), "--db", str(tmp_path / "x.db"), "--strict")
    assert code == 1


def test_run_json_summary(files: Files, tmp_path: Path) -> None:
    files.write("quota.txt", STORY)
    _, out, _ = invoke("run", str(files.root), "--db", str(tmp_path / "x.db"), "--json")
    summary = json.loads(out)
    assert summary["documents"]["new"] == 1 and summary["stages"]["clean"]["passed"] == 1


def test_run_needs_paths(tmp_path: Path) -> None:
    code, _, err = invoke("run", "--db", str(tmp_path / "x.db"))
    assert code == 2 and "give at least one path" in err


def test_documents_table_and_formats(db: str) -> None:
    code, out, _ = invoke("documents", "--db", db)
    assert code == 0
    assert out.splitlines()[0].split() == ["ID", "OUTLET", "PUBLISHED", "TITLE", "FLAGS"]
    assert "2025-03-14" in out
    code, out, _ = invoke("documents", "--db", db, "--format", "json")
    (record,) = json.loads(out)
    assert record["published"] == "2025-03-14"
    code, out, _ = invoke("documents", "--db", db, "--format", "csv")
    assert out.startswith("id,outlet,published,title,flags")


def test_show_by_prefix(db: str) -> None:
    _, out, _ = invoke("documents", "--db", db, "--format", "json")
    doc_id = json.loads(out)[0]["id"]
    code, out, _ = invoke("show", doc_id[:6], "--db", db)
    assert code == 0
    assert doc_id in out and "cw-7" in out and "sardine" in out
    code, out, _ = invoke("show", doc_id, "--db", db, "--json")
    assert json.loads(out)["external_id"] == "cw-7"
    code, out, _ = invoke("show", doc_id, "--db", db, "--raw")
    assert "Reporting by Ana Costa" in out


def test_errors_are_one_clear_line(db: str, tmp_path: Path) -> None:
    code, _, err = invoke("show", "ffffffff", "--db", db)
    assert code == 2 and err.startswith("storyline: error: no document with id 'ffffffff'")
    code, _, err = invoke("documents", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "no store at" in err and "storyline run" in err
    code, _, err = invoke("search", '"open', "--db", db)
    assert code == 0 and "note: '\"open' is not FTS5 syntax" in err


def test_export_writes_a_file(db: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / "export.json"
    target.parent.mkdir()
    code, _, err = invoke("export", "--db", db, "--format", "json", "-o", str(target))
    assert code == 0 and "1 documents" in err
    data = json.loads(target.read_text())
    assert data["documents"][0]["external_id"] == "cw-7"
    assert not target.with_name("export.json.partial").exists()


def test_problems_and_search(db: str) -> None:
    _, out, _ = invoke("problems", "--db", db, "--format", "json")
    assert [p["kind"] for p in json.loads(out)] == ["empty"]
    _, out, _ = invoke("search", "sardine", "--db", db, "--format", "json")
    (hit,) = json.loads(out)
    assert "[sardine]" in hit["snippet"]


@pytest.mark.parametrize("command", ["run", "documents", "show", "export", "problems", "search"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0 and "Example:" in out
