"""``python -m bench exports``: how long each ``storyline export`` format takes, against JSON.

Each format is written from the same store (the example corpus, and a store of the first N
Reuters-21578 articles run through every stage) three times in this process; the median
wall and CPU seconds are reported. pyarrow is imported before timing (its import, about
0.5 s, is paid once per process, not per export).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.corpora import reuters, write_jsonl
from bench.report import Row

PACKAGES = ("storyline", "pyarrow", "pandas")
FORMATS = ("json", "jsonl", "csv", "parquet", "graphml")
NOTES = (
    "Median of 3 exports in one process, inside the export's snapshot; pyarrow imported "
    "before timing. CPU s: this process's user + system seconds over the same span.",
)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", help="an existing store to export (default: build them)")


def _store(folder: Path, source: list[str], name: str) -> str:
    from storyline.runner import RunOptions, run
    from storyline.store import Store

    db = str(folder / f"{name}.db")
    with Store(db) as store:
        run(source, store, RunOptions(workers=1))
    return db


def _measure(db: str, fmt: str, folder: Path) -> tuple[float, float, int]:
    from storyline.export.formats import export
    from storyline.store import Store

    walls, cpus = [], []
    size = 0
    for attempt in range(3):
        target = folder / f"{fmt}-{attempt}"
        with Store(db, readonly=True) as store:
            wall, cpu = time.perf_counter(), time.process_time()
            export(store, fmt, target)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        files = target.rglob("*") if target.is_dir() else [target]
        size = sum(p.stat().st_size for p in files)
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return statistics.median(walls), statistics.median(cpus), size


def main(args: argparse.Namespace) -> list[Row]:
    import pyarrow.parquet  # noqa: F401  (imported once, before timing)

    from storyline.store import Store

    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        stores: list[tuple[str, str]] = []
        if args.store:
            stores.append((Path(args.store).name, args.store))
        else:
            stores.append(("example corpus", _store(folder, [str(EXAMPLES)], "examples")))
            limit = args.limit or 1000
            source = folder / "reuters.jsonl"
            write_jsonl(reuters(limit), source)
            stores.append((f"Reuters-21578, first {limit}", _store(folder, [str(source)], "r")))
        for corpus, db in stores:
            with Store(db, readonly=True) as store:
                docs = store.count_documents()
            json_wall = 0.0
            for fmt in FORMATS:
                wall, cpu, size = _measure(db, fmt, folder)
                json_wall = wall if fmt == "json" else json_wall
                rows.append(
                    Row(
                        "exports",
                        corpus,
                        f"export --format {fmt}",
                        docs,
                        wall,
                        None,
                        extra=(
                            ("CPU s", f"{cpu:.2f}"),
                            ("vs json", f"{wall / json_wall:.2f}x" if json_wall else "-"),
                            ("MB", f"{size / 2**20:.2f}"),
                        ),
                    )
                )
    return rows
