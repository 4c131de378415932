"""Who may ask the web app, and how (issue 19): the Host header, a token, HEAD.

* **Host**: a page on the analyst's machine can be reached from a hostile web page through
  DNS rebinding (a name that resolves to 127.0.0.1); the browser then sends that name as the
  Host. Requests whose Host is not one the server answers to get 400.
* **Token**: served beyond loopback, anyone who can reach the address could read the store.
  With a token, a request needs ``Authorization: Bearer TOKEN`` or the cookie that ``/login``
  sets (a form, for browsers); others get 401. ``storyline serve`` refuses a non-loopback
  address without ``--token`` (or an explicit ``--no-auth``).
* **HEAD** is answered as GET without the body (HTTP says a server should; monitors and
  link checkers send it).

Plain ASGI, like ``SecurityHeaders``: no per-request cost of Starlette's
``BaseHTTPMiddleware``. Starlette's ``TrustedHostMiddleware`` reads ``[::1]:8000`` as the
host ``[``, so the host check is written here.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from html import escape
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK = ("127.0.0.1", "localhost", "::1")
COOKIE = "storyline_token"


def host_of(header: str) -> str:
    """The host of a Host header, without port or IPv6 brackets, lower-case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    def __init__(
        self, app: ASGIApp, *, allowed_hosts: Iterable[str] | None, token: str | None
    ) -> None:
        self.app = app
        self.hosts = None if allowed_hosts is None else {host_of(h) for h in allowed_hosts}
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if self.hosts is not None and host_of(headers.get("host", "")) not in self.hosts:
            await _plain(
                send,
                scope,
                400,
                "this server does not answer to that Host",
                "open it by the address it was started on",
            )
            return
        if self.token is not None:
            if scope["path"] == "/login":
                await self._login(scope, receive, send)
                return
            if not self._allowed(headers):
                await _plain(
                    send,
                    scope,
                    401,
                    "this server needs its token",
                    "send 'Authorization: Bearer TOKEN', or sign in at /login",
                )
                return
        if scope["method"] == "HEAD":
            await self.app(dict(scope, method="GET"), receive, _without_body(send))
            return
        await self.app(scope, receive, send)

    def _allowed(self, headers: dict[str, str]) -> bool:
        assert self.token is not None
        offered = ""
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            offered = authorization[7:].strip()
        elif "cookie" in headers:
            cookie = SimpleCookie()
            cookie.load(headers["cookie"])
            if COOKIE in cookie:
                offered = cookie[COOKIE].value
        return hmac.compare_digest(offered.encode(), self.token.encode())

    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.token is not None
        failed = False
        if scope["method"] == "POST":
            body = b""
            while True:
                message = await receive()
                body += message.get("body", b"")
                if not message.get("more_body") or len(body) > 4096:
                    break
            offered = parse_qs(body.decode("utf-8", "replace")).get("token", [""])[0]
            if hmac.compare_digest(offered.encode(), self.token.encode()):
                cookie = f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
                await send(
                    {
                        "type": "http.response.start",
                        "status": 303,
                        "headers": [
                            (b"location", b"/"),
                            (b"set-cookie", cookie.encode("latin-1")),
                            (b"content-length", b"0"),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
            failed = True
        page = (
            "<!doctype html><html lang=en><head><meta charset=utf-8><title>Storyline: sign in"
            "</title></head><body><h1>Storyline</h1>"
            + ("<p>That token is not this server's.</p>" if failed else "")
            + "<form method=post action=/login><label>Token <input name=token type=password "
            "autofocus></label> <button>Sign in</button></form></body></html>"
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 401 if failed else 200,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(page)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": page})


async def _plain(send: Send, scope: Scope, status: int, message: str, hint: str) -> None:
    """The refusal in the form the caller reads: the JSON envelope under /api, else HTML."""
    path = scope["path"]
    if path.startswith("/api") or path == "/openapi.json":
        body = json.dumps({"error": {"status": status, "message": message, "hint": hint}})
        kind = b"application/json"
    else:
        body = f"<!doctype html><title>{status}</title><p>{escape(message)} ({escape(hint)})</p>"
        kind = b"text/html; charset=utf-8"
    data = body.encode()
    headers = [(b"content-type", kind), (b"content-length", str(len(data)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="storyline"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else data})


def _without_body(send: Send) -> Send:
    async def head(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = dict(message, body=b"", more_body=message.get("more_body", False))
        await send(message)

    return head
