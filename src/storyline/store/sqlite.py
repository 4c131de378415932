"""The SQLite store: one file, WAL, named migrations, FTS5 over titles and bodies.

Writes go through :meth:`Store.save_documents`, one transaction per batch, so an interrupted
run leaves every document either fully stored (with its layers and source) or not at all.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast

from storyline.errors import StoreError
from storyline.model import Document, Problem
from storyline.store import dialect, postgres
from storyline.store.codec import DOCUMENT_COLUMNS, document_to_row, row_to_document
from storyline.store.lock import WriterLock
from storyline.store.migrations import MIGRATIONS, Migration

if TYPE_CHECKING:
    from storyline.store.articles import ArticleReads
    from storyline.store.duplicates import DuplicateTables
    from storyline.store.entities import EntityTables
    from storyline.store.events import EventTables
    from storyline.store.exports import ExportReads
    from storyline.store.followed import FollowedSources
    from storyline.store.listing import DocumentFilter, ListingReads
    from storyline.store.quotes import QuoteTables
    from storyline.store.search import SearchIndex
    from storyline.store.stories import StoryTables
    from storyline.store.story_graph import StoryGraphTables
    from storyline.store.times import TimeTables

_LAYER_COLUMNS = (
    "title",
    "text",
    "offset_map",
    "removals",
    "dateline",
    "flags",
    "warnings",
    "stages",
    "authors",
    "outlet",
    "language",
)


T = TypeVar("T")

# The advisory lock two PostgreSQL clients migrating one store at once queue on.
_MIGRATION_LOCK = 0x53544F52594C494E  # "STORYLIN"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class SaveResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_versions: int = 0
    # Ids whose text is new or changed, and ids that a new version replaced.
    changed: tuple[str, ...] = ()
    superseded: tuple[str, ...] = ()
    # (where this document was read, where the stored one was first read): an input that
    # is an article already stored from elsewhere, byte for byte and metadata alike.
    same_as: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentListing:
    """A document as ``storyline documents`` lists it."""

    id: str
    external_id: str | None
    source: str
    outlet: str | None
    published: str | None
    published_from: str | None
    title: str | None
    flags: tuple[str, ...]
    authors: tuple[str, ...]
    superseded_by: str | None
    duplicate_of: str | None
    story_id: str | None
    length: int


@dataclass(frozen=True, slots=True)
class DocumentPlace:
    """Where a document stands among the others: its versions, its group, its story."""

    id: str
    previous_version: str | None
    superseded_by: str | None
    duplicate_of: str | None
    duplicate_kind: str | None
    duplicate_score: float | None
    derived_from: str | None
    story_id: str | None


@dataclass(frozen=True, slots=True)
class DatedText:
    id: str
    title: str | None
    text: str
    published: str | None


@dataclass(frozen=True, slots=True)
class StoredProblem:
    """A problem recorded for a run (see :meth:`Store.add_problems`)."""

    id: int
    run_id: int
    source: str
    kind: str
    severity: str
    message: str
    hint: str | None


class Store:
    """A Storyline store in one SQLite file."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        # ``--db postgresql://…``: the same tables on a PostgreSQL server (``postgres.py``).
        self.postgres = postgres.is_url(self.path)
        if self.postgres:
            self._open_postgres(readonly)
            return
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError(
                        f"no store at {self.path}",
                        hint="create one with: storyline run ARTICLES --db " + self.path,
                    )
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, isolation_level=None)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA busy_timeout=10000")
            # 64 MB of page cache (the default is 2 MB): the dedup bucket index and the story
            # term postings are B-trees written in random key order.
            self.conn.execute("PRAGMA cache_size=-65536")
            if not readonly:
                self.migrate()
            else:
                self._check_schema()
        except sqlite3.DatabaseError as err:
            if disk_full(self.path):
                if readonly and self._open_immutable():
                    return
                raise _full(self.path, err) from err
            raise StoreError(
                f"cannot open the store {self.path}: {err}",
                hint="is it a Storyline SQLite file? give another --db path",
            ) from err

    def _open_postgres(self, readonly: bool) -> None:
        # The connection has the part of sqlite3.Connection the table families use, and
        # rewrites their SQL for PostgreSQL (dialect.py): typed as what it stands in for.
        self.conn = cast(sqlite3.Connection, postgres.Connection(self.path, readonly=readonly))
        try:
            if readonly:
                self._check_schema()
            else:
                self.migrate()
        except BaseException:
            self.conn.close()
            raise

    def has_table(self, name: str) -> bool:
        """Whether the store has the table ``name`` (one written before it was added has not)."""
        if self.postgres:
            return cast(postgres.Connection, self.conn).has_table(name)
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    def _open_immutable(self) -> bool:
        """Open for reading on a full disk. SQLite's reader of a WAL store creates a shared
        memory file first, which a full disk refuses; declared immutable, the file is read
        as it is. Nothing can write it while the disk is full, so nothing changes under the
        reader."""
        try:
            uri = f"file:{Path(self.path).resolve()}?mode=ro&immutable=1"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self._check_schema()
        except sqlite3.DatabaseError:
            return False
        return True

    # Lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # Table families (documents, duplicates, stories, search) ------------------------------
    # Documents, sources, files, runs, problems and stage_state are the methods below.

    @cached_property
    def duplicates(self) -> DuplicateTables:
        from storyline.store.duplicates import DuplicateTables

        return DuplicateTables(self)

    @cached_property
    def stories(self) -> StoryTables:
        from storyline.store.stories import StoryTables

        return StoryTables(self)

    @cached_property
    def story_graph(self) -> StoryGraphTables:
        from storyline.store.story_graph import StoryGraphTables

        return StoryGraphTables(self)

    @cached_property
    def listing(self) -> ListingReads:
        from storyline.store.listing import ListingReads

        return ListingReads(self)

    @cached_property
    def search(self) -> SearchIndex:
        from storyline.store.search import SearchIndex

        return SearchIndex(self)

    @cached_property
    def followed(self) -> FollowedSources:
        """The sources the watch follows, its fetches and the addresses it has met."""
        from storyline.store.followed import FollowedSources

        return FollowedSources(self)

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied; return their names."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        done = {row[0] for row in self.conn.execute("SELECT name FROM _migrations")}
        applied = []
        for migration in MIGRATIONS:
            if migration.name in done:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            if self.postgres:
                # BEGIN takes no lock there: two runs migrating together queue here.
                self.conn.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
            # Another process opening the store at the same moment may have applied it
            # between the read above and this lock (two runs started together).
            if self.conn.execute(
                "SELECT 1 FROM _migrations WHERE name = ?", (migration.name,)
            ).fetchone():
                self.conn.execute("COMMIT")
                continue
            try:
                for statement in self._migration_statements(migration):
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                    (migration.name, now()),
                )
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
            applied.append(migration.name)
        return applied

    def _migration_statements(self, migration: Migration) -> Iterator[str]:
        if not self.postgres:
            yield from _statements(migration.sql)
        elif migration.name == "0002_documents_fts":
            yield from postgres.FTS_MIGRATION
        else:
            yield from (dialect.ddl_to_postgres(s) for s in _statements(migration.sql))

    def _check_schema(self) -> None:
        if self.postgres:
            if not self.has_table("documents"):
                raise StoreError(
                    f"{postgres.shown(self.path)} holds no Storyline store",
                    hint="create one with: storyline run ARTICLES --db " + self.path,
                )
            return
        try:
            self.conn.execute("SELECT 1 FROM documents LIMIT 1")
        except sqlite3.OperationalError as err:
            raise StoreError(
                f"{self.path} is not a Storyline store",
                hint="create one with: storyline run ARTICLES --db " + self.path,
            ) from err

    def case_sensitive_like(self) -> None:
        """Make LIKE case-sensitive on this connection: SQLite answers an id prefix look-up
        (``id LIKE 'prefix%'``) from the index on ``id`` only then (ids are lower-case hex),
        otherwise it reads every row. For readers serving people (the web app)."""
        self.conn.execute("PRAGMA case_sensitive_like = ON")

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM _migrations ORDER BY name")]

    # Runs and problems -------------------------------------------------------------------

    @contextmanager
    def writing(
        self, *, wait: bool = True, on_wait: Callable[[str], None] | None = None
    ) -> Iterator[None]:
        """Hold the store's writer lock (``lock.py``) for a run: one run writes at a time. A
        run still marked running when the lock is taken died without finishing: it is
        marked interrupted. Re-entrant: a watch cycle holds it around the run it starts."""
        if getattr(self, "_writing", False):
            yield
            return
        lock = postgres.AdvisoryLock(self.path) if self.postgres else WriterLock(self.path)
        lock.acquire(wait=wait, on_wait=on_wait)
        self._writing = True
        try:
            self.conn.execute(
                "UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'",
                (now(),),
            )
            yield
        except (sqlite3.OperationalError, OSError) as err:
            # A full disk fails a write as "database or disk is full" or, in the WAL, as
            # "disk I/O error": one line for the user, the store as its last batch left it.
            if not self.postgres and (disk_full(self.path) or "disk is full" in str(err)):
                raise _full(self.path, err) from err
            raise
        finally:
            self._writing = False
            lock.release()

    def begin_run(self, arguments: dict[str, Any]) -> int:
        row = self.conn.execute(
            "INSERT INTO runs (started_at, status, arguments) VALUES (?, 'running', ?) "
            "RETURNING id",
            (now(), json.dumps(arguments, default=str)),
        ).fetchone()
        return int(row[0])

    def finish_run(self, run_id: int, status: str, summary: dict[str, Any]) -> None:
        self.conn.execute(
            "UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?",
            (now(), status, json.dumps(summary, default=str), run_id),
        )

    def add_problems(self, run_id: int, problems: Iterable[Problem]) -> None:
        rows = [(run_id, p.source, p.kind, p.severity, p.message, p.hint) for p in problems]
        if rows:
            with self.transaction():
                self.conn.executemany(
                    "INSERT INTO problems (run_id, source, kind, severity, message, hint) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )

    def problems(self, run_id: int | None = None) -> list[StoredProblem]:
        """The problems of run ``run_id`` (default: the latest run)."""
        if run_id is None:
            row = self.conn.execute("SELECT max(id) FROM runs").fetchone()
            run_id = row[0] if row else None
        return [
            StoredProblem(*r)
            for r in self.conn.execute(
                "SELECT id, run_id, source, kind, severity, message, hint FROM problems "
                "WHERE run_id = ? ORDER BY id",
                (run_id,),
            )
        ]

    # Files: skip what has not changed ------------------------------------------------------

    def file_is_current(self, path: str, size: int, mtime_ns: int, signature: str) -> bool:
        row = self.conn.execute(
            "SELECT size, mtime_ns, signature FROM files WHERE path = ?", (path,)
        ).fetchone()
        return row is not None and tuple(row) == (size, mtime_ns, signature)

    def mark_files(self, files: Iterable[tuple[str, int, int]], signature: str) -> None:
        stamp = now()
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO files (path, size, mtime_ns, signature, finished_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET size = excluded.size, "
                "mtime_ns = excluded.mtime_ns, signature = excluded.signature, "
                "finished_at = excluded.finished_at",
                [(p, s, m, signature, stamp) for p, s, m in files],
            )

    # Documents -----------------------------------------------------------------------------

    def stage_versions(self, ids: Sequence[str]) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        for chunk in chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT id, stages FROM documents WHERE id IN ({marks})", chunk
            ):
                found[row["id"]] = json.loads(row["stages"])
        return found

    def save_documents(self, documents: Sequence[Document]) -> SaveResult:
        """Insert new documents, update changed layers, record sources; all or nothing."""
        new = updated = unchanged = versions = 0
        changed: list[str] = []
        superseded: list[str] = []
        same_as: list[tuple[str, str]] = []
        stamp = now()
        with self.transaction():
            for document in documents:
                existing = self.conn.execute(
                    "SELECT stages, source FROM documents WHERE id = ?", (document.id,)
                ).fetchone()
                row = document_to_row(document)
                if existing is None:
                    columns = (*DOCUMENT_COLUMNS, "ingested_at", "updated_at")
                    values = [row[c] for c in DOCUMENT_COLUMNS] + [stamp, stamp]
                    self.conn.execute(
                        f"INSERT INTO documents ({', '.join(columns)}) "
                        f"VALUES ({', '.join('?' * len(columns))})",
                        values,
                    )
                    new += 1
                    changed.append(document.id)
                elif existing["stages"] != row["stages"]:
                    sets = ", ".join(f"{c} = ?" for c in _LAYER_COLUMNS)
                    self.conn.execute(
                        f"UPDATE documents SET {sets}, updated_at = ? WHERE id = ?",
                        [row[c] for c in _LAYER_COLUMNS] + [stamp, document.id],
                    )
                    updated += 1
                    changed.append(document.id)
                else:
                    unchanged += 1
                    if existing["source"] != document.source:
                        same_as.append((document.source, existing["source"]))
                replaced = self._record_source(document, stamp)
                if replaced:
                    versions += 1
                    superseded.append(replaced)
        return SaveResult(
            new, updated, unchanged, versions, tuple(changed), tuple(superseded), tuple(same_as)
        )

    def _record_source(self, document: Document, stamp: str) -> str | None:
        """Record where the document was found; return the id of a version it replaces."""
        previous = self.conn.execute(
            "SELECT document_id FROM sources WHERE source_key = ?", (document.source_key,)
        ).fetchone()
        path = document.source_key.split("#", 1)[0]
        self.conn.execute(
            "INSERT INTO sources (source_key, path, document_id, seen_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(source_key) DO UPDATE SET document_id = excluded.document_id, "
            "seen_at = excluded.seen_at",
            (document.source_key, path, document.id, stamp),
        )
        if previous is None or previous[0] == document.id:
            return None
        old = previous[0]
        self.conn.execute(
            "UPDATE documents SET superseded_by = ?, updated_at = ? WHERE id = ?",
            (document.id, stamp, old),
        )
        self.conn.execute(
            "UPDATE documents SET previous_version = ?, superseded_by = NULL WHERE id = ?",
            (old, document.id),
        )
        return str(old)

    def stage_state(self, stage: str) -> str | None:
        row = self.conn.execute("SELECT version FROM stage_state WHERE stage = ?", (stage,))
        found = row.fetchone()
        return str(found[0]) if found else None

    def set_stage_state(self, stage: str, version: str) -> None:
        self.conn.execute(
            "INSERT INTO stage_state (stage, version, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(stage) DO UPDATE SET version = excluded.version, "
            "updated_at = excluded.updated_at",
            (stage, version, now()),
        )

    def get_document(self, id_or_prefix: str) -> Document:
        rows = list(
            self.conn.execute(
                "SELECT * FROM documents WHERE id = ? OR id LIKE ? LIMIT 2",
                (id_or_prefix, like_prefix(id_or_prefix)),
            )
        )
        exact = [r for r in rows if r["id"] == id_or_prefix]
        if exact:
            return row_to_document(exact[0])
        if not rows:
            raise StoreError(
                f"no document with id {id_or_prefix!r} in {self.path}",
                hint="list ids with: storyline documents --db " + self.path,
            )
        if len(rows) > 1:
            raise StoreError(
                f"several documents start with {id_or_prefix!r}", hint="give more of the id"
            )
        return row_to_document(rows[0])

    def document_place(self, document_id: str) -> DocumentPlace | None:
        row = self.conn.execute(
            "SELECT id, previous_version, superseded_by, duplicate_of, duplicate_kind, "
            "duplicate_score, derived_from, story_id FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        return None if row is None else DocumentPlace(*row)

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        """The clean text of each of ``ids`` that is stored."""
        found: dict[str, str] = {}
        for chunk in chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            found.update(
                self.conn.execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk)
            )
        return found

    def dated_texts(self, ids: Sequence[str]) -> dict[str, DatedText]:
        """Title, clean text and publication day of each of ``ids`` that is stored."""
        found: dict[str, DatedText] = {}
        for chunk in chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT id, title, text, published FROM documents WHERE id IN ({marks})", chunk
            ):
                found[row[0]] = DatedText(*row)
        return found

    def iter_documents(
        self, *, current_only: bool = True, stages_not: str | None = None, batch: int = 200
    ) -> Iterator[Document]:
        """Stream documents in ingest order, without holding them all in memory.

        ``stages_not``: only documents whose recorded stage versions (JSON) differ from it.
        """
        conditions = ["pk > ?"]
        params: list[object] = []
        if current_only:
            conditions.append("superseded_by IS NULL")
        if stages_not is not None:
            conditions.append("stages != ?")
            params.append(stages_not)
        where = " AND ".join(conditions)
        last = 0
        while True:
            rows = list(
                self.conn.execute(
                    f"SELECT * FROM documents WHERE {where} ORDER BY pk LIMIT ?",
                    (last, *params, batch),
                )
            )
            if not rows:
                return
            for row in rows:
                yield row_to_document(row)
            last = rows[-1]["pk"]

    def list_documents(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        include_superseded: bool = False,
        where: DocumentFilter | None = None,
    ) -> list[DocumentListing]:
        """Documents, newest first; ``where`` narrows them as the web's listings are
        (``store.listing.document_conditions``)."""
        from storyline.store.listing import document_conditions

        conditions, params = document_conditions(where) if where else ([], [])
        if not include_superseded:
            conditions.insert(0, "d.superseded_by IS NULL")
        condition = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        return [
            _listing(r)
            for r in self.conn.execute(
                "SELECT d.id, d.external_id, d.source, d.outlet, d.published, d.published_from, "
                "d.title, d.flags, d.authors, d.superseded_by, d.duplicate_of, d.story_id, "
                f"length(d.text) AS length FROM documents d {condition} "
                "ORDER BY d.published IS NULL, d.published DESC, d.pk DESC LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
        ]

    def count_documents(
        self, *, include_superseded: bool = False, stages_not: str | None = None
    ) -> int:
        """How many documents ``iter_documents`` with the same arguments yields."""
        conditions = [] if include_superseded else ["superseded_by IS NULL"]
        params: list[object] = []
        if stages_not is not None:
            conditions.append("stages != ?")
            params.append(stages_not)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = f"SELECT count(*) FROM documents {where}"
        return int(self.conn.execute(sql, params).fetchone()[0])

    def rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[sqlite3.Row]:
        """Any query, for tests and benchmarks that inspect the tables; the library asks the
        families above instead."""
        yield from self.conn.execute(sql, params)

    # Internals -----------------------------------------------------------------------------

    def transaction(self) -> _Transaction:
        """``with store.transaction():`` all the writes inside, or none of them."""
        return _Transaction(self.conn)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """``with store.snapshot():`` every read inside sees the store as it was at the first
        one, whatever a run writes meanwhile: one read transaction (SQLite's WAL keeps the
        pages it started with; on PostgreSQL, REPEATABLE READ). For exports, which read every
        table one after the other."""
        if self.conn.in_transaction:  # already inside one: it is the snapshot
            yield
            return
        self.conn.execute("BEGIN")
        if self.postgres:
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    # Table families (entities, quotes, times, events) --------------------------------------

    @cached_property
    def entities(self) -> EntityTables:
        from storyline.store.entities import EntityTables

        return EntityTables(self)

    @cached_property
    def quotes(self) -> QuoteTables:
        from storyline.store.quotes import QuoteTables

        return QuoteTables(self)

    @cached_property
    def times(self) -> TimeTables:
        from storyline.store.times import TimeTables

        return TimeTables(self)

    @cached_property
    def events(self) -> EventTables:
        from storyline.store.events import EventTables

        return EventTables(self)

    @cached_property
    def articles(self) -> ArticleReads:
        from storyline.store.articles import ArticleReads

        return ArticleReads(self)

    @cached_property
    def exports(self) -> ExportReads:
        from storyline.store.exports import ExportReads

        return ExportReads(self)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            # SQLite may have rolled back already (a full disk: SQLITE_FULL); a second
            # ROLLBACK would raise "no transaction is active" and hide the real error.
            self.conn.execute("ROLLBACK")


def _listing(row: sqlite3.Row) -> DocumentListing:
    return DocumentListing(
        id=row["id"],
        external_id=row["external_id"],
        source=row["source"],
        outlet=row["outlet"],
        published=row["published"],
        published_from=row["published_from"],
        title=row["title"],
        flags=tuple(json.loads(row["flags"])),
        authors=tuple(json.loads(row["authors"])),
        superseded_by=row["superseded_by"],
        duplicate_of=row["duplicate_of"],
        story_id=row["story_id"],
        length=row["length"],
    )


def _statements(sql: str) -> Iterator[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def chunks(items: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    """Slices of at most ``size`` items: SQLite limits the parameters of one statement."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def like_prefix(prefix: str) -> str:
    """A LIKE pattern matching ids that start with ``prefix`` (wildcards in it dropped)."""
    escaped = prefix.replace("%", "").replace("_", "")
    return escaped + "%"


def disk_full(path: str) -> bool:
    """Whether the file system holding ``path`` has no room left for another page."""
    try:
        found = os.statvfs(Path(path).resolve().parent)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < 64 * 1024


def _full(path: str, err: BaseException) -> StoreError:
    return StoreError(
        f"the disk holding the store {path} is full ({err})",
        hint="free some space and run again: what earlier batches stored is kept, and the "
        "run carries on from there",
    )
