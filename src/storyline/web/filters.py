"""The filters every listing shares (date range, outlet, entity, story, type), checked once.

They are parsed here rather than by FastAPI's date type so that a bad value gets one of our
messages (what was wrong, with which parameter, what to write instead) in the same envelope
as every other error, and so that the pages and the JSON API read them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyline.store.listing import DocumentFilter
from storyline.web.errors import ApiError

if TYPE_CHECKING:
    from storyline.store import Store

ENTITY_TYPES = ("person", "organization", "place")


@dataclass(frozen=True, slots=True)
class Filters:
    """Optional narrowing of a listing; ``start``/``end`` are inclusive publication days."""

    start: date | None = None
    end: date | None = None
    outlet: str | None = None
    entity: str | None = None
    story: str | None = None
    type: str | None = None
    swapped: bool = False  # 'from' was after 'to': the range is read the other way round

    @property
    def note(self) -> str | None:
        """What was made of the filters given, when it is not what they say."""
        if not self.swapped:
            return None
        return f"'from' was after 'to': read as {self.start} to {self.end}"

    @property
    def end_exclusive(self) -> str | None:
        """The day after ``end``: ``published`` may carry a time, so compare with ``<``."""
        return (self.end + timedelta(days=1)).isoformat() if self.end else None

    def query(self) -> dict[str, str]:
        """The filters as query parameters, for links that keep them (next page)."""
        pairs = {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "outlet": self.outlet,
            "entity": self.entity,
            "story": self.story,
            "type": self.type,
        }
        return {k: v for k, v in pairs.items() if v}


def parse_day(value: str | None, name: str) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ApiError(
            422,
            f"bad date {value!r} for '{name}'",
            hint="write the day as YYYY-MM-DD, e.g. 2025-03-12",
        ) from None


def parse_filters(
    start: str | None = None,
    end: str | None = None,
    outlet: str | None = None,
    entity: str | None = None,
    story: str | None = None,
    type_: str | None = None,
) -> Filters:
    first = parse_day(start, "from")
    last = parse_day(end, "to")
    # A range typed the wrong way round is read the right way round, and ``note`` says so:
    # what the person meant, and a query the schema allows is answered (issue 19).
    swapped = bool(first and last and first > last)
    if swapped:
        first, last = last, first
    if type_ and type_ not in ENTITY_TYPES:
        raise ApiError(
            422, f"unknown type {type_!r}", hint="use one of: " + ", ".join(ENTITY_TYPES)
        )
    return Filters(
        first, last, _blank(outlet), _blank(entity), _blank(story), _blank(type_), swapped
    )


def _blank(value: str | None) -> str | None:
    """An empty form field means no filter."""
    return value.strip() if value and value.strip() else None


def document_filter(store: Store, filters: Filters) -> DocumentFilter:
    """The store's filter for ``filters``, the entity and story ids resolved; an unknown
    entity or story raises the lookup's error."""
    from storyline.entities.report import find_entity

    return DocumentFilter(
        start=filters.start.isoformat() if filters.start else None,
        end_exclusive=filters.end_exclusive,
        outlet=filters.outlet,
        entity_id=find_entity(store, filters.entity) if filters.entity else None,
        story_id=store.stories.resolve(filters.story) if filters.story else None,
    )
