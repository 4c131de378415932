"""``python -m bench scale``: issue 21's figures — whole-pipeline speed as the store grows, and
what adding 100 articles costs at each size.

For each size (``--sizes``, default 1,000 and 10,000; the issue asks for 100k and 1M too, hours
at today's speed): ``storyline run`` of that many articles into a new store, then the next 100
added to it, twice. Articles: bench/stories.py's speed stream (Reuters-21578 and BBC News in
date order, then copies with every number and capitalised word replaced per copy and dates a
year apart, so copies are neither duplicates nor one story). Each run in a fresh interpreter
(``measure.isolated``), so its peak memory is its own; CPU seconds are the main process's and
its workers'. ``--workers 1,2`` also gives the speed-up from one to two workers.

``--postgres postgresql://user@host:port/postgres`` runs the same into a fresh database on that
server for each size, beside the SQLite file. The server's CPU seconds (its postmaster and
the backends it has reaped, read from ``/proc`` when the server is on this machine) are
reported apart from the client's.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from bench import corpora, measure
from bench.report import Row

PACKAGES = ("storyline", "numpy")
ADDED = 100
ADDS = 2
NOTES = [
    "speed stream of bench/stories.py: Reuters-21578 + BBC News, then copies with numbers and "
    "capitalised words replaced per copy and dates a year apart; each run in a fresh "
    "interpreter; CPU s counts the main process and its worker processes",
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default="1000,10000", help="store sizes, comma-separated")
    parser.add_argument("--workers", default="2", help="worker counts to compare, e.g. 1,2")
    parser.add_argument(
        "--postgres",
        default="",
        help="a PostgreSQL server's address (its postgres database): also run on it",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="with --postgres: PostgreSQL only")


def timed_run(inputs: list[str], db: str, workers: int) -> measure.Timed:
    """``storyline run`` of ``inputs`` into ``db``, with its CPU seconds (workers included)."""
    from storyline.runner import RunOptions, run
    from storyline.store import Store

    before, server_before = _cpu(), _server_cpu(db)
    with Store(db) as store:
        started = time.perf_counter()
        summary = run(inputs, store, RunOptions(workers=workers))
        seconds = time.perf_counter() - started
    stages = summary.as_dict()["stages"]
    server = _server_cpu(db)
    return measure.Timed(
        docs=summary.new + summary.updated + summary.unchanged,
        seconds=seconds,
        workers=workers,
        details={
            "cpu": _cpu() - before,
            "server_cpu": None
            if server is None or server_before is None
            else server - server_before,
            "stages": {name: round(float(v["seconds"]), 2) for name, v in stages.items()},
        },
    )


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _server_cpu(db: str) -> float | None:
    """CPU seconds of the PostgreSQL server holding ``db`` so far: its postmaster's own and
    its reaped backends' (``cutime``, ``cstime``), when it runs on this machine."""
    if not db.startswith("postgresql://"):
        return None
    import psycopg

    with psycopg.connect(db) as conn:
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()
        try:  # while the backend lives: its parent is the postmaster
            status = Path(f"/proc/{backend[0] if backend else 0}/status").read_text()
            lines = status.splitlines()
            parent = next(line.split()[1] for line in lines if line.startswith("PPid"))
            fields = Path(f"/proc/{parent}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, StopIteration):
            return None
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(v) for v in fields[11:15]) / ticks


def _fresh_database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name


def main(args: argparse.Namespace) -> list[Row]:
    from bench.stories import speed_stream

    sizes = [int(s) for s in str(args.sizes).split(",")]
    workers_list = [int(w) for w in str(args.workers).split(",")]
    everything = speed_stream(max(sizes) + ADDED * ADDS)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-scale-") as tmp:
        folder = Path(tmp)
        backends = [] if args.no_sqlite else ["SQLite"]
        backends += ["PostgreSQL"] if args.postgres else []
        for workers in workers_list:
            for size in sizes:
                corpus = f"speed stream, {size:,} articles"
                jsonl = folder / f"base-{size}.jsonl"
                corpora.write_jsonl(everything[:size], jsonl)
                for backend in backends:
                    db = (
                        str(folder / f"scale-{size}-{workers}.db")
                        if backend == "SQLite"
                        else _fresh_database(args.postgres, f"bench_scale_{size}_{workers}")
                    )
                    rows += _grow(everything, folder, corpus, size, workers, db, backend)
                    if backend == "SQLite":
                        Path(db).unlink()
    return rows


def _grow(
    everything: list[corpora.Article],
    folder: Path,
    corpus: str,
    size: int,
    workers: int,
    db: str,
    backend: str,
) -> list[Row]:
    jsonl = folder / f"base-{size}.jsonl"
    rows = []
    whole = measure.isolated("bench.scale:timed_run", inputs=[str(jsonl)], db=db, workers=workers)
    rows.append(_row(corpus, f"{backend}: run, {workers} workers, new store", whole))
    print(rows[-1], flush=True)
    for k in range(ADDS):
        start = size + k * ADDED
        added = folder / f"add-{size}-{k}.jsonl"
        corpora.write_jsonl(everything[start : start + ADDED], added)
        more = measure.isolated(
            "bench.scale:timed_run", inputs=[str(added)], db=db, workers=workers
        )
        rows.append(
            _row(corpus, f"{backend}: add the next {ADDED} ({k + 1}), {workers} workers", more)
        )
        print(rows[-1], flush=True)
    return rows


def _seconds(value: object) -> str:
    return "-" if value is None else f"{float(str(value)):.1f}"


def _row(corpus: str, system: str, found: measure.Measurement) -> Row:
    stages = found.details["stages"]
    slowest = sorted(stages.items(), key=lambda item: -item[1])[:3]
    return Row(
        "scale",
        corpus,
        system,
        found.docs,
        found.seconds,
        found.peak_mb,
        extra=(
            ("CPU s", f"{found.details['cpu']:.1f}"),
            ("CPU ms/article", f"{1000 * found.details['cpu'] / max(found.docs, 1):.0f}"),
            ("server CPU s", _seconds(found.details.get("server_cpu"))),
            ("slowest stages (s)", ", ".join(f"{k} {v:.1f}" for k, v in slowest)),
        ),
    )
