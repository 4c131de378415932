"""An article's language: detected once per document (the ``language`` stage), stored with
it, and read by the stages that handle some languages only (``policy.handles``)."""

from storyline.language.detect import ENGLISH, UNKNOWN, LanguageGuess, detect_language
from storyline.language.policy import handles, language_name
from storyline.language.stage import LanguageStage

__all__ = [
    "ENGLISH",
    "UNKNOWN",
    "LanguageGuess",
    "LanguageStage",
    "detect_language",
    "handles",
    "language_name",
]
