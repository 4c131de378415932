"""The sources the watch follows, every fetch it makes, and the article addresses it has met
(tables ``followed``, ``fetches``, ``fetched``; migration 0017). ``store.followed``.

Times are UTC ISO strings, as everywhere in the store. Writes here are made by the process
holding the writer lock (a watch cycle, ``storyline sources add``), each call in its own
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from storyline.errors import StoreError

if TYPE_CHECKING:
    from storyline.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class Followed:
    """A followed source and its health."""

    id: int
    url: str
    kind: str
    title: str | None
    added_at: str
    interval_s: float | None
    period_s: float | None
    etag: str | None
    last_modified: str | None
    next_poll_at: str
    last_poll_at: str | None
    last_success_at: str | None
    last_error: str | None
    last_error_at: str | None
    failures: int

    @property
    def is_folder(self) -> bool:
        return self.kind == "folder"

    @property
    def failing(self) -> bool:
        return self.failures > 0


@dataclass(frozen=True, slots=True)
class Fetch:
    """One request, as logged."""

    source_id: int | None
    url: str
    purpose: str
    status: int | None
    bytes: int
    seconds: float
    error_kind: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Met:
    """An article address met in a source (``fetched``), keyed by ``url_key``."""

    url_key: str
    source_key: str
    source_id: int | None
    fingerprint: str
    state: str  # page, entry, retry (the entry's text, the page to try again), failed
    failures: int = 0  # failed fetches in a row (as stored; ignored by ``remember``)


@dataclass(frozen=True, slots=True)
class Health:
    """A source as ``storyline sources list`` and the Sources page show it."""

    source: Followed
    articles_day: int
    articles_week: int
    fetches_day: int
    errors_day: int
    bytes_day: int


_COLUMNS = (
    "id, url, kind, title, added_at, interval_s, period_s, etag, last_modified, next_poll_at, "
    "last_poll_at, last_success_at, last_error, last_error_at, failures"
)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class FollowedSources:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def ready(self) -> bool:
        """Whether the store has the tables: a store last written before them and opened
        read-only (the web server, listings) has none, and follows nothing."""
        return self.store.has_table("followed")

    # Sources ------------------------------------------------------------------------------

    def add(self, url: str, kind: str, *, interval_s: float | None = None) -> tuple[Followed, bool]:
        """Follow ``url``; polled at once. Returns the source and whether it is new (an
        address already followed keeps its state; a new interval replaces the old)."""
        now = utc(datetime.now(UTC))
        with self.store.transaction():
            cursor = self.store.conn.execute(
                "INSERT INTO followed (url, kind, added_at, interval_s, next_poll_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO NOTHING",
                (url, kind, now, interval_s, now),
            )
            new = cursor.rowcount == 1
            if not new and interval_s is not None:
                self.store.conn.execute(
                    "UPDATE followed SET interval_s = ? WHERE url = ?", (interval_s, url)
                )
        return self.get(url), new

    def get(self, ref: str | int) -> Followed:
        """A source by id or address."""
        column = "id" if isinstance(ref, int) or str(ref).isdigit() else "url"
        row = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM followed WHERE {column} = ?", (ref,)
        ).fetchone()
        if row is None:
            raise StoreError(
                f"no followed source {ref!r}", hint="storyline sources list shows them"
            )
        return Followed(*row)

    def all(self) -> list[Followed]:
        if not self.ready:
            return []
        rows = self.store.conn.execute(f"SELECT {_COLUMNS} FROM followed ORDER BY id")
        return [Followed(*r) for r in rows]

    def due(self, at: datetime) -> list[Followed]:
        rows = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM followed WHERE next_poll_at <= ? ORDER BY next_poll_at, id",
            (utc(at),),
        )
        return [Followed(*r) for r in rows]

    def next_poll(self) -> datetime | None:
        row = self.store.conn.execute("SELECT min(next_poll_at) FROM followed").fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def remove(self, ref: str | int) -> Followed:
        """Stop following a source; what it brought stays in the store."""
        source = self.get(ref)
        with self.store.transaction():
            self.store.conn.execute("DELETE FROM followed WHERE id = ?", (source.id,))
        return source

    def polled(
        self,
        source: Followed,
        *,
        ok: bool,
        next_poll: datetime,
        kind: str | None = None,
        title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        period_s: float | None = None,
        error: str | None = None,
        validators: bool = True,
    ) -> None:
        """Record a poll: on success the validators, kind, title and announced period, and the
        failure count reset; on failure the error and one more failure. ``validators``
        off: the source's ETag and Last-Modified are forgotten (its next poll is
        unconditional)."""
        now = utc(datetime.now(UTC))
        with self.store.transaction():
            if ok and not validators:
                self.store.conn.execute(
                    "UPDATE followed SET etag = NULL, last_modified = NULL WHERE id = ?",
                    (source.id,),
                )
                etag = last_modified = None
            if ok:
                self.store.conn.execute(
                    "UPDATE followed SET kind = coalesce(?, kind), title = coalesce(?, title), "
                    "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), "
                    "period_s = coalesce(?, period_s), next_poll_at = ?, last_poll_at = ?, "
                    "last_success_at = ?, failures = 0 WHERE id = ?",
                    (
                        kind,
                        title,
                        etag,
                        last_modified,
                        period_s,
                        utc(next_poll),
                        now,
                        now,
                        source.id,
                    ),
                )
            else:
                self.store.conn.execute(
                    "UPDATE followed SET next_poll_at = ?, last_poll_at = ?, last_error = ?, "
                    "last_error_at = ?, failures = failures + 1 WHERE id = ?",
                    (utc(next_poll), now, error, now, source.id),
                )

    # Fetches ------------------------------------------------------------------------------

    def log(self, fetches: Iterable[Fetch]) -> None:
        now = utc(datetime.now(UTC))
        rows = [
            (
                f.source_id,
                f.url,
                now,
                f.purpose,
                f.status,
                f.bytes,
                f.seconds,
                f.error_kind,
                f.error,
            )
            for f in fetches
        ]
        if rows:
            with self.store.transaction():
                self.store.conn.executemany(
                    "INSERT INTO fetches (source_id, url, at, purpose, status, bytes, seconds, "
                    "error_kind, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )

    def fetches(self, source_id: int | None = None, *, limit: int = 50) -> list[tuple[object, ...]]:
        """The latest fetches (of one source), newest first."""
        if not self.ready:
            return []
        where = "WHERE source_id = ?" if source_id is not None else ""
        params: tuple[object, ...] = (source_id,) if source_id is not None else ()
        return list(
            self.store.conn.execute(
                "SELECT at, url, purpose, status, bytes, seconds, error_kind, error FROM fetches "
                f"{where} ORDER BY id DESC LIMIT ?",
                (*params, limit),
            )
        )

    # Addresses met ------------------------------------------------------------------------

    def met(self, keys: Sequence[str]) -> dict[str, Met]:
        found: dict[str, Met] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            for row in self.store.conn.execute(
                "SELECT url_key, source_key, source_id, fingerprint, state, failures FROM fetched "
                f"WHERE url_key IN ({marks})",
                part,
            ):
                found[row[0]] = Met(*row)
        return found

    def remember(self, met: Iterable[Met]) -> None:
        """Record the addresses read this cycle (after the run that stored them)."""
        now = utc(datetime.now(UTC))
        rows = [
            (m.url_key, m.source_key, m.source_id, m.fingerprint, now, now, m.state, m.state)
            for m in met
        ]
        if rows:
            with self.store.transaction():
                self.store.conn.executemany(
                    "INSERT INTO fetched (url_key, source_key, source_id, fingerprint, "
                    "first_seen_at, fetched_at, state, failures) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, "
                    "CASE WHEN ? IN ('failed', 'retry') THEN 1 ELSE 0 END) "
                    "ON CONFLICT(url_key) DO UPDATE SET fingerprint = excluded.fingerprint, "
                    "fetched_at = excluded.fetched_at, state = excluded.state, "
                    "failures = CASE WHEN excluded.state IN ('failed', 'retry') "
                    "THEN fetched.failures + 1 ELSE 0 END",
                    rows,
                )

    def retrying(self, retries: int) -> set[int]:
        """The sources with a page that failed and is still to be tried again (failed at
        most ``retries`` times: the first try and ``retries`` more)."""
        rows = self.store.conn.execute(
            "SELECT DISTINCT source_id FROM fetched "
            "WHERE state IN ('failed', 'retry') AND failures <= ? AND source_id IS NOT NULL",
            (retries,),
        )
        return {int(r[0]) for r in rows}

    # Health -------------------------------------------------------------------------------

    def health(self, at: datetime | None = None) -> list[Health]:
        if not self.ready:
            return []
        at = at or datetime.now(UTC)
        day, week = utc(at - timedelta(days=1)), utc(at - timedelta(days=7))
        conn = self.store.conn
        articles = {
            sid: (int(d or 0), int(w or 0))
            for sid, d, w in conn.execute(
                "SELECT source_id, count(*) FILTER (WHERE first_seen_at >= ?), count(*) "
                "FROM fetched WHERE first_seen_at >= ? AND state != 'failed' GROUP BY source_id",
                (day, week),
            )
        }
        fetched = {
            sid: (int(n), int(e or 0), int(b or 0))
            for sid, n, e, b in conn.execute(
                "SELECT source_id, count(*), count(error_kind), sum(bytes) FROM fetches "
                "WHERE at >= ? GROUP BY source_id",
                (day,),
            )
        }
        return [
            Health(s, *articles.get(s.id, (0, 0)), *fetched.get(s.id, (0, 0, 0)))
            for s in self.all()
        ]

    def daily_articles(self, source_id: int, days: int = 30) -> list[tuple[str, int]]:
        """Articles first met per day, for the Sources page's volume chart."""
        since = utc(datetime.now(UTC) - timedelta(days=days))
        return [
            (d, int(n))
            for d, n in self.store.conn.execute(
                "SELECT substr(first_seen_at, 1, 10), count(*) FROM fetched "
                "WHERE source_id = ? AND first_seen_at >= ? AND state != 'failed' "
                "GROUP BY 1 ORDER BY 1",
                (source_id, since),
            )
        ]

    def source_of(self, source_key: str) -> Followed | None:
        """The followed source an article's place came from, if any."""
        if not self.ready:
            return None
        row = self.store.conn.execute(
            f"SELECT {', '.join('f.' + c.strip() for c in _COLUMNS.split(','))} "
            "FROM fetched m JOIN followed f ON f.id = m.source_id WHERE m.source_key = ?",
            (source_key,),
        ).fetchone()
        return Followed(*row) if row else None
