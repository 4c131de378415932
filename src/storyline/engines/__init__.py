"""Engines that run per-document work: on this machine's cores (``local``), or as Ray tasks
on this machine or a cluster (``ray``, the optional ``ray`` extra). One interface
(``base.Engine``); the runner and the fact stages take whichever ``--engine`` names."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from storyline.engines.base import ENGINES, Engine
from storyline.engines.local import LocalEngine, default_workers
from storyline.engines.ray import RayEngine
from storyline.errors import PipelineError


@contextmanager
def open_engine(
    name: str = "local", workers: int | None = None, *, address: str | None = None
) -> Iterator[Engine]:
    """The engine called ``name``, closed on leaving (a Ray it started is stopped).
    ``address`` is the Ray cluster's (else ``RAY_ADDRESS``, else Ray on this machine)."""
    engine: Engine
    if name == "local":
        engine = LocalEngine(workers)
    elif name == "ray":
        ray_engine = RayEngine(workers, address=address)
        ray_engine.connect()  # fail now, before the run reads or resets anything
        engine = ray_engine
    else:
        raise PipelineError(f"unknown engine {name!r}", hint=f"use one of: {', '.join(ENGINES)}")
    try:
        yield engine
    finally:
        engine.close()


__all__ = ["ENGINES", "Engine", "LocalEngine", "RayEngine", "default_workers", "open_engine"]
