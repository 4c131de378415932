"""Soak: what a monitor lives through, compressed. Articles keep arriving in a folder and
``storyline run`` is started on it again and again, most runs killed (SIGKILL) at a random
moment; after every run the store must pass ``PRAGMA integrity_check``, and at the end one
uninterrupted run must leave every article stored and in a story. Each run's peak memory
(``wait4``) and open files (``/proc/PID/fd``, sampled) are kept, so growth over the soak
shows (issue 19).

The articles are written here: short wire items about numbered harbours, councils and
people, with dates, so that they are distinct documents and form stories.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.report import Row

NOTES: list[str] = []


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seconds", type=int, default=600, help="how long to soak")
    parser.add_argument("--seed", type=int, default=0)


def article(number: int, rng: random.Random) -> str:
    town = f"Portmere{number % 37}"
    person = rng.choice(["Alda Varen", "Tomas Lind", "Ines Roca", "Marek Holt"])
    day = 1 + number % 27
    return (
        f"Harbour repairs in {town} agreed\n\n"
        f"{town.upper()}, March {day}, 2025 - The council of {town} agreed on Tuesday to "
        f"repair harbour wall number {number} before the winter storms, {person} said. "
        f"The work will cost {number * 3 + 7} thousand euros, the council said in a statement.\n\n"
        f'"We expect the first ships by spring," {person} told reporters after the vote.\n'
    )


@dataclass
class Cycle:
    killed: bool
    peak_mb: float
    open_files: int
    integrity: str
    seconds: float


def open_files(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


def one_run(inbox: Path, db: Path, rng: random.Random, kill: bool) -> Cycle:
    command = [sys.executable, "-m", "storyline.cli", "run", str(inbox), "--db", str(db),
               "--workers", "2", "-q"]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    files = 0
    deadline = started + (rng.uniform(0.5, 4.0) if kill else 600)
    # wait4, not poll: poll would reap the child and lose its resource usage.
    pid, usage = 0, None
    while time.perf_counter() < deadline:
        pid, _, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        files = max(files, open_files(process.pid))
        time.sleep(0.05)
    killed = not pid
    if killed:
        os.kill(process.pid, signal.SIGKILL)
        _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped above
    assert usage is not None
    seconds = time.perf_counter() - started
    from storyline.store import Store

    with Store(db) as store:
        integrity = str(store.conn.execute("PRAGMA integrity_check").fetchone()[0])
    return Cycle(killed, usage.ru_maxrss / 1024, files, integrity, seconds)


def main(args: argparse.Namespace) -> list[Row]:
    from storyline.store import Store

    rng = random.Random(args.seed)
    cycles: list[Cycle] = []
    written = 0
    with tempfile.TemporaryDirectory(prefix="storyline-soak-") as tmp:
        inbox, db = Path(tmp) / "inbox", Path(tmp) / "news.db"
        inbox.mkdir()
        end = time.monotonic() + args.seconds
        while time.monotonic() < end:
            for _ in range(rng.randint(5, 25)):
                (inbox / f"a{written:06d}.txt").write_text(article(written, rng), "utf-8")
                written += 1
            cycles.append(one_run(inbox, db, rng, kill=rng.random() < 0.7))
        final = one_run(inbox, db, rng, kill=False)
        with Store(db) as store:
            stored = store.conn.execute(
                "SELECT count(*), count(story_id) FROM documents WHERE superseded_by IS NULL"
            ).fetchone()
            statuses = dict(
                store.conn.execute("SELECT status, count(*) FROM runs GROUP BY status").fetchall()
            )
    tenth = max(1, len(cycles) // 10)
    first, last = cycles[:tenth], cycles[-tenth:]
    bad = sum(1 for c in [*cycles, final] if c.integrity != "ok")
    extra = (
        ("runs", str(len(cycles) + 1)),
        ("killed", str(sum(c.killed for c in cycles))),
        ("integrity failures", str(bad)),
        ("articles written / stored / in a story", f"{written} / {stored[0]} / {stored[1]}"),
        (
            "runs finished / interrupted",
            f"{statuses.get('finished', 0)} / {statuses.get('interrupted', 0)}",
        ),
        (
            "peak MB first / last tenth",
            f"{max(c.peak_mb for c in first):.0f} / {max(c.peak_mb for c in last):.0f}",
        ),
        (
            "open files first / last tenth",
            f"{max(c.open_files for c in first)} / {max(c.open_files for c in last)}",
        ),
    )
    NOTES.append(
        "Soak: articles added to a folder before each `storyline run` (2 workers), 70 % of runs "
        "killed with SIGKILL 0.5-4 s after they start; integrity checked after every run; a "
        "final run uninterrupted. Peak MB is each run's main process (wait4); open files "
        "sampled every 50 ms."
    )
    return [
        Row(
            "soak",
            f"{args.seconds} s of runs on one growing folder (seed {args.seed})",
            "storyline run, killed at random",
            stored[0],
            sum(c.seconds for c in cycles) + final.seconds,
            max(c.peak_mb for c in [*cycles, final]),
            extra=extra,
        )
    ]
