"""The Python API: what the CLI does, from a notebook.

``storyline.open(path_or_url)`` opens a store read-only (a SQLite file, or a
``postgresql://`` address) as a :class:`StoreView`, whose methods are the CLI's listings
with the CLI's and the web's filters, over the same read-back functions (``entities.report``,
``quotes.report``, ``events.report``, ``stories.report``, ``store.listing``, ``store.search``):
nothing here queries the store itself. Listings return :class:`~storyline.records.Records`
(a list of the same frozen records, with ``.to_pandas()`` and ``.to_arrow()``); one story
or entity returns its detail record.

``storyline.run(paths, db=...)`` reads articles into a store, with an optional ``progress``
callback that receives a :class:`RunProgress` (``runner.run``'s callbacks, as one record).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from storyline.errors import StorylineError
from storyline.records import Records
from storyline.runner import RunOptions, RunSummary
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.entities.report import EntityDetail, EntityRow
    from storyline.events.report import TimelineEvent
    from storyline.ingest.discover import SourceRef
    from storyline.model import Document
    from storyline.store.duplicates import DuplicateGroup
    from storyline.store.listing import DocumentFilter, StoryCard
    from storyline.store.quotes import QuoteRow
    from storyline.store.search import Match
    from storyline.store.sqlite import DocumentListing, StoredProblem
    from storyline.stories.report import StoryDetail
    from storyline.stories.why import Why

# "No limit" for the listings that take one (SQLite and PostgreSQL both read a 64-bit one).
ALL = 2**62
ENTITY_TYPES = ("person", "organization", "place")
Day = date | str | None


def open(path_or_url: str | Path) -> StoreView:
    """Open a store read-only: a SQLite file (``news.db``) or ``postgresql://...``."""
    return StoreView(path_or_url)


def _day(value: Day, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise StorylineError(
            f"bad date {value!r} for {name}", hint="write the day as YYYY-MM-DD, e.g. 2025-03-12"
        ) from None


class StoreView:
    """A store opened read-only. Use it in a ``with`` block, or call :meth:`close`."""

    def __init__(self, path_or_url: str | Path) -> None:
        self.store = Store(path_or_url, readonly=True)
        # Id prefixes are then looked up through the index (store/web: case_sensitive_like).
        self.store.case_sensitive_like()

    @property
    def path(self) -> str:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> StoreView:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        from storyline.store.postgres import shown

        return f"<storyline store {shown(self.path)}>"

    # Filters ------------------------------------------------------------------------------

    def _where(
        self,
        start: Day = None,
        end: Day = None,
        outlet: str | None = None,
        entity: str | None = None,
        story: str | None = None,
    ) -> DocumentFilter:
        """The listings' filter (``store.listing.DocumentFilter``), ids resolved as the CLI
        resolves them: an entity by id, name, alias or surname, a story by id or prefix."""
        from storyline.entities.report import find_entity
        from storyline.store.listing import DocumentFilter

        first, last = _day(start, "start"), _day(end, "end")
        return DocumentFilter(
            start=first.isoformat() if first else None,
            end_exclusive=(last + timedelta(days=1)).isoformat() if last else None,
            outlet=outlet,
            entity_id=find_entity(self.store, entity) if entity else None,
            story_id=self.store.stories.resolve(story) if story else None,
        )

    # Listings -----------------------------------------------------------------------------

    def documents(
        self,
        *,
        start: Day = None,
        end: Day = None,
        outlet: str | None = None,
        entity: str | None = None,
        story: str | None = None,
        all_versions: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> Records[DocumentListing]:
        """Documents, newest first (``storyline documents``), published from ``start`` to
        ``end`` (days, inclusive), of an outlet, naming an entity, in a story."""
        from storyline.store.sqlite import DocumentListing

        rows = self.store.list_documents(
            limit=limit or ALL,
            offset=offset,
            include_superseded=all_versions,
            where=self._where(start, end, outlet, entity, story),
        )
        return Records(rows, kind=DocumentListing)

    def document(self, id_or_prefix: str) -> Document:
        """One document (``storyline show``): clean text, metadata, what cleaning removed."""
        return self.store.get_document(id_or_prefix)

    def stories(
        self,
        *,
        start: Day = None,
        end: Day = None,
        outlet: str | None = None,
        entity: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Records[StoryCard]:
        """Stories, newest last article first, then largest (``storyline stories``): each
        with its articles, outlets and articles per day; ``total`` counts every match."""
        from storyline.store.listing import StoryCard

        cards, total = self.store.listing.story_cards(
            self._where(start, end, outlet, entity), limit=limit or ALL, offset=offset
        )
        return Records(cards, kind=StoryCard, total=total)

    def story(self, id_or_prefix: str) -> StoryDetail:
        """One story (``storyline story``): summary with sources, key entities, quotes by
        speaker, events, articles and their copies, history."""
        from storyline.stories.report import story_detail

        return story_detail(self.store, id_or_prefix)

    def why(self, story: str, article: str, other: str | None = None) -> Why:
        """Why ``article`` is (or is not) in ``story``, or why two articles are (or are not)
        together (``storyline story ID --why DOC [DOC2]``): shared names, words, figures."""
        from storyline.stories.why import why_one, why_pair

        if other is None:
            return why_one(self.store, story, article)
        return why_pair(self.store, story, article, other)

    def brief(self, story: str, format: str = "md") -> str:
        """A brief on one story, Markdown or HTML, to forward (``storyline report``)."""
        from storyline.stories.report import html_page, markdown, story_detail

        if format not in ("md", "html"):
            raise StorylineError(f"unknown brief format {format!r}", hint="use md or html")
        detail = story_detail(self.store, story)
        return markdown(detail) if format == "md" else html_page(detail)

    def entities(
        self, *, type: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Records[EntityRow]:
        """People, organisations and places, most named first (``storyline entities``)."""
        from storyline.entities.report import EntityRow, list_entities

        if type is not None and type not in ENTITY_TYPES:
            raise StorylineError(
                f"unknown entity type {type!r}", hint="use one of: " + ", ".join(ENTITY_TYPES)
            )
        rows = list_entities(self.store, type_=type, limit=limit or ALL, offset=offset)
        return Records(rows, kind=EntityRow, total=self.store.entities.count_named(type))

    def entity(self, name_or_id: str) -> EntityDetail:
        """One entity by id, name, alias or surname (``storyline entity``)."""
        from storyline.entities.report import entity_detail

        return entity_detail(self.store, name_or_id)

    def quotes(
        self,
        *,
        speaker: str | None = None,
        story: str | None = None,
        entity: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Records[QuoteRow]:
        """Who said what, newest first (``storyline quotes``)."""
        from storyline.quotes.report import QuoteRow, list_quotes

        rows = list_quotes(
            self.store,
            speaker=speaker,
            story=story,
            entity=entity,
            limit=limit or ALL,
            offset=offset,
        )
        return Records(rows, kind=QuoteRow)

    def events(
        self,
        *,
        story: str | None = None,
        entity: str | None = None,
        include_all: bool = True,
        limit: int | None = None,
    ) -> Records[TimelineEvent]:
        """Every event (of a story, of an entity), in date order: as :meth:`timeline`, but
        hypothetical, negated and undated single-mention events included by default."""
        return self.timeline(story=story, entity=entity, include_all=include_all, limit=limit)

    def timeline(
        self,
        *,
        story: str | None = None,
        entity: str | None = None,
        include_all: bool = False,
        limit: int | None = 200,
    ) -> Records[TimelineEvent]:
        """Events in date order with their status, place, participants and mentions
        (``storyline timeline``): of a story, of an entity, or of the whole store."""
        from storyline.events.report import TimelineEvent, timeline

        events = timeline(
            self.store, story=story, entity=entity, include_all=include_all, limit=limit or ALL
        )
        return Records(events, kind=TimelineEvent)

    def search(
        self,
        q: str,
        *,
        start: Day = None,
        end: Day = None,
        outlet: str | None = None,
        entity: str | None = None,
        story: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> Records[Match]:
        """Full-text search, best first (``storyline search``: FTS5 syntax; a query it cannot
        parse is searched as its words, and ``note`` says so). The matched words are in
        brackets in ``title_marked`` and ``snippet_marked``; ``total`` counts every match."""
        from storyline.store.search import Match

        where = self._where(start, end, outlet, entity, story)
        reading = self.store.search.reading(q)
        if reading.fts is None:
            return Records([], kind=Match, total=0, note=reading.message)
        found, total = self.store.search.matches(
            reading.fts, where, marks=("[", "]"), words=12, limit=limit, offset=offset
        )
        return Records(found, kind=Match, total=total, note=reading.message)

    def duplicates(self, *, limit: int | None = None, offset: int = 0) -> Records[DuplicateGroup]:
        """Duplicate groups, largest first (``storyline duplicates``)."""
        from storyline.store.duplicates import DuplicateGroup

        groups = self.store.duplicates.groups(limit=limit or ALL, offset=offset)
        return Records(groups, kind=DuplicateGroup)

    def problems(self, run: int | None = None) -> Records[StoredProblem]:
        """The inputs that had problems in a run (default: the latest), ``storyline problems``."""
        from storyline.store.sqlite import StoredProblem

        return Records(self.store.problems(run), kind=StoredProblem)

    def export(self, output: str | Path, format: str = "json") -> dict[str, int]:
        """``storyline export``: json, jsonl, csv, parquet or graphml to ``output`` (a file, or
        a folder for csv and parquet); how many records of each kind were written."""
        from storyline.export.formats import export

        return export(self.store, format, output)


# Running ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunProgress:
    """Where a run is: ``stage`` is ``"read"`` while inputs are read (``done`` inputs of
    ``total``, when counted; ``seconds`` since reading started), then each global stage by
    name (``done`` documents of ``total`` where the stage reads them one by one, else 0 of
    None as it starts; ``seconds`` since the run started)."""

    stage: str
    done: int
    total: int | None
    seconds: float


def run(
    paths: Iterable[str],
    store: Store | str | Path | None = None,
    options: RunOptions | None = None,
    *,
    db: str | Path | None = None,
    progress: Callable[[RunProgress], None] | None = None,
    on_progress: Callable[[int, float], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    refs: Sequence[SourceRef] = (),
    on_stage_progress: Callable[[str, int, int], None] | None = None,
) -> RunSummary:
    """Read ``paths`` (files, folders, globs) into a store and run every stage; return the
    summary. The store is ``db`` (a SQLite path or ``postgresql://`` address, opened and
    closed here), or an open :class:`~storyline.store.Store` given as ``store`` (the
    signature of ``storyline.runner.run``, kept). ``progress`` is told where the run is."""
    from storyline.runner import count_inputs
    from storyline.runner import run as run_store

    if isinstance(store, str | Path):
        store, db = None, store if db is None else db
    if (store is None) == (db is None):
        raise StorylineError(
            "give the store to write: db='news.db' (or an open Store)",
            hint="storyline.run(['articles/'], db='news.db')",
        )
    paths = list(paths)
    options = options if options is not None else RunOptions()
    opened = Store(db) if db is not None else None
    target = opened if opened is not None else store
    assert target is not None
    try:
        callbacks = _callbacks(
            progress,
            count_inputs(paths, target, options.follow_links) if progress and paths else None,
            on_progress,
            on_stage,
            on_stage_progress,
        )
        return run_store(paths, target, options, on_wait=on_wait, refs=refs, **callbacks)
    finally:
        if opened is not None:
            opened.close()


def _callbacks(
    progress: Callable[[RunProgress], None] | None,
    total: int | None,
    on_progress: Callable[[int, float], None] | None,
    on_stage: Callable[[str], None] | None,
    on_stage_progress: Callable[[str, int, int], None] | None,
) -> dict[str, Any]:
    """``runner.run``'s three callbacks, each also telling ``progress``."""
    if progress is None:
        return {
            "on_progress": on_progress,
            "on_stage": on_stage,
            "on_stage_progress": on_stage_progress,
        }
    import time

    started = time.monotonic()
    tell = progress

    def read(seen: int, seconds: float) -> None:
        tell(RunProgress("read", seen, total, seconds))
        if on_progress:
            on_progress(seen, seconds)

    def stage(name: str) -> None:
        tell(RunProgress(name, 0, None, time.monotonic() - started))
        if on_stage:
            on_stage(name)

    def stage_progress(name: str, done: int, of: int) -> None:
        tell(RunProgress(name, done, of, time.monotonic() - started))
        if on_stage_progress:
            on_stage_progress(name, done, of)

    return {"on_progress": read, "on_stage": stage, "on_stage_progress": stage_progress}
