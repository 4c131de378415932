"""Run a function over a stream as Ray tasks: on this machine, or across a Ray cluster.

The same ordered, bounded map as ``local.py`` (``base.Engine``), with Ray's scheduler in
place of a process pool, so ``storyline run --engine ray`` spreads the per-article pass and
the fact stages over every machine of a cluster:

- the stream is cut into partitions (chunks); each is one Ray task running
  ``function(chunk)`` in a Ray worker process, on whichever node has a free CPU;
- ``initializer(*initargs)`` runs once per worker process, before that process's first
  partition (a module-level mark keyed by the initializer and a digest of its arguments:
  Ray reuses its workers across tasks and across maps, so the entity tagger is loaded once
  per worker for the whole run, and a map with other arguments initialises again);
- at most ``_IN_FLIGHT_PER_CPU`` tasks per CPU of the cluster are submitted ahead, and
  results are yielded in input order, so memory stays bounded whatever the stream's length;
- a task that raised re-raises its own exception here (not Ray's wrapper), as the local
  engine's pool does;
- a worker whose Storyline is not the driver's (another version on a node; the package's
  files digested, code and tagger weights) refuses the task with :class:`RayCodeMismatch`,
  rather than store facts another version found.

Ray is imported only when the engine connects: without the ``ray`` extra, the error names
the ``pip install`` line. The engine connects to ``address`` (``--ray-address``, else the
environment's ``RAY_ADDRESS``): a running cluster (``auto``, ``host:6379`` from one of its
nodes, ``ray://host:10001`` through Ray Client from elsewhere); without one it starts Ray on
this machine with ``workers`` CPUs, and stops it when closed. Nothing is downloaded: no
dashboard, no usage statistics, no runtime environment. Input files are read by the
workers, so on a cluster they must be at the same path on every node (a shared mount);
articles from JSON Lines travel with their task. Results come back to the driver, which
alone writes the store.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import pickle
import socket
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import storyline
from storyline.engines.base import chunked
from storyline.engines.local import default_workers
from storyline.errors import MissingExtra, StorylineError

T = TypeVar("T")
R = TypeVar("R")

INSTALL = "pip install 'storyline[ray]'"

# Tasks submitted ahead per CPU of the cluster: enough that no worker waits while the driver
# stores the results in order, few enough to bound what is held in flight.
_IN_FLIGHT_PER_CPU = 4
# The object store of a Ray started here. A partition and its results are a few MB at
# most; Ray's default (30 % of the machine's memory, in /dev/shm) lets it grow to gigabytes.
_LOCAL_OBJECT_STORE_BYTES = 500_000_000
# How long the first look at a cluster's address may take before it is called unreachable.
_CONNECT_SECONDS = 10


class RayUnreachable(StorylineError):
    """``ray.init`` could not connect to the cluster at the given address."""


class RayCodeMismatch(StorylineError):
    """A Ray worker runs other Storyline files than the driver."""

    def __reduce__(self) -> tuple[Any, ...]:  # sent back from the worker: keep the hint
        return (_mismatch, (self.message, self.hint))


def _mismatch(message: str, hint: str | None) -> RayCodeMismatch:
    return RayCodeMismatch(message, hint=hint)


@dataclass(frozen=True, slots=True)
class _Job:
    """What every partition of one ``map`` shares: put in Ray's object store once."""

    function: Callable[[list[Any]], list[Any]]
    initializer: Callable[..., None] | None
    initargs: tuple[Any, ...]
    initializer_name: str
    key: str
    fingerprint: str  # the driver's code_fingerprint()


# In each Ray worker process: the key each initializer last ran with (see the docstring).
_READY: dict[str, str] = {}


def _run_partition(job: _Job, chunk: list[Any]) -> list[Any]:
    """The Ray task: one partition, after the map's initializer if this process needs it."""
    if code_fingerprint() != job.fingerprint:
        raise RayCodeMismatch(
            f"Storyline on Ray node {socket.gethostname()} is not the driver's: its files "
            f"differ ({code_fingerprint()[:12]} there, {job.fingerprint[:12]} here)",
            hint="install the same Storyline on every node of the cluster, then run again",
        )
    if job.initializer is not None and _READY.get(job.initializer_name) != job.key:
        job.initializer(*job.initargs)
        _READY[job.initializer_name] = job.key
    return job.function(chunk)


class RayEngine:
    """Ray-task engine; see the module docstring. Connects on the first ``map``."""

    def __init__(
        self,
        workers: int | None = None,
        *,
        chunk_size: int = 8,
        address: str | None = None,
    ) -> None:
        self.workers = workers or default_workers()
        self.chunk_size = chunk_size
        self.address = address or os.environ.get("RAY_ADDRESS") or None
        self._ray: ModuleType | None = None
        self._task: Any = None  # the remote function, made once connected
        self._started = False  # this engine started Ray here, and so stops it

    def connect(self) -> ModuleType:
        """Import Ray and connect (or start it on this machine); return the ``ray`` module.
        A Ray already initialised in this process (a test session's) is used as it is."""
        if self._ray is not None:
            return self._ray
        ray = _import_ray()
        if not ray.is_initialized():
            # Ray reports usage statistics over the network unless told not to; a run sends
            # nothing anywhere. Set before init: the processes Ray starts inherit it.
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            # A Ray started here protects itself with a token (~/.ray/auth_token) and says so
            # on every start; that notice is not the run's business.
            logging.getLogger("ray._private.authentication.authentication_token_setup").setLevel(
                logging.ERROR
            )
            quiet: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
            try:
                if self.address:
                    _check_reachable(self.address)
                    ray.init(address=self.address, **quiet)
                else:
                    ray.init(
                        num_cpus=self.workers,
                        object_store_memory=_LOCAL_OBJECT_STORE_BYTES,
                        include_dashboard=False,
                        **quiet,
                    )
            except (ConnectionError, OSError) as error:
                raise RayUnreachable(
                    f"could not connect to the Ray cluster at {self.address}: {error}",
                    hint="start it with `ray start --head`, or check --ray-address and "
                    "RAY_ADDRESS; a cluster started with a token (Ray's default) also needs "
                    "RAY_AUTH_MODE=token and its token in ~/.ray/auth_token here",
                ) from error
            self._started = True
        self._task = ray.remote(_run_partition)
        self._ray = ray
        return ray

    def map(
        self,
        function: Callable[[list[T]], list[R]],
        items: Iterable[T],
        *,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
        chunk_size: int | None = None,
    ) -> Iterator[R]:
        ray = self.connect()
        cpus = int(ray.cluster_resources().get("CPU", self.workers)) or self.workers
        window = max(2, cpus * _IN_FLIGHT_PER_CPU)
        name = _qualified_name(initializer)
        key = f"{name}:{_digest(initargs)}"
        job = ray.put(_Job(function, initializer, initargs, name, key, code_fingerprint()))
        pending: deque[Any] = deque()
        try:
            for chunk in chunked(items, chunk_size or self.chunk_size):
                pending.append(self._task.remote(job, chunk))
                if len(pending) >= window:
                    yield from self._result(pending.popleft())
            while pending:
                yield from self._result(pending.popleft())
        finally:
            # The caller stopped early, or a partition raised: drop the work still queued.
            for ref in pending:
                ray.cancel(ref)

    def _result(self, ref: Any) -> list[Any]:
        assert self._ray is not None
        try:
            result: list[Any] = self._ray.get(ref)
        except self._ray.exceptions.RayTaskError as error:
            # The partition's own exception, as the local engine raises it; ours as it is,
            # so that the command prints its one line.
            if isinstance(error.cause, StorylineError):
                raise error.cause from None
            raise error.as_instanceof_cause() from None
        return result

    def close(self) -> None:
        """Stop the Ray this engine started (a cluster it connected to keeps running)."""
        if self._ray is not None and self._started:
            self._ray.shutdown()
        self._ray = None
        self._task = None
        self._started = False


@cache
def code_fingerprint() -> str:
    """A digest of the files of the Storyline package this process runs (its code, the
    tagger's weights, the templates; not ``__pycache__``): equal on the driver and every
    worker when they run the same Storyline. Read once per process (~40 ms)."""
    root = Path(storyline.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def available() -> bool:
    """Whether the ``ray`` extra is installed (nothing is imported)."""
    return importlib.util.find_spec("ray") is not None


def _import_ray() -> ModuleType:
    try:
        import ray
    except ImportError as error:
        raise MissingExtra("the Ray engine (--engine ray)", "ray") from error
    return ray


def _check_reachable(address: str) -> None:
    """Fail in seconds on a ``host:port`` nothing listens on: Ray itself retries such an
    address for minutes. ``auto`` and other forms are left to Ray."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return
    with socket.create_connection((host.strip("[]"), int(port)), timeout=_CONNECT_SECONDS):
        pass


def _qualified_name(function: Callable[..., Any] | None) -> str:
    if function is None:
        return ""
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', function)}"


def _digest(initargs: tuple[Any, ...]) -> str:
    """Equal arguments give equal digests, so a worker initialised with them is not again."""
    try:
        return hashlib.sha256(pickle.dumps(initargs)).hexdigest()
    except (pickle.PicklingError, TypeError, AttributeError):
        return uuid.uuid4().hex  # unpicklable here: initialise once per worker per map
