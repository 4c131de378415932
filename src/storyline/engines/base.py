"""What every engine offers: an ordered, bounded ``map`` of a function over chunks of a stream.

The runner's per-document pass and the fact stages speak only this interface, so the same
run goes through ``local`` (this machine's processes) or ``ray`` (Ray tasks, on this machine
or a cluster) and stores the same results (``tests/unit/engines/test_same_export.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# The names ``storyline run --engine`` takes.
ENGINES = ("local", "ray")


class Engine(Protocol):
    """Runs ``function`` over chunks of ``items`` and yields its results in input order.

    ``function`` takes a chunk (a list of items) and returns one result per item; it and
    ``initargs`` must pickle (module-level functions). ``initializer(*initargs)`` runs once
    in each worker process before its first chunk (to load a model once, not per chunk).
    ``chunk_size`` (the engine's own when ``None``) is how many items a worker gets at a
    time. At most a few chunks per worker are in flight, so a stream of any length is
    mapped in bounded memory."""

    workers: int

    def map(
        self,
        function: Callable[[list[T]], list[R]],
        items: Iterable[T],
        *,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
        chunk_size: int | None = None,
    ) -> Iterator[R]: ...

    def close(self) -> None:
        """Release what the engine holds (the Ray connection it opened); idempotent."""


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
