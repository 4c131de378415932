"""Which documents a stage reads, by language.

A stage declares the languages it handles (``languages``: ISO 639-1 codes; ``None``, the
default, is every language: dedup and stories compare any words). The extractors written
for English (``entities``, ``quotes``, ``events``) declare ``{"en"}``: they skip a document
in another language, counted by reason in the run summary (``language fr``), rather than
find a place in "Dienstag" or a death in "die". An article whose language could not be
decided (:data:`~storyline.language.detect.UNKNOWN`) is processed as English, and flagged.
A stage for another language is one more stage that declares it (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Collection

import pycld2

from storyline.language.detect import ENGLISH, UNKNOWN

# The tag a document whose language is not read by a stage has in that stage's counts.
SKIP_REASON = "language {code}"

_NAMES: dict[str, str] = {code: name.replace("_", " ").title() for name, code in pycld2.LANGUAGES}


def handles(languages: Collection[str] | None, code: str | None) -> bool:
    """Whether a stage declaring ``languages`` reads a document in ``code``: an unknown (or
    not yet detected) language is read as English."""
    if languages is None:
        return True
    return (code if code and code != UNKNOWN else ENGLISH) in languages


def skip_reason(code: str | None) -> str:
    return SKIP_REASON.format(code=code or UNKNOWN)


def language_name(code: str | None) -> str:
    """``fr`` -> ``French``; ``und`` (or nothing) -> ``unknown``."""
    if not code or code == UNKNOWN:
        return "unknown"
    return _NAMES.get(code, code)
