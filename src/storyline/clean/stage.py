"""The clean stage: raw article text -> one clean title and body, with what was removed."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from storyline.clean.article import clean_article
from storyline.errors import EmptyInput
from storyline.model import Document
from storyline.pipeline import DocumentStage


class CleanStage(DocumentStage):
    name: ClassVar[str] = "clean"
    version: ClassVar[str] = "1"
    needs: ClassVar[frozenset[str]] = frozenset({"raw"})
    provides: ClassVar[frozenset[str]] = frozenset({"text", "title", "byline"})

    def process(self, document: Document) -> Document:
        cleaned = clean_article(document.raw_text, document.raw_title)
        if not cleaned.text.strip():
            raise EmptyInput(
                document.source,
                "no article text is left after cleaning",
                hint="check that the file holds an article body, not only boilerplate",
            )
        authors = document.authors or cleaned.authors
        outlet = document.outlet or cleaned.outlet
        return replace(
            document,
            title=cleaned.title,
            text=cleaned.text,
            offset_map=cleaned.offset_map,
            removals=cleaned.removals,
            dateline=cleaned.dateline,
            flags=cleaned.flags,
            authors=authors,
            outlet=outlet,
        )
