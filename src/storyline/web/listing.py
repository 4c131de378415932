"""Listings for the web: the store's listings (``store.listing``) under the web's filters."""

from __future__ import annotations

from typing import Any

from storyline.entities.report import find_entity
from storyline.store import Store
from storyline.store.listing import DocumentRow, StoryCard
from storyline.web.filters import Filters, document_filter


def story_cards(
    store: Store, filters: Filters, *, limit: int, offset: int
) -> tuple[list[StoryCard], int]:
    """A page of stories and how many match in all."""
    return store.listing.story_cards(document_filter(store, filters), limit=limit, offset=offset)


def documents(
    store: Store, filters: Filters, *, limit: int, offset: int
) -> tuple[list[DocumentRow], int]:
    """Current documents, newest first, narrowed by ``filters``; and how many match."""
    return store.listing.documents(document_filter(store, filters), limit=limit, offset=offset)


def stats(store: Store) -> dict[str, Any]:
    """What the store holds: counts of each kind of record, the date range, the last run."""
    return store.listing.stats()


def outlets(store: Store) -> list[str]:
    """Every outlet in the store, for the filter menus."""
    return store.listing.outlets()


def count_quotes(store: Store, *, story: str | None, entity: str | None) -> int:
    """How many quotes ``quotes.report.list_quotes`` lists with these filters (no speaker)."""
    return store.listing.count_quotes(
        story_id=store.stories.resolve(story) if story is not None else None,
        entity_id=find_entity(store, entity) if entity is not None else None,
    )
