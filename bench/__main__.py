"""``python -m bench NAME [--limit N] [--no-append]``: run one benchmark and record it.

A benchmark is a module ``bench/NAME.py`` with ``main(args) -> list[Row]``; it may also set
``NOTES`` (footnotes for every run) and ``PACKAGES`` (whose versions to record), and define
``add_arguments(parser)`` for options of its own. The table is
printed and, unless ``--no-append``, added as a dated section to ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import cast

from bench.report import Row, append_section, machine, text_table

# Modules of this package that are helpers, not benchmarks.
_HELPERS = frozenset(
    {
        "corpora",
        "measure",
        "report",
        "dedup_data",
        "dedup_labels",
        "ecbplus",
        "paraphrase",
        "stories_feed",
        "stories_stream",
        "stories_templates",
        "pos_tagger",
        "dedup_edited",
        "dedup_compare",
    }
)


def available() -> list[str]:
    folder = str(Path(__file__).parent)
    return sorted(
        m.name
        for m in pkgutil.iter_modules([folder])
        if not m.name.startswith("_") and m.name not in _HELPERS
    )


def load(name: str) -> ModuleType:
    names = available()
    if name not in names or importlib.util.find_spec(f"bench.{name}") is None:
        raise SystemExit(f"bench: no benchmark named {name!r}; available: {', '.join(names)}")
    module = importlib.import_module(f"bench.{name}")
    if not callable(getattr(module, "main", None)):
        raise SystemExit(f"bench: bench/{name}.py has no main(args) -> list[Row]")
    return module


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m bench",
        description="Run a Storyline benchmark on the real corpora in ../shared/data.",
        epilog="example: python -m bench ingest --limit 500 --no-append",
    )
    cli.add_argument("name", help=f"benchmark to run ({', '.join(available())})")
    cli.add_argument(
        "--limit", type=int, metavar="N", help="at most N documents per corpus (a quick run)"
    )
    cli.add_argument(
        "--no-append", action="store_true", help="print the table, do not add it to the docs"
    )
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    cli = parser()
    known, _ = cli.parse_known_args(argv)
    module = load(known.name)
    # A benchmark may add options of its own (``add_arguments(parser)``).
    add_arguments = getattr(module, "add_arguments", None)
    if callable(add_arguments):
        add_arguments(cli)
    args = cli.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        raise SystemExit("bench: --limit must be at least 1")
    started = datetime.now().astimezone()
    machine_line = machine()
    run = cast(Callable[[argparse.Namespace], list[Row]], module.main)
    rows = run(args)
    notes: Sequence[str] = getattr(module, "NOTES", ())
    packages: Sequence[str] = getattr(module, "PACKAGES", ("storyline",))
    print(text_table(rows, notes))
    print(f"\nmachine: {machine_line}")
    if not args.no_append:
        path = append_section(args.name, rows, notes, packages, started, machine_line=machine_line)
        print(f"appended to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
