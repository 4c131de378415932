"""Stages and the pipeline that chains them.

A stage takes a stream of records and yields records (datatrove's ``PipelineStep.run``).
It declares what it ``needs`` and what it ``provides`` (spaCy's ``requires``/``assigns``);
:class:`Pipeline` checks the chain before the first document moves. Every stage counts what
it passed, dropped (with a reason) and failed on (with a reason): a bad document is counted
and reported, never fatal to the run and never silently dropped.

Per-document stages (:class:`DocumentStage`) are pure functions of one document, so the
engine can run them in worker processes; global stages (dedup, clustering) see the store.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

from storyline.errors import InputError, PipelineError
from storyline.model import Document, Problem

if TYPE_CHECKING:
    from storyline.store import Store


@dataclass(slots=True)
class StageCounts:
    passed: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    # Documents the stage did not read, by reason ("language fr": a language it does not
    # handle); they are not lost: stored, deduplicated and clustered as any other.
    skipped: Counter[str] = field(default_factory=Counter)
    # What the stage found, for the summary (e.g. "near pairs": 12).
    found: Counter[str] = field(default_factory=Counter)
    # Wall-clock seconds spent in the stage (summed over worker processes for per-document
    # stages, so it can exceed the run's duration).
    seconds: float = 0.0

    def merge(self, other: StageCounts) -> None:
        self.passed += other.passed
        self.seconds += other.seconds
        self.dropped.update(other.dropped)
        self.failed.update(other.failed)
        self.skipped.update(other.skipped)
        self.found.update(other.found)


@dataclass(slots=True)
class Counters:
    """Per-stage counts; picklable and mergeable so worker processes can report back."""

    stages: dict[str, StageCounts] = field(default_factory=dict)

    def __getitem__(self, stage: str) -> StageCounts:
        return self.stages.setdefault(stage, StageCounts())

    def merge(self, other: Counters) -> None:
        for name, counts in other.stages.items():
            self[name].merge(counts)

    def as_dict(self) -> dict[str, dict[str, object]]:
        return {
            name: {
                "passed": c.passed,
                "dropped": dict(c.dropped),
                "failed": dict(c.failed),
                "skipped": dict(c.skipped),
                "found": dict(c.found),
                "seconds": round(c.seconds, 3),
            }
            for name, c in self.stages.items()
        }


class Stage(ABC):
    """One step of the pipeline: a stream of documents in, a stream out."""

    name: ClassVar[str]
    version: ClassVar[str]
    needs: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()
    # The languages (ISO 639-1) whose documents the stage handles; None: every language.
    languages: ClassVar[frozenset[str] | None] = None

    @abstractmethod
    def run(
        self, documents: Iterable[Document], counters: Counters, problems: list[Problem]
    ) -> Iterator[Document]:
        """Yield the documents that go on; count and report the ones that do not."""


class DocumentStage(Stage):
    """A stage that looks at one document at a time; safe to run in worker processes.

    Subclasses implement :meth:`process`. Raising :class:`InputError` drops the document
    with that reason; any other exception is counted as a failure of this stage and the
    document is dropped with the exception named, so one bad article never stops a run.
    """

    # Whether the stage's version goes into the keys of the global stages that need what it
    # provides: true of a stage whose output is a field of the document (its language), not
    # a new version of its text, which the global stages update for anyway.
    keyed: ClassVar[bool] = False

    @abstractmethod
    def process(self, document: Document) -> Document:
        """Return the document with this stage's layer added."""

    def run(
        self, documents: Iterable[Document], counters: Counters, problems: list[Problem]
    ) -> Iterator[Document]:
        counts = counters[self.name]
        for document in documents:
            started = time.perf_counter()
            try:
                result = self.process(document)
            except InputError as err:
                counts.dropped[err.kind] += 1
                problems.append(
                    Problem(document.source, err.kind, err.reason, err.hint, severity="error")
                )
                continue
            except Exception as err:  # noqa: BLE001 - one bad document must not stop the run
                reason = type(err).__name__
                counts.failed[reason] += 1
                problems.append(
                    Problem(
                        document.source,
                        "stage-failure",
                        f"stage '{self.name}' failed: {reason}: {err}",
                        "please report this with the input file",
                    )
                )
                continue
            counts.passed += 1
            counts.seconds += time.perf_counter() - started
            stages = tuple(sorted({**dict(result.stages), self.name: self.version}.items()))
            yield replace(result, stages=stages)


class GlobalStage(ABC):
    """A stage over the whole store: duplicates, cross-document links, stories.

    It is given the ids of the documents that are new or changed in this run (and of those
    that a newer version replaced) and updates its results incrementally through the
    store's indexes, so its cost grows with the new documents, not with the store.
    """

    name: ClassVar[str]
    version: ClassVar[str]
    needs: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()
    # The languages (ISO 639-1) of the documents it reads; None: every language. A document
    # in another language is skipped, counted by reason (``storyline.language.policy``).
    languages: ClassVar[frozenset[str] | None] = None
    # Processes a stage may use for work it can spread (``None``: every core); the runner
    # sets it from ``--workers``.
    workers: int | None = None
    # The version of this stage's results: its own version and those of every stage it
    # needs, set by the registry (``storyline.stages``) before the stage runs. Results a stage
    # stores per document are stamped with it, so a change upstream makes them stale.
    key: str = ""
    # Told ``(stage, documents done, documents to do)`` as a stage that reads documents one
    # by one goes (the fact stages); the runner sets it for its progress line.
    progress: Callable[[str, int, int], None] | None = None

    @property
    def results_version(self) -> str:
        """What stored results are stamped with: the registry's key, else the version."""
        return self.key or self.version

    @abstractmethod
    def update(
        self,
        store: Store,
        changed: Sequence[str],
        removed: Sequence[str],
        counters: Counters,
        problems: list[Problem],
    ) -> None:
        """Bring this stage's results up to date for ``changed`` and ``removed`` documents."""

    @abstractmethod
    def reset(self, store: Store) -> None:
        """Forget every result of this stage (before a full re-run with ``--only``)."""


class Pipeline:
    """An ordered chain of stages, checked before it runs."""

    def __init__(self, stages: Sequence[Stage], *, available: Iterable[str] = ("raw",)) -> None:
        self.stages = tuple(stages)
        self.available = frozenset(available)
        self.check()

    def check(self) -> None:
        have = set(self.available)
        names: set[str] = set()
        for stage in self.stages:
            if stage.name in names:
                raise PipelineError(f"stage '{stage.name}' appears twice in the pipeline")
            names.add(stage.name)
            missing = stage.needs - have
            if missing:
                raise PipelineError(
                    f"stage '{stage.name}' needs {sorted(missing)}, "
                    "which no earlier stage provides",
                    hint="add the stages that provide them before it",
                )
            have |= stage.provides

    def run(
        self, documents: Iterable[Document], counters: Counters, problems: list[Problem]
    ) -> Iterator[Document]:
        stream: Iterable[Document] = documents
        for stage in self.stages:
            counters[stage.name]  # listed in pipeline order, whichever stage counts first
            stream = stage.run(stream, counters, problems)
        yield from stream

    def process_one(self, document: Document) -> tuple[Document | None, Counters, list[Problem]]:
        """Run every stage on one document (what a worker process does)."""
        counters = Counters()
        problems: list[Problem] = []
        results = list(self.run([document], counters, problems))
        return (results[0] if results else None), counters, problems

    def downstream_of(self, names: Iterable[str]) -> list[Stage]:
        """The named stages and every later stage that needs what they provide."""
        wanted = set(names)
        unknown = wanted - {s.name for s in self.stages}
        if unknown:
            known = ", ".join(s.name for s in self.stages)
            raise PipelineError(f"unknown stage(s) {sorted(unknown)}", hint=f"stages are: {known}")
        selected: list[Stage] = []
        changed: set[str] = set()
        for stage in self.stages:
            if stage.name in wanted or stage.needs & changed:
                selected.append(stage)
                changed |= stage.provides
        return selected
