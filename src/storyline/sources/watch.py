"""``storyline watch`` and ``storyline fetch``: poll the followed sources, fetch the new
articles, and run the pipeline on them, one cycle at a time.

A cycle holds the store's writer lock from the first poll to the end of its run, so two
watches (or a watch and a ``storyline run``) take turns. It:

1. polls every source that is due (all of them with ``once``), a few at a time
   (``fetch_threads``), each with a conditional GET; a folder source is read as
   ``storyline run FOLDER`` reads it;
2. reads the listing (``parse.py``) and keeps the entries whose address (``urls.url_key``)
   it has not met, or met with different listed content (a changed entry is a new version);
3. fetches those pages, politely (``http.py``), archiving every response (``archive.py``);
   a page that cannot be fetched, or is not HTML, gives way to the entry's own text;
4. runs the pipeline on them (``runner.run`` with the pages as inputs), so stories,
   entities and events are current after every cycle;
5. and only then remembers the addresses: a watch killed in the middle of a cycle fetches
   that cycle's pages again and loses nothing (the store keeps what was committed).

Every poll and fetch is logged in ``fetches``; a source that fails is polled again later,
each failure doubling its interval (up to a day), and shown as failing, never dropped.
"""

from __future__ import annotations

import hashlib
import json
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from types import FrameType

from storyline.config import default
from storyline.errors import StorylineError
from storyline.ingest import SourceRef
from storyline.ingest.decode import decode_declared, html_charset
from storyline.model import Problem
from storyline.runner import RunOptions, RunSummary, run
from storyline.sources.archive import Archive, archive_folder
from storyline.sources.http import Fetcher, FetchError, HttpSettings, Response
from storyline.sources.parse import HTML_TYPES, Entry, Listing, entry_summary, read_listing
from storyline.sources.urls import clean_url, url_key
from storyline.store import Store
from storyline.store.followed import Fetch, Followed, Met
from storyline.store.lock import WriterLock
from storyline.store.postgres import AdvisoryLock

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_CHILD_SITEMAPS = 50
MAX_INTERVAL = 86_400.0


@dataclass(frozen=True, slots=True)
class WatchSettings:
    """How the watch polls and fetches; the defaults are the settings list's
    (``config.SETTINGS``) but ``page_retries``."""

    interval: float = float(str(default("poll_interval")))
    fetch_threads: int = int(str(default("fetch_threads")))
    max_pages: int = int(str(default("max_pages")))
    page_retries: int = 3
    archive_bytes: int = int(str(default("archive_bytes")))
    http: HttpSettings = field(default_factory=HttpSettings)


@dataclass(slots=True)
class CycleReport:
    """What one cycle did."""

    polled: int = 0
    not_modified: int = 0
    failed: int = 0
    entries: int = 0
    new: int = 0
    pages: int = 0
    from_entry: int = 0
    deferred: int = 0
    problems: list[Problem] = field(default_factory=list)
    run: RunSummary | None = None
    seconds: float = 0.0
    asked: int | None = None  # storyline fetch: the addresses given (None: a watch cycle)

    def line(self) -> str:
        stored = ""
        if self.run is not None:
            stored = f"; stored {self.run.new} new, {self.run.updated} updated"
        if self.asked is not None:
            return (
                f"fetched {self.pages} of {self.asked} page{'s' if self.asked != 1 else ''}"
                f"{stored} in {self.seconds:.1f} s"
            )
        later = f", {self.deferred} left for the next cycle" if self.deferred else ""
        return (
            f"polled {self.polled} source{'s' if self.polled != 1 else ''} "
            f"({self.not_modified} unchanged, {self.failed} failing); {self.entries} entries, "
            f"{self.new} new: {self.pages} pages fetched, {self.from_entry} from the feed's "
            f"own text{later}{stored} in {self.seconds:.1f} s"
        )


@dataclass(frozen=True, slots=True)
class _Poll:
    source: Followed
    response: Response | None
    listing: Listing | None
    error: FetchError | None
    fetches: tuple[Fetch, ...]


@dataclass(frozen=True, slots=True)
class _Read:
    """A source polled with success: what to record once its entries are stored."""

    source: Followed
    next_poll: datetime
    kind: str
    title: str | None
    etag: str | None
    last_modified: str | None
    period_s: float | None


@dataclass(frozen=True, slots=True)
class _Wanted:
    """An article to read this cycle: where it goes (source key), from which source, its
    entry, and the body already in hand (a page source's own answer)."""

    key: str
    place: str
    source_id: int | None
    entry: Entry
    fingerprint: str
    body: Response | None = None


class Watcher:
    """One store's watch: its fetcher, archive and settings, for one or many cycles."""

    def __init__(
        self,
        store: Store,
        settings: WatchSettings = WatchSettings(),
        options: RunOptions | None = None,
        *,
        say: Callable[[str], None] = lambda _line: None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.options = options or RunOptions()
        self.say = say
        self.archive = Archive(archive_folder(store.path), max_bytes=settings.archive_bytes)
        self.fetcher = Fetcher(settings.http, on_response=self.archive.record)
        self.stop = threading.Event()
        # Store writes a cycle's polling and fetching found, made in the run's turn.
        self._later: list[Callable[[], None]] = []

    def close(self) -> None:
        self.fetcher.close()
        self.archive.close()

    def _keep(self, ref: SourceRef) -> None:
        """Archive the record an article is read from, so a replay reads it again."""
        assert ref.payload is not None
        record = {"format": ref.format, **json.loads(ref.payload)}
        self.archive.entry(ref.path, json.dumps(record, ensure_ascii=False).encode("utf-8"))

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # The loop -----------------------------------------------------------------------------

    def forever(self) -> int:
        """Cycle until stopped (SIGINT/SIGTERM finish the cycle in flight); cycles run."""
        cycles = 0
        with _stopping_on_signals(self.stop):
            while not self.stop.is_set():
                try:
                    report = self.cycle()
                except StorylineError as err:
                    # A full disk, a store another process holds with --no-wait: this cycle
                    # stops (the store as its last transaction left it); the next one, an
                    # interval later, starts over, as issue 20 asks of a watch left running.
                    self.say(f"error: {err}; the next cycle tries again")
                else:
                    self.say(report.line())
                cycles += 1
                upcoming = self.store.followed.next_poll()
                if upcoming is None:
                    wait = self.settings.interval
                else:
                    wait = (upcoming - datetime.now(UTC)).total_seconds()
                self.stop.wait(max(1.0, min(wait, self.settings.interval)))
        return cycles

    def cycle(self, *, everything: bool = False) -> CycleReport:
        """Poll what is due (``everything``: every source, now), fetch, run, remember.

        Polling and fetching hold only the watch lock (one watch per store), not the
        writer lock: a ``storyline run`` on the same store waits for this cycle's writes,
        not for its network. What the polls found is written in the run's turn."""
        started = time.monotonic()
        report = CycleReport()
        self._later = []
        with self._watching():
            sources = (
                self.store.followed.all()
                if everything
                else self.store.followed.due(datetime.now(UTC))
            )
            folders = [s for s in sources if s.is_folder]
            polls = self._poll([s for s in sources if not s.is_folder])
            listed, read = self._record_polls(polls, report)
            wanted, deferred = self._new_only(listed, report)
            folder_paths = self._folders(folders, report)
            refs, met = self._read(wanted, report)
            with self.store.writing(wait=self.options.wait, on_wait=self.say):
                for write in self._later:
                    write()
                if refs or folder_paths:
                    report.run = run(folder_paths, self.store, self.options, refs=refs)
                    self.store.add_problems(report.run.run_id, report.problems)
                elif report.problems:
                    run_id = self.store.begin_run({"watch": "poll"})
                    self.store.add_problems(run_id, report.problems)
                    self.store.finish_run(run_id, "finished", {"problems": len(report.problems)})
                self.store.followed.remember(met)
                # Only now the listings count as read: a cycle that dies before this point
                # (killed, a full disk) leaves the sources' validators and next poll as
                # they were, so the next cycle gets the listing again, not a 304, and
                # reads the entries this one did not store.
                for done in read:
                    self.store.followed.polled(
                        done.source,
                        ok=True,
                        next_poll=done.next_poll,
                        kind=done.kind,
                        title=done.title,
                        etag=done.etag,
                        last_modified=done.last_modified,
                        period_s=done.period_s,
                        validators=done.source.id not in deferred,
                    )
        report.seconds = time.monotonic() - started
        return report

    def fetch(self, urls: Sequence[str]) -> CycleReport:
        """``storyline fetch``: read these pages once, now, following nothing."""
        started = time.monotonic()
        report = CycleReport(asked=len(urls))
        self._later = []
        wanted = []
        for url in urls:
            try:
                place = clean_url(url)
            except ValueError as err:
                report.problems.append(
                    Problem(url, "bad-address", str(err), "give an http or https address")
                )
                continue
            entry = Entry(place, {"url": place})
            wanted.append(_Wanted(url_key(place), place, None, entry, _fingerprint(entry)))
        report.new = len(wanted)
        refs, met = self._read(wanted, report)
        with self.store.writing(wait=self.options.wait, on_wait=self.say):
            for write in self._later:
                write()
            report.run = run([], self.store, self.options, refs=refs) if refs else None
            if report.run is not None:
                self.store.add_problems(report.run.run_id, report.problems)
            self.store.followed.remember(met)
        report.seconds = time.monotonic() - started
        return report

    @contextmanager
    def _watching(self) -> Iterator[None]:
        """One watch cycle per store at a time (``<store>.watch.lock``; on PostgreSQL, an
        advisory lock of its own)."""
        lock: WriterLock | AdvisoryLock
        if self.store.postgres:
            lock = AdvisoryLock(self.store.path, name="watch", doing="is watching")
        else:
            lock = WriterLock(str(self.store.path), suffix=".watch.lock", doing="is watching")
        lock.acquire(wait=self.options.wait, on_wait=self.say)
        try:
            yield
        finally:
            lock.release()

    # Polling ------------------------------------------------------------------------------

    def _poll(self, sources: list[Followed]) -> list[_Poll]:
        if not sources:
            return []
        # A source with pages to try again is asked without validators: a 304 would list
        # no entries, and the pages would never be tried again while the feed is unchanged.
        retrying = self.store.followed.retrying(self.settings.page_retries)
        with ThreadPoolExecutor(max(1, self.settings.fetch_threads)) as pool:
            return list(pool.map(lambda s: self._poll_one(s, s.id in retrying), sources))

    def _poll_one(self, source: Followed, unconditional: bool = False) -> _Poll:
        fetches: list[Fetch] = []
        try:
            response = self.fetcher.get(
                source.url,
                etag=None if unconditional else source.etag,
                last_modified=None if unconditional else source.last_modified,
                accept=FEED_ACCEPT,
                max_bytes=max(self.settings.http.max_bytes, 20_000_000),
            )
        except FetchError as err:
            fetches.append(_failed(source.id, err, "poll"))
            return _Poll(source, None, None, err, tuple(fetches))
        fetches.append(_fetched(source.id, response, "poll"))
        if response.not_modified:
            return _Poll(source, response, None, None, tuple(fetches))
        listing = read_listing(response.body, response.content_type, response.url)
        if listing.kind == "sitemapindex":
            listing = self._children(source, listing, fetches)
        return _Poll(source, response, listing, None, tuple(fetches))

    def _children(self, source: Followed, index: Listing, fetches: list[Fetch]) -> Listing:
        """A sitemap index: its first ``MAX_CHILD_SITEMAPS`` sitemaps' entries, as one."""
        entries: list[Entry] = []
        problems = list(index.problems)
        for child in index.sitemaps[:MAX_CHILD_SITEMAPS]:
            try:
                answer = self.fetcher.get(child, accept="application/xml, text/xml")
            except FetchError as err:
                fetches.append(_failed(source.id, err, "poll"))
                problems.append(Problem(child, err.kind, err.message, err.hint, "warning"))
                continue
            fetches.append(_fetched(source.id, answer, "poll"))
            listing = read_listing(answer.body, answer.content_type, answer.url)
            entries.extend(listing.entries)
            problems.extend(listing.problems)
        return Listing("sitemap", entries, [], index.title, index.period, problems)

    def _record_polls(
        self, polls: list[_Poll], report: CycleReport
    ) -> tuple[list[_Wanted], list[_Read]]:
        """Record the polls that failed or found nothing new; return the entries listed
        and the successful polls, recorded once their entries are stored."""
        followed = self.store.followed
        later = self._later
        wanted: dict[str, _Wanted] = {}
        read: list[_Read] = []
        for poll in polls:
            later.append(partial(followed.log, poll.fetches))
            report.polled += 1
            source = poll.source
            if poll.error is not None:
                report.failed += 1
                err = poll.error
                report.problems.append(
                    Problem(source.url, err.kind, err.message, err.hint, "warning")
                )
                later.append(
                    partial(
                        followed.polled,
                        source,
                        ok=False,
                        next_poll=self._next(source, failed=True, retry_after=err.retry_after),
                        error=f"{err.kind}: {err.message}",
                    )
                )
                continue
            assert poll.response is not None
            response = poll.response
            period = _max_age(response.headers)
            if poll.listing is None:  # 304: nothing changed
                report.not_modified += 1
                later.append(
                    partial(
                        followed.polled,
                        source,
                        ok=True,
                        next_poll=self._next(source, period=period),
                    )
                )
                continue
            listing = poll.listing
            report.problems.extend(listing.problems)
            if listing.kind == "unknown" or (
                not listing.entries and any(p.severity == "error" for p in listing.problems)
            ):
                report.failed += 1
                message = "; ".join(p.message for p in listing.problems) or "nothing to read"
                later.append(
                    partial(
                        followed.polled,
                        source,
                        ok=False,
                        next_poll=self._next(source, failed=True),
                        error=message,
                    )
                )
                continue
            announced = max(filter(None, (period, listing.period)), default=None)
            read.append(
                _Read(
                    source,
                    self._next(source, period=announced),
                    listing.kind,
                    listing.title,
                    response.etag,
                    response.last_modified,
                    announced,
                )
            )
            report.entries += len(listing.entries)
            for entry in listing.entries:
                item = self._wanted(source, entry, response if listing.kind == "page" else None)
                if item is not None and item.key not in wanted:
                    wanted[item.key] = item
        return list(wanted.values()), read

    def _wanted(self, source: Followed, entry: Entry, body: Response | None) -> _Wanted | None:
        if entry.url is not None:
            try:
                place = clean_url(entry.url)
            except ValueError:
                return None
            # A page source is its own entry: the page as served is what may change.
            fingerprint = _fingerprint(entry) if body is None else _digest(body.body)
            return _Wanted(url_key(place), place, source.id, entry, fingerprint, body)
        if not (entry.guid or entry.record.get("title") or entry_summary(entry.record).strip()):
            return None  # nothing to name it by, nothing to read
        name = (
            entry.guid
            or hashlib.sha1(
                json.dumps(entry.record, sort_keys=True, default=str).encode()
            ).hexdigest()[:16]
        )
        place = f"{source.url}#id={name}"
        return _Wanted(place, place, source.id, entry, _fingerprint(entry))

    def _new_only(
        self, wanted: list[_Wanted], report: CycleReport
    ) -> tuple[list[_Wanted], set[int | None]]:
        """The entries to read this cycle, and the sources with entries left for the next
        (polled then without validators: a 304 would not list them again)."""
        met = self.store.followed.met([w.key for w in wanted])
        fresh = []
        for item in wanted:
            seen = met.get(item.key)
            if seen is not None and seen.fingerprint == item.fingerprint:
                if seen.state not in ("failed", "retry"):
                    continue
                if seen.failures > self.settings.page_retries:
                    continue  # tried once and page_retries times again: left
            fresh.append(item)
        report.new = len(fresh)
        later = fresh[self.settings.max_pages :]
        report.deferred = len(later)
        return fresh[: self.settings.max_pages], {w.source_id for w in later}

    def _folders(self, folders: list[Followed], report: CycleReport) -> list[str]:
        paths = []
        for source in folders:
            report.polled += 1
            if Path(source.url).is_dir():
                paths.append(source.url)
                self._later.append(
                    partial(
                        self.store.followed.polled, source, ok=True, next_poll=self._next(source)
                    )
                )
                continue
            report.failed += 1
            message = "the folder is gone (moved, deleted or unmounted)"
            report.problems.append(
                Problem(
                    source.url,
                    "missing",
                    message,
                    "mount it again, or storyline sources remove it",
                    "warning",
                )
            )
            self._later.append(
                partial(
                    self.store.followed.polled,
                    source,
                    ok=False,
                    next_poll=self._next(source, failed=True),
                    error=message,
                )
            )
        return paths

    def _next(
        self,
        source: Followed,
        *,
        failed: bool = False,
        period: float | None = None,
        retry_after: float | None = None,
    ) -> datetime:
        """When to poll again: the source's interval (the user's, else the default), never
        sooner than the source announces (ttl, Cache-Control), doubled per failure."""
        interval = source.interval_s or self.settings.interval
        if period:
            interval = max(interval, min(period, MAX_INTERVAL))
        if failed:
            interval = min(MAX_INTERVAL, interval * 2 ** min(source.failures, 10))
        if retry_after:
            interval = max(interval, retry_after)
        return datetime.now(UTC) + timedelta(seconds=interval)

    # Pages --------------------------------------------------------------------------------

    def _read(
        self, wanted: list[_Wanted], report: CycleReport
    ) -> tuple[list[SourceRef], list[Met]]:
        """Fetch the pages, and turn each into an input for the run, with what to remember."""
        # An entry without a link has nothing to fetch: its own text is read.
        to_fetch = [w for w in wanted if w.body is None and w.entry.url is not None]
        with ThreadPoolExecutor(max(1, self.settings.fetch_threads)) as pool:
            answers = dict(
                zip((w.key for w in to_fetch), pool.map(self._page, to_fetch), strict=True)
            )
        refs: list[SourceRef] = []
        met: list[Met] = []
        fetches: list[Fetch] = []
        for item in wanted:
            answer: Response | FetchError | None
            if item.body is not None:
                answer = item.body
            elif item.entry.url is None:
                answer = None
            else:
                answer = answers[item.key]
                fetches.append(
                    _failed(item.source_id, answer, "page")
                    if isinstance(answer, FetchError)
                    else _fetched(item.source_id, answer, "page")
                )
            ref, state, problem = self._input(item, answer)
            if problem is not None:
                report.problems.append(problem)
            if ref is not None:
                refs.append(ref)
                self._keep(ref)
                if state == "page":
                    report.pages += 1
                else:
                    report.from_entry += 1
            met.append(Met(item.key, item.place, item.source_id, item.fingerprint, state))
        self._later.append(partial(self.store.followed.log, fetches))
        return refs, met

    def _page(self, item: _Wanted) -> Response | FetchError:
        assert item.entry.url is not None
        try:
            return self.fetcher.get(item.place, accept=PAGE_ACCEPT)
        except FetchError as err:
            return err

    def _input(
        self, item: _Wanted, answer: Response | FetchError | None
    ) -> tuple[SourceRef | None, str, Problem | None]:
        """The run's input for one article: the page, else the entry's own text."""
        record = {k: v for k, v in item.entry.record.items() if k not in ("html", "text")}
        why: str | None = None
        if isinstance(answer, Response) and answer.content_type in (*HTML_TYPES, ""):
            html, encoding, _warning = decode_declared(
                answer.body, html_charset(answer.body, answer.content_type), item.place
            )
            record.update(url=answer.url, html=html, encoding=encoding)
            payload = json.dumps(record, ensure_ascii=False, default=str).encode("utf-8")
            return SourceRef(item.place, "web", payload=payload), "page", None
        if isinstance(answer, FetchError):
            why = f"{answer.kind}: {answer.message}"
        elif isinstance(answer, Response):
            why = f"is {answer.content_type or 'of no type'}, not an HTML page"
        has_text = any(
            isinstance(item.entry.record.get(k), str) and str(item.entry.record[k]).strip()
            for k in ("html", "text")
        )
        if item.entry.url is None or has_text:
            problem = None
            # A page that may come later (a timeout, a 5xx, a 429) is tried again at the next
            # polls and, once fetched, replaces the entry's text as a new version.
            again = isinstance(answer, FetchError) and _transient(answer) and item.source_id
            if why is not None:
                problem = Problem(
                    item.place,
                    "page-unfetched",
                    f"page {why}; the feed entry's own text was read instead",
                    f"the page is tried again at the next {self.settings.page_retries} polls"
                    if again
                    else "nothing to do; the page is tried again if the entry changes",
                    "warning",
                )
            payload = json.dumps(item.entry.record, ensure_ascii=False, default=str).encode()
            state = "retry" if again else "entry"
            return SourceRef(item.place, "feed", payload=payload), state, problem
        if item.source_id is None:  # storyline fetch: no entry, no next poll
            hint = answer.hint if isinstance(answer, FetchError) and answer.hint else None
            problem = Problem(item.place, "unfetched", f"page {why}", hint)
        else:
            problem = Problem(
                item.place,
                "unfetched",
                f"page {why}, and its entry has no text of its own",
                f"it is tried again at the next {self.settings.page_retries} polls",
            )
        return None, "failed", problem


def _transient(err: FetchError) -> bool:
    """Whether a failed fetch may succeed later: no answer, a 5xx, a 429."""
    return err.kind in ("timeout", "network") or (
        err.status is not None and (err.status >= 500 or err.status == 429)
    )


def _fingerprint(entry: Entry) -> str:
    """The entry as listed: title, date and text; a change means a new version to read."""
    listed = [entry.record.get("title"), entry.record.get("published"), entry_summary(entry.record)]
    return _digest(json.dumps(listed, default=str).encode("utf-8"))


def _digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _fetched(source_id: int | None, response: Response, purpose: str) -> Fetch:
    return Fetch(
        source_id, response.url, purpose, response.status, len(response.body), response.seconds
    )


def _failed(source_id: int | None, err: FetchError, purpose: str) -> Fetch:
    return Fetch(source_id, err.url, purpose, err.status, 0, err.seconds, err.kind, err.message)


def _max_age(headers: dict[str, str]) -> float | None:
    """``Cache-Control: max-age`` in seconds, if the answer gives one."""
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "max-age" and value.strip().isdigit():
            return float(value.strip())
    return None


@contextmanager
def _stopping_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop``: the cycle in flight finishes, then the loop ends."""

    def handler(_signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():  # asked twice: stop now (the store keeps what was committed)
            raise KeyboardInterrupt
        stop.set()

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
