"""The JSON API under ``/api``: thin routes over the read-back modules of each stage.

Every route opens the store read-only for the length of the request (the server never
writes), answers in the envelope of :mod:`storyline.web.envelope`, and turns a query the
store cannot answer into a 4xx (see :mod:`storyline.web.errors`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from storyline.entities.report import entity_detail, list_entities
from storyline.events.report import timeline
from storyline.quotes.report import list_quotes
from storyline.stories.report import story_detail
from storyline.stories.why import why_one, why_pair
from storyline.web import listing
from storyline.web.article import article, as_json
from storyline.web.envelope import ERROR_RESPONSES, JSON, Envelope, ok, page, plain
from storyline.web.filters import ENTITY_TYPES, parse_filters
from storyline.web.people import co_occurring
from storyline.web.search import search as run_search
from storyline.web.store import open_store

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

MAX_LIMIT = 200
MAX_OFFSET = 10_000_000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Records per page (1-200).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Records to skip.")]
# The schema says what the filters accept (issue 19: schemathesis's positive-data check),
# while filters.py keeps answering a bad value with its own message.
_DAY = {"format": "date"}
From = Annotated[
    str | None,
    Query(alias="from", description="First publication day, YYYY-MM-DD.", json_schema_extra=_DAY),
]
To = Annotated[
    str | None,
    Query(alias="to", description="Last publication day, YYYY-MM-DD.", json_schema_extra=_DAY),
]
Outlet = Annotated[str | None, Query(description="Only this outlet (exact name).")]
EntityFilter = Annotated[
    str | None,
    Query(min_length=1, description="Only articles naming this entity (id, name or alias)."),
]
StoryFilter = Annotated[
    str | None, Query(min_length=1, description="Only this story (id or unique prefix).")
]


@router.get("/stats", response_model=Envelope, summary="What the store holds")
def stats(request: Request) -> JSON:
    with open_store(request) as store:
        return ok(listing.stats(store))


@router.get("/stories", response_model=Envelope, summary="Stories, newest and biggest first")
def stories(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    start: From = None,
    end: To = None,
    outlet: Outlet = None,
    entity: EntityFilter = None,
) -> JSON:
    filters = parse_filters(start, end, outlet, entity)
    with open_store(request) as store:
        cards, total = listing.story_cards(store, filters, limit=limit, offset=offset)
    return page(
        cards, total=total, limit=limit, offset=offset, notes=(filters.note,), **filters.query()
    )


@router.get("/stories/{story_id}", response_model=Envelope, summary="One story in detail")
def story(request: Request, story_id: str) -> JSON:
    with open_store(request) as store:
        detail = story_detail(store, story_id)
        card = listing.story_cards(store, parse_filters(story=detail.id), limit=1, offset=0)[0]
    return ok(detail, coverage=[list(day) for day in card[0].per_day] if card else [])


@router.get(
    "/stories/{story_id}/why",
    response_model=Envelope,
    summary="Why articles are (or are not) in a story: shared names, words, figures, days",
)
def story_why(
    request: Request,
    story_id: str,
    a: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="An article (id or unique prefix; a copy is explained with its original).",
        ),
    ],
    b: Annotated[
        str | None,
        Query(
            max_length=200,
            description="A second article; without it, why ``a`` is in the story (with its "
            "closest fellow article) or why not (with the story's article closest to it).",
        ),
    ] = None,
) -> JSON:
    with open_store(request) as store:
        answer = why_pair(store, story_id, a, b) if b else why_one(store, story_id, a)
    return ok(answer)


@router.get("/documents", response_model=Envelope, summary="Articles, newest first")
def documents(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    start: From = None,
    end: To = None,
    outlet: Outlet = None,
    entity: EntityFilter = None,
    story: StoryFilter = None,
) -> JSON:
    filters = parse_filters(start, end, outlet, entity, story)
    with open_store(request) as store:
        rows, total = listing.documents(store, filters, limit=limit, offset=offset)
    return page(
        rows, total=total, limit=limit, offset=offset, notes=(filters.note,), **filters.query()
    )


@router.get(
    "/documents/{document_id}",
    response_model=Envelope,
    summary="One article: clean text, spans, removals, duplicates",
)
def document(request: Request, document_id: str) -> JSON:
    with open_store(request) as store:
        return ok(as_json(article(store, document_id)))


@router.get("/entities", response_model=Envelope, summary="People, organisations and places")
def entities(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    type: Annotated[
        str | None,
        Query(
            description="person, organization or place.",
            json_schema_extra={"enum": list(ENTITY_TYPES)},
        ),
    ] = None,
) -> JSON:
    filters = parse_filters(type_=type)
    with open_store(request) as store:
        rows = list_entities(store, type_=filters.type, limit=limit, offset=offset)
        total = store.entities.count_named(filters.type)
    return page(
        rows, total=int(total), limit=limit, offset=offset, notes=(filters.note,), **filters.query()
    )


@router.get("/entities/{entity_id}", response_model=Envelope, summary="One entity in detail")
def entity(request: Request, entity_id: str) -> JSON:
    with open_store(request) as store:
        detail = entity_detail(store, entity_id)
        neighbours = co_occurring(store, detail.id)
    return ok({**plain(detail), "co_occurring": neighbours})


@router.get("/quotes", response_model=Envelope, summary="Who said what, newest first")
def quotes(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    speaker: Annotated[str | None, Query(description="Speaker name, alias or surname.")] = None,
    story: StoryFilter = None,
    entity: Annotated[str | None, Query(description="Speaker entity (id or name).")] = None,
) -> JSON:
    with open_store(request) as store:
        rows = list_quotes(
            store, speaker=speaker, story=story, entity=entity, limit=limit, offset=offset
        )
        # The speaker filter matches words in Python (quotes.report): count the same way.
        total = (
            len(list_quotes(store, speaker=speaker, story=story, entity=entity, limit=10**9))
            if speaker
            else listing.count_quotes(store, story=story, entity=entity)
        )
    return page(
        rows,
        total=total,
        limit=limit,
        offset=offset,
        speaker=speaker,
        story=story,
        entity=entity,
    )


@router.get(
    "/events/timeline",
    response_model=Envelope,
    summary="Events of a story, an entity or the store, in date order, planned vs happened",
)
def events_timeline(
    request: Request,
    story: StoryFilter = None,
    entity: EntityFilter = None,
    include_all: Annotated[
        bool, Query(alias="all", description="Also hypothetical, negated, undated single.")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> JSON:
    with open_store(request) as store:
        events = timeline(store, story=story, entity=entity, include_all=include_all, limit=limit)
    return page(events, total=len(events), limit=limit, offset=0, story=story, entity=entity)


@router.get("/search", response_model=Envelope, summary="Full-text search (SQLite FTS5 syntax)")
def search(
    request: Request,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            description="FTS5 query; one FTS5 cannot parse is searched as its words "
            "(meta.note says so).",
        ),
    ],
    limit: Limit = 20,
    offset: Offset = 0,
    start: From = None,
    end: To = None,
    outlet: Outlet = None,
    entity: EntityFilter = None,
    story: StoryFilter = None,
) -> JSON:
    filters = parse_filters(start, end, outlet, entity, story)
    with open_store(request) as store:
        found = run_search(store, q, filters, limit=limit, offset=offset)
    records = [
        {
            "id": h.id,
            "title": h.title,
            "outlet": h.outlet,
            "published": h.published,
            "story_id": h.story_id,
            "duplicate_of": h.duplicate_of,
            "snippet": h.snippet,
            "snippet_html": str(h.snippet_html),
            "title_html": str(h.title_html),
            "rank": h.rank,
        }
        for h in found.hits
    ]
    return page(
        records,
        total=found.total,
        limit=limit,
        offset=offset,
        q=q,
        notes=(filters.note, found.note),
        **filters.query(),
    )
