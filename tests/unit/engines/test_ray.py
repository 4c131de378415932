"""The Ray engine (``engines/ray.py``) on a Ray started here: results in input order, a
bounded number of partitions in flight, the initializer once per worker process, a
partition's own exception; and issue 21's check that a run through Ray stores what a run
on the local engine stores (the same JSON export of the example corpus).

One Ray for the module (started by the engine itself, as ``storyline run --engine ray``
starts it, with 2 CPUs), stopped at its end. Skipped when Ray is not installed, except in
CI, where ``make test`` installs the ``ray`` extra and these tests must run.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator
from itertools import count, islice
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, in_ci
from storyline.cli import main
from storyline.engines import RayEngine
from storyline.engines import ray as ray_module
from storyline.engines.ray import INSTALL, RayCodeMismatch, available

pytestmark = pytest.mark.skipif(
    not available() and not in_ci(),
    reason=f"Ray is not installed ({INSTALL}); CI installs it and runs these tests",
)


@pytest.fixture(scope="module")
def local_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The local engine's export, made before Ray starts in this process (the local engine
    forks its workers; a process running Ray's threads is better not forked)."""
    return _run_and_export(tmp_path_factory.mktemp("local"), "local")


@pytest.fixture(scope="module")
def ray_engine() -> Iterator[RayEngine]:
    engine = RayEngine(2)
    engine.connect()
    yield engine
    engine.close()


def test_issue_21_ray_and_local_engines_export_the_same(
    local_export: dict[str, Any], ray_engine: RayEngine, tmp_path: Path
) -> None:
    through_ray = _run_and_export(tmp_path, "ray")
    assert len(local_export["documents"]) == 39  # not two empty exports
    assert local_export["stories"] and local_export["entities"] and local_export["events"]
    assert through_ray == local_export


def _run_and_export(folder: Path, engine: str) -> dict[str, Any]:
    db, out = folder / "news.db", folder / "export.json"
    runner = CliRunner()
    ran = runner.invoke(
        main, ["run", str(EXAMPLES), "--db", str(db), "--workers", "2", "--engine", engine]
    )
    assert ran.exit_code == 0, ran.output
    exported = runner.invoke(main, ["export", "--db", str(db), "--format", "json", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    return _without_volatile(json.loads(out.read_text(encoding="utf-8")))


def _without_volatile(value: Any) -> Any:
    """The export without what differs between any two runs: when it was made."""
    if isinstance(value, dict):
        return {key: _without_volatile(item) for key, item in value.items() if key != "exported_at"}
    if isinstance(value, list):
        return [_without_volatile(item) for item in value]
    return value


def test_results_come_in_input_order(ray_engine: RayEngine) -> None:
    def slow_for_even_chunks(chunk: list[int]) -> list[int]:
        # Even partitions finish after the odd ones submitted with them.
        time.sleep(0.05 if chunk[0] % 2 == 0 else 0.0)
        return [n * 10 for n in chunk]

    found = list(ray_engine.map(slow_for_even_chunks, range(60), chunk_size=1))
    assert found == [n * 10 for n in range(60)]


def test_a_stream_is_mapped_in_bounded_memory(ray_engine: RayEngine) -> None:
    """An endless stream: the first results come without reading it to the end, and only a
    window of partitions is read ahead of them."""
    pulled = 0

    def endless() -> Iterator[int]:
        nonlocal pulled
        for n in count():
            pulled = n + 1
            yield n

    results = ray_engine.map(lambda chunk: [n + 1 for n in chunk], endless(), chunk_size=5)
    assert list(islice(results, 12)) == list(range(1, 13))
    results.close()  # cancels what is still in flight
    window = 2 * 4  # CPUs of this Ray x partitions in flight per CPU
    assert pulled <= 5 * (window + 3)


def test_the_initializer_runs_once_per_worker_process(ray_engine: RayEngine) -> None:
    """Once per process for a map, not per partition; not again in the next map with the
    same arguments (the tagger stays loaded for the run); again with other arguments."""
    marker = f"STORYLINE_TEST_INIT_{uuid.uuid4().hex}"

    def initializer(value: str) -> None:
        runs = int(os.environ.get(f"{marker}_RUNS", "0")) + 1
        os.environ[f"{marker}_RUNS"] = str(runs)
        os.environ[marker] = value

    def seen(chunk: list[int]) -> list[tuple[int, str, str]]:
        time.sleep(0.01)  # let both workers take partitions
        return [(os.getpid(), os.environ[marker], os.environ[f"{marker}_RUNS"]) for _ in chunk]

    def runs(value: str) -> dict[int, set[tuple[str, str]]]:
        found = ray_engine.map(seen, range(40), initializer=initializer, initargs=(value,))
        by_process: dict[int, set[tuple[str, str]]] = {}
        for pid, got, count_ in found:
            by_process.setdefault(pid, set()).add((got, count_))
        return by_process

    first = runs("a")
    assert first and all(found == {("a", "1")} for found in first.values()), first
    again = runs("a")
    assert all(found == {("a", "1")} for found in again.values()), again
    other = runs("b")
    # A process of the first maps initialises a second time; a new one (if Ray started
    # one) for the first time.
    assert {pid: other[pid] for pid in other if pid in first} == {
        pid: {("b", "2")} for pid in other if pid in first
    }
    assert all(found == {("b", "1")} for pid, found in other.items() if pid not in first)
    assert first.keys() & other.keys()


def test_a_partition_raises_its_own_exception(ray_engine: RayEngine) -> None:
    def fails_at_seven(chunk: list[int]) -> list[int]:
        if 7 in chunk:
            raise ValueError("no sevens")
        return chunk

    results = ray_engine.map(fails_at_seven, range(20), chunk_size=2)
    assert list(islice(results, 6)) == [0, 1, 2, 3, 4, 5]
    with pytest.raises(ValueError, match="no sevens"):
        next(results)


def test_a_worker_running_other_code_refuses_the_task(
    ray_engine: RayEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A node with another Storyline would store facts another version found: the run stops
    with the one line that says so, not a Ray traceback."""
    monkeypatch.setattr(ray_module, "code_fingerprint", lambda: "0" * 64)
    with pytest.raises(RayCodeMismatch, match="is not the driver's") as raised:
        list(ray_engine.map(lambda chunk: chunk, range(4)))
    assert (
        raised.value.hint
        == "install the same Storyline on every node of the cluster, then run again"
    )
