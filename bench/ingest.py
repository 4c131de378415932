"""Ingest + clean throughput on Reuters-21578 and BBC News, against a floor and trafilatura.

Systems, each measured in a fresh interpreter (see ``bench/measure.py``) on the same inputs:

- ``read + decode (floor)``: read every input and decode it; what any pipeline pays.
- ``storyline clean_article``: Storyline's cleaner alone, in one process, on the raw text and
  title the reader produces (reading untimed), to separate cleaning from I/O and store cost.
- ``trafilatura.extract``: what a user would otherwise reach for to get clean article text;
  each article is wrapped as minimal HTML (untimed) and only the extract call is timed.
- ``storyline run (ingest + clean), N worker(s)``: :func:`storyline.runner.run` into a fresh
  SQLite store with its global stages switched off: discover, read, decode, clean, write.
- ``storyline run, all stages, 2 workers``: the whole command as a user runs it, which after
  the per-document work also runs the global stages (dedup, stories); their time is split out
  in the notes. Those stages have benchmarks of their own (``dedup``, ``stories``).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.corpora import bbc_paths, reuters, write_jsonl
from bench.measure import Measurement, Timed, isolated
from bench.report import Row

PACKAGES = ("storyline", "trafilatura", "lxml")
NOTES = (
    "peak MB: the peak resident set (MiB) of a fresh interpreter that runs only that system, "
    "so it includes Python and the imports: VmHWM from /proc/self/status (getrusage's "
    "ru_maxrss is carried across exec on Linux, so it would report the harness's own peak). "
    "For a process pool: the main process plus workers × the largest worker "
    "(getrusage(RUSAGE_CHILDREN).ru_maxrss), an upper bound since forked workers share pages. "
    "Not tracemalloc: it slows allocation-heavy code and misses the C allocations of lxml.",
    "CPU s: user + system CPU seconds over the same timed spans, this process and its "
    "finished children (the pool's workers). On a shared machine seconds also count waiting "
    "for a core; CPU s does not, so compare CPU s when the load average is above the cores.",
    "Inputs: Reuters-21578 articles with a body (dateline + body as text, TITLE, DATE), written "
    "as JSON Lines to a temporary folder; BBC News: the .txt files as distributed (title on "
    "the first line). The page cache is warmed before measuring; each figure is one run.",
)

FLOOR = "read + decode (floor)"
CLEANER = "storyline clean_article"
TRAFILATURA = "trafilatura.extract"
RUN_INGEST = "storyline run (ingest + clean)"
RUN_ALL = "storyline run, all stages"
_SYSTEM_NOTES = {
    FLOOR: "Read each file (BBC) or JSON Lines record (Reuters), decode UTF-8 (cp1252 "
    "fallback) and parse the JSON: the cost any pipeline pays.",
    CLEANER: "storyline.clean.clean_article(raw_text, raw_title) in one process; only the calls "
    "are timed, reading is not.",
    TRAFILATURA: "trafilatura.extract(html) in one process, each article wrapped as "
    "<html><body><h1>title</h1><p>para</p>…; only the calls are timed. trafilatura removes "
    "boilerplate from HTML pages, not bylines, credits or repeated lines: it is the throughput "
    "comparison point, not a feature equivalent.",
    RUN_INGEST: "storyline.runner.run(paths, Store(fresh SQLite file), RunOptions(workers=W)) "
    "with the global stages (dedup, stories) switched off: discover, read, decode, clean, "
    "write to SQLite.",
    RUN_ALL: "storyline.runner.run(paths, Store(fresh SQLite file), RunOptions(workers=2)) as a "
    "user runs it: ingest + clean as above, then the global stages over the store.",
}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t])")


def main(args: argparse.Namespace) -> list[Row]:
    limit: int | None = args.limit
    workdir = Path(tempfile.mkdtemp(prefix="storyline-bench-ingest-"))
    try:
        corpora = _materialise(workdir, limit)
        rows: list[Row] = []
        for corpus, inputs_file in corpora.items():
            rows += _measure_corpus(corpus, inputs_file, workdir)
        return rows
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _materialise(workdir: Path, limit: int | None) -> dict[str, Path]:
    """Write each corpus's list of input paths (and Reuters as JSON Lines) into ``workdir``."""
    reuters_jsonl = workdir / "reuters21578.jsonl"
    count = write_jsonl(reuters(limit), reuters_jsonl)
    _log(f"Reuters-21578: {count} articles with a body -> {reuters_jsonl}")
    bbc = bbc_paths(limit)
    _log(f"BBC News: {len(bbc)} files")
    corpora = {"Reuters-21578": [reuters_jsonl], "BBC News": bbc}
    files = {}
    for corpus, paths in corpora.items():
        files[corpus] = workdir / f"{_slug(corpus)}.inputs"
        files[corpus].write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
        for path in paths:
            _warm(path)
    return files


def _warm(path: Path) -> None:
    """Read a file into the page cache so the first system measured does not pay for it.

    In chunks: a child's peak-memory figure must not start from a large parent.
    """
    with path.open("rb") as handle:
        while handle.read(1 << 20):
            pass


def _measure_corpus(corpus: str, inputs_file: Path, workdir: Path) -> list[Row]:
    # (system as shown, system as in _SYSTEM_NOTES, measured function, its arguments)
    plan: list[tuple[str, str, str, dict[str, object]]] = [
        (FLOOR, FLOOR, "read_decode", {}),
        (CLEANER, CLEANER, "clean_only", {}),
        (TRAFILATURA, TRAFILATURA, "trafilatura_only", {}),
    ]
    for workers, all_stages in ((1, False), (2, False), (2, True)):
        db = workdir / f"{_slug(corpus)}-w{workers}-{'all' if all_stages else 'ingest'}.db"
        system = RUN_ALL if all_stages else RUN_INGEST
        label = f"{system}, {workers} worker" + ("s" if workers > 1 else "")
        arguments = {"db": str(db), "workers": workers, "all_stages": all_stages}
        plan.append((label, system, "storyline_run", arguments))
    results: list[tuple[str, str, Measurement]] = []
    for label, system, function, extra in plan:
        _log(f"{corpus}: {label} ...")
        result = isolated(f"bench.ingest:{function}", inputs_file=str(inputs_file), **extra)
        _log(f"  {result.docs} docs in {result.seconds:.2f} s, {result.details}")
        results.append((label, system, result))
    expected = results[0][2].docs
    rows = []
    for label, system, result in results:
        note = _SYSTEM_NOTES[system]
        facts = _facts(result, expected)
        if facts:
            note = f"{note} On {corpus}: {facts}."
        peak = round(result.peak_mb, 1)
        cpu = (("CPU s", f"{result.details['cpu_seconds']:.2f}"),)
        rows.append(Row("ingest", corpus, label, result.docs, result.seconds, peak, note, cpu))
    return rows


def _facts(result: Measurement, expected: int) -> str:
    """What a reader of the table must know about this row: drops, empties, duplicates."""
    details = result.details
    facts = []
    if result.docs != expected:
        facts.append(f"{result.docs} docs, not the {expected} the floor read")
    if details.get("empty"):
        facts.append(f"returned no text for {details['empty']} articles")
    if details.get("failed"):
        facts.append(f"raised on {details['failed']} articles ({details.get('errors')})")
    if "stored" in details and details["stored"] != result.docs:
        facts.append(f"stored {details['stored']} documents (repeats share a content id)")
    if details.get("problems"):
        facts.append(f"problems {details['problems']}")
    stages: dict[str, float] = details.get("global_seconds") or {}
    if stages:
        spent = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in stages.items())
        rest = result.seconds - sum(stages.values())
        facts.append(
            f"includes the global stages ({spent}); without them {rest:.1f} s, "
            f"{result.docs / rest:,.0f} docs/s"
        )
    return "; ".join(facts)


# Measured functions: each runs in its own interpreter via bench.measure ---------------------


def _inputs(inputs_file: str) -> list[str]:
    return Path(inputs_file).read_text(encoding="utf-8").splitlines()


class Stopwatch:
    """Wall-clock and CPU seconds summed over timed spans.

    CPU covers this process and its finished children (a run's pool workers): on a shared
    machine the wall clock also counts waiting for a core, CPU time does not.
    """

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    @contextmanager
    def span(self) -> Iterator[None]:
        wall, cpu = time.perf_counter(), _cpu_seconds()
        try:
            yield
        finally:
            self.wall += time.perf_counter() - wall
            self.cpu += _cpu_seconds() - cpu

    def timed(self, docs: int, details: dict[str, object] | None = None, workers: int = 0) -> Timed:
        return Timed(docs, self.wall, workers, {"cpu_seconds": self.cpu, **(details or {})})


def _cpu_seconds() -> float:
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def read_decode(inputs_file: str) -> Timed:
    docs = 0
    clock = Stopwatch()
    with clock.span():
        for path in _inputs(inputs_file):
            if path.endswith(".jsonl"):
                with open(path, "rb") as handle:
                    for line in handle:
                        record = json.loads(_decode(line))
                        docs += bool(record["text"])
            else:
                docs += bool(_decode(Path(path).read_bytes()))
    return clock.timed(docs)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _raw_articles(inputs_file: str) -> Iterator[tuple[str, str | None]]:
    """The (raw text, raw title) pairs that ``storyline run`` hands to the cleaner."""
    from storyline.ingest import ReadOptions, SourceRef, discover, read_source

    options = ReadOptions()
    for ref in discover(_inputs(inputs_file)):
        if not isinstance(ref, SourceRef):
            raise SystemExit(f"bench: cannot read input: {ref}")
        article = read_source(ref, options)
        yield article.raw_text, article.raw_title


def clean_only(inputs_file: str) -> Timed:
    from storyline.clean import clean_article

    docs = 0
    clock = Stopwatch()
    errors: Counter[str] = Counter()
    for text, title in _raw_articles(inputs_file):
        docs += 1
        with clock.span():
            try:
                clean_article(text, title)
            except Exception as err:  # noqa: BLE001 - count a cleaner bug, keep measuring
                errors[type(err).__name__] += 1
    return clock.timed(docs, _errors(errors))


def trafilatura_only(inputs_file: str) -> Timed:
    import trafilatura

    docs = empty = 0
    clock = Stopwatch()
    errors: Counter[str] = Counter()
    for text, title in _raw_articles(inputs_file):
        page = as_html(text, title)
        docs += 1
        extracted: str | None = None
        with clock.span():
            try:
                extracted = trafilatura.extract(page)
            except Exception as err:  # noqa: BLE001 - count a library bug, keep measuring
                errors[type(err).__name__] += 1
        empty += not extracted
    return clock.timed(docs, {"empty": empty, **_errors(errors)})


def as_html(text: str, title: str | None) -> str:
    """A minimal article page; without a title, the first line is the title (BBC files)."""
    if title is None:
        first, _, text = text.lstrip().partition("\n")
        title = first.strip()
    paragraphs = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text))
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
    return f"<html><body><h1>{html.escape(title)}</h1>{body}</body></html>"


def storyline_run(inputs_file: str, db: str, workers: int, all_stages: bool) -> Timed:
    from storyline import stages
    from storyline.runner import RunOptions, run
    from storyline.store import Store

    paths = _inputs(inputs_file)
    global_seconds = _time_global_stages()
    if not all_stages:
        # Safe to change here: this is the measurement's own interpreter.
        stages.GLOBAL_STAGES = ()
    clock = Stopwatch()
    with clock.span(), Store(db) as store:
        summary = run(paths, store, RunOptions(workers=workers))
    with Store(db, readonly=True) as store:
        stored = store.count_documents()
    if global_seconds and not all_stages:
        raise SystemExit(
            "bench: the global stages ran although switched off; storyline.stages changed: "
            "update storyline_run in bench/ingest.py"
        )
    return clock.timed(
        summary.inputs,
        {
            "stored": stored,
            "problems": summary.problem_counts(),
            "status": summary.status,
            "global_seconds": global_seconds,
        },
        workers=workers if workers > 1 else 0,
    )


def _time_global_stages() -> dict[str, float]:
    """Time each global stage (dedup, stories) that ``run`` calls after the per-document work.

    They are part of ``storyline run`` but not of ingest and clean, so the report splits them
    out. Patching the classes is safe here: this runs in the measurement's own interpreter.
    """
    from storyline.stages import GLOBAL_STAGES

    seconds: dict[str, float] = {}
    for stage_class in GLOBAL_STAGES:

        def update(
            self: Any, *args: Any, _original: Any = stage_class.update, **kwargs: Any
        ) -> Any:
            started = time.perf_counter()
            try:
                return _original(self, *args, **kwargs)
            finally:
                seconds[self.name] = seconds.get(self.name, 0.0) + time.perf_counter() - started

        setattr(stage_class, "update", update)  # noqa: B010 - mypy forbids assigning a method
    return seconds


def _errors(errors: Counter[str]) -> dict[str, object]:
    return {"failed": sum(errors.values()), "errors": dict(errors)} if errors else {}


def _slug(corpus: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", corpus.lower()).strip("-")


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
