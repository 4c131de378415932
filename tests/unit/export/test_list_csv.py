"""The list commands' --format csv writes a list as its items joined with ';' (as the CSV
export does), never as a Python list (issue 23: "['Minister']")."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from storyline.cli import main
from storyline.export.csv_cells import join_list, join_spans, split_list, split_spans
from storyline.runner import RunOptions, run
from storyline.store import Store

from .corpus import write_corpus


def test_entities_and_documents_csv_join_lists(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in")
    db = str(tmp_path / "news.db")
    with Store(db) as store:
        run([str(tmp_path / "in")], store, RunOptions(workers=1))
    result = CliRunner().invoke(main, ["entities", "--db", db, "--format", "csv"])
    assert result.exit_code == 0
    assert "['" not in result.stdout
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["Petra Holm"]["roles"] == "Minister"
    result = CliRunner().invoke(main, ["documents", "--db", db, "--format", "csv"])
    flags = [r["flags"] for r in csv.DictReader(io.StringIO(result.stdout))]
    assert flags and not any(f.startswith("[") for f in flags)


def test_a_cell_gives_its_items_back() -> None:
    items = ["Minister", "Head (NATO; Brussels)", "back\\slash", ""]
    assert split_list(join_list(items)) == items
    assert join_list(["Minister", "Mayor of Guastalla"]) == "Minister;Mayor of Guastalla"
    assert split_list("") == []
    assert split_spans(join_spans([[252, 356], [400, 410]])) == [[252, 356], [400, 410]]
    assert join_spans([[252, 356], [400, 410]]) == "252-356;400-410"
