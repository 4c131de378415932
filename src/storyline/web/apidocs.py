"""The API described for people: ``/api`` lists the endpoints, ``/api/docs`` is Swagger UI.

Swagger UI is vendored in ``static/`` (pinned, see ``static/README.md``) and started by a
script file of ours, so the page works offline and under the page's own content security
policy (``script-src 'self'``: FastAPI's ``get_swagger_ui_html`` inlines its start-up script
and loads the UI from a CDN, which that policy blocks, and which is not there offline).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from storyline.web.envelope import ok
from storyline.web.pages import render_page

SWAGGER_UI = "swagger-ui-5.35.0"
METHODS = ("get", "post", "put", "patch", "delete")

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One operation of the OpenAPI description, as ``/api`` lists it."""

    method: str
    path: str
    summary: str
    parameters: tuple[str, ...]


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    """Every operation of an OpenAPI description, in path order."""
    found = []
    for path, operations in sorted(schema.get("paths", {}).items()):
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            found.append(
                Endpoint(
                    method.upper(),
                    path,
                    str(operation.get("summary", "")),
                    tuple(str(p["name"]) for p in operation.get("parameters", ())),
                )
            )
    return found


def _wants_html(request: Request) -> bool:
    """A browser asks for text/html first; a client that names no type gets JSON."""
    accept = request.headers.get("accept", "")
    html, json = accept.find("text/html"), accept.find("application/json")
    return html >= 0 and (json < 0 or html < json)


@router.get("/api")
def api_index(request: Request) -> Response:
    """The endpoints: JSON in the API's envelope, or an HTML page for a browser."""
    listed = endpoints(request.app.openapi())
    if _wants_html(request):
        return render_page("api_index.html", request, endpoints=listed)
    return ok(listed, total=len(listed), docs="/api/docs", openapi="/openapi.json")


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    return render_page("api_docs.html", request, swagger_ui=SWAGGER_UI)
