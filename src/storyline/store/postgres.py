"""PostgreSQL as the store's second backend: ``--db postgresql://user@host/dbname`` (issue 21).

A team shares one store: several runs write it, each holding an advisory lock for the
length of its run (the SQLite store's ``flock``, moved into the server), and readers are
never blocked (MVCC). The table families keep their SQL, written for SQLite: the
connection below has the part of ``sqlite3.Connection`` they use (``execute``,
``executemany``, ``cursor``, ``in_transaction``, rows read by name or position) and rewrites
each statement through ``dialect.to_postgres``. Full-text search is ``tsvector`` + GIN
(``FTS_MIGRATION``) in place of FTS5.

psycopg 3 is an optional extra (``pip install 'storyline[postgres]'``); without it a
PostgreSQL address gives a one-line error saying so.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from storyline.errors import StoreError
from storyline.store.dialect import SKIPPED, to_postgres

SCHEMES = ("postgresql://", "postgres://")

# 0002 made FTS5 over titles and bodies; here a weighted tsvector kept by a trigger (a
# generated column would be recomputed at every update of a row, and the stages update
# documents' story and duplicate columns often), searched through a GIN index.
FTS_MIGRATION = (
    "ALTER TABLE documents ADD COLUMN search tsvector",
    """
    CREATE FUNCTION documents_search() RETURNS trigger AS $$
    BEGIN
        NEW.search :=
            setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('english', left(NEW.text, 500000)), 'B');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER documents_search BEFORE INSERT OR UPDATE OF title, text ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_search()
    """,
    "CREATE INDEX documents_search_index ON documents USING GIN (search)",
    # The tables' integers are 64 bits (dialect.py); substr takes 32-bit ones.
    """
    CREATE FUNCTION substr(t text, start bigint, length bigint) RETURNS text AS $$
        SELECT substr(t, start::integer, length::integer)
    $$ LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
    """,
)


def is_url(path: str) -> bool:
    return path.startswith(SCHEMES)


def shown(url: str) -> str:
    """The address without its password, for messages."""
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as err:
        raise StoreError(
            "a PostgreSQL store needs psycopg, which is not installed",
            hint="pip install 'storyline[postgres]'",
        ) from err
    return psycopg


class Row(tuple[Any, ...]):
    """A row read by position or by column name, as ``sqlite3.Row``."""

    _names: dict[str, int]

    def __new__(cls, values: Sequence[Any], names: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _rows(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, names)


class Cursor:
    """The part of ``sqlite3.Cursor`` the store uses, over a psycopg cursor."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._cursor = connection.raw.cursor(row_factory=_rows)
        self._empty = False

    @property
    def row_factory(self) -> object:
        return self._cursor.row_factory

    @row_factory.setter
    def row_factory(self, factory: object) -> None:
        # sqlite3's None means plain tuples.
        self._cursor.row_factory = _rows if factory is not None else _tuples()

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Cursor:
        statement = self.connection.translate(sql)
        self._empty = statement == SKIPPED
        if not self._empty:
            self._cursor.execute(statement, _values(parameters))
        return self

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        statement = self.connection.translate(sql)
        batch = [_values(row) for row in rows]
        if batch and statement != SKIPPED:
            # Bound on the server, prepared once and pipelined: a client-side cursor sends
            # every row as its own statement text (5x slower on the story stage's inserts).
            # Writes name their columns, so every parameter's type is known there.
            with _psycopg().Cursor(self.connection.raw) as server_side:
                server_side.executemany(statement, batch)
        self._empty = True
        return self

    def fetchone(self) -> Any:
        return None if self._empty or self._cursor.description is None else self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        if self._empty or self._cursor.description is None:
            return []
        return list(self._cursor.fetchall())

    def fetchmany(self, size: int) -> list[Any]:
        if self._empty or self._cursor.description is None:
            return []
        return list(self._cursor.fetchmany(size))

    def __iter__(self) -> Iterator[Any]:
        if self._empty or self._cursor.description is None:
            return iter(())
        return iter(self._cursor)

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    @property
    def lastrowid(self) -> None:
        return None

    def close(self) -> None:
        self._cursor.close()


def _tuples() -> Any:
    from psycopg.rows import tuple_row

    return tuple_row


def _values(parameters: Sequence[Any] | dict[str, Any]) -> Sequence[Any]:
    """Parameters as PostgreSQL takes them: a bool as 0 / 1 (SQLite stores it so, and the
    tables declare such columns as integers), and text without NUL, which PostgreSQL's text
    cannot hold (a JSON Lines record may carry "\u0000"): each becomes U+FFFD, one
    character for one, so every offset into the text still holds."""
    if isinstance(parameters, dict):
        raise TypeError("the store passes parameters by position")
    return [_value(v) for v in parameters]


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


class Connection:
    """A psycopg connection in autocommit mode, with explicit ``BEGIN`` / ``COMMIT`` as the
    SQLite store issues them."""

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        psycopg = _psycopg()
        self.url = url
        try:
            # Parameters bound on the client, as SQLite's are: "? IS NULL" with None, and an
            # untyped "?" in a select list, are read as the values they are.
            self.raw = psycopg.connect(
                url, autocommit=True, connect_timeout=10, cursor_factory=psycopg.ClientCursor
            )
        except psycopg.OperationalError as err:
            raise StoreError(
                f"cannot connect to the PostgreSQL store {shown(url)}: {_first_line(err)}",
                hint="is the server running and the address right "
                "(postgresql://user[:password]@host[:port]/dbname)?",
            ) from err
        _numeric_as_python(self.raw)
        if readonly:
            self.raw.execute("SET default_transaction_read_only = on")
        self._keys: dict[str, str] = {}

    # What sqlite3.Connection offers --------------------------------------------------------

    def cursor(self) -> Cursor:
        return Cursor(self)

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Cursor:
        return Cursor(self).execute(sql, parameters)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        return Cursor(self).executemany(sql, rows)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def close(self) -> None:
        self.raw.close()

    # Translation ------------------------------------------------------------------------

    def translate(self, sql: str) -> str:
        return to_postgres(sql, self.upsert)

    def upsert(self, table: str) -> str:
        """``ON CONFLICT (primary key) DO UPDATE SET`` every other column from ``EXCLUDED``."""
        if table not in self._keys:
            rows = self.raw.execute(
                "SELECT a.attname, a.attnum = ANY(i.indkey) AS key FROM pg_index i "
                "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum > 0 "
                "AND NOT a.attisdropped WHERE i.indrelid = %s::regclass AND i.indisprimary "
                "ORDER BY a.attnum",
                (table,),
            ).fetchall()
            keys = [name for name, key in rows if key]
            others = [name for name, key in rows if not key]
            sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in others)
            target = ", ".join(f'"{c}"' for c in keys)
            self._keys[table] = (
                f"ON CONFLICT ({target}) DO UPDATE SET {sets}"
                if others
                else f"ON CONFLICT ({target}) DO NOTHING"
            )
        return self._keys[table]

    # What only PostgreSQL has -------------------------------------------------------------

    def has_table(self, name: str) -> bool:
        row = self.raw.execute("SELECT to_regclass(%s) IS NOT NULL", (name,)).fetchone()
        return bool(row and row[0])


def _numeric_as_python(conn: Any) -> None:
    """``sum`` and ``avg`` give ``numeric``, which psycopg reads as ``Decimal``; SQLite gives
    ``int`` or ``float``, and the code (and ``json.dumps``) expect those."""
    from psycopg.adapt import Loader

    class NumericLoader(Loader):
        def load(self, data: Any) -> int | float:
            text = bytes(data).decode()
            return float(text) if any(c in text for c in ".eEn") else int(text)

    conn.adapters.register_loader("numeric", NumericLoader)


def _first_line(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


class AdvisoryLock:
    """The writer lock of a PostgreSQL store: a session advisory lock on its own connection,
    held for the length of a run. The server drops it when the connection ends, however the
    run ends. Who holds it is read from ``pg_stat_activity`` (``application_name``)."""

    def __init__(self, url: str, *, name: str = "writer", doing: str = "is writing") -> None:
        self.url = url
        self.doing = doing
        digest = hashlib.blake2b(f"storyline:{name}".encode(), digest_size=8).digest()
        self.key = int.from_bytes(digest, "big", signed=True)
        self.conn: Any = None

    def acquire(self, *, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> None:
        from storyline.store.lock import StoreBusy

        psycopg = _psycopg()
        me = json.dumps({"pid": os.getpid(), "host": socket.gethostname()})
        try:
            conn = psycopg.connect(
                self.url, autocommit=True, connect_timeout=10, application_name=me[:63]
            )
        except psycopg.OperationalError as err:
            raise StoreError(
                f"cannot connect to the PostgreSQL store {shown(self.url)}: {_first_line(err)}",
                hint="is the server running and the address right?",
            ) from err
        got = conn.execute("SELECT pg_try_advisory_lock(%s)", (self.key,)).fetchone()[0]
        if not got:
            holder = f"another run ({self._holder(conn)}) {self.doing} {shown(self.url)}"
            if not wait:
                conn.close()
                raise StoreBusy(
                    holder,
                    hint="wait for it to finish, or run without --no-wait to queue behind it",
                )
            if on_wait is not None:
                on_wait(f"{holder}; waiting for it to finish")
            conn.execute("SELECT pg_advisory_lock(%s)", (self.key,))
        self.conn = conn

    def _holder(self, conn: Any) -> str:
        unsigned = self.key & 0xFFFFFFFFFFFFFFFF
        row = conn.execute(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a "
            "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND l.classid = %s::bigint::oid AND l.objid = %s::bigint::oid AND l.objsubid = 1 "
            "LIMIT 1",
            (unsigned >> 32, unsigned & 0xFFFFFFFF),
        ).fetchone()
        try:
            found = json.loads(row[0]) if row else {}
        except ValueError:
            found = {}
        if not found:
            return "holder unknown"
        return f"process {found.get('pid')} on {found.get('host')}"

    def release(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
