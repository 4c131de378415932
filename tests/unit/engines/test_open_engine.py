"""Choosing an engine (``engines.open_engine``, ``storyline run --engine``), without Ray: the
local engine's ``chunk_size`` and the errors that name what to do."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import in_ci
from storyline import cli
from storyline.engines import LocalEngine, RayEngine, open_engine
from storyline.engines.ray import INSTALL, RayUnreachable, available
from storyline.errors import MissingExtra, PipelineError


def _pairs(chunk: list[int]) -> list[tuple[int, int]]:
    return [(item, len(chunk)) for item in chunk]


@pytest.mark.parametrize("workers", [1, 2])
def test_local_engine_takes_the_chunk_size_of_the_call(workers: int) -> None:
    """The fact stages give their own chunk size per call, as they do to the Ray engine."""
    found = list(LocalEngine(workers, chunk_size=8).map(_pairs, range(10), chunk_size=4))
    assert found == [(n, 4 if n < 8 else 2) for n in range(10)]


def test_open_engine_names_the_engines_it_knows() -> None:
    with (
        pytest.raises(PipelineError, match=r"unknown engine 'spark'.*local, ray"),
        open_engine("spark"),
    ):
        pass


def test_without_the_extra_the_ray_engine_names_the_install_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    with pytest.raises(MissingExtra) as raised:
        RayEngine(2).connect()
    assert "pip install 'storyline[ray]'" in str(raised.value)


def test_run_with_engine_ray_without_the_extra_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cli, "ray_available", lambda: False)
    db = tmp_path / "news.db"
    result = CliRunner().invoke(
        cli.main, ["run", str(tmp_path), "--db", str(db), "--engine", "ray"]
    )
    assert result.exit_code == 2
    assert "--engine ray needs Ray: run `pip install 'storyline[ray]'`" in result.stderr
    assert not db.exists()  # stopped before the store was opened


@pytest.mark.skipif(not available() and not in_ci(), reason=f"Ray is not installed ({INSTALL})")
def test_an_address_nothing_listens_on_fails_at_once() -> None:
    """Ray would retry such an address for minutes; the run stops in seconds, saying what
    to check."""
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(RayUnreachable, match=f"127.0.0.1:{port}.*ray start --head"):
        RayEngine(2, address=f"127.0.0.1:{port}").connect()
    assert time.monotonic() - started < 10
