"""The clean stage: raw article text -> one clean title and body, with what was removed."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from storyline.clean.article import clean_article
from storyline.clean.brief import empty_problem
from storyline.errors import EmptyInput
from storyline.ingest.dates import date_from_dateline
from storyline.limits import MAX_FACT_CHARS
from storyline.model import Document, Problem
from storyline.pipeline import DocumentStage

# Where a publication date may come from, best first: a dateline that names its year
# outranks only a date guessed from the file name or given on the command line.
_WEAKER_THAN_DATELINE = frozenset({None, "filename", "cli"})


class CleanStage(DocumentStage):
    name: ClassVar[str] = "clean"
    # 2: a dated dateline ("PARIS, March 11, 2025 (AFP) -") gives the publication date.
    # 3: a brief whose one sentence repeats its headline keeps the sentence as its body
    # instead of being skipped as empty (brief.py).
    version: ClassVar[str] = "3"
    needs: ClassVar[frozenset[str]] = frozenset({"raw"})
    provides: ClassVar[frozenset[str]] = frozenset({"text", "title", "byline"})

    def process(self, document: Document) -> Document:
        cleaned = clean_article(document.raw_text, document.raw_title)
        if not cleaned.text.strip():
            message, hint = empty_problem(cleaned.removals)
            raise EmptyInput(document.source, message, hint=hint)
        published, published_from = document.published, document.published_from
        if cleaned.dateline is not None and cleaned.dateline.date_text:
            dated = date_from_dateline(cleaned.dateline.date_text)
            if dated is not None and published_from in _WEAKER_THAN_DATELINE:
                published, published_from = dated, "dateline"
        authors = document.authors or cleaned.authors
        outlet = document.outlet or cleaned.outlet
        warnings = document.warnings
        if len(cleaned.text) > MAX_FACT_CHARS:
            warnings += (
                Problem(
                    document.source,
                    "too-long-for-facts",
                    f"its text is {len(cleaned.text):,} characters: it is stored and searchable "
                    f"whole, and entities, quotes and events are found in the first "
                    f"{MAX_FACT_CHARS:,}",
                    "split it into articles if it holds several",
                    severity="warning",
                ),
            )
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
            published=published,
            published_from=published_from,
            warnings=warnings,
        )
