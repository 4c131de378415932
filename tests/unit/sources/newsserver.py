"""A small news site on 127.0.0.1 for the tests of the live sources: feeds and pages put in
by the test, conditional GET (ETag, Last-Modified), and faults injected per path.

Standard library only: a ``ThreadingHTTPServer`` in a daemon thread on an ephemeral port.
Use it as a context manager::

    with NewsServer() as site:
        site.put("/feed.xml", RSS, "application/rss+xml")
        site.fault("/down", "status", status=503, retry_after="120")
        ...fetch site.url("/feed.xml")...
        assert site.hits("/feed.xml") == 1

Nothing is ever logged, and an exception in a handler is answered with a 500 (recorded in
``errors``), never printed.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import socket
import struct
import sys
import threading
import time
import traceback
import zlib
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, ClassVar

__all__ = ["FAULT_KINDS", "Fault", "NewsServer", "Request", "Resource", "gzip_bytes"]

_MB = 1024 * 1024
_CHUNK = 64 * 1024
# Last-Modified of the n-th put: an hour after the previous one, from 2023-11-14T22:13:20Z.
_EPOCH = 1_700_000_000
_STEP = 3600

FAULT_KINDS = frozenset(
    {"status", "flaky", "slow", "redirect", "huge", "gzip-bomb", "drop", "wrong-type"}
)
# Per kind: the parameters it takes, with their defaults (_REQUIRED: no default).
_REQUIRED = object()
_FAULT_PARAMS: dict[str, dict[str, object]] = {
    "status": {"status": _REQUIRED, "retry_after": None, "body": b""},
    "flaky": {"failures": _REQUIRED, "status": 503, "retry_after": None},
    "slow": {"seconds": _REQUIRED},
    "redirect": {"to": _REQUIRED, "status": 302},
    "huge": {"megabytes": 50},
    "gzip-bomb": {"megabytes": 1000},
    "drop": {},
    "wrong-type": {"content_type": _REQUIRED},
}


def gzip_bytes(data: bytes) -> bytes:
    """``data`` gzip-compressed (a fixed mtime, so the same input gives the same bytes)."""
    return gzip.compress(data, mtime=0)


def _http_date(seconds: float) -> str:
    return formatdate(seconds, usegmt=True)


@dataclass(frozen=True)
class Request:
    """One request as received. ``path`` is the request target as sent (query included);
    ``headers`` has lower-cased names; ``at`` is ``time.monotonic()`` on arrival."""

    method: str
    path: str
    headers: dict[str, str]
    at: float


@dataclass(frozen=True)
class Resource:
    """What a path serves: the body and the headers of its 200 (or ``status``)."""

    body: bytes
    content_type: str
    headers: dict[str, str]
    status: int
    etag: str | None
    last_modified: str | None
    modified_at: int | None  # Last-Modified in epoch seconds


@dataclass
class Fault:
    """A fault injected at a path; ``params`` completed with the kind's defaults."""

    kind: str
    params: dict[str, Any]
    served: int = 0  # requests answered by the fault so far ("flaky" counts its failures)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    news: NewsServer

    def handle_error(self, request: object, client_address: object) -> None:
        # Never a traceback on stderr: a dropped client is no error; anything else is kept.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        self.news.errors.append(traceback.format_exc())


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "NewsServer/1"
    timeout = 10  # an idle keep-alive connection frees its thread after this
    server: _Server

    methods: ClassVar[frozenset[str]] = frozenset({"GET", "HEAD"})

    # -- plumbing ---------------------------------------------------------------------------

    def setup(self) -> None:
        super().setup()
        self.server.news._opened(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.news._closed(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_OPTIONS(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        news = self.server.news
        self._started = False
        news._record(
            Request(
                method=self.command,
                path=self.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                at=time.monotonic(),
            )
        )
        try:
            self._serve(news)
        except OSError:  # the client went away (broken pipe, reset, shut down at stop)
            self.close_connection = True
        except Exception:  # noqa: BLE001 - a test server answers 500 rather than crash or print
            news.errors.append(traceback.format_exc())
            self.close_connection = True
            if not self._started:
                with contextlib.suppress(OSError):
                    self._answer(500, b"internal error\n", "text/plain; charset=utf-8")

    def send_response(self, code: int, message: str | None = None) -> None:
        self._started = True
        super().send_response(code, message)

    def _answer(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status not in (204, 304):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD" and status not in (204, 304):
            self.wfile.write(body)

    # -- serving ----------------------------------------------------------------------------

    def _serve(self, news: NewsServer) -> None:
        if self.command not in self.methods:
            self._answer(405, b"", headers={"Allow": "GET, HEAD"})
            return
        path = self.path.split("?", 1)[0] if self.path.startswith("/") else self.path
        fault = news._fault_for(self.path, path)
        if fault is None:
            self._normal(news, self.path, path)
            return
        p = fault.params
        kind = fault.kind
        if kind == "status":
            self._answer(p["status"], p["body"], "text/html; charset=utf-8", _retry(p))
        elif kind == "flaky":
            with fault.lock:
                fault.served += 1
                failing = fault.served <= p["failures"]
            if failing:
                self._answer(p["status"], b"", "text/plain; charset=utf-8", _retry(p))
            else:
                self._normal(news, self.path, path)
        elif kind == "slow":
            if news._stopping.wait(p["seconds"]):
                self.close_connection = True
                return
            self._normal(news, self.path, path)
        elif kind == "redirect":
            self._answer(p["status"], b"", None, {"Location": p["to"]})
        elif kind == "huge":
            self._huge(news, p["megabytes"])
        elif kind == "gzip-bomb":
            bomb = news._gzip_bomb(p["megabytes"])
            self._answer(200, bomb, "text/html; charset=utf-8", {"Content-Encoding": "gzip"})
        elif kind == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        elif kind == "wrong-type":
            self._normal(news, self.path, path, content_type=p["content_type"])
        else:  # pragma: no cover - fault() validates the kind
            raise AssertionError(kind)

    def _normal(
        self, news: NewsServer, target: str, path: str, content_type: str | None = None
    ) -> None:
        res = news._resource_for(target, path)
        if res is None:
            self._answer(404, b"not found\n", "text/plain; charset=utf-8")
            return
        headers = dict(res.headers)
        if res.etag is not None:
            headers["ETag"] = res.etag
        if res.last_modified is not None:
            headers["Last-Modified"] = res.last_modified
        if res.status == 200 and self._not_modified(res):
            self._answer(304, b"", None, headers)
            return
        self._answer(res.status, res.body, content_type or res.content_type, headers)

    def _not_modified(self, res: Resource) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:  # RFC 9110: If-Modified-Since is ignored when this is present
            tags = {t.strip() for t in inm.split(",")}
            return res.etag is not None and (res.etag in tags or "*" in tags)
        ims = self.headers.get("If-Modified-Since")
        if ims is None or res.modified_at is None:
            return False
        try:
            since = parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return since >= res.modified_at

    def _huge(self, news: NewsServer, megabytes: int) -> None:
        total = megabytes * _MB
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(total))
        self.end_headers()
        if self.command == "HEAD":
            return
        filler = b"lorem ipsum dolor sit amet, the news goes on and on " * (_CHUNK // 52 + 1)
        chunk = (b"<p>" + filler)[:_CHUNK]
        sent = 0
        try:
            while sent < total and not news._stopping.is_set():
                piece = chunk[: total - sent]
                self.wfile.write(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass
        if sent < total:
            self.close_connection = True


def _retry(params: dict[str, Any]) -> dict[str, str]:
    retry_after = params.get("retry_after")
    return {} if retry_after is None else {"Retry-After": str(retry_after)}


class NewsServer:
    """A test HTTP server on 127.0.0.1 (see the module's docstring)."""

    def __init__(self) -> None:
        self.base = ""
        self.requests: list[Request] = []
        self.errors: list[str] = []  # tracebacks of handler exceptions (answered with 500)
        self._lock = threading.Lock()
        self._resources: dict[str, Resource] = {}
        self._faults: dict[str, Fault] = {}
        self._puts = 0
        self._bombs: dict[int, bytes] = {}
        self._bomb_lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> NewsServer:
        if self._server is not None:
            raise RuntimeError("NewsServer already started")
        self._stopping.clear()
        server = _Server(("127.0.0.1", 0), _Handler)
        server.news = self
        self._server = server
        self.base = f"http://127.0.0.1:{server.server_address[1]}"
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"NewsServer {self.base}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # wakes "slow" handlers, ends "huge" streams
        server.shutdown()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:  # keep-alive and streaming handlers see their socket close
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> NewsServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("NewsServer not started")
        return int(self._server.server_address[1])

    # -- the site ---------------------------------------------------------------------------

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base + _path(path)

    def put(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        *,
        headers: dict[str, str] | None = None,
        status: int = 200,
    ) -> None:
        """Serve ``body`` (a str is UTF-8 encoded) at ``path``. Each put gives the resource a
        new ETag (a hash of the body and the put's number, so it changes even for the same
        body) and a later Last-Modified. ``headers`` are sent as given (``Content-Encoding:
        gzip`` with a body the caller compressed, say); an ``ETag`` or ``Last-Modified`` among
        them replaces the generated one, and an empty value leaves that header out."""
        data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        extra = dict(headers or {})
        etag_given = _pop(extra, "etag")
        lm_given = _pop(extra, "last-modified")
        with self._lock:
            self._puts += 1
            number = self._puts
            digest = hashlib.sha256(number.to_bytes(8, "big") + data).hexdigest()[:20]
            etag: str | None = f'"{digest}"'
            modified_at: int | None = _EPOCH + number * _STEP
            last_modified: str | None = _http_date(_EPOCH + number * _STEP)
            if etag_given is not None:
                etag = etag_given or None
            if lm_given is not None:
                last_modified = lm_given or None
                try:
                    modified_at = int(parsedate_to_datetime(lm_given).timestamp())
                except (TypeError, ValueError, IndexError, OverflowError):
                    modified_at = None
            self._resources[_path(path)] = Resource(
                body=data,
                content_type=content_type,
                headers=extra,
                status=status,
                etag=etag,
                last_modified=last_modified,
                modified_at=modified_at,
            )

    def remove(self, path: str) -> None:
        """Stop serving ``path`` (404 from now on)."""
        with self._lock:
            self._resources.pop(_path(path), None)

    def resource(self, path: str) -> Resource | None:
        """What ``path`` serves now (its ETag and Last-Modified, say), or None."""
        with self._lock:
            return self._resources.get(_path(path))

    def fault(self, path: str, kind: str, **params: Any) -> None:
        """Answer requests for ``path`` with the fault ``kind`` until ``clear(path)``:

        - ``"status"`` (status, retry_after=None, body=b"")
        - ``"flaky"`` (failures, status=503, retry_after=None): the first ``failures``
          requests fail, then the put resource is served
        - ``"slow"`` (seconds): wait, then serve normally
        - ``"redirect"`` (to, status=302): ``Location: to``, verbatim
        - ``"huge"`` (megabytes=50): a 200 text/html of that size, streamed
        - ``"gzip-bomb"`` (megabytes=1000): ~1 MB of gzip inflating to that many MB of zeros
        - ``"drop"``: the connection is closed without an answer
        - ``"wrong-type"`` (content_type): the put resource under another Content-Type
        """
        if kind not in _FAULT_PARAMS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {sorted(FAULT_KINDS)}")
        spec = _FAULT_PARAMS[kind]
        unknown = set(params) - set(spec)
        if unknown:
            raise TypeError(f"fault {kind!r} takes no {sorted(unknown)}; it takes {sorted(spec)}")
        full: dict[str, Any] = {}
        for name, default in spec.items():
            if name in params:
                full[name] = params[name]
            elif default is _REQUIRED:
                raise TypeError(f"fault {kind!r} needs {name}=")
            else:
                full[name] = default
        if kind == "status" and isinstance(full["body"], str):
            full["body"] = full["body"].encode("utf-8")
        with self._lock:
            self._faults[_path(path)] = Fault(kind, full)

    def clear(self, path: str) -> None:
        """Remove the fault at ``path``: normal serving again."""
        with self._lock:
            self._faults.pop(_path(path), None)

    def hits(self, path: str) -> int:
        """How many requests targeted ``path`` (with or without a query string)."""
        want = _path(path)
        with self._lock:
            return sum(1 for r in self.requests if r.path == want or r.path.split("?")[0] == want)

    # -- for the handler --------------------------------------------------------------------

    def _record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def _opened(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.add(conn)

    def _closed(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.discard(conn)

    def _fault_for(self, target: str, path: str) -> Fault | None:
        with self._lock:
            return self._faults.get(target) or self._faults.get(path)

    def _resource_for(self, target: str, path: str) -> Resource | None:
        with self._lock:
            return self._resources.get(target) or self._resources.get(path)

    def _gzip_bomb(self, megabytes: int) -> bytes:
        """A gzip member inflating to ``megabytes`` MB of zeros, built once per size.

        Each MB of zeros is deflated and followed by a full flush, which resets the
        compressor, so every MB after the first compresses to the same bytes: one MB is
        compressed and its block repeated, then the CRC and length close the member (about
        1 KB per MB; 0.3 s for a GB, against 5 s to deflate the whole GB)."""
        with self._bomb_lock:
            cached = self._bombs.get(megabytes)
            if cached is not None:
                return cached
            zeros = bytes(_MB)
            deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
            first = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
            parts = [b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"]  # gzip header, mtime 0
            if megabytes > 0:
                block = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
                parts.append(first)
                parts.extend([block] * (megabytes - 1))
            parts.append(zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush())
            crc = 0
            for _ in range(megabytes):
                crc = zlib.crc32(zeros, crc)
            parts.append(struct.pack("<II", crc, (megabytes * _MB) & 0xFFFFFFFF))
            bomb = b"".join(parts)
            self._bombs[megabytes] = bomb
            return bomb


def _path(path: str) -> str:
    return path if path.startswith("/") else "/" + path


def _pop(headers: dict[str, str], name: str) -> str | None:
    for key in list(headers):
        if key.lower() == name:
            return headers.pop(key)
    return None
