"""The store's SQL, written once for SQLite, read by PostgreSQL (issue 21).

The table families write SQLite's SQL; :func:`to_postgres` rewrites each statement for
PostgreSQL the first time it is run (and caches it), instead of keeping two copies of every
query that would drift apart. What it rewrites, outside string literals:

- parameters: ``?`` becomes ``%s`` (psycopg's), and a literal ``%`` is doubled;
- ``end``, a column name here and a reserved word in PostgreSQL, is quoted (SQL keywords
  are written in capitals in this code base, so ``CASE … END`` is left alone);
- ``INSERT OR IGNORE`` becomes ``ON CONFLICT DO NOTHING``; ``INSERT OR REPLACE`` becomes
  an upsert on the table's primary key that sets every column from ``EXCLUDED`` — the
  proposed row, defaults included — which is what SQLite's delete-then-insert leaves;
- ``json_each(?)`` and ``group_concat(x, sep)`` become their PostgreSQL spellings, and
  ``CROSS JOIN … ON`` (SQLite's join-order hint) a plain ``JOIN``;
- ``ORDER BY`` terms get ``NULLS FIRST`` (ascending) or ``NULLS LAST`` (descending): SQLite
  sorts NULL before every value, PostgreSQL after;
- ``BEGIN IMMEDIATE`` becomes ``BEGIN``; a ``PRAGMA`` becomes nothing;
- in migrations (:func:`ddl_to_postgres`): 64-bit integers (``mtime_ns`` does not fit 32
  bits), doubles for ``REAL`` (PostgreSQL's ``real`` is 32 bits), ``bytea`` for ``BLOB``,
  identity columns for ``INTEGER PRIMARY KEY``, no ``WITHOUT ROWID``, and text compared
  byte by byte (``COLLATE "C"``) so that ``ORDER BY`` sorts as SQLite does, whatever the
  server's locale.

The full-text index is the one thing written twice: FTS5 here, ``tsvector`` and GIN there
(``postgres.py``), because the two engines share no syntax for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

# Statements that mean nothing to PostgreSQL.
SKIPPED = "-- skipped"

_LITERAL = re.compile(r"'(?:[^']|'')*'")
_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+(\w+)", re.IGNORECASE)
_END = re.compile(r"(?<![\w\"])end(?![\w\"])")
_JSON_EACH = re.compile(r"json_each\(\?\)")
_GROUP_CONCAT = re.compile(r"\bgroup_concat\(", re.IGNORECASE)
# SQLite reads CROSS JOIN as "join in this order", with an ON; PostgreSQL has no ON there.
_CROSS_JOIN_ON = re.compile(r"\bCROSS JOIN(?=\s+\w+(?:\s+\w+)?\s+ON\b)")


def split_literals(sql: str) -> Iterator[tuple[bool, str]]:
    """(is a string literal, text) pieces of ``sql``, in order."""
    at = 0
    for match in _LITERAL.finditer(sql):
        if match.start() > at:
            yield False, sql[at : match.start()]
        yield True, match.group(0)
        at = match.end()
    if at < len(sql):
        yield False, sql[at:]


def _masked(sql: str) -> tuple[str, list[str]]:
    """``sql`` with each string literal replaced by ``\x00N\x00``, and the literals."""
    literals: list[str] = []
    pieces = []
    for literal, piece in split_literals(sql):
        if literal:
            pieces.append(f"\x00{len(literals)}\x00")
            literals.append(piece)
        else:
            pieces.append(piece)
    return "".join(pieces), literals


def _unmasked(sql: str, literals: list[str]) -> str:
    return re.sub("\x00(\\d+)\x00", lambda m: literals[int(m.group(1))], sql)


_ORDER_BY = re.compile(r"\bORDER BY\b")
_CLAUSE_END = re.compile(r"\b(LIMIT|OFFSET|UNION|EXCEPT|INTERSECT)\b|[();]")


def _nulls_as_sqlite(sql: str) -> str:
    """SQLite sorts NULL before every value, PostgreSQL after: each ``ORDER BY`` term gets
    ``NULLS FIRST`` (ascending) or ``NULLS LAST`` (descending), so both order alike."""
    out = []
    at = 0
    for match in _ORDER_BY.finditer(sql):
        if match.start() < at:
            continue
        out.append(sql[at : match.end()])
        position, depth, term_start = match.end(), 0, match.end()
        terms: list[str] = []
        while position < len(sql):
            char = sql[position]
            if char == "(":
                depth += 1
            elif char == ")" and depth:
                depth -= 1
            elif depth == 0 and char == ",":
                terms.append(sql[term_start:position])
                term_start = position + 1
            elif depth == 0 and _CLAUSE_END.match(sql, position):
                if char.isalpha() and sql[position - 1].isalnum():
                    position += 1
                    continue
                break
            position += 1
        terms.append(sql[term_start:position])
        out.append(",".join(_with_nulls(term) for term in terms))
        at = position
    out.append(sql[at:])
    return "".join(out)


def _with_nulls(term: str) -> str:
    stripped = term.rstrip()
    if not stripped.strip() or "NULLS" in stripped.upper().split():
        return term
    tail = term[len(stripped) :]
    if stripped.upper().endswith(" DESC"):
        return f"{stripped} NULLS LAST{tail}"
    return f"{stripped} NULLS FIRST{tail}"


def _code(sql: str) -> str:
    sql = _JSON_EACH.sub("json_array_elements_text(CAST(? AS json)) AS json_each(value)", sql)
    sql = _GROUP_CONCAT.sub("string_agg(", sql)
    sql = _CROSS_JOIN_ON.sub("JOIN", sql)
    sql = _END.sub('"end"', sql)
    sql = _nulls_as_sqlite(sql)
    return sql.replace("%", "%%").replace("?", "%s")


@lru_cache(maxsize=4096)
def to_postgres(sql: str, conflict: Callable[[str], str] | None = None) -> str:
    """``sql`` as PostgreSQL reads it. ``conflict(table)`` gives the ``ON CONFLICT`` clause
    of an ``INSERT OR REPLACE`` into ``table`` (the upsert on its primary key)."""
    stripped = sql.strip().rstrip(";")
    head = stripped[:16].upper()
    if head.startswith("PRAGMA"):
        return SKIPPED
    if head.startswith("BEGIN"):
        return "BEGIN"
    masked, literals = _masked(stripped)
    found = _INSERT_OR.match(masked)
    if found is None:
        return _unmasked(_code(masked), [x.replace("%", "%%") for x in literals])
    action, table = found.group(1).upper(), found.group(2)
    body = _code("INSERT INTO " + table + masked[found.end() :])
    if action == "IGNORE":
        body += " ON CONFLICT DO NOTHING"
    elif conflict is None:
        raise ValueError(f"INSERT OR REPLACE INTO {table} needs the table's primary key")
    else:
        body += " " + conflict(table)
    return _unmasked(body, [x.replace("%", "%%") for x in literals])


# Types are written in capitals in the migrations, and columns in lower case ("text").
_INTEGER_KEY = re.compile(r"\bINTEGER PRIMARY KEY\b")
_TYPES = (
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bTEXT\b(?! COLLATE)"), 'TEXT COLLATE "C"'),
)
_WITHOUT_ROWID = re.compile(r"\)\s*WITHOUT ROWID")
_COMMENT = re.compile(r"--[^\n]*")


def ddl_to_postgres(statement: str) -> str:
    """A migration's statement as PostgreSQL reads it (see the module's notes)."""

    def rewrite(piece: str) -> str:
        piece = _WITHOUT_ROWID.sub(")", piece)
        piece = _INTEGER_KEY.sub("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", piece)
        for pattern, replacement in _TYPES:
            piece = pattern.sub(replacement, piece)
        return _END.sub('"end"', piece)

    # Comments first: an apostrophe in one ("the articles' terms") is no string literal.
    statement = _COMMENT.sub("", statement)
    return "".join(
        piece if literal else rewrite(piece) for literal, piece in split_literals(statement)
    ).strip()
