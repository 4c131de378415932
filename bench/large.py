"""One very large article: seconds and peak memory of ``storyline run`` at 10 KB, 100 KB,
1 MB and 5 MB, with facts found in the first ``MAX_FACT_CHARS`` characters (what ships) and,
up to 1 MB, without that limit (what the pipeline did before: at 4.9 MB a campaign measured
449 s and 10.3 GB, so the bench does not run that).

The article is unique wire text: the bodies of Reuters-21578 articles in date order joined
into one (repeating a short text would be cleaned away as repeated paragraphs). One worker,
a new store per measurement, each in a fresh interpreter (``measure.isolated``) so its peak
memory is its own.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench import measure
from bench.report import Row

SIZES_KB = (10, 100, 1000, 5000)
UNCAPPED_UP_TO_KB = 1000
NOTES: list[str] = []


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default=",".join(map(str, SIZES_KB)), help="article sizes in KB")


def write_article(path: Path, kilobytes: int) -> None:
    from bench.stories import reuters_by_date

    body, count = "", 500
    while len(body) < kilobytes * 1024:
        count *= 2
        body = "\n\n".join(str(r["text"]) for r in reuters_by_date(count))
        if count > 40_000:
            break
    path.write_text("One very long wire file\n\n" + body[: kilobytes * 1024], encoding="utf-8")


def run_one(path: str, db: str, capped: bool) -> measure.Timed:
    from storyline.runner import RunOptions, run
    from storyline.store import Store

    if not capped:
        import storyline.store.ledger as ledger

        # 2**31 - 1: SQLite's substr returns "" for a longer length.
        ledger.MAX_FACT_CHARS = 2**31 - 1  # type: ignore[attr-defined]
    with Store(Path(db)) as store:
        cpu, wall = time.process_time(), time.perf_counter()
        summary = run([path], store, RunOptions(workers=1, max_bytes=10**8))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    stages = summary.as_dict()["stages"]
    return measure.Timed(
        docs=summary.new,
        seconds=wall,
        details={"cpu": cpu, "stages": {k: v["seconds"] for k, v in stages.items()}},
    )


def main(args: argparse.Namespace) -> list[Row]:
    import tempfile

    rows = []
    sizes = [int(s) for s in str(args.sizes).split(",")]
    with tempfile.TemporaryDirectory(prefix="storyline-bench-large-") as tmp:
        for kilobytes in sizes:
            article = Path(tmp) / f"article-{kilobytes}.txt"
            write_article(article, kilobytes)
            for capped in (True, False):
                if not capped and kilobytes > UNCAPPED_UP_TO_KB:
                    continue
                db = Path(tmp) / f"{kilobytes}-{capped}.db"
                found = measure.isolated(
                    "bench.large:run_one", path=str(article), db=str(db), capped=capped
                )
                stages = found.details["stages"]
                slowest = sorted(stages.items(), key=lambda i: -i[1])[:3]
                rows.append(
                    Row(
                        "large",
                        f"one article of {kilobytes:,} KB (Reuters bodies joined)",
                        "storyline run, facts in the first 250,000 characters"
                        if capped
                        else "storyline run, no limit (before)",
                        found.docs,
                        found.seconds,
                        found.peak_mb,
                        extra=(
                            ("CPU s", f"{found.details['cpu']:.1f}"),
                            ("slowest stages (s)", ", ".join(f"{k} {v:.1f}" for k, v in slowest)),
                        ),
                    )
                )
                print(rows[-1], flush=True)
    return rows
