"""The test news server itself: conditional GET, faults, the request log, a clean stop."""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

import httpx
import pytest
from newsserver import NewsServer, Request, gzip_bytes

MB = 1024 * 1024
RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Café</title></channel></rss>'


@pytest.fixture
def site() -> Iterator[NewsServer]:
    with NewsServer() as server:
        yield server


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=2.0, follow_redirects=False) as c:
        yield c


def test_put_serves_body_with_validators(site: NewsServer, client: httpx.Client) -> None:
    assert site.base.startswith("http://127.0.0.1:")
    assert site.url("feed.xml") == site.base + "/feed.xml"
    site.put("/feed.xml", RSS, "application/rss+xml; charset=utf-8", headers={"X-Feed": "1"})
    r = client.get(site.url("/feed.xml"))
    assert r.status_code == 200
    assert r.text == RSS
    assert r.content == RSS.encode("utf-8")
    assert r.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert r.headers["content-length"] == str(len(RSS.encode("utf-8")))
    assert r.headers["x-feed"] == "1"
    assert r.headers["etag"].startswith('"')
    parsedate_to_datetime(r.headers["last-modified"])


def test_conditional_get(site: NewsServer, client: httpx.Client) -> None:
    site.put("/feed.xml", RSS, "application/rss+xml")
    first = client.get(site.url("/feed.xml"))
    etag, modified = first.headers["etag"], first.headers["last-modified"]

    by_etag = client.get(site.url("/feed.xml"), headers={"If-None-Match": etag})
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag.headers["etag"] == etag
    by_date = client.get(site.url("/feed.xml"), headers={"If-Modified-Since": modified})
    assert by_date.status_code == 304
    assert by_date.content == b""
    stale = client.get(site.url("/feed.xml"), headers={"If-None-Match": '"other"'})
    assert stale.status_code == 200

    site.put("/feed.xml", RSS, "application/rss+xml")  # the same body: still a new version
    second = client.get(
        site.url("/feed.xml"), headers={"If-None-Match": etag, "If-Modified-Since": modified}
    )
    assert second.status_code == 200
    assert second.content == RSS.encode("utf-8")
    assert second.headers["etag"] != etag
    new_date = parsedate_to_datetime(second.headers["last-modified"])
    assert new_date > parsedate_to_datetime(modified)
    again = client.get(site.url("/feed.xml"), headers={"If-Modified-Since": modified})
    assert again.status_code == 200


def test_unknown_paths_robots_head_and_gzip(site: NewsServer, client: httpx.Client) -> None:
    assert client.get(site.url("/nothing")).status_code == 404
    assert client.get(site.url("/robots.txt")).status_code == 404
    site.put("/robots.txt", "User-agent: *\nDisallow: /private\n", "text/plain")
    robots = client.get(site.url("/robots.txt"))
    assert robots.status_code == 200
    assert "Disallow: /private" in robots.text

    head = client.head(site.url("/robots.txt"))
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == robots.headers["content-length"]
    assert head.headers["etag"] == robots.headers["etag"]

    page = b"<html><body>" + b"<p>news</p>" * 500 + b"</body></html>"
    site.put("/page.html", gzip_bytes(page), headers={"Content-Encoding": "gzip"})
    r = client.get(site.url("/page.html"))
    assert r.headers["content-encoding"] == "gzip"
    assert int(r.headers["content-length"]) < len(page)
    assert r.content == page  # httpx inflates

    site.put("/gone.html", "gone", status=410)
    assert client.get(site.url("/gone.html")).status_code == 410
    assert client.get(site.url("/page.html?utm=x")).status_code == 200
    assert site.hits("/page.html") == 2


def test_fault_status_and_clear(site: NewsServer, client: httpx.Client) -> None:
    site.put("/feed.xml", RSS)
    site.fault("/feed.xml", "status", status=429, retry_after="120")
    r = client.get(site.url("/feed.xml"))
    assert r.status_code == 429
    assert r.headers["retry-after"] == "120"
    site.fault("/feed.xml", "status", status=503, body=b"down")
    r = client.get(site.url("/feed.xml"))
    assert (r.status_code, r.content) == (503, b"down")
    assert "retry-after" not in r.headers
    site.fault("/missing", "status", status=410)
    assert client.get(site.url("/missing")).status_code == 410
    site.clear("/feed.xml")
    assert client.get(site.url("/feed.xml")).status_code == 200


def test_fault_flaky_recovers(site: NewsServer, client: httpx.Client) -> None:
    site.put("/feed.xml", RSS)
    site.fault("/feed.xml", "flaky", failures=2, retry_after="1")
    codes = [client.get(site.url("/feed.xml")).status_code for _ in range(4)]
    assert codes == [503, 503, 200, 200]
    site.fault("/other", "flaky", failures=1, status=500)
    site.put("/other", "ok")
    assert [client.get(site.url("/other")).status_code for _ in range(2)] == [500, 200]
    assert site.hits("/feed.xml") == 4


def test_fault_slow_times_out(site: NewsServer) -> None:
    site.put("/slow.html", "late")
    site.fault("/slow.html", "slow", seconds=0.5)
    with httpx.Client(timeout=0.2) as c, pytest.raises(httpx.ReadTimeout):
        c.get(site.url("/slow.html"))
    site.fault("/slow.html", "slow", seconds=0.05)
    with httpx.Client(timeout=2.0) as c:
        assert c.get(site.url("/slow.html")).text == "late"
    site.fault("/slow.html", "slow", seconds=30)  # stopping the server does not wait for it
    with httpx.Client(timeout=0.2) as c, pytest.raises(httpx.ReadTimeout):
        c.get(site.url("/slow.html"))


def test_fault_redirect(site: NewsServer, client: httpx.Client) -> None:
    site.put("/new", "here")
    site.fault("/old", "redirect", to="/new")
    r = client.get(site.url("/old"))
    assert (r.status_code, r.headers["location"]) == (302, "/new")
    for to in ("file:///etc/passwd", "ftp://127.0.0.1/feed.xml", site.url("/new")):
        site.fault("/old", "redirect", to=to, status=301)
        r = client.get(site.url("/old"))
        assert (r.status_code, r.headers["location"]) == (301, to)
    site.fault("/loop", "redirect", to="/loop")
    with pytest.raises(httpx.TooManyRedirects):
        client.get(site.url("/loop"), follow_redirects=True)


def test_fault_huge_streams(site: NewsServer, client: httpx.Client) -> None:
    site.fault("/huge.html", "huge")
    with client.stream("GET", site.url("/huge.html")) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/html")
        assert int(r.headers["content-length"]) == 50 * MB
        first = next(r.iter_raw(64 * 1024))
        assert first.startswith(b"<p>")
    # the server stops writing quietly once the client has gone
    site.fault("/small.html", "huge", megabytes=1)
    r2 = client.get(site.url("/small.html"))
    assert len(r2.content) == MB
    assert site.errors == []


def test_fault_gzip_bomb(site: NewsServer, client: httpx.Client) -> None:
    site.fault("/bomb.html", "gzip-bomb")
    with client.stream("GET", site.url("/bomb.html")) as r:
        assert r.headers["content-encoding"] == "gzip"
        assert r.headers["content-type"].startswith("text/html")
        size = int(r.headers["content-length"])
        raw = b"".join(r.iter_raw())
    assert len(raw) == size < 2 * MB
    assert raw[:2] == b"\x1f\x8b"
    site.fault("/small-bomb.html", "gzip-bomb", megabytes=8)
    with client.stream("GET", site.url("/small-bomb.html")) as r:
        small = b"".join(r.iter_raw())
    inflated = gzip.decompress(small)  # checks the CRC and the length too
    assert len(inflated) == 8 * MB
    assert inflated.count(0) == 8 * MB


def test_fault_drop_and_wrong_type(site: NewsServer, client: httpx.Client) -> None:
    site.put("/feed.xml", RSS, "application/rss+xml")
    site.fault("/feed.xml", "drop")
    with pytest.raises(httpx.TransportError):
        client.get(site.url("/feed.xml"))
    site.fault("/feed.xml", "wrong-type", content_type="image/png")
    r = client.get(site.url("/feed.xml"))
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"
    assert r.text == RSS


def test_fault_arguments_are_checked(site: NewsServer) -> None:
    with pytest.raises(ValueError, match="unknown fault kind"):
        site.fault("/x", "explode")
    with pytest.raises(TypeError, match="needs status"):
        site.fault("/x", "status")
    with pytest.raises(TypeError, match="takes no"):
        site.fault("/x", "drop", seconds=1)


def test_requests_are_recorded(site: NewsServer, client: httpx.Client) -> None:
    site.put("/a", "a")
    client.get(site.url("/a"), headers={"User-Agent": "storyline-test/1", "X-Probe": "yes"})
    client.head(site.url("/b?q=1"))
    assert [(r.method, r.path) for r in site.requests] == [("GET", "/a"), ("HEAD", "/b?q=1")]
    first = site.requests[0]
    assert isinstance(first, Request)
    assert first.headers["user-agent"] == "storyline-test/1"
    assert first.headers["x-probe"] == "yes"
    assert all(k == k.lower() for k in first.headers)
    assert first.at <= site.requests[1].at <= time.monotonic()
    assert (site.hits("/a"), site.hits("/b"), site.hits("/c")) == (1, 1, 0)


def test_handler_error_is_a_quiet_500(
    site: NewsServer, client: httpx.Client, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(target: str, path: str) -> None:
        raise RuntimeError("boom")

    site._resource_for = broken  # type: ignore[method-assign]
    assert client.get(site.url("/a")).status_code == 500
    assert len(site.errors) == 1
    assert "boom" in site.errors[0]
    assert capfd.readouterr().err == ""


def test_stops_cleanly() -> None:
    with NewsServer() as site:
        port = site.port
        site.put("/a", "a")
        site.fault("/slow", "slow", seconds=30)
        with httpx.Client(timeout=2.0) as c:
            assert c.get(site.url("/a")).status_code == 200  # a keep-alive connection stays
            with httpx.Client(timeout=0.1) as impatient, pytest.raises(httpx.ReadTimeout):
                impatient.get(site.url("/slow"))
            started = time.monotonic()
    assert time.monotonic() - started < 1.0
    with socket.socket() as s, pytest.raises(ConnectionRefusedError):
        s.connect(("127.0.0.1", port))
