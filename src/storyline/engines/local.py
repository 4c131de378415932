"""Run a function over a stream on this machine's cores, in order, with bounded memory.

``ProcessPoolExecutor.map`` submits the whole input at once; for a stream of a million
articles that holds every task in memory. This engine keeps at most ``window`` chunks in
flight and yields results in input order.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from storyline.engines.base import chunked

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


class LocalEngine:
    """Process-pool engine. ``workers=1`` runs in this process (no pickling; for debugging)."""

    def __init__(self, workers: int | None = None, *, chunk_size: int = 8) -> None:
        self.workers = workers or default_workers()
        self.chunk_size = chunk_size

    def map(
        self,
        function: Callable[[list[T]], list[R]],
        items: Iterable[T],
        *,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
        chunk_size: int | None = None,
    ) -> Iterator[R]:
        chunks = chunked(items, chunk_size or self.chunk_size)
        if self.workers == 1:
            if initializer is not None:
                initializer(*initargs)
            for chunk in chunks:
                yield from function(chunk)
            return
        window = self.workers * 4
        with ProcessPoolExecutor(
            max_workers=self.workers,
            initializer=_worker_start,
            initargs=(os.getpid(), initializer, initargs),
        ) as pool:
            pending: deque[Future[list[R]]] = deque()
            for chunk in chunks:
                pending.append(pool.submit(function, chunk))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def close(self) -> None:
        """Nothing to release: each ``map`` shuts its own pool down."""


def _worker_start(
    parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    """A worker dies with the run that started it. Killed with SIGKILL, the run cannot stop
    its pool, and the workers would wait for work forever (issue 19 found them orphaned):
    on Linux the kernel sends them SIGKILL when their parent dies (``PR_SET_PDEATHSIG``).
    Strictly, when the thread that started them ends: ``map`` starts them from the thread
    that calls it, which outlives the pool."""
    _die_with_parent()
    if os.getppid() != parent:  # the run died before the request above was made
        os._exit(1)
    if initializer is not None:
        initializer(*initargs)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: workers end when their queue closes
        pass


_PR_SET_PDEATHSIG = 1
