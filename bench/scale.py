"""``python -m bench scale``: issue 21's figures — whole-pipeline speed as the store grows, and
what adding 100 articles costs at each size.

For each size (``--sizes``, default 1,000 and 10,000; the issue asks for 100k and 1M too, hours
at today's speed): ``storyline run`` of that many articles into a new store, then the next 100
added to it, twice. Articles: bench/stories.py's speed stream (Reuters-21578 and BBC News in
date order, then copies with every number and capitalised word replaced per copy and dates a
year apart, so copies are neither duplicates nor one story). Each run in a fresh interpreter
(``measure.isolated``), so its peak memory is its own; CPU seconds are the main process's and
its workers'. ``--workers 1,2`` also gives the speed-up from one to two workers.
"""

from __future__ import annotations

import argparse
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


def timed_run(inputs: list[str], db: str, workers: int) -> measure.Timed:
    """``storyline run`` of ``inputs`` into ``db``, with its CPU seconds (workers included)."""
    from storyline.runner import RunOptions, run
    from storyline.store import Store

    before = _cpu()
    with Store(Path(db)) as store:
        started = time.perf_counter()
        summary = run(inputs, store, RunOptions(workers=workers))
        seconds = time.perf_counter() - started
    stages = summary.as_dict()["stages"]
    return measure.Timed(
        docs=summary.new + summary.updated + summary.unchanged,
        seconds=seconds,
        workers=workers,
        details={
            "cpu": _cpu() - before,
            "stages": {name: round(float(v["seconds"]), 2) for name, v in stages.items()},
        },
    )


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(args: argparse.Namespace) -> list[Row]:
    from bench.stories import speed_stream

    sizes = [int(s) for s in str(args.sizes).split(",")]
    workers_list = [int(w) for w in str(args.workers).split(",")]
    everything = speed_stream(max(sizes) + ADDED * ADDS)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-scale-") as tmp:
        folder = Path(tmp)
        for workers in workers_list:
            for size in sizes:
                corpus = f"speed stream, {size:,} articles"
                jsonl, db = folder / f"base-{size}.jsonl", folder / f"scale-{size}-{workers}.db"
                corpora.write_jsonl(everything[:size], jsonl)
                whole = measure.isolated(
                    "bench.scale:timed_run", inputs=[str(jsonl)], db=str(db), workers=workers
                )
                rows.append(_row(corpus, f"storyline run, {workers} workers, new store", whole))
                print(rows[-1], flush=True)
                for k in range(ADDS):
                    start = size + k * ADDED
                    added = folder / f"add-{size}-{k}.jsonl"
                    corpora.write_jsonl(everything[start : start + ADDED], added)
                    more = measure.isolated(
                        "bench.scale:timed_run", inputs=[str(added)], db=str(db), workers=workers
                    )
                    rows.append(
                        _row(corpus, f"add the next {ADDED} ({k + 1}), {workers} workers", more)
                    )
                    print(rows[-1], flush=True)
                db.unlink()
    return rows


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
            ("slowest stages (s)", ", ".join(f"{k} {v:.1f}" for k, v in slowest)),
        ),
    )
