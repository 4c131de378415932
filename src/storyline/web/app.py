"""The web app: JSON API under ``/api``, server-rendered pages, static files from the package.

``create_app(db)`` checks the store once (a missing or foreign file fails at start, with the
command to make one, not at the first request), then answers every error in the form the
caller reads: the JSON envelope under ``/api``, an HTML page elsewhere.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import __version__
from storyline.errors import StorylineError
from storyline.store import Store
from storyline.web import api, apidocs, pages, sources
from storyline.web.envelope import error
from storyline.web.errors import ApiError, from_storyline
from storyline.web.guard import LOOPBACK, Guard

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("storyline.web")

# Scripts, styles and images from this server only: article text is shown to analysts, and
# even if some markup slipped through escaping, no inline or foreign script could run.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response (plain ASGI: no per-request cost of
    Starlette's ``BaseHTTPMiddleware``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(
    db: str | Path,
    *,
    allowed_hosts: Sequence[str] | None = LOOPBACK,
    token: str | None = None,
) -> FastAPI:
    """The app over the store in ``db`` (opened read-only per request). Requests must name
    one of ``allowed_hosts`` in their Host header (None: any) and, with a ``token``, carry it
    (``guard.py``)."""
    Store(db, readonly=True).close()  # fail now, with the hint, if it is not a store
    app = FastAPI(
        title="Storyline",
        version=__version__,
        description="Stories, articles, entities, quotes, events and full-text search over "
        "a Storyline store. Every answer is {data, meta}; every error is "
        "{error: {status, message, hint}}.",
        docs_url=None,  # /api/docs is apidocs.py: vendored Swagger UI, no CDN
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.db = str(db)
    app.include_router(apidocs.router)
    app.include_router(api.router)
    app.include_router(sources.api)
    app.include_router(pages.router)
    app.include_router(sources.pages)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(Guard, allowed_hosts=allowed_hosts, token=token)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, err: ApiError) -> Response:
        return _answer(request, err)

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, err: StorylineError) -> Response:
        return _answer(request, from_storyline(err))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, err: RequestValidationError) -> Response:
        return _answer(request, _validation(err))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> Response:
        message = "no such page" if err.status_code == 404 else str(err.detail)
        hint = "see /api/docs for the API, / for the pages" if err.status_code == 404 else None
        answer = _answer(request, ApiError(err.status_code, message, hint=hint))
        # A 405 says which methods the resource takes (RFC 9110 15.5.6).
        for name, value in (err.headers or {}).items():
            answer.headers[name] = value
        if err.status_code == 405 and "allow" in answer.headers:
            answer.headers["allow"] = _with_head(answer.headers["allow"])
        return answer

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _answer(
            request,
            ApiError(500, f"internal error: {type(err).__name__}", hint="see the server log"),
        )

    return app


def _with_head(allow: str) -> str:
    methods = [m.strip() for m in allow.split(",") if m.strip()]
    if "GET" in methods and "HEAD" not in methods:
        methods.insert(methods.index("GET") + 1, "HEAD")
    return ", ".join(methods)


def _validation(err: RequestValidationError) -> ApiError:
    """FastAPI's list of problems as one sentence naming the parameter and the rule."""
    parts = []
    for problem in err.errors():
        where = ".".join(str(p) for p in problem.get("loc", ()) if p != "query")
        parts.append(f"{where}: {problem.get('msg', 'invalid')}")
    return ApiError(422, "bad parameter: " + "; ".join(parts), hint="see /api/docs")


def _answer(request: Request, err: ApiError) -> Response:
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return error(err)
    return HTMLResponse(pages.error_page(request, err), status_code=err.status)
