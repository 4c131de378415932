"""``storyline run``: read inputs, run the per-document stages on all cores, store the results.

Each batch of documents is written in one transaction: an interrupted run leaves every
document fully stored or not at all, and running again picks up where it stopped. Files
whose size, modification time and pipeline version are unchanged are not even read again;
documents stored by an older version of a stage are brought up to date.
"""

from __future__ import annotations

import itertools
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TextIO

from storyline.engines import Engine, open_engine
from storyline.errors import InputError
from storyline.events.link_stage import EventLinkStage
from storyline.facts import FactStage
from storyline.ingest import ReadOptions, SourceRef, discover, read_source, to_document
from storyline.ingest.discover import Unchanged
from storyline.model import Document, Problem
from storyline.pipeline import Counters, GlobalStage, Pipeline
from storyline.stages import (
    DOCUMENT_STAGES,
    build_pipeline,
    global_stages,
    plan,
    registry,
    signature,
)
from storyline.store import Store


@dataclass(frozen=True, slots=True)
class RunOptions:
    fallback_published: date | None = None
    max_bytes: int = 5_000_000
    workers: int | None = None
    only: tuple[str, ...] = ()
    batch_size: int = 200
    progress: bool = False
    # Link event mentions with the optional MiniLM trigger embeddings as well (slower; needs
    # the model package, see storyline.events.embed). None: as the store was last linked.
    event_embeddings: bool | None = None
    # Follow links in input folders that lead out of them (off: a link to /etc/passwd in a
    # shared inbox is reported, not stored).
    follow_links: bool = False
    # Wait for another run writing the store to finish (off: stop at once, StoreBusy).
    wait: bool = True
    # What runs the per-article pass and the fact stages: "local" (this machine's processes)
    # or "ray" (Ray tasks; the `ray` extra). ray_address: the Ray cluster's (None: the
    # environment's RAY_ADDRESS, else Ray started on this machine with `workers` CPUs).
    engine: str = "local"
    ray_address: str | None = None


@dataclass(slots=True)
class RunSummary:
    run_id: int = 0
    inputs: int = 0
    files_unchanged: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_versions: int = 0
    changed: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    # Inputs that are an article already stored from another file: (this input, that file).
    same_as: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    counters: Counters = field(default_factory=Counters)
    seconds: float = 0.0
    status: str = "running"

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    def problem_counts(self) -> dict[str, int]:
        return dict(Counter(p.kind for p in self.problems))

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "inputs": self.inputs,
            "files_unchanged": self.files_unchanged,
            "documents": {
                "new": self.new,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "new_versions": self.new_versions,
            },
            "same_as": [{"input": a, "stored": b} for a, b in self.same_as],
            "problems": {"errors": self.errors, "warnings": self.warnings, **self.problem_counts()},
            "stages": self.counters.as_dict(),
            "seconds": round(self.seconds, 3),
        }


# `storyline run`'s exit code when paths were given and not one input could be read.
NOTHING_READ = 3


def nothing_read(summary: RunSummary) -> bool:
    """Whether a run of paths read no input: none found, or every one failed (a file
    unchanged since the last run counts as read)."""
    read = summary.new + summary.updated + summary.unchanged + summary.files_unchanged
    return read == 0 and summary.status == "finished"


@dataclass(frozen=True, slots=True)
class _Outcome:
    document: Document | None
    counters: Counters
    problems: list[Problem]
    path: str


# Worker-process state, set once per process by the pool's initializer.
_WORKER: dict[str, Any] = {}


def _init_worker(only: tuple[str, ...], read_options: ReadOptions) -> None:
    _WORKER["pipeline"] = build_pipeline(only)
    _WORKER["read_options"] = read_options


def _ingest_chunk(refs: list[SourceRef]) -> list[_Outcome]:
    pipeline: Pipeline = _WORKER["pipeline"]
    outcomes = []
    for ref in refs:
        counters = Counters()
        try:
            article = read_source(ref, _WORKER["read_options"])
        except InputError as err:
            counters["ingest"].dropped[err.kind] += 1
            problem = Problem(err.source, err.kind, err.reason, err.hint)
            outcomes.append(_Outcome(None, counters, [problem], ref.path))
            continue
        except Exception as err:  # noqa: BLE001 - a reader bug must not stop the run
            counters["ingest"].failed[type(err).__name__] += 1
            problem = Problem(
                ref.name,
                "reader-failure",
                f"could not be read: {type(err).__name__}: {err}",
                "please report this with the input file",
            )
            outcomes.append(_Outcome(None, counters, [problem], ref.path))
            continue
        counters["ingest"].passed += 1
        document, stage_counters, problems = pipeline.process_one(to_document(article))
        counters.merge(stage_counters)
        # The document's warnings: the reader's, and any a stage added (clean's length note).
        warnings = list(document.warnings if document is not None else article.warnings)
        outcomes.append(_Outcome(document, counters, warnings + problems, ref.path))
    return outcomes


def _refresh_chunk(documents: list[Document]) -> list[_Outcome]:
    pipeline: Pipeline = _WORKER["pipeline"]
    outcomes = []
    for document in documents:
        result, counters, problems = pipeline.process_one(document)
        outcomes.append(_Outcome(result, counters, problems, document.source))
    return outcomes


def run(
    paths: Iterable[str],
    store: Store,
    options: RunOptions = RunOptions(),
    *,
    on_progress: Callable[[int, float], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    refs: Sequence[SourceRef] = (),
    on_stage_progress: Callable[[str, int, int], None] | None = None,
) -> RunSummary:
    """Process ``paths`` into ``store``; with ``options.only``, re-run those stages on the store.
    ``refs`` are inputs read besides ``paths``: the pages a watch cycle fetched.

    The run holds the store's writer lock throughout (``Store.writing``): a second run on the
    same store waits for it (``on_wait`` is told whom for), or with ``options.wait`` off
    raises :class:`~storyline.store.lock.StoreBusy`."""
    with (
        store.writing(wait=options.wait, on_wait=on_wait),
        open_engine(options.engine, options.workers, address=options.ray_address) as engine,
    ):
        return _run(
            paths,
            store,
            options,
            engine,
            on_progress=on_progress,
            on_stage=on_stage,
            refs=refs,
            on_stage_progress=on_stage_progress,
        )


def _run(
    paths: Iterable[str],
    store: Store,
    options: RunOptions,
    engine: Engine,
    *,
    on_progress: Callable[[int, float], None] | None,
    on_stage: Callable[[str], None] | None,
    refs: Sequence[SourceRef] = (),
    on_stage_progress: Callable[[str, int, int], None] | None = None,
) -> RunSummary:
    started = time.monotonic()
    embeddings = _event_embeddings(store, options.event_embeddings)
    paths = list(paths)
    stage_plan = plan(options.only)
    summary = RunSummary()
    full = build_pipeline()
    current = signature(full)
    summary.run_id = store.begin_run(
        {
            "paths": paths,
            "only": list(options.only),
            "published": options.fallback_published,
            **({"fetched": len(refs)} if refs else {}),
        }
    )
    read_options = ReadOptions(options.max_bytes, options.fallback_published)
    initargs = (stage_plan.document_stages, read_options)
    try:
        if stage_plan.document_stages:
            stale: Iterator[Document] = store.iter_documents()
            _consume(
                engine.map(_refresh_chunk, stale, initializer=_init_worker, initargs=initargs),
                store,
                summary,
                options,
                _refresh_progress(on_stage_progress, store.count_documents()),
                started,
            )
        if paths or refs:
            files: dict[str, tuple[int, int]] = {}
            failed_files: set[str] = set()
            found = _fresh_refs(
                paths, store, current, summary, files, failed_files, options.follow_links
            )
            summary.inputs += len(refs)
            outcomes = engine.map(
                _ingest_chunk,
                itertools.chain(refs, found),
                initializer=_init_worker,
                initargs=((), read_options),
            )
            failed_files |= _consume(outcomes, store, summary, options, on_progress, started)
            store.mark_files(
                [(p, s, m) for p, (s, m) in files.items() if p not in failed_files], current
            )
        if not stage_plan.document_stages:
            outdated = store.iter_documents(stages_not=current)
            _consume(
                engine.map(_refresh_chunk, outdated, initializer=_init_worker, initargs=initargs),
                store,
                summary,
                options,
                _refresh_progress(on_stage_progress, store.count_documents(stages_not=current)),
                started,
            )
        _run_global_stages(
            store,
            summary,
            stage_plan.rebuild,
            options.workers,
            on_stage,
            event_embeddings=embeddings,
            on_stage_progress=on_stage_progress,
            engine=engine,
        )
        summary.status = "finished"
    except KeyboardInterrupt:
        summary.status = "interrupted"
        raise
    finally:
        summary.seconds = time.monotonic() - started
        store.add_problems(summary.run_id, summary.problems)
        store.finish_run(summary.run_id, summary.status, summary.as_dict())
    return summary


# The step the progress line shows while stored documents go through the per-document stages
# again (a new stage version, --only clean): "stage clean, language: stored documents 500/900".
REFRESH_STEP = f"{', '.join(s.name for s in DOCUMENT_STAGES)}: stored documents"


def _refresh_progress(
    on_stage_progress: Callable[[str, int, int], None] | None, total: int
) -> Callable[[int, float], None] | None:
    """The progress of re-running the per-document stages on ``total`` stored documents, as
    a step of its own (count, rate and ETA of documents: not the inputs' count)."""
    if on_stage_progress is None or not total:
        return None
    return lambda seen, _: on_stage_progress(REFRESH_STEP, seen, total)


def _event_embeddings(store: Store, asked: bool | None) -> bool:
    """Whether this run links events with embeddings: as asked, else as the store's stories
    were last linked. Checked before anything is read or reset: a missing model package
    stops the run with the line that installs it."""
    use = EventLinkStage.linked_with_embeddings(store) if asked is None else asked
    if use:
        from storyline.events import embed

        try:
            embed.model_dir()
        except embed.EmbeddingUnavailable as error:
            if asked is None:  # the store's mode, not the caller's: say how to leave it
                error.hint = f"{error.hint}; or run with --no-event-embeddings"
            raise
    return use


def _run_global_stages(
    store: Store,
    summary: RunSummary,
    rebuild: frozenset[str],
    workers: int | None = None,
    on_stage: Callable[[str], None] | None = None,
    *,
    event_embeddings: bool = False,
    on_stage_progress: Callable[[str, int, int], None] | None = None,
    engine: Engine | None = None,
) -> None:
    """Bring each global stage up to date, in registry order. A stage is rebuilt from scratch
    when asked (``--only`` names it or a stage upstream of it) or when the key its results
    were stamped with is not its key now (its version or an upstream version changed). The
    fact stages read their documents through ``engine`` (``None``: a local engine of
    ``workers`` processes).

    Every stage to rebuild is marked stale in the store before the first one starts, so a
    run interrupted between two of them still rebuilds the later ones next time: a former
    copy must not keep the story it inherited because the run stopped after dedup."""
    stages = global_stages()
    stale = [
        s.name
        for s in stages
        if s.name in rebuild or store.stage_state(s.name) != s.results_version
    ]
    with store.transaction():
        for name in stale:
            store.set_stage_state(name, "")
    for stage in stages:
        stage.workers = workers
        stage.progress = on_stage_progress
        if isinstance(stage, EventLinkStage):
            stage.embeddings = event_embeddings
        if isinstance(stage, FactStage):
            stage.engine = engine
    ahead = _ahead(stages, engine.workers if engine else workers or 1)
    if ahead is not None:
        if ahead.name in stale:  # its reset first, then its reading (a new store: all stale)
            ahead.reset(store)
        ahead.start_ahead(store, summary.superseded, lambda: Store(store.path, readonly=True))
    try:
        for stage in stages:
            if on_stage is not None:
                on_stage(stage.name)
            started = time.perf_counter()
            if stage.name in stale and stage is not ahead:
                stage.reset(store)
            stage.update(
                store, summary.changed, summary.superseded, summary.counters, summary.problems
            )
            summary.counters[stage.name].seconds += time.perf_counter() - started
            store.set_stage_state(stage.name, stage.results_version)
    finally:
        if ahead is not None:
            ahead.stop_ahead()


def _ahead(stages: list[GlobalStage], workers: int) -> FactStage[Any, Any] | None:
    """The fact stage to start ahead, on the workers, while the stages before it run here
    (``facts.py``): the first that reads only what the per-document pass wrote (entities:
    the text), and only with more than one worker (one runs in this process anyway)."""
    if workers < 2:
        return None
    info = registry().info
    for stage in stages:
        if isinstance(stage, FactStage) and all(
            info[name].kind == "document" for name in info[stage.name].inputs
        ):
            return stage
    return None


def _fresh_refs(
    paths: list[str],
    store: Store,
    current: str,
    summary: RunSummary,
    files: dict[str, tuple[int, int]],
    failed: set[str],
    follow_links: bool = False,
) -> Iterator[SourceRef]:
    """New or changed inputs; files whose reading found an error go into ``failed``."""

    def unchanged(path: str, size: int, mtime_ns: int) -> bool:
        return store.file_is_current(path, size, mtime_ns, current)

    for item in discover(paths, skip=unchanged, follow_links=follow_links):
        if isinstance(item, Unchanged):
            summary.files_unchanged += 1
            continue
        if isinstance(item, Problem):
            summary.problems.append(item)
            summary.counters["ingest"].dropped[item.kind] += 1
            if item.severity == "error":
                # An input that could not be read (a bad name, a FIFO, a damaged archive's
                # last record) is an input too: inputs = stored + errors (issue 19).
                summary.inputs += 1
                # A feed entry or archive record names itself "path:N"; the file is "path".
                failed.add(re.sub(r":\d+$", "", item.source))
            continue
        files[item.path] = (item.size, item.mtime_ns)
        summary.inputs += 1
        yield item


def _consume(
    outcomes: Iterable[_Outcome],
    store: Store,
    summary: RunSummary,
    options: RunOptions,
    on_progress: Callable[[int, float], None] | None,
    started: float,
) -> set[str]:
    """Save documents in batches; return the paths of inputs that had an error."""
    failed: set[str] = set()
    batch: list[Document] = []
    last_report = 0.0
    for seen, outcome in enumerate(outcomes, start=1):
        summary.counters.merge(outcome.counters)
        summary.problems.extend(outcome.problems)
        if any(p.severity == "error" for p in outcome.problems):
            failed.add(outcome.path)
        if outcome.document is not None:
            batch.append(outcome.document)
        if len(batch) >= options.batch_size:
            _save(store, batch, summary)
            batch = []
        if on_progress is not None and time.monotonic() - last_report > 0.5:
            last_report = time.monotonic()
            on_progress(seen, last_report - started)
    if batch:
        _save(store, batch, summary)
    return failed


def _save(store: Store, batch: list[Document], summary: RunSummary) -> None:
    result = store.save_documents(batch)
    summary.new += result.new
    summary.updated += result.updated
    summary.unchanged += result.unchanged
    summary.new_versions += result.new_versions
    summary.changed.extend(result.changed)
    summary.superseded.extend(result.superseded)
    summary.same_as.extend(result.same_as)


class ProgressLine:
    """``storyline run``'s progress on one rewritten stderr line: inputs done, rate, and an
    ETA when the number of inputs is known (:func:`count_inputs`); then the global stage
    being run, which on a large store is most of the time."""

    # Seconds between two redraws inside a stage (a step can report thousands of times).
    REDRAW = 0.2

    def __init__(self, total: int | None = None, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.width = 0
        self._stage_started = time.monotonic()
        self._step = ""
        self._drawn = 0.0

    def __call__(self, seen: int, seconds: float) -> None:
        rate = seen / seconds if seconds > 0 else 0.0
        text = f"{seen}/{self.total} inputs" if self.total else f"{seen} inputs"
        text += f", {rate:.0f}/s"
        if self.total and rate > 0 and seen < self.total:
            text += f", ETA {_duration((self.total - seen) / rate)}"
        self._show(text)

    def stage(self, name: str) -> None:
        self._show(f"stage {name}…")
        self._stage_started = time.monotonic()
        self._step, self._drawn = name, 0.0

    def stage_progress(self, name: str, done: int, total: int) -> None:
        """Inside a stage: done, rate and ETA. ``name`` is the stage (its documents), or
        ``"stage: step"`` for a step with units of its own (``stories: regrouping
        components``, ``event_links: linking stories``), timed from its first report."""
        now = time.monotonic()
        if name != self._step:
            self._step, self._stage_started, self._drawn = name, now, 0.0
        elif now - self._drawn < self.REDRAW and done < total:
            return
        self._drawn = now
        seconds = now - self._stage_started
        rate = done / seconds if seconds > 0 else 0.0
        stage, _, step = name.partition(": ")
        what = f"{step} {done}/{total}" if step else f"{done}/{total} documents"
        text = f"stage {stage}: {what}, {rate:.0f}/s"
        if rate > 0 and done < total:
            text += f", ETA {_duration((total - done) / rate)}"
        self._show(text)

    def done(self) -> None:
        """Erase the line, so the summary printed next starts clean."""
        if self.width:
            self.stream.write("\r" + " " * (self.width + 2) + "\r")
            self.stream.flush()
            self.width = 0

    def _show(self, text: str) -> None:
        padding = " " * max(0, self.width - len(text))
        self.width = len(text)
        self.stream.write(f"\r  {text}{padding}")
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


def count_inputs(paths: Iterable[str], store: Store, follow_links: bool = False) -> int:
    """How many inputs a run of ``paths`` will read (unchanged files left out): the total
    that gives the progress line its ETA. Costs a walk of the folders (and a pass over
    feeds and JSON Lines files) before the run, so it is done only when progress is shown."""
    current = signature(build_pipeline())

    def unchanged(path: str, size: int, mtime_ns: int) -> bool:
        return store.file_is_current(path, size, mtime_ns, current)

    found = discover(list(paths), skip=unchanged, follow_links=follow_links)
    return sum(1 for item in found if isinstance(item, SourceRef))
