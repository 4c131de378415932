from __future__ import annotations

from pathlib import Path

from conftest import Files
from storyline.ingest.discover import SourceRef, discover
from storyline.model import Problem


def refs(paths: list[str]) -> tuple[list[SourceRef], list[Problem]]:
    found = list(discover(paths))
    return (
        [r for r in found if isinstance(r, SourceRef)],
        [p for p in found if isinstance(p, Problem)],
    )


def test_folders_are_walked_recursively_and_sidecars_are_not_articles(files: Files) -> None:
    files.write("a/one.txt", "x")
    files.write("a/one.meta.json", "{}")
    files.write("a/b/two.html", "<p>x</p>")
    files.write("a/b/.hidden.txt", "x")
    files.write("a/.git/three.txt", "x")
    files.write("a/notes.pdf", "x")
    found, problems = refs([str(files.root / "a")])
    assert [Path(r.path).name for r in found] == ["one.txt", "two.html"]
    assert [r.format for r in found] == ["txt", "html"]
    assert problems == []


def test_jsonl_is_split_into_lines_and_blank_lines_skipped(files: Files) -> None:
    path = files.write("feed.jsonl", '{"text": "a"}\n\n{"text": "b"}\n')
    found, _ = refs([str(path)])
    assert [(r.line, r.payload) for r in found] == [
        (1, b'{"text": "a"}\n'),
        (3, b'{"text": "b"}\n'),
    ]
    assert found[0].name == f"{path}:1"


def test_globs(files: Files) -> None:
    files.write("x/a.txt", "x")
    files.write("x/y/b.txt", "x")
    files.write("x/y/c.html", "x")
    found, _ = refs([str(files.root / "x" / "**" / "*.txt")])
    assert sorted(Path(r.path).name for r in found) == ["a.txt", "b.txt"]


def test_missing_paths_and_unsupported_files_are_problems(files: Files) -> None:
    odd = files.write("report.pdf", "x")
    found, problems = refs([str(files.root / "nope"), str(odd), str(files.root / "*.zzz")])
    assert found == []
    assert [p.kind for p in problems] == ["unreadable", "unsupported", "not-found"]
    assert all(p.hint for p in problems)


def test_a_web_address_given_to_run_says_how_to_fetch_it() -> None:
    (problem,) = list(discover(["https://example.org/news/strike"]))
    assert isinstance(problem, Problem) and problem.kind == "web-address"
    assert "storyline fetch URL" in problem.hint and "storyline sources add URL" in problem.hint
