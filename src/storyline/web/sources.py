"""The Sources view: what the watch follows and how each source is doing (issue 20).

``/sources`` lists every followed source with its health (status, last success, last
error, articles in the last day and week, a 30-day volume chart, next poll); ``/sources/N``
adds its latest fetches. ``/api/sources`` and ``/api/sources/N`` answer the same in JSON.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from storyline.store.followed import Health
from storyline.web.envelope import ERROR_RESPONSES, JSON, Envelope, ok
from storyline.web.errors import ApiError
from storyline.web.store import open_store

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

FETCHES_SHOWN = 50


def _status(health: Health) -> str:
    source = health.source
    if source.failures:
        return "failing"
    return "new" if source.last_poll_at is None else "ok"


def _record(health: Health) -> dict[str, Any]:
    return {
        **asdict(health.source),
        "status": _status(health),
        "articles_day": health.articles_day,
        "articles_week": health.articles_week,
        "fetches_day": health.fetches_day,
        "errors_day": health.errors_day,
        "bytes_day": health.bytes_day,
    }


_FETCH_FIELDS = ("at", "url", "purpose", "status", "bytes", "seconds", "error_kind", "error")


def _one(request: Request, source_id: int) -> tuple[Health, list[dict[str, Any]], list[Any]]:
    with open_store(request) as store:
        found = [h for h in store.followed.health() if h.source.id == source_id]
        if not found:
            raise ApiError(404, f"no followed source {source_id}", hint="see /sources")
        fetches = [
            dict(zip(_FETCH_FIELDS, row, strict=True))
            for row in store.followed.fetches(source_id, limit=FETCHES_SHOWN)
        ]
        volume = store.followed.daily_articles(source_id)
    return found[0], fetches, volume


@pages.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    from storyline.web.pages import render_page

    with open_store(request) as store:
        rows = [
            (h, _status(h), store.followed.daily_articles(h.source.id))
            for h in store.followed.health()
        ]
    return render_page("sources.html", request, rows=rows)


@pages.get("/sources/{source_id}", response_class=HTMLResponse)
def source_page(request: Request, source_id: int) -> HTMLResponse:
    from storyline.web.pages import render_page

    health, fetches, volume = _one(request, source_id)
    return render_page(
        "source.html", request, h=health, status=_status(health), fetches=fetches, volume=volume
    )


@api.get("/sources", response_model=Envelope, summary="Followed sources and their health")
def sources(request: Request) -> JSON:
    with open_store(request) as store:
        records = [_record(h) for h in store.followed.health()]
    return ok(records, total=len(records))


@api.get("/sources/{source_id}", response_model=Envelope, summary="One source and its fetches")
def source(request: Request, source_id: int) -> JSON:
    health, fetches, volume = _one(request, source_id)
    return ok({**_record(health), "fetches": fetches, "daily_articles": volume})
