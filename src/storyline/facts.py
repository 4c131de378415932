"""Fact stages: global stages that read each document once (entities, quotes, events).

What they share lives here, once. A fact stage's work on a document is a pure function of
what it reads of it (its text, and the facts of earlier stages), so :class:`FactStage`:

1. forgets the results of documents that went stale: gone, replaced by a newer version, or
   read by another ``results_version`` (the registry's key: a change upstream re-reads);
2. finds the documents not read yet (``store.<family>.unread()``);
3. runs the stage's module-level function on each of them on every core, or every
   machine: through the run's engine (``--engine``: ``engines.local.LocalEngine`` or
   ``engines.ray.RayEngine``; ``worker_initializer`` loads a model once per worker);
4. writes the results in document order, ``batch`` documents per transaction, with each
   document's read mark, so an interrupted run resumes where it stopped;
5. skips the documents in a language the stage does not handle (``languages``: the English
   extractors declare ``{"en"}``): marked read with nothing found and counted by reason
   (``language fr``), so the run summary says what was not read and why;
6. counts passed and failed: a document whose function raised, or overran its time budget
   (``limits.DOCUMENT_SECONDS``, a ``too-slow`` problem), is reported as a problem
   naming the document, the stage and (when known) its rule or model, is not marked as
   read, and so is tried again by the next run; the run goes on.

The bookkeeping is the store family's (``storyline.store.ledger.ReadLedger``).

A fact stage that reads only what the per-document pass wrote (``entities``: the text) can
also run *ahead* (:meth:`FactStage.start_ahead`, issue 21: both cores busy): its function
starts on the workers while the stages before it (dedup, stories: single-process Python)
run in this process, its outcomes wait in a bounded queue (:data:`AHEAD_LIMIT` documents),
and at its turn the stage writes them as it would have. The same documents, the same
results, the same order; only the time they are computed moves.
"""

from __future__ import annotations

import queue
import signal
import threading
from abc import abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from storyline import limits
from storyline.engines.base import Engine
from storyline.engines.local import LocalEngine
from storyline.language.policy import handles, skip_reason
from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage, StageCounts

if TYPE_CHECKING:
    from storyline.store import Store
    from storyline.store.ledger import ReadLedger

J = TypeVar("J")  # what the function reads of one document
R = TypeVar("R")  # what it finds

# Outcomes a stage running ahead holds at most before its turn (then its workers wait): a
# few KB each for entities, so tens of MB, whatever the size of the run.
AHEAD_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class FactInput(Generic[J]):
    """One document's input, sent to a worker."""

    document_id: str
    source: str
    value: J


@dataclass(frozen=True, slots=True)
class FactOutcome(Generic[R]):
    """One document's result, or the error its function raised (``result`` is ``None``)."""

    document_id: str
    source: str
    result: R | None
    error: str = ""
    # The rule or model that raised, when the exception names it (a ``rule`` attribute).
    rule: str | None = None


class FactStage(GlobalStage, Generic[J, R]):
    """A global stage that reads each current document once; see the module docstring.

    A subclass names its store family (:meth:`ledger`), what it reads of a document
    (:meth:`inputs`), the pure function (:meth:`function`, module-level: it is sent to the
    workers) and how a batch of results is written (:meth:`write`).
    """

    # Documents written per transaction, and sent to a worker at a time (long enough to
    # amortise the pickling, short enough to keep every core busy to the end).
    batch: ClassVar[int] = 200
    chunk: ClassVar[int] = 16
    # The model or rule set the function runs, named in a failure's problem.
    producer: ClassVar[str | None] = None
    # What runs the function: the run's engine, set by the runner (None: a local engine of
    # ``workers`` processes).
    engine: Engine | None = None

    @abstractmethod
    def ledger(self, store: Store) -> ReadLedger:
        """The store family holding this stage's results and read marks."""

    @abstractmethod
    def inputs(self, store: Store, document_ids: Sequence[str]) -> Iterator[FactInput[J]]:
        """What the function reads of each document, in the order of ``document_ids``."""

    @abstractmethod
    def function(self) -> Callable[[J], R]:
        """The module-level function of one document's input."""

    @abstractmethod
    def write(self, store: Store, found: Sequence[tuple[str, R]], counts: StageCounts) -> None:
        """Store the results of a batch of documents (``(document id, result)`` in order),
        inside the batch's transaction; count what was found."""

    def worker_initializer(self) -> Callable[[], None] | None:
        """Run once in each worker before its first document (e.g. load a model)."""
        return None

    def forget(self, store: Store, document_ids: Sequence[str]) -> None:
        """Drop the results of stale documents (inside a transaction)."""
        self.ledger(store).forget(document_ids)

    def reset(self, store: Store) -> None:
        self.ledger(store).clear()

    def _pending(self, store: Store, removed: Sequence[str]) -> list[str]:
        """Forget the stale documents' results; the documents to read."""
        ledger = self.ledger(store)
        stale = sorted({*ledger.outdated(self.results_version), *removed})
        if stale:
            with store.transaction():
                self.forget(store, stale)
        return ledger.unread()

    def _split(self, store: Store, pending: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
        """The pending documents this stage reads, and those it skips with the reason: a
        language it does not handle (an unknown language is read, as English)."""
        if self.languages is None or not pending:
            return pending, []
        languages = self.ledger(store).languages(pending)
        read: list[str] = []
        skipped: list[tuple[str, str]] = []
        for document_id in pending:
            language = languages.get(document_id)
            if handles(self.languages, language):
                read.append(document_id)
            else:
                skipped.append((document_id, skip_reason(language)))
        return read, skipped

    def _skip(self, store: Store, skipped: list[tuple[str, str]], counts: StageCounts) -> None:
        """Mark the skipped documents read, with nothing found, and count them by reason."""
        if not skipped:
            return
        with store.transaction():
            self.ledger(store).mark_read([d for d, _ in skipped], self.results_version)
        for _, reason in skipped:
            counts.skipped[reason] += 1

    def _outcomes(self, store: Store, pending: list[str]) -> Iterator[FactOutcome[R]]:
        engine = self.engine or LocalEngine(self.workers)
        return engine.map(
            partial(_apply, self.function()),
            self.inputs(store, pending),
            initializer=self.worker_initializer(),
            chunk_size=self.chunk,
        )

    def start_ahead(
        self, store: Store, removed: Sequence[str], reader: Callable[[], Store]
    ) -> None:
        """Start reading the pending documents now, on the workers, from a connection of
        ``reader``'s (a read-only store: this one belongs to this thread); :meth:`update`
        writes what they found when the stage's turn comes."""
        pending, skipped = self._split(store, self._pending(store, removed))
        if pending:
            self._skipped: list[tuple[str, str]] = skipped
            self._ahead: _Ahead[R] | None = _Ahead(self, pending, reader)

    def stop_ahead(self) -> None:
        """Stop a read started ahead and not consumed (the run failed before its turn)."""
        ahead, self._ahead = getattr(self, "_ahead", None), None
        if ahead is not None:
            ahead.stop()

    def update(
        self,
        store: Store,
        changed: Sequence[str],
        removed: Sequence[str],
        counters: Counters,
        problems: list[Problem],
    ) -> None:
        counts = counters[self.name]
        ledger = self.ledger(store)
        version = self.results_version
        ahead, self._ahead = getattr(self, "_ahead", None), None
        skipped, self._skipped = getattr(self, "_skipped", []), []
        if ahead is not None:
            pending = ahead.pending
            outcomes: Iterator[FactOutcome[R]] = ahead.outcomes()
        else:  # (a start ahead that found nothing to read marked nothing: split again)
            pending, skipped = self._split(store, self._pending(store, removed))
        self._skip(store, skipped, counts)
        if ahead is None:
            if not pending:
                return
            outcomes = self._outcomes(store, pending)
        done = 0
        for _ in range(0, len(pending), self.batch):
            found: list[tuple[str, R]] = []
            with store.transaction():
                for outcome in islice(outcomes, self.batch):
                    if outcome.result is None:
                        counts.failed[outcome.error.split(":", 1)[0]] += 1
                        problems.append(self.failure(outcome))
                        continue
                    found.append((outcome.document_id, outcome.result))
                self.write(store, found, counts)
                ledger.mark_read([document_id for document_id, _ in found], version)
            counts.passed += len(found)
            done = min(len(pending), done + self.batch)
            if self.progress is not None:
                self.progress(self.name, done, len(pending))

    def failure(self, outcome: FactOutcome[R]) -> Problem:
        """The problem reported for a document the function raised on (retried next run)."""
        by = outcome.rule or self.producer
        if outcome.error.startswith(DocumentTimeout.__name__):
            return Problem(
                outcome.source,
                "too-slow",
                f"stage '{self.name}' gave up on document {outcome.document_id}: "
                f"{outcome.error.split(': ', 1)[-1]}",
                "it is tried again on the next run; if it keeps failing, split the article",
            )
        return Problem(
            outcome.source,
            "stage-failure",
            f"stage '{self.name}' failed on document {outcome.document_id}"
            f"{f' ({by})' if by else ''}: {outcome.error}",
            "it is tried again on the next run; please report this with the input file",
        )


class _Ahead(Generic[R]):
    """A fact stage's function running on the workers before the stage's turn: a thread
    feeds its inputs, read through a connection of its own, to the engine and queues the
    outcomes in order; :meth:`outcomes` hands them over, and raises what the thread raised."""

    def __init__(
        self, stage: FactStage[Any, R], pending: list[str], reader: Callable[[], Store]
    ) -> None:
        self.stage = stage
        self.pending = pending
        self.reader = reader
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=AHEAD_LIMIT)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._read, name=f"{stage.name}-ahead")
        self._thread.start()

    def _read(self) -> None:
        try:
            with self.reader() as store:
                outcomes = self.stage._outcomes(store, self.pending)
                try:
                    for outcome in outcomes:
                        if not self._put(("outcome", outcome)):
                            return
                finally:
                    close = getattr(outcomes, "close", None)
                    if close is not None:
                        close()  # a generator: its engine's pool stops with it
            self._put(("done", None))
        except BaseException as err:  # noqa: BLE001 - handed to the stage's turn, raised there
            self._put(("error", err))

    def _put(self, item: tuple[str, Any]) -> bool:
        while not self._stopped.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def outcomes(self) -> Iterator[FactOutcome[R]]:
        try:
            while True:
                kind, value = self._queue.get()
                if kind == "done":
                    return
                if kind == "error":
                    raise value
                yield value
        finally:
            self.stop()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()


class DocumentTimeout(Exception):
    """A document took longer than ``limits.DOCUMENT_SECONDS`` in one stage."""


@contextmanager
def _budget(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this thread after ``seconds`` (a real-time timer:
    only the main thread of a process can take the signal; elsewhere there is no budget)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocumentTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _apply(function: Callable[[J], R], inputs: list[FactInput[J]]) -> list[FactOutcome[R]]:
    """``function`` on each input of a chunk, each within ``DOCUMENT_SECONDS``; one that
    raises or overruns gives its error, and the others go on."""
    outcomes: list[FactOutcome[R]] = []
    for item in inputs:
        try:
            with _budget(limits.DOCUMENT_SECONDS):
                found = function(item.value)
            outcomes.append(FactOutcome(item.document_id, item.source, found))
        except Exception as err:  # noqa: BLE001 - one bad document must not stop the run
            rule = getattr(err, "rule", None)
            outcomes.append(
                FactOutcome(
                    item.document_id,
                    item.source,
                    None,
                    f"{type(err).__name__}: {err}",
                    str(rule) if rule is not None else None,
                )
            )
    return outcomes
