"""``storyline run``'s progress line (issue 8): count, rate, ETA, stages; erased at the end."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.runner import REFRESH_STEP, ProgressLine, RunOptions, count_inputs, run
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


def test_inside_a_stage_the_line_shows_documents_rate_and_eta(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = io.StringIO()
    clock = iter([100.0, 100.0, 110.0, 130.0])
    monkeypatch.setattr("storyline.runner.time.monotonic", lambda: next(clock))
    line = ProgressLine(stream=out)
    line.stage("entities")  # at 100 s
    line.stage_progress("entities", 400, 1200)  # 10 s in: 40/s, 20 s to go
    assert out.getvalue().endswith("stage entities: 400/1200 documents, 40/s, ETA 20s")
    line.stage_progress("entities", 1200, 1200)
    assert out.getvalue().rstrip().endswith("1200/1200 documents, 40/s")


def test_a_run_reports_each_stage_that_reads_documents_as_it_goes(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    with Store(tmp_path / "s.db") as store:
        run(
            [str(REPO / "examples" / "corpus")],
            store,
            RunOptions(workers=1),
            on_stage_progress=lambda *step: seen.append(step),
        )
        total = store.count_documents()
    for stage in ("dedup", "entities", "quotes", "events"):
        steps = [(done, of) for name, done, of in seen if name == stage]
        assert steps and steps[-1] == (total, total), (stage, steps)
        assert [d for d, _ in steps] == sorted(d for d, _ in steps)
    # The story stage counts the articles it places (copies follow their original).
    placed = [(done, of) for name, done, of in seen if name == "stories"]
    assert placed and placed[-1][0] == placed[-1][1] > 0, placed


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


def test_the_story_stage_and_event_links_report_their_steps_too(tmp_path: Path) -> None:
    """Issue 23: after reading, the story stage regroups and summarises, and event_links
    and entity_links link story by story: each step has its count, so the line has a rate
    and an ETA."""
    seen: list[tuple[str, int, int]] = []
    with Store(tmp_path / "s.db") as store:
        run(
            [str(REPO / "examples" / "corpus")],
            store,
            RunOptions(workers=1),
            on_stage_progress=lambda *step: seen.append(step),
        )
    for step in (
        "stories: regrouping components",
        "stories: rebuilding stories",
        "stories: summarising stories",
        "event_links: linking stories",
        "entity_links: linking stories",
    ):
        steps = [(done, of) for name, done, of in seen if name == step]
        assert steps and steps[-1][0] == steps[-1][1] > 0, (step, steps)


def test_a_step_is_shown_with_its_own_units_rate_and_eta(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = io.StringIO()
    clock = iter([100.0, 100.0, 100.0, 104.0, 104.1, 108.0])
    monkeypatch.setattr("storyline.runner.time.monotonic", lambda: next(clock))
    line = ProgressLine(stream=out)
    line.stage("stories")  # at 100 s
    line.stage_progress("stories: regrouping components", 1, 50)  # the step starts at 100 s
    line.stage_progress("stories: regrouping components", 20, 50)  # 4 s in: 5/s, 6 s to go
    assert out.getvalue().endswith("stage stories: regrouping components 20/50, 5/s, ETA 6s")
    drawn = out.getvalue()
    line.stage_progress("stories: regrouping components", 21, 50)  # 0.1 s later: not drawn
    assert out.getvalue() == drawn
    line.stage_progress("stories: regrouping components", 50, 50)  # the last one always is
    assert out.getvalue().rstrip().endswith("regrouping components 50/50, 6/s")


def test_stored_documents_run_again_are_counted_as_documents(tmp_path: Path) -> None:
    """Issue 23: a new per-document stage (the language stage, on a store made before it)
    runs again on every stored document: its progress counts those, not the inputs."""
    with Store(tmp_path / "s.db") as store:
        run([str(REPO / "examples" / "corpus")], store, RunOptions(workers=1))
        total = store.count_documents()
        with store.transaction():
            store.conn.execute('UPDATE documents SET stages = \'{"clean":"3"}\'')
        assert store.count_documents(stages_not='{"clean":"3"}') == 0
        inputs: list[int] = []
        seen: list[tuple[str, int, int]] = []
        run(
            [],
            store,
            RunOptions(workers=1),
            on_progress=lambda done, _: inputs.append(done),
            on_stage_progress=lambda *step: seen.append(step),
        )
    steps = [(done, of) for name, done, of in seen if name == REFRESH_STEP]
    assert REFRESH_STEP == "clean, language: stored documents"
    assert steps and steps[-1][1] == total and inputs == []
