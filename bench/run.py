"""``python -m bench run``: the whole ``storyline run`` on the first N Reuters articles, this
tree against another revision of Storyline, in the same benchmark run.

What a user does: one ``storyline run`` of a JSON Lines file into a fresh store, every stage,
two worker processes. The comparison is the same call made by the code of another git
revision (``--against``, default the last commit before the restructuring of issue 17),
extracted with ``git archive`` into a temporary folder and imported from there; both run in
fresh interpreters, alternately (``--repeat``), on the same input file. Wall seconds, CPU
seconds (user + system, worker processes included: on a shared machine wall time also
counts waiting for a core) and each global stage's seconds are reported.

    python -m bench run --limit 5000 --against c2e0019
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.corpora import reuters, write_jsonl
from bench.measure import run_tree, tree_at
from bench.report import REPO, Row

NOTES = [
    "Input: the first N Reuters-21578 articles with a body, as one JSON Lines file (id, "
    "title, published, text); a fresh SQLite store per run; `RunOptions(workers=2)`.",
    "`CPU s`: user + system seconds of the run's process and its workers.",
]
PACKAGES = ["numpy", "python-crfsuite"]
BEFORE = "c2e0019"
STAGES = ("dedup", "stories", "entities", "quotes", "events", "event_links")

# Run in a fresh interpreter with the tree's src/ first on the path.
_CHILD = """
import json, resource, sys, time
from storyline.runner import RunOptions, run
from storyline.store import Store

def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

source, db = sys.argv[1], sys.argv[2]
cpu_start, wall_start = cpu(), time.perf_counter()
with Store(db) as store:
    summary = run([source], store, RunOptions(workers=2))
stages = {name: counts.seconds for name, counts in summary.counters.stages.items()}
print(json.dumps({"docs": summary.new, "seconds": time.perf_counter() - wall_start,
                  "cpu": cpu() - cpu_start, "stages": stages, "status": summary.status}))
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--against", default=BEFORE, metavar="REV", help=f"git revision (default {BEFORE})"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each tree (default 1)")
    parser.add_argument(
        "--tree",
        default=None,
        metavar="REV",
        help="run this git revision instead of the working tree (two commits side by side)",
    )


def main(args: argparse.Namespace) -> list[Row]:
    limit = args.limit or 5000
    rows = []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-run-") as tmp:
        folder = Path(tmp)
        source = folder / "reuters.jsonl"
        docs = write_jsonl(reuters(limit), source)
        before = tree_at(args.against, folder / "before")
        after = tree_at(args.tree, folder / "after") if args.tree else REPO / "src"
        trees = (
            (f"storyline run @ {args.against}", before),
            (f"storyline run @ {args.tree or 'this tree'}", after),
        )
        for attempt in range(args.repeat):
            for system, src in trees:
                db = folder / f"{attempt}-{len(rows)}.db"
                result = run_tree(_CHILD, src, str(source), str(db), what="run")
                stages = result["stages"]
                assert isinstance(stages, dict)
                extra = [("CPU s", f"{float(str(result['cpu'])):.1f}")]
                extra += [(f"{s} s", f"{stages[s]:.1f}") for s in STAGES if s in stages]
                rows.append(
                    Row(
                        "whole run",
                        "Reuters-21578",
                        system,
                        docs,
                        float(str(result["seconds"])),
                        None,
                        extra=tuple(extra),
                    )
                )
                db.unlink()
    return rows
