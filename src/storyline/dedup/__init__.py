"""Duplicates: exact copies, near copies (MinHash LSH) and rewrites (aligned sentences)."""

from storyline.dedup.stage import DedupStage

__all__ = ["DedupStage"]
