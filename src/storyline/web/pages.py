"""The pages an analyst opens: stories, a story, an article, an entity, search.

Server-rendered from Jinja2 templates with autoescaping on, so every value from the store
(titles, article text, quotes) is shown as text; the only markup built in Python is the
highlighted article body and the search snippets, both escaped before their tags are added.
The pages work without JavaScript; the vendored htmx only makes search update in place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from storyline import __version__
from storyline.entities.report import entity_detail, list_entities, role_label
from storyline.rules import explain
from storyline.store.cooccurrence import neighbour_pairs
from storyline.stories.history import says as history_says
from storyline.stories.report import story_detail
from storyline.stories.why import why_one
from storyline.web import coverage_chart, event_chart, listing, neighbour_graph, place_map
from storyline.web.article import article as load_article
from storyline.web.cards import leads
from storyline.web.errors import ApiError
from storyline.web.filters import ENTITY_TYPES, Filters, parse_filters
from storyline.web.highlight import Highlight, render
from storyline.web.people import co_occurring
from storyline.web.search import search as run_search
from storyline.web.sparkline import svg
from storyline.web.store import open_store
from storyline.web.timex_label import when

TEMPLATES = Path(__file__).parent / "templates"
PAGE_SIZE = 30

env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals["version"] = __version__
env.globals["sparkline"] = svg
env.globals["zip"] = zip
env.filters["short"] = lambda value: (value or "")[:10]
env.filters["when"] = when
# Only web addresses become links: an article's `url` field is input, and a `javascript:` or
# `data:` address there must not be one click from running (issue 19).
env.filters["web_url"] = lambda value: (
    value if isinstance(value, str) and value.lower().startswith(("http://", "https://")) else None
)
# A fact's rule string, part by part with what each looks for (the rule catalogue).
env.filters["rule_parts"] = explain
env.globals["history_says"] = history_says

router = APIRouter(include_in_schema=False)

PageOffset = Annotated[int, Query(ge=0, le=10_000_000)]


def _page(name: str, request: Request, **context: Any) -> HTMLResponse:
    template = env.get_template(name)
    return HTMLResponse(template.render(request=request, **context))


render_page = _page  # for the pages defined beside their data (web/sources.py)


def error_page(request: Request, err: ApiError) -> str:
    return env.get_template("error.html").render(request=request, error=err)


def _more(request: Request, filters: Filters, offset: int, **extra: Any) -> str:
    """The link to the next page, keeping the filters."""
    query = {**filters.query(), **{k: v for k, v in extra.items() if v}, "offset": offset}
    return f"{request.url.path}?{urlencode(query)}"


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    offset: PageOffset = 0,
    start: Annotated[str | None, Query(alias="from")] = None,
    end: Annotated[str | None, Query(alias="to")] = None,
    outlet: str | None = None,
    entity: str | None = None,
) -> HTMLResponse:
    filters = parse_filters(start, end, outlet, entity)
    with open_store(request) as store:
        cards, total = listing.story_cards(store, filters, limit=PAGE_SIZE, offset=offset)
        outlets = listing.outlets(store)
        card_leads = leads(store, cards)
    return _page(
        "stories.html",
        request,
        cards=cards,
        leads=card_leads,
        total=total,
        offset=offset,
        filters=filters,
        outlets=outlets,
        more=_more(request, filters, offset + PAGE_SIZE) if offset + PAGE_SIZE < total else None,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    with open_store(request) as store:
        detail = story_detail(store, story_id)
        cards, _ = listing.story_cards(store, Filters(story=detail.id), limit=1, offset=0)
    numbers = {a.id: i for i, a in enumerate(detail.articles, start=1)}
    coverage = coverage_chart.grid(coverage_chart.of_articles(detail.articles))
    placed, unplaced = place_map.locate(detail.of_type("place"))
    return _page(
        "story.html",
        request,
        story=detail,
        coverage=coverage,
        coverage_svg=coverage_chart.svg(coverage),
        events_svg=event_chart.svg(detail.events),
        map_svg=place_map.svg(placed),
        unplaced=unplaced,
        map_credit=place_map.CREDIT,
        card=cards[0] if cards else None,
        numbers=numbers,
        people=detail.of_type("person"),
        organisations=detail.of_type("organization"),
        places=detail.of_type("place"),
    )


@router.get("/stories/{story_id}/why", response_class=HTMLResponse)
def story_why_page(
    request: Request, story_id: str, a: Annotated[str, Query(min_length=1, max_length=200)]
) -> HTMLResponse:
    """Why one article is in the story: computed for this article only, on request (the
    story page links here from each article rather than explaining them all)."""
    with open_store(request) as store:
        answer = why_one(store, story_id, a)
        head = store.stories.head(answer.story_id)
        titles = {i: store.get_document(i).title for i in answer.articles}
    return _page(
        "why.html",
        request,
        why=answer,
        story_title=head.title if head else "",
        titles=titles,
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def article_page(request: Request, document_id: str) -> HTMLResponse:
    with open_store(request) as store:
        view = load_article(store, document_id)
        followed = store.followed.source_of(view.document.source_key)
    spans = [
        Highlight(
            q.start,
            q.end,
            "quote",
            f"q-{q.kind}",
            f"{q.kind} quote: {q.speaker or '?'}",
            anchor=f"q-{q.id}",
        )
        for q in view.quotes
        if q.field == "text"
    ]
    spans += [
        Highlight(
            e.start,
            e.end,
            "entity",
            f"e-{e.type}" + (" e-pronoun" if e.kind == "pronoun" else ""),
            f"{e.name} ({e.type}{', ' + e.role if e.role else ''})",
            href=f"/entities/{e.entity_id}",
        )
        for e in view.entities
    ]
    spans += [
        Highlight(
            t.start, t.end, "time", f"t-{t.type.lower()}", f"{t.type} {t.value or '(no value)'}"
        )
        for t in view.times
    ]
    people: dict[str, tuple[str, str, int]] = {}
    for e in view.entities:
        if e.kind == "name":
            name, kind, n = people.get(e.entity_id, (e.name, e.type, 0))
            people[e.entity_id] = (name, kind, n + 1)
    return _page(
        "article.html",
        request,
        view=view,
        doc=view.document,
        body=render(view.document.text, spans),
        named=sorted(people.items(), key=lambda item: (-item[1][2], item[1][0])),
        followed=followed,
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    offset: PageOffset = 0,
    type: str | None = None,
) -> HTMLResponse:
    filters = parse_filters(type_=type)
    with open_store(request) as store:
        rows = list_entities(store, type_=filters.type, limit=PAGE_SIZE + 1, offset=offset)
    return _page(
        "entities.html",
        request,
        rows=rows[:PAGE_SIZE],
        offset=offset,
        filters=filters,
        types=ENTITY_TYPES,
        more=_more(request, filters, offset + PAGE_SIZE) if len(rows) > PAGE_SIZE else None,
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    with open_store(request) as store:
        detail = entity_detail(store, entity_id)
        neighbours = co_occurring(store, detail.id)
        pairs = neighbour_pairs(store, detail.id, [n.id for n in neighbours])
    per_day: dict[str, int] = {}
    for doc in detail.documents:
        if doc.published:
            per_day[doc.published[:10]] = per_day.get(doc.published[:10], 0) + 1
    return _page(
        "entity.html",
        request,
        entity=detail,
        neighbours=neighbours,
        graph=neighbour_graph.svg(detail.name, detail.type, neighbours, pairs),
        coverage=sorted(per_day.items()),
        role_label=lambda r: role_label(
            {"title": r.title, "country": r.country, "organization": r.organization}
        ),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: PageOffset = 0,
    start: Annotated[str | None, Query(alias="from")] = None,
    end: Annotated[str | None, Query(alias="to")] = None,
    outlet: str | None = None,
    entity: str | None = None,
    story: str | None = None,
) -> HTMLResponse:
    filters = parse_filters(start, end, outlet, entity, story)
    hits: list[Any] = []
    total = 0
    problem: ApiError | None = None
    reading: str | None = None
    with open_store(request) as store:
        outlets = listing.outlets(store)
        if q.strip():
            try:
                found = run_search(store, q, filters, limit=PAGE_SIZE, offset=offset)
                hits, total, reading = found.hits, found.total, found.note
            except ApiError as err:
                problem = err  # shown beside the search box, not as an error page
    name = "search_results.html" if request.headers.get("hx-request") else "search.html"
    return _page(
        name,
        request,
        q=q,
        hits=hits,
        total=total,
        offset=offset,
        filters=filters,
        outlets=outlets,
        problem=problem,
        reading=reading,
        more=_more(request, filters, offset + PAGE_SIZE, q=q)
        if offset + PAGE_SIZE < total
        else None,
    )
