"""Cleaning: one clean title and body per article, and a record of what was removed and why."""

from storyline.clean.article import Cleaned, clean_article
from storyline.clean.stage import CleanStage

__all__ = ["CleanStage", "Cleaned", "clean_article"]
