"""Feed a stream of articles to ``storyline run`` in one batch or in runs; compare stories.

:func:`feed` is the cheapest honest way to watch arrival: one process, one store per stream,
successive ``storyline.runner.run`` calls of ``run_size`` articles each on that store (what
an analyst's daily feed does), ``workers=1`` so that every CPU second is this process's and
``time.process_time`` counts it all. Writing the input files is untimed. The stories are
read back with :func:`bench.stories.read_stories`, so any version of the story stage is
scored the same way.

:func:`agreement` compares two clusterings of the same articles by their pairs: with one as
the reference, precision is the share of the other's same-story pairs that the reference
also puts together, recall the share of the reference's pairs that the other keeps together.
Swapping the two swaps precision and recall; F1 is symmetric. It counts pairs from the
contingency table (sizes of the cells), so a story of thousands costs nothing.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from bench.stories import Scores, read_stories
from storyline.runner import RunOptions, run
from storyline.store import Store

Record = Mapping[str, object]  # one JSON Lines article: id, text, title, published ...


@dataclass(frozen=True, slots=True)
class Fed:
    stories: dict[str, str]  # external id -> story, as read_stories gives it
    cpu: float  # process CPU seconds of the runs (workers=1: all of it)
    seconds: float  # wall-clock seconds of the runs
    runs: int


def chunks(records: Sequence[Record], run_size: int | None) -> list[Sequence[Record]]:
    """The stream cut into successive runs (one run when ``run_size`` is None)."""
    if run_size is None or run_size >= len(records):
        return [records]
    return [records[start : start + run_size] for start in range(0, len(records), run_size)]


def write_records(records: Iterable[Record], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(dict(record), ensure_ascii=False) + "\n")


def feed(records: Sequence[Record], folder: Path, name: str, run_size: int | None) -> Fed:
    """``storyline run`` on ``records`` in order, in runs of ``run_size``, into a new store."""
    parts = []
    for number, part in enumerate(chunks(records, run_size)):
        path = folder / f"{name}-{number:05d}.jsonl"
        write_records(part, path)
        parts.append(path)
    db = folder / f"{name}.db"
    with Store(db) as store:
        cpu, wall = time.process_time(), time.perf_counter()
        for path in parts:
            run([str(path)], store, RunOptions(workers=1))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        stories = read_stories(store)
    for path in parts:
        path.unlink()
    for leftover in folder.glob(f"{name}.db*"):
        leftover.unlink()
    return Fed(stories, cpu, wall, len(parts))


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def agreement(reference: Mapping[str, str], other: Mapping[str, str]) -> Scores:
    """Pairwise precision and recall of ``other`` against ``reference``, on shared items."""
    items = [item for item in reference if item in other]
    both = _pairs(Counter((reference[i], other[i]) for i in items).values())
    in_reference = _pairs(Counter(reference[i] for i in items).values())
    in_other = _pairs(Counter(other[i] for i in items).values())
    precision = both / in_other if in_other else 1.0
    recall = both / in_reference if in_reference else 1.0
    return Scores(precision, recall)


def order_agreement(clusterings: Sequence[Mapping[str, str]]) -> list[float]:
    """Agreement F1 of every pair of clusterings (the stories of different arrival orders)."""
    return [agreement(a, b).f1 for a, b in combinations(clusterings, 2)]
