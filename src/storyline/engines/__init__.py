"""Engines that run per-document work: on this machine's cores (``local``)."""

from storyline.engines.local import LocalEngine, default_workers

__all__ = ["LocalEngine", "default_workers"]
