"""The ``language`` stage: each document's language, after cleaning, in the worker processes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import ClassVar

from storyline.language.detect import ENGLISH, UNKNOWN, detect_language
from storyline.model import Document, Problem
from storyline.pipeline import Counters, DocumentStage

# The flags this stage sets (and clears again when it runs on a document anew).
UNKNOWN_FLAG = "language-unknown"
NOT_ENGLISH_FLAG = "not-english"
_FLAGS = frozenset({UNKNOWN_FLAG, NOT_ENGLISH_FLAG})
UNKNOWN_KIND = "language-unknown"


class LanguageStage(DocumentStage):
    name: ClassVar[str] = "language"
    version: ClassVar[str] = "1"
    needs: ClassVar[frozenset[str]] = frozenset({"text", "title"})
    provides: ClassVar[frozenset[str]] = frozenset({"language"})
    # The language is a field of the document, not a new version of its text: the stages
    # that read it have this stage's version in their keys (``stages.Registry``), so a new
    # detector re-reads what they found.
    keyed: ClassVar[bool] = True

    def run(
        self, documents: Iterable[Document], counters: Counters, problems: list[Problem]
    ) -> Iterator[Document]:
        """As every per-document stage, counting the documents of each language found."""
        found = counters[self.name].found
        for document in super().run(documents, counters, problems):
            found[document.language or UNKNOWN] += 1
            yield document

    def process(self, document: Document) -> Document:
        guess = detect_language(document.title, document.text)
        flags = tuple(flag for flag in document.flags if flag not in _FLAGS)
        warnings = tuple(w for w in document.warnings if w.kind != UNKNOWN_KIND)
        if guess.unknown:
            flags += (UNKNOWN_FLAG,)
            warnings += (
                Problem(
                    document.source,
                    UNKNOWN_KIND,
                    "its language could not be decided "
                    f"({'too few words' if guess.rule == 'too-few-words' else 'no sure reading'})"
                    ": it was processed as English",
                    "check its entities, quotes and events by hand if it is not in English",
                    severity="warning",
                ),
            )
        elif guess.code != ENGLISH:
            flags += (NOT_ENGLISH_FLAG,)
        return replace(document, language=guess.code, flags=flags, warnings=warnings)
