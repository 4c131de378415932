"""``storyline run``'s progress line (issue 8): count, rate, ETA, stages; erased at the end."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner

from storyline.cli import main
from storyline.runner import ProgressLine, count_inputs
from storyline.store import Store

REPO = Path(__file__).resolve().parents[3]


def test_progress_line_shows_count_rate_and_eta() -> None:
    out = io.StringIO()
    line = ProgressLine(total=1000, stream=out)
    line(250, 10.0)
    assert "250/1000 inputs, 25/s, ETA 30s" in out.getvalue()
    line(900, 100.0)
    assert "ETA 11s" in out.getvalue()
    line.stage("entities")
    assert "stage entities…" in out.getvalue()
    line.done()
    assert out.getvalue().endswith("\r")


def test_progress_without_a_total_has_no_eta() -> None:
    out = io.StringIO()
    ProgressLine(stream=out)(10, 2.0)
    assert "10 inputs, 5/s" in out.getvalue() and "ETA" not in out.getvalue()


def test_count_inputs_leaves_out_unchanged_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"2025-03-1{i}_a{i}.txt").write_text(f"Headline {i}\n\nBody number {i}.\n")
    with Store(tmp_path / "s.db") as store:
        assert count_inputs([str(folder)], store) == 3


def test_run_output_is_unchanged_without_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "2025-03-10_a.txt").write_text("Headline\n\nThe board met on Tuesday.\n")
    result = CliRunner().invoke(main, ["run", str(folder), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "inputs," not in result.output and "\r" not in result.output
    assert result.output.startswith("Run 1 finished")
