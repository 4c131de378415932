"""What global stages that read each document once share: which documents they have not
read yet, which of their results went stale, and running a pure function of each text on
every core while the caller writes the results in order.

A stage of this kind (entities, quotes) records the documents it has read in a table of its
own (``entity_documents``, ``quote_documents``): a document that failed is not recorded, so
the next run tries it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from storyline.engines.local import LocalEngine
from storyline.model import Problem

if TYPE_CHECKING:
    from storyline.store import Store

R = TypeVar("R")
# (document id, source, text, result or None when it failed, error text or "")
Outcome = tuple[str, str, str, R | None, str]


def unread(store: Store, read_table: str) -> list[str]:
    """Current documents not in ``read_table``, in the order they were stored."""
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT id FROM documents WHERE superseded_by IS NULL AND id NOT IN "
            f"(SELECT document_id FROM {read_table}) ORDER BY pk"
        )
    ]


def stale(store: Store, read_table: str) -> list[str]:
    """Documents in ``read_table`` that are gone or replaced by a newer version."""
    return [
        r[0]
        for r in store.conn.execute(
            f"SELECT r.document_id FROM {read_table} r LEFT JOIN documents d "
            "ON d.id = r.document_id WHERE d.id IS NULL OR d.superseded_by IS NOT NULL"
        )
    ]


def forget(
    store: Store, read_table: str, tables: Sequence[str], removed: Sequence[str]
) -> list[str]:
    """Drop the results of documents gone stale (a newer version replaced them, in this run
    or an interrupted one) or removed, from ``tables`` and ``read_table``, in one
    transaction; return their ids."""
    gone = [*stale(store, read_table), *removed]
    with store.transaction():
        for document_id in gone:
            for table in (*tables, read_table):
                store.conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))
    return gone


def map_texts(
    store: Store,
    document_ids: Sequence[str],
    function: Callable[[str], R],
    *,
    workers: int | None,
    chunk_size: int,
    initializer: Callable[..., None] | None = None,
) -> Iterator[Outcome[R]]:
    """``function(text)`` of each document, in order, on ``workers`` processes; a document
    whose call raised gives ``None`` and the error, and the others go on. ``function`` must
    be a module-level function (it is sent to the workers)."""
    documents = (
        (document_id, *store.conn.execute(
            "SELECT source, text FROM documents WHERE id = ?", (document_id,)
        ).fetchone())
        for document_id in document_ids
    )  # fmt: skip
    engine = LocalEngine(workers, chunk_size=chunk_size)
    return engine.map(partial(_apply, function), documents, initializer=initializer)


def _apply(function: Callable[[str], Any], documents: list[tuple[str, str, str]]) -> list[Any]:
    results = []
    for document_id, source, text in documents:
        try:
            results.append((document_id, source, text, function(text), ""))
        except Exception as err:  # noqa: BLE001 - one bad document must not stop the run
            results.append((document_id, source, text, None, f"{type(err).__name__}: {err}"))
    return results


def failure(stage: str, source: str, error: str) -> Problem:
    """The problem reported for a document a stage could not read (it is retried later)."""
    return Problem(
        source,
        "stage-failure",
        f"stage '{stage}' failed: {error}",
        "please report this with the input file",
    )
