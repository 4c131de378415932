"""The fetcher (sources/http.py) against a news site on 127.0.0.1: conditional GET, retries,
Retry-After, timeouts, redirects, size limits, gzip, robots.txt and per-host pacing.

Nothing here leaves the machine: every address is a ``NewsServer`` or a socket of this file
on 127.0.0.1, or a scheme that must be refused before any connection is made.
"""

from __future__ import annotations

import itertools
import random
import socket
import ssl
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from email.utils import formatdate

import httpx
import pytest
from newsserver import NewsServer, gzip_bytes

from storyline.sources import http as http_module
from storyline.sources.http import Fetcher, FetchError, HttpSettings, Response

MB = 1_000_000
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Quay</title>'
    "<item><title>Tide</title><link>https://quay.example/tide</link></item></channel></rss>"
)
PAGE = "<!DOCTYPE html><html><body><p>The harbour wall was repaired.</p></body></html>"


_TLS: list[ssl.SSLContext] = []


def loopback_transport() -> httpx.HTTPTransport:
    """httpx's transport, as the Fetcher makes it, but sharing one TLS context: building one
    (loading the CA bundle) is most of the time a test takes, and no test speaks TLS."""
    if not _TLS:
        _TLS.append(ssl.create_default_context())
    return httpx.HTTPTransport(verify=_TLS[0])


class Sleeps:
    """An injected ``sleep``: records each wait, and the moment it would end, instead of
    waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.until: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.until.append(time.monotonic() + seconds)


@pytest.fixture
def site() -> Iterator[NewsServer]:
    with NewsServer() as server:
        yield server


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


MakeFetcher = Callable[..., Fetcher]


@pytest.fixture
def fetcher_for(sleeps: Sleeps) -> Iterator[MakeFetcher]:
    """A Fetcher with test settings (no host delay, short backoff and timeout, robots off
    unless asked), recording its waits in ``sleeps``; closed at the end."""
    made: list[Fetcher] = []

    def make(
        *, sleep: Callable[[float], None] | None = None, transport: object = None, **changes: object
    ) -> Fetcher:
        base: dict[str, object] = {
            "host_delay": 0.0,
            "backoff": 0.01,
            "timeout": 0.5,
            "robots": False,
            "user_agent": "Storyline/test (news monitor)",
        }
        base.update(changes)
        fetcher = Fetcher(
            HttpSettings(**base),  # type: ignore[arg-type]
            sleep=sleeps if sleep is None else sleep,
            transport=transport or loopback_transport(),  # type: ignore[arg-type]
        )
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        fetcher.close()


def fetch_error(fetcher: Fetcher, url: str, **kwargs: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url, **kwargs)  # type: ignore[arg-type]
    return caught.value


# -- answers and conditional GET ------------------------------------------------------------


def test_200_then_304_with_the_validators_and_the_request_headers(
    site: NewsServer, fetcher_for: MakeFetcher
) -> None:
    site.put("/feed.xml", RSS, "application/rss+xml; charset=utf-8")
    fetcher = fetcher_for(contact="desk@storyline.example")
    first = fetcher.get(site.url("/feed.xml"), accept="application/rss+xml")
    resource = site.resource("/feed.xml")
    assert resource is not None
    assert (first.url, first.status, first.body, first.redirects) == (
        site.url("/feed.xml"),
        200,
        RSS.encode(),
        (),
    )
    assert first.content_type == "application/rss+xml"
    assert (first.etag, first.last_modified) == (resource.etag, resource.last_modified)
    assert not first.not_modified
    assert 0 < first.seconds < 1

    again = fetcher.get(site.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert (again.status, again.not_modified, again.body) == (304, True, b"")
    assert site.hits("/feed.xml") == 2

    sent_first, sent_again = site.requests
    assert sent_first.headers["user-agent"] == (
        "Storyline/test (news monitor) +desk@storyline.example"
    )
    assert sent_first.headers["accept-encoding"] == "gzip, deflate"
    assert sent_first.headers["accept"] == "application/rss+xml"
    assert "if-none-match" not in sent_first.headers
    assert sent_again.headers["if-none-match"] == resource.etag
    assert sent_again.headers["if-modified-since"] == resource.last_modified


def test_default_user_agent_names_storyline_without_a_contact(site: NewsServer) -> None:
    site.put("/", PAGE)
    settings = HttpSettings(robots=False, host_delay=0)
    with Fetcher(settings, transport=loopback_transport()) as fetcher:
        fetcher.get(site.url("/"))
    agent = site.requests[0].headers["user-agent"]
    assert agent == settings.user_agent
    assert agent.startswith("Storyline/")


def test_if_modified_since_alone_gives_304(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.put("/feed.xml", RSS, "application/rss+xml", headers={"ETag": ""})
    fetcher = fetcher_for()
    first = fetcher.get(site.url("/feed.xml"))
    assert first.etag is None
    again = fetcher.get(site.url("/feed.xml"), last_modified=first.last_modified)
    assert again.not_modified
    assert "if-none-match" not in site.requests[1].headers


def test_every_answer_goes_to_on_response(site: NewsServer, sleeps: Sleeps) -> None:
    seen: list[tuple[str, int, bytes]] = []
    site.put("/a", PAGE)
    site.fault("/old", "redirect", to="/a")
    settings = HttpSettings(host_delay=0, robots=False, retries=0)
    with Fetcher(
        settings,
        sleep=sleeps,
        on_response=lambda u, r, b: seen.append((u, r.status_code, b)),
        transport=loopback_transport(),
    ) as fetcher:
        fetcher.get(site.url("/old"))
        with pytest.raises(FetchError):
            fetcher.get(site.url("/gone"))
    assert seen == [
        (site.url("/old"), 302, b""),
        (site.url("/a"), 200, PAGE.encode()),
        (site.url("/gone"), 404, b"not found\n"),
    ]


# -- errors and retries ---------------------------------------------------------------------


@pytest.mark.parametrize(("status", "reason"), [(404, "Not Found"), (410, "Gone")])
def test_gone_is_not_retried(
    site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps, status: int, reason: str
) -> None:
    site.fault("/story", "status", status=status)
    err = fetch_error(fetcher_for(retries=3), site.url("/story"))
    assert (err.kind, err.status, err.retry_after) == (f"http-{status}", status, None)
    assert str(err) == f"{site.url('/story')}: answered {status} {reason}"
    assert err.url == site.url("/story")
    assert "gone" in err.hint
    assert site.hits("/story") == 1
    assert sleeps.waits == []


@pytest.mark.parametrize("status", [500, 503])
def test_flaky_server_is_retried_with_backoff(
    site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps, status: int
) -> None:
    site.put("/feed.xml", RSS, "application/rss+xml")
    site.fault("/feed.xml", "flaky", failures=2, status=status)
    answer = fetcher_for(retries=3).get(site.url("/feed.xml"))
    assert (answer.status, answer.body) == (200, RSS.encode())
    assert site.hits("/feed.xml") == 3
    # exponential backoff with jitter: backoff * 2**attempt, times 0.5 to 1
    assert len(sleeps.waits) == 2
    assert 0.005 <= sleeps.waits[0] <= 0.01
    assert 0.01 <= sleeps.waits[1] <= 0.02


def test_retries_run_out(site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps) -> None:
    site.put("/feed.xml", RSS, "application/rss+xml")
    site.fault("/feed.xml", "flaky", failures=2, status=500)
    err = fetch_error(fetcher_for(retries=1), site.url("/feed.xml"))
    assert (err.kind, err.status) == ("http-500", 500)
    assert str(err) == f"{site.url('/feed.xml')}: answered 500 Internal Server Error"
    assert site.hits("/feed.xml") == 2
    assert len(sleeps.waits) == 1


def test_backoff_is_capped_by_max_backoff(
    site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps
) -> None:
    site.fault("/down", "status", status=502)
    fetch_error(fetcher_for(retries=4, backoff=1.0, max_backoff=1.5), site.url("/down"))
    assert site.hits("/down") == 5
    assert len(sleeps.waits) == 4
    assert all(0.5 <= w <= 1.5 for w in sleeps.waits)
    assert all(w >= 0.75 for w in sleeps.waits[1:])  # ceilings 2, 4, 8 capped to 1.5


def test_429_waits_what_retry_after_asks(
    site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps
) -> None:
    site.put("/feed.xml", RSS, "application/rss+xml")
    site.fault("/feed.xml", "flaky", failures=1, status=429, retry_after="2")
    answer = fetcher_for(retries=3, max_backoff=60).get(site.url("/feed.xml"))
    assert answer.status == 200
    assert sleeps.waits == [2.0]
    assert site.hits("/feed.xml") == 2


def test_retry_after_longer_than_max_backoff_is_not_waited_for(
    site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps
) -> None:
    site.fault("/busy", "status", status=429, retry_after="120")
    err = fetch_error(fetcher_for(retries=3, max_backoff=60), site.url("/busy"))
    assert (err.kind, err.status, err.retry_after) == ("http-429", 429, 120.0)
    assert str(err) == f"{site.url('/busy')}: answered 429 Too Many Requests"
    assert "slow down" in err.hint
    assert site.hits("/busy") == 1
    assert sleeps.waits == []


def test_retry_after_as_an_http_date(
    site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps
) -> None:
    site.put("/feed.xml", RSS, "application/rss+xml")
    when = formatdate(time.time() + 30, usegmt=True)
    site.fault("/feed.xml", "flaky", failures=1, status=503, retry_after=when)
    fetcher_for(retries=1, max_backoff=60).get(site.url("/feed.xml"))
    [wait] = sleeps.waits
    assert 28.0 <= wait <= 30.0  # the date has whole seconds

    sleeps.waits.clear()
    past = formatdate(time.time() - 600, usegmt=True)
    site.fault("/late", "status", status=503, retry_after=past)
    err = fetch_error(fetcher_for(retries=1), site.url("/late"))
    assert err.retry_after == 0.0
    assert sleeps.waits == [0.0]
    assert site.hits("/late") == 2


def test_unreadable_retry_after_falls_back_to_backoff(
    site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps
) -> None:
    site.fault("/odd", "status", status=503, retry_after="soon")
    err = fetch_error(fetcher_for(retries=1), site.url("/odd"))
    assert err.retry_after is None
    [wait] = sleeps.waits
    assert 0.005 <= wait <= 0.01


def test_slow_answer_times_out(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.put("/slow", PAGE)
    site.fault("/slow", "slow", seconds=3)
    started = time.monotonic()
    err = fetch_error(fetcher_for(retries=0, timeout=0.3), site.url("/slow"))
    elapsed = time.monotonic() - started
    assert (err.kind, err.status) == ("timeout", None)
    assert str(err) == f"{site.url('/slow')}: no answer within 0.3 s (ReadTimeout)"
    assert 0.3 <= elapsed < 1.5
    assert 0.3 <= err.seconds < 1.5
    assert site.hits("/slow") == 1


def test_timeouts_are_retried(site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps) -> None:
    site.put("/slow", PAGE)
    site.fault("/slow", "slow", seconds=3)
    err = fetch_error(fetcher_for(retries=1, timeout=0.2), site.url("/slow"))
    assert err.kind == "timeout"
    assert site.hits("/slow") == 2
    assert len(sleeps.waits) == 1


def test_dropped_connection_is_a_network_error_and_retried(
    site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps
) -> None:
    site.fault("/drop", "drop")
    err = fetch_error(fetcher_for(retries=2), site.url("/drop"))
    assert (err.kind, err.status) == ("network", None)
    assert str(err).startswith(f"{site.url('/drop')}: could not be reached (RemoteProtocolError")
    assert site.hits("/drop") == 3
    assert len(sleeps.waits) == 2


def test_nothing_listening_is_a_network_error(fetcher_for: MakeFetcher) -> None:
    with socket.socket() as probe:  # a port just freed, on which nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed.xml"
    err = fetch_error(fetcher_for(retries=0), url)
    assert err.kind == "network"
    assert str(err).startswith(f"{url}: could not be reached (ConnectError")


# -- redirects and schemes ------------------------------------------------------------------


def test_redirect_chain_is_followed(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.put("/news/feed.xml", RSS, "application/rss+xml")
    site.fault("/rss", "redirect", to="/feeds/rss", status=301)
    site.fault("/feeds/rss", "redirect", to=site.url("/news/feed.xml"), status=308)
    answer = fetcher_for().get(site.url("/rss"))
    assert (answer.url, answer.status, answer.body) == (
        site.url("/news/feed.xml"),
        200,
        RSS.encode(),
    )
    assert answer.redirects == (site.url("/rss"), site.url("/feeds/rss"))
    assert [r.path for r in site.requests] == ["/rss", "/feeds/rss", "/news/feed.xml"]


def test_redirect_loop(site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps) -> None:
    site.fault("/a", "redirect", to="/b")
    site.fault("/b", "redirect", to="/a")
    err = fetch_error(fetcher_for(retries=3), site.url("/a"))
    assert err.kind == "redirect-loop"
    assert str(err) == (
        f"{site.url('/a')}: redirects in a loop "
        f"({site.url('/a')} -> {site.url('/b')} -> {site.url('/a')})"
    )
    assert (site.hits("/a"), site.hits("/b")) == (1, 1)
    assert sleeps.waits == []  # not retried


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml"])
def test_redirect_to_another_scheme_is_refused(
    site: NewsServer, fetcher_for: MakeFetcher, target: str
) -> None:
    site.fault("/feed", "redirect", to=target)
    err = fetch_error(fetcher_for(retries=3), site.url("/feed"))
    assert (err.kind, err.url) == ("scheme", target)
    assert str(err) == (
        f"{target}: is not an http or https address (redirected from {site.url('/feed')})"
    )
    assert site.hits("/feed") == 1


def test_at_most_max_redirects_are_followed(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.put("/end", PAGE)
    for n in range(3):
        site.fault(f"/hop{n}", "redirect", to=f"/hop{n + 1}")
    site.fault("/hop3", "redirect", to="/end")
    fetcher = fetcher_for(max_redirects=4)
    assert len(fetcher.get(site.url("/hop0")).redirects) == 4  # exactly the limit: followed

    err = fetch_error(fetcher_for(max_redirects=3), site.url("/hop0"))
    assert err.kind == "redirects"
    assert str(err) == f"{site.url('/hop0')}: more than 3 redirects"
    assert site.hits("/end") == 1  # only by the first fetcher


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://127.0.0.1/x",
        "data:text/html,<p>hi</p>",
        "/relative/path",
        "http:///no-host",
    ],
)
def test_only_http_and_https_are_fetched(
    fetcher_for: MakeFetcher, sleeps: Sleeps, url: str
) -> None:
    err = fetch_error(fetcher_for(retries=3, robots=True), url)
    assert (err.kind, err.url, err.status) == ("scheme", url, None)
    assert str(err) == f"{url}: is not an http or https address"
    assert sleeps.waits == []


# -- size limits and compression ------------------------------------------------------------


class CountingTransport(httpx.BaseTransport):
    """httpx's own transport, counting the body bytes read off the wire."""

    def __init__(self) -> None:
        self.inner = loopback_transport()
        self.read = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        answer = self.inner.handle_request(request)
        assert isinstance(answer.stream, httpx.SyncByteStream)
        raw: httpx.SyncByteStream = answer.stream
        counter = self

        class Counted(httpx.SyncByteStream):
            def __iter__(self) -> Iterator[bytes]:
                for chunk in raw:
                    counter.read += len(chunk)
                    yield chunk

            def close(self) -> None:
                raw.close()

        return httpx.Response(
            answer.status_code,
            headers=answer.headers,
            stream=Counted(),
            extensions=answer.extensions,
        )

    def close(self) -> None:
        self.inner.close()


def test_declared_huge_page_is_refused_unread(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.fault("/huge", "huge", megabytes=50)
    counting = CountingTransport()
    started = time.monotonic()
    err = fetch_error(fetcher_for(max_bytes=MB, transport=counting), site.url("/huge"))
    assert time.monotonic() - started < 2.0
    assert err.kind == "too-large"
    assert str(err) == (
        f"{site.url('/huge')}: declares 52.4 MB, more than the 1 MB a fetched page may have; "
        "not read further"
    )
    assert counting.read == 0
    assert site.hits("/huge") == 1  # not retried


def test_page_exactly_at_the_limit_is_read(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.put("/full", b"x" * 1000)
    assert len(fetcher_for(max_bytes=1000).get(site.url("/full")).body) == 1000
    err = fetch_error(fetcher_for(max_bytes=999), site.url("/full"))
    assert err.kind == "too-large"


def test_per_call_max_bytes_overrides_the_setting(
    site: NewsServer, fetcher_for: MakeFetcher
) -> None:
    site.put("/page", b"y" * 5000)
    fetcher = fetcher_for(max_bytes=1000)
    assert len(fetcher.get(site.url("/page"), max_bytes=10_000).body) == 5000


def test_compressed_body_larger_than_the_limit_stops_reading(
    site: NewsServer, fetcher_for: MakeFetcher
) -> None:
    # 4 MB that do not compress: the declared length is the compressed one, so only the
    # decoded bytes, counted as they are inflated, can stop it.
    noise = random.Random(20).randbytes(4 * MB)
    site.put("/noise", gzip_bytes(noise), headers={"Content-Encoding": "gzip"})
    counting = CountingTransport()
    err = fetch_error(fetcher_for(max_bytes=MB, transport=counting), site.url("/noise"))
    assert err.kind == "too-large"
    assert str(err) == (
        f"{site.url('/noise')}: is larger than the 1 MB a fetched page may have; not read further"
    )
    assert MB <= counting.read <= MB + 256 * 1024


@pytest.fixture
def endless() -> Iterator[tuple[str, list[int]]]:
    """A server on 127.0.0.1 answering every request with a chunked text/html body that never
    ends (no Content-Length); yields its URL and a list holding the bytes it sent."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()
    sent = [0]

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(65536)
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    b"Transfer-Encoding: chunked\r\n\r\n"
                )
                chunk = b"%x\r\n%s\r\n" % (16384, b"n" * 16384)
                try:
                    while not stop.is_set() and sent[0] < 200 * MB:
                        conn.sendall(chunk)
                        sent[0] += 16384
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/live", sent
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def test_undeclared_endless_body_stops_at_the_limit(
    endless: tuple[str, list[int]], fetcher_for: MakeFetcher
) -> None:
    url, sent = endless
    counting = CountingTransport()
    started = time.monotonic()
    err = fetch_error(fetcher_for(max_bytes=MB, retries=0, transport=counting), url)
    assert time.monotonic() - started < 2.0
    assert err.kind == "too-large"
    assert str(err).startswith(f"{url}: is larger than the 1 MB")
    assert MB < counting.read <= MB + 256 * 1024
    assert sent[0] < 50 * MB  # the server was stopped by the closed connection


def test_gzip_bomb_is_refused_quickly_and_in_little_memory(
    site: NewsServer, fetcher_for: MakeFetcher
) -> None:
    site.fault("/bomb", "gzip-bomb", megabytes=1000)
    tracemalloc.start()
    try:
        started = time.monotonic()
        err = fetch_error(fetcher_for(max_bytes=MB, timeout=5), site.url("/bomb"))
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.kind == "too-large"
    assert str(err).startswith(f"{site.url('/bomb')}: is larger than the 1 MB")
    assert elapsed < 5.0
    assert peak < 30 * MB  # the 1000 MB were never inflated
    assert site.hits("/bomb") == 1


@pytest.mark.parametrize("encoding", ["gzip", "x-gzip", "deflate"])
def test_compressed_page_is_decoded(
    site: NewsServer, fetcher_for: MakeFetcher, encoding: str
) -> None:
    import zlib

    page = (PAGE * 200).encode()
    body = zlib.compress(page) if encoding == "deflate" else gzip_bytes(page)
    site.put("/z", body, headers={"Content-Encoding": encoding})
    answer = fetcher_for().get(site.url("/z"))
    assert answer.body == page
    assert answer.headers["content-encoding"] == encoding


@pytest.mark.parametrize(
    "body", [b"this is not gzip at all", gzip_bytes(PAGE.encode() * 50)[:-300]]
)
def test_damaged_gzip_is_malformed(site: NewsServer, fetcher_for: MakeFetcher, body: bytes) -> None:
    site.put("/bad", body, headers={"Content-Encoding": "gzip"})
    err = fetch_error(fetcher_for(retries=2), site.url("/bad"))
    assert err.kind == "malformed"
    assert str(err).startswith(f"{site.url('/bad')}: sent a damaged gzip body (")
    assert site.hits("/bad") == 1


def test_unasked_encoding_is_refused(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.put("/br", b"\x1b\x00\x00", headers={"Content-Encoding": "br"})
    err = fetch_error(fetcher_for(), site.url("/br"))
    assert err.kind == "encoding"
    assert str(err) == (
        f"{site.url('/br')}: sent a body compressed as 'br', which Storyline did not ask for"
    )


# -- robots.txt -----------------------------------------------------------------------------


def test_robots_disallow(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /private\n", "text/plain")
    site.put("/private/x", PAGE)
    site.put("/public", PAGE)
    fetcher = fetcher_for(robots=True)
    err = fetch_error(fetcher, site.url("/private/x"))
    assert (err.kind, err.status) == ("robots", None)
    assert str(err) == (
        f"{site.url('/private/x')}: is disallowed by the site's robots.txt for Storyline"
    )
    assert site.hits("/private/x") == 0
    assert fetcher.get(site.url("/public")).status == 200
    assert fetcher.get(site.url("/public?page=2")).status == 200
    assert site.hits("/robots.txt") == 1  # once per host


def test_robots_rules_for_storyline_by_name(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.put(
        "/robots.txt",
        "User-agent: Storyline\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
        "text/plain",
    )
    site.put("/a", PAGE)
    err = fetch_error(fetcher_for(robots=True), site.url("/a"))
    assert err.kind == "robots"


def test_redirect_into_a_disallowed_path_is_refused(
    site: NewsServer, fetcher_for: MakeFetcher
) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /private\n", "text/plain")
    site.fault("/open", "redirect", to="/private/y")
    err = fetch_error(fetcher_for(robots=True), site.url("/open"))
    assert (err.kind, err.url) == ("robots", site.url("/private/y"))
    assert site.hits("/private/y") == 0


def test_missing_robots_allows_everything(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.put("/a", PAGE)
    fetcher = fetcher_for(robots=True)
    assert fetcher.get(site.url("/a")).status == 200
    assert fetcher.get(site.url("/a")).status == 200
    assert site.hits("/robots.txt") == 1
    assert [r.path for r in site.requests] == ["/robots.txt", "/a", "/a"]


@pytest.mark.parametrize("status", [500, 503, 429])
def test_unreadable_robots_disallows_everything(
    site: NewsServer, fetcher_for: MakeFetcher, status: int
) -> None:
    site.fault("/robots.txt", "status", status=status)
    site.put("/a", PAGE)
    fetcher = fetcher_for(robots=True, retries=2)
    err = fetch_error(fetcher, site.url("/a"))
    assert (err.kind, err.status) == ("robots", None)
    assert str(err).startswith(
        f"{site.url('/a')}: is not fetched: the site's robots.txt could not be read "
        f"(answered {status} "
    )
    fetch_error(fetcher, site.url("/a"))
    assert site.hits("/a") == 0
    assert site.hits("/robots.txt") == 1  # asked again only after ROBOTS_RETRY_SECONDS


def test_unreadable_robots_is_asked_again_later(
    site: NewsServer, fetcher_for: MakeFetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http_module, "ROBOTS_RETRY_SECONDS", 0)
    site.fault("/robots.txt", "status", status=503)
    site.put("/a", PAGE)
    fetcher = fetcher_for(robots=True)
    assert fetch_error(fetcher, site.url("/a")).kind == "robots"
    site.clear("/robots.txt")
    site.put("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    assert fetcher.get(site.url("/a")).status == 200
    assert site.hits("/robots.txt") == 2


def test_an_unreachable_robots_keeps_the_copy_read_before(
    site: NewsServer, fetcher_for: MakeFetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http_module, "ROBOTS_SECONDS", 0)  # every get asks robots.txt again
    site.put("/robots.txt", "User-agent: *\nDisallow: /private\n", "text/plain")
    site.put("/a", PAGE)
    fetcher = fetcher_for(robots=True)
    assert fetcher.get(site.url("/a")).status == 200
    site.fault("/robots.txt", "status", status=503)
    assert fetcher.get(site.url("/a")).status == 200  # RFC 9309 2.4: the cached copy
    assert fetch_error(fetcher, site.url("/private/z")).kind == "robots"
    assert site.hits("/robots.txt") == 2


def test_robots_that_redirects_is_followed(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.fault("/robots.txt", "redirect", to="/static/robots.txt", status=301)
    site.put("/static/robots.txt", "User-agent: *\nDisallow: /private\n", "text/plain")
    site.put("/a", PAGE)
    fetcher = fetcher_for(robots=True)
    assert fetcher.get(site.url("/a")).status == 200
    assert fetch_error(fetcher, site.url("/private/q")).kind == "robots"
    assert (site.hits("/robots.txt"), site.hits("/static/robots.txt")) == (1, 1)


def test_robots_is_fetched_once_per_host_across_threads(
    site: NewsServer, fetcher_for: MakeFetcher
) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow:\n", "text/plain")
    site.fault("/robots.txt", "slow", seconds=0.2)  # every thread asks while it is read
    for n in range(4):
        site.put(f"/p{n}", PAGE)
    fetcher = fetcher_for(robots=True, per_host=4)
    answers: list[Response] = []
    threads = [
        threading.Thread(target=lambda n=n: answers.append(fetcher.get(site.url(f"/p{n}"))))
        for n in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert sorted(a.url for a in answers) == [site.url(f"/p{n}") for n in range(4)]
    assert site.hits("/robots.txt") == 1


def test_crawl_delay_raises_the_host_delay(
    site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps
) -> None:
    site.put("/robots.txt", "User-agent: *\nCrawl-delay: 3\n", "text/plain")
    site.put("/a", PAGE)
    fetcher = fetcher_for(robots=True, host_delay=0.0)
    fetcher.get(site.url("/a"))
    assert sleeps.waits == []  # the robots.txt request booked no delay
    fetcher.get(site.url("/a"))
    [wait] = sleeps.waits
    assert 2.0 < wait <= 3.0  # 3 s after the first page's start


# -- pacing ---------------------------------------------------------------------------------


def test_requests_to_one_host_are_spaced(site: NewsServer, fetcher_for: MakeFetcher) -> None:
    site.put("/a", PAGE)
    fetcher = fetcher_for(host_delay=0.2, sleep=time.sleep)
    started = time.monotonic()
    for _ in range(3):
        fetcher.get(site.url("/a"))
    assert time.monotonic() - started >= 0.4
    arrivals = [r.at for r in site.requests]
    assert all(later - earlier >= 0.15 for earlier, later in itertools.pairwise(arrivals))


def test_pacing_waits_are_booked(
    site: NewsServer, fetcher_for: MakeFetcher, sleeps: Sleeps
) -> None:
    site.put("/a", PAGE)
    fetcher = fetcher_for(host_delay=0.2)
    for _ in range(3):
        fetcher.get(site.url("/a"))
    # The injected sleep does not wait, so each request books its start host_delay after the
    # one before; the waits themselves shrink by the time the requests took.
    assert len(sleeps.waits) == 2
    assert 0 < sleeps.waits[0] <= 0.2
    assert sleeps.until[1] - sleeps.until[0] == pytest.approx(0.2, abs=0.01)


def test_pacing_is_per_host(fetcher_for: MakeFetcher, sleeps: Sleeps) -> None:
    with NewsServer() as one, NewsServer() as two:
        one.put("/a", PAGE)
        two.put("/a", PAGE)
        fetcher = fetcher_for(host_delay=5.0)
        fetcher.get(one.url("/a"))
        fetcher.get(two.url("/a"))
        assert sleeps.waits == []
