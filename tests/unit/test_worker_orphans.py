"""A run killed with SIGKILL takes its worker processes with it (issue 19: they were left
waiting for work forever)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's"
)


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_killing_a_run_kills_its_workers(tmp_path: Path) -> None:
    articles = tmp_path / "many.jsonl"
    with articles.open("w", encoding="utf-8") as handle:
        for n in range(3000):
            text = (
                f"The council of Town {n} met on Tuesday to discuss harbour wall number {n}. "
                f"Mayor Person{n} said repairs would cost {n * 7} thousand euros, and that "
                "work would start before the winter storms, after a long debate. " * 4
            )
            handle.write(json.dumps({"id": f"a{n}", "title": f"Wall {n}", "text": text}) + "\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    command = [sys.executable, "-m", "storyline.cli", "run", str(articles), "--workers", "2",
               "--db", str(tmp_path / "news.db"), "-q"]  # fmt: skip
    run = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.1)
            workers = children(run.pid)
        assert len(workers) >= 2, "the run never started its workers"
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)], "workers outlived the run"
    finally:
        if run.poll() is None:
            run.kill()
        for worker in workers | children(run.pid):  # orphans, if this test fails
            if alive(worker):
                os.kill(worker, signal.SIGKILL)
