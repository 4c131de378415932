"""Undated articles: the day their text names (``stories/dating.py``), and undated stories
dated by it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storyline.runner import RunOptions, run
from storyline.store import Store
from storyline.stories.dating import text_day


def test_the_latest_date_the_text_spells_out_with_its_year() -> None:
    text = (
        "The vote called on 2 March 2005 was held on Thursday. Officials recalled the "
        "count of November 3, 2004, and said the result would be known in May."
    )
    found = text_day(text)
    assert found is not None and date.fromordinal(found) == date(2005, 3, 2)


def test_no_day_without_a_year() -> None:
    assert text_day("The vote was held on Thursday, 3 March, as planned.") is None


def test_an_undated_story_takes_its_days_from_its_texts(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = (
        "Harbour workers in Velmora walked out on 4 April 2011 over the new shift rota, "
        "the Velmora Dockers Union said. Union leader Anika Strand said talks with the "
        "Velmora Port Authority had failed."
    )
    (folder / "a.txt").write_text("Velmora dockers strike over shift rota\n\n" + body + "\n")
    (folder / "b.txt").write_text(
        "Velmora port strike enters second week\n\n"
        + body.replace("walked out on 4 April 2011", "stayed out on 11 April 2011")
        + " Anika Strand said the Velmora strike would go on.\n"
    )
    with Store(tmp_path / "s.db") as store:
        run([str(folder)], store, RunOptions(workers=1))
        rows = [tuple(r) for r in store.conn.execute("SELECT size, start, end FROM stories")]
    assert (2, "2011-04-04", "2011-04-11") in rows
