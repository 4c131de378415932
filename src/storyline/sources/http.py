"""Fetching over HTTP for the sources Storyline follows: polite, bounded, and never surprised.

httpx does the protocol; this module adds what a crawler that runs for weeks needs and httpx
leaves to its caller (the same list Scrapy and news-please keep):

- only ``http``/``https``, on the first request and on every redirect (a feed may name a
  ``file:`` URL, a server may redirect to one); redirects are followed here, hop by hop, up
  to ``max_redirects``, and a loop is named as one;
- conditional GET (``If-None-Match`` / ``If-Modified-Since``) from what the last answer said;
- a size limit on what is read, counted on the *decoded* bytes: the body is taken raw and
  inflated here with ``zlib``'s ``max_length``, so a gzip bomb stops at the limit instead of
  being expanded whole in memory (httpx inflates each network chunk in one call);
- retries with exponential backoff and jitter on 429, 5xx and network errors, honouring
  ``Retry-After`` up to ``max_backoff`` (a longer wait is the source's next poll time);
- robots.txt (protego, the parser Scrapy uses), fetched once per host per day, with its
  ``Crawl-delay``; a robots.txt that cannot be read is "allow all" for a 4xx and "disallow
  all" for a 5xx, a 429 or a network error, as RFC 9309 says (asked again after
  ``ROBOTS_RETRY_SECONDS``, not a day);
- per host: at most ``per_host`` requests at once and ``host_delay`` seconds between their
  starts; a User-Agent that names Storyline and the operator's contact.

Every answer, whatever its status, goes to ``on_response`` (the WARC archive) before the
caller sees it.
"""

from __future__ import annotations

import email.utils
import random
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import httpx

from storyline import __version__
from storyline.config import default
from storyline.sources.urls import fetchable

if TYPE_CHECKING:
    from protego import Protego

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
ROBOTS_SECONDS = 24 * 3600
# How long a robots.txt that could not be read (5xx, network) keeps the host disallowed
# before it is asked for again: one failed answer must not stop a source for a day.
ROBOTS_RETRY_SECONDS = 600
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """How Storyline fetches. The defaults are the settings list's (``config.SETTINGS``),
    documented in the README; ``backoff``, ``max_backoff`` and ``max_redirects`` are fixed
    (``max_backoff`` also caps the ``Retry-After`` waited for within a cycle)."""

    user_agent: str = f"Storyline/{__version__} (news monitor)"
    contact: str | None = None
    timeout: float = float(str(default("fetch_timeout")))
    retries: int = int(str(default("fetch_retries")))
    backoff: float = 1.0
    max_backoff: float = 60.0
    host_delay: float = float(str(default("host_delay")))
    per_host: int = int(str(default("per_host")))
    max_redirects: int = 5
    max_bytes: int = int(str(default("fetch_max_bytes")))
    robots: bool = True

    @property
    def agent(self) -> str:
        """The User-Agent header: the agent, and the contact when one is set."""
        return f"{self.user_agent} +{self.contact}" if self.contact else self.user_agent


@dataclass(frozen=True, slots=True)
class Response:
    """A complete answer: the final URL after redirects, status, headers (lower-cased
    names), the decoded body, and how long it took."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float
    redirects: tuple[str, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class FetchError(Exception):
    """A fetch that gave no usable answer: ``kind`` for counting, a message naming the URL,
    what to do, and (429/503) how long the server asked us to wait."""

    def __init__(
        self,
        url: str,
        kind: str,
        message: str,
        hint: str = "",
        *,
        status: int | None = None,
        retry_after: float | None = None,
        seconds: float = 0.0,
    ) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.kind = kind
        self.message = message
        self.hint = hint
        self.status = status
        self.retry_after = retry_after
        self.seconds = seconds


@dataclass(slots=True)
class _Host:
    """One host's politeness state: a semaphore of ``per_host`` slots, the time the next
    request may start, and its robots.txt rules (``None``: allow all)."""

    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    robots_lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0
    robots: Protego | _DisallowAll | None = None
    robots_until: float = 0.0
    delay: float = 0.0


OnResponse = Callable[[str, httpx.Response, bytes], None]


class Fetcher:
    """Thread-safe: one ``httpx.Client`` shared by the watch's fetching threads."""

    def __init__(
        self,
        settings: HttpSettings = HttpSettings(),
        *,
        on_response: OnResponse | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.on_response = on_response
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._random = random.Random()
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            headers={
                "User-Agent": settings.agent,
                "Accept-Encoding": "gzip, deflate",
            },
            transport=transport,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
        max_bytes: int | None = None,
    ) -> Response:
        """GET ``url`` with retries; raise :class:`FetchError` when no usable answer came
        (a 4xx or 5xx, after retries, is an error; 304 is an answer)."""
        limit = max_bytes if max_bytes is not None else self.settings.max_bytes
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                response = self._follow(url, headers, limit)
            except FetchError as err:
                retryable = err.kind in ("network", "timeout") or err.status in RETRY_STATUSES
                wait = self._wait(attempt, err.retry_after)
                if not retryable or attempt >= self.settings.retries or wait is None:
                    raise
                attempt += 1
                self._sleep(wait)
                continue
            return response

    def _wait(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds before the next try: what the server asked (``None`` when that is more than
        ``max_backoff``: give up for now), else exponential backoff with full jitter."""
        if retry_after is not None:
            return retry_after if retry_after <= self.settings.max_backoff else None
        ceiling = min(self.settings.max_backoff, self.settings.backoff * float(2**attempt))
        return ceiling * (0.5 + self._random.random() / 2)

    def _follow(
        self, url: str, headers: dict[str, str], limit: int, *, robots: bool = True
    ) -> Response:
        """One answer, following redirects; ``robots``: ask each hop's robots.txt first (not
        when fetching a robots.txt, whose own redirects are followed as RFC 9309 says)."""
        started = time.monotonic()
        seen: list[str] = []
        current = url
        while True:
            if not fetchable(current):
                via = f" (redirected from {seen[0]})" if seen else ""
                raise FetchError(
                    current,
                    "scheme",
                    f"is not an http or https address{via}",
                    "Storyline fetches only http and https",
                    seconds=time.monotonic() - started,
                )
            if current in seen:
                raise FetchError(
                    url,
                    "redirect-loop",
                    f"redirects in a loop ({' -> '.join([*seen, current])})",
                    "the site is misconfigured; try again later or remove the source",
                    seconds=time.monotonic() - started,
                )
            if len(seen) > self.settings.max_redirects:
                raise FetchError(
                    url,
                    "redirects",
                    f"more than {self.settings.max_redirects} redirects",
                    "follow the address in a browser and add where it ends",
                    seconds=time.monotonic() - started,
                )
            if robots:
                self._allowed(current)
            status, head, body = self._one(current, headers, limit, started)
            location = head.get("location")
            if status in (301, 302, 303, 307, 308) and location:
                seen.append(current)
                current = urljoin(current, location.strip())
                continue
            response = Response(
                current, status, head, body, time.monotonic() - started, tuple(seen)
            )
            if status >= 400:
                raise FetchError(
                    current,
                    f"http-{status}",
                    f"answered {status} {httpx.codes.get_reason_phrase(status)}".rstrip(),
                    _status_hint(status),
                    status=status,
                    retry_after=_retry_after(head.get("retry-after")),
                    seconds=response.seconds,
                )
            return response

    def _one(
        self, url: str, headers: dict[str, str], limit: int, started: float
    ) -> tuple[int, dict[str, str], bytes]:
        host = self._host(url)
        with host.slots:
            self._pace(host)
            try:
                with self.client.stream("GET", url, headers=headers) as answer:
                    head = {k.lower(): v for k, v in answer.headers.items()}
                    body = _read_bounded(answer, url, limit, started)
                    if self.on_response is not None:
                        self.on_response(url, answer, body)
                    return answer.status_code, head, body
            except httpx.TimeoutException as err:
                raise FetchError(
                    url,
                    "timeout",
                    f"no answer within {self.settings.timeout:g} s ({type(err).__name__})",
                    "the site is slow or down; it is tried again next poll",
                    seconds=time.monotonic() - started,
                ) from None
            except httpx.HTTPError as err:
                raise FetchError(
                    url,
                    "network",
                    f"could not be reached ({type(err).__name__}: {err})",
                    "check the address and the network; it is tried again next poll",
                    seconds=time.monotonic() - started,
                ) from None

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        with self._hosts_lock:
            host = self._hosts.get(key)
            if host is None:
                host = _Host(threading.Semaphore(max(1, self.settings.per_host)))
                host.delay = self.settings.host_delay
                self._hosts[key] = host
            return host

    def _pace(self, host: _Host) -> None:
        """Wait until this host's next request may start, and book the one after it."""
        with host.lock:
            start = max(time.monotonic(), host.next_start)
            host.next_start = start + host.delay
        pause = start - time.monotonic()
        if pause > 0:
            self._sleep(pause)

    def _allowed(self, url: str) -> None:
        if not self.settings.robots or urlsplit(url).path == "/robots.txt":
            return
        host = self._host(url)
        with host.robots_lock:  # one robots.txt request per host, whatever the threads
            now = time.monotonic()
            if host.robots_until <= now:
                rules = self._robots(url)
                if not isinstance(rules, _DisallowAll):
                    host.robots = rules
                    host.robots_until = now + ROBOTS_SECONDS
                else:
                    # Unreachable: disallow, and ask again soon; a copy read before is kept
                    # meanwhile (RFC 9309 2.4).
                    host.robots_until = now + ROBOTS_RETRY_SECONDS
                    if host.robots is None or isinstance(host.robots, _DisallowAll):
                        host.robots = rules
            rules = host.robots
        if isinstance(rules, _DisallowAll):
            raise FetchError(
                url,
                "robots",
                f"is not fetched: the site's robots.txt could not be read ({rules.why})",
                "RFC 9309 says to fetch nothing from the site then; robots.txt is asked for "
                f"again in {ROBOTS_RETRY_SECONDS // 60} minutes",
            )
        if rules is not None and not rules.can_fetch(url, self.settings.user_agent):
            raise FetchError(
                url,
                "robots",
                "is disallowed by the site's robots.txt for Storyline",
                "ask the site, or remove the source",
            )

    def _robots(self, url: str) -> Protego | _DisallowAll | None:
        """The host's rules: ``None`` (allow all) when robots.txt is missing (4xx), "disallow
        all" when it cannot be read (5xx, 429, a network error)."""
        from protego import Protego

        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            answer = self._follow(robots_url, {"Accept": "text/plain"}, 500_000, robots=False)
        except FetchError as err:
            if err.status is not None and 400 <= err.status < 500 and err.status != 429:
                return None
            return _DisallowAll(err.message)
        rules = Protego.parse(answer.body.decode("utf-8", errors="replace"))
        delay = rules.crawl_delay(self.settings.user_agent)
        if delay:
            host = self._host(url)
            host.delay = max(host.delay, min(float(delay), 60.0))
        return rules


class _DisallowAll:
    """RFC 9309 §2.3.1.4: robots.txt unreachable (5xx, network): assume complete disallow."""

    def __init__(self, why: str) -> None:
        self.why = why


def _read_bounded(answer: httpx.Response, url: str, limit: int, started: float) -> bytes:
    """The decoded body, refusing (not reading on) once it passes ``limit`` bytes."""
    declared = answer.headers.get("content-length", "")
    encoding = answer.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity") and declared.isdigit() and int(declared) > limit:
        raise _too_large(url, limit, started, f"declares {int(declared) / 1e6:.1f} MB, more")
    inflate = _inflater(encoding, url, started)
    size = 0
    parts: list[bytes] = []
    for piece in inflate(answer.iter_raw(_CHUNK), limit + 1):
        size += len(piece)
        if size > limit:
            raise _too_large(url, limit, started, "is larger")
        parts.append(piece)
    return b"".join(parts)


def _inflater(
    encoding: str, url: str, started: float
) -> Callable[[Iterator[bytes], int], Iterator[bytes]]:
    if encoding in ("", "identity"):
        return lambda raw, _limit: raw
    if encoding in ("gzip", "x-gzip", "deflate"):
        return lambda raw, limit: _inflate(raw, limit, encoding, url, started)
    raise FetchError(
        url,
        "encoding",
        f"sent a body compressed as {encoding!r}, which Storyline did not ask for",
        "the server ignores Accept-Encoding; report it to the site",
        seconds=time.monotonic() - started,
    )


def _inflate(
    raw: Iterator[bytes], limit: int, encoding: str, url: str, started: float
) -> Iterator[bytes]:
    decoder = zlib.decompressobj(47)  # 32 + 15: a gzip or a zlib header, detected
    produced = 0
    try:
        for chunk in raw:
            data = chunk
            while data and produced <= limit:
                out = decoder.decompress(data, _CHUNK)
                produced += len(out)
                yield out
                data = decoder.unconsumed_tail
            if produced > limit:
                return
        yield decoder.flush()
        if not decoder.eof:
            raise zlib.error("the compressed stream ends before its end")
    except zlib.error as err:
        raise FetchError(
            url,
            "malformed",
            f"sent a damaged {encoding} body ({err})",
            "try again later; report it to the site if it stays",
            seconds=time.monotonic() - started,
        ) from None


def _too_large(url: str, limit: int, started: float, what: str) -> FetchError:
    return FetchError(
        url,
        "too-large",
        f"{what} than the {limit / 1e6:g} MB a fetched page may have; not read further",
        "raise fetch_max_bytes if this is really one article",
        seconds=time.monotonic() - started,
    )


def _status_hint(status: int) -> str:
    if status in (404, 410):
        return "the page is gone; a feed that keeps failing this way should be removed"
    if status in (401, 403):
        return "the site refuses Storyline; check the address or ask the site"
    if status == 429:
        return "the site asks Storyline to slow down; it is tried again later"
    if status >= 500:
        return "the site has a fault; it is tried again next poll"
    return "check the address"


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
