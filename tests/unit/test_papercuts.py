"""Issue 23's papercuts, each pinned: what a new user tripped over."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline.cli import main
from storyline.entities.report import find_entity
from storyline.errors import StoreError
from storyline.model import entity_id
from storyline.output import table
from storyline.runner import NOTHING_READ
from storyline.store import Store
from storyline.store.entities import EntityRecord
from storyline.store.stories import KeyEntity, StoryArticle
from storyline.stories.report import StoryDetail, html_page, markdown
from storyline.web import create_app

ARTICLE = "Harbour cranes idle\n\nDock workers walked out on Monday, the union said.\n"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["run", *args, "--workers", "1"])
    return result.exit_code, result.output


def test_run_exits_3_when_no_input_could_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    code, output = _run(str(folder), "--db", str(tmp_path / "s.db"))
    assert code == NOTHING_READ == 3, output
    assert "no input could be read" in output


def test_run_exits_3_when_nothing_is_found(tmp_path: Path) -> None:
    code, output = _run(str(tmp_path / "missing"), "--db", str(tmp_path / "s.db"))
    assert code == 3, output
    (tmp_path / "empty").mkdir()
    assert _run(str(tmp_path / "empty"), "--db", str(tmp_path / "s.db"))[0] == 3


def test_run_exits_0_when_one_input_was_read_or_all_are_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert _run(str(folder), "--db", db)[0] == 0
    assert _run(str(folder), "--db", db)[0] == 0  # every file unchanged: read before


def test_the_exit_codes_are_in_the_help() -> None:
    output = CliRunner().invoke(main, ["run", "--help"]).output
    assert "Exit codes:" in output and "3  PATHS were given and no input could be read" in output
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "exit code 3" in readme


def test_several_matching_entities_are_listed_with_names_and_types(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        with store.transaction():
            for name, type_ in (("Jan de Wit", "person"), ("Wit Holdings Wit", "organization")):
                key = f"{type_}:{name.lower()}"
                store.entities.put(
                    EntityRecord(entity_id(key), name, type_, (), (), "entities", "1")
                )
        with pytest.raises(StoreError) as raised:
            find_entity(store, "wit")
    message = str(raised.value)
    assert f"Jan de Wit (person, {entity_id('person:jan de wit')})" in message
    assert f"Wit Holdings Wit (organization, {entity_id('organization:wit holdings wit')})" in (
        message
    )


def test_a_narrow_table_wraps_long_cells_instead_of_cutting_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    message = (
        "could not be read: the file is not UTF-8 and no declared encoding decodes it; "
        "save it as UTF-8 and run again"
    )
    text = table([{"source": "feeds/today.xml", "message": message}], ["source", "message"])
    assert "…" not in text
    lines = text.splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert " ".join(" ".join(line.split()) for line in lines[1:]) == f"feeds/today.xml {message}"
    assert lines[2].startswith(" " * len("feeds/today.xml"))  # continued under its column


def _detail(outlets: list[str | None], copies: int = 0) -> StoryDetail:
    articles = tuple(
        StoryArticle(
            f"d{i}",
            f"Title {i}",
            outlet,
            None,
            tuple((f"c{i}", outlet, "near", None) for _ in range(copies if i == 0 else 0)),
        )
        for i, outlet in enumerate(outlets)
    )
    person = KeyEntity("ent_1", "person", "Karl Brenner", "spokesman", 3)
    return StoryDetail("s1", "Dock strike", None, None, (), (), articles, (), (person,))


def test_a_brief_names_what_each_count_counts() -> None:
    with_copies = _detail(["Harbour Times", "Port Daily"], copies=2)
    text = markdown(with_copies)
    assert "2 articles + 2 copies" in text
    assert "Karl Brenner, spokesman (3 of 4 articles and copies)" in text
    plain = markdown(_detail(["Harbour Times", "Port Daily", "Port Daily"]))
    assert "3 articles" in plain and "(3 of 3 articles)" in plain
    page = html_page(with_copies)
    assert "2 articles + 2 copies" in page and "(3 of 4 articles and copies)" in page


def test_a_brief_of_articles_without_outlets_does_not_repeat_it() -> None:
    detail = _detail([None, None, None])
    for text in (markdown(detail), html_page(detail)):
        assert "unknown outlet" not in text and "outlet unknown" not in text
        assert "0 outlets" not in text
    mixed = markdown(_detail(["Harbour Times", None, None]))
    assert mixed.count("outlet not known") == 1
    assert "Harbour Times (outlet not known for 2)" in mixed


def test_story_cards_of_articles_without_outlets_say_it_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, day in enumerate(("Monday", "Tuesday", "Wednesday")):
        (folder / f"strike-{i}.txt").write_text(
            f"Dock strike in Rotterdam, day {i + 1}\n\nDock workers in Rotterdam stayed out on "
            f"{day}, the union said, and the container terminals stood idle again.\n",
            encoding="utf-8",
        )
    db = tmp_path / "s.db"
    assert _run(str(folder), "--db", str(db))[0] == 0
    with TestClient(create_app(db), base_url="http://localhost") as client:
        listing = client.get("/").text
        assert "outlet unknown" not in listing
        assert listing.count("Outlet not known") == 1
        with Store(db, readonly=True) as store:
            (row,) = store.rows("SELECT story_id FROM documents LIMIT 1")
        story = client.get(f"/stories/{row[0]}").text
    assert "0 outlets" not in story and "outlet unknown" not in story
    assert "<h2>Outlets</h2>" not in story


def test_make_installs_chromium_alone_without_recommends() -> None:
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nbrowser:", 1)[1].split("\n\n", 1)[0]
    commands = [
        " ".join(part.split(";", 1)[0].replace("\\", " ").split())
        for part in target.split("apt-get install")[1:]
    ]
    # The install CI runs, and the one the message suggests: Chromium alone, no recommends.
    assert commands[0] == "-y -qq --no-install-recommends chromium", commands
    assert commands[1] == '-y --no-install-recommends chromium)"', commands


def test_an_identical_file_names_the_stored_file_it_equals_in_the_summary(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
    code, output = _run(str(folder), "--db", str(tmp_path / "s.db"))
    assert code == 0
    summary = next(line for line in output.splitlines() if line.startswith("  documents:"))
    assert f"1 unchanged (1 the same article as another file: {folder / 'b.txt'} = " in summary
    assert str(folder / "a.txt") in summary
