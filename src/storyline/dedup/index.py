"""The dedup stage's persistent state in the store: keys, LSH buckets and verified links."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from itertools import combinations

import numpy as np

from storyline.dedup.keys import DocumentKeys
from storyline.dedup.lsh import self_pairs
from storyline.store import Store
from storyline.store.sqlite import chunks


def pending_documents(store: Store) -> list[str]:
    """Current documents the stage has not yet seen, in publication order."""
    rows = store.conn.execute(
        "SELECT d.id FROM documents d WHERE d.superseded_by IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM dedup_signatures s WHERE s.document_id = d.id) "
        "ORDER BY d.published IS NULL, d.published, d.pk"
    )
    return [r[0] for r in rows]


def stale_documents(store: Store) -> list[str]:
    """Documents in the index that a newer version has replaced."""
    rows = store.conn.execute(
        "SELECT s.document_id FROM dedup_signatures s JOIN documents d ON d.id = s.document_id "
        "WHERE d.superseded_by IS NOT NULL"
    )
    return [r[0] for r in rows]


def forget(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    """Drop the keys, buckets and links of ``ids``; return their former link neighbours."""
    neighbours: set[str] = set()
    for chunk in chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        for a, b in conn.execute(
            f"SELECT a, b FROM dedup_links WHERE a IN ({marks}) OR b IN ({marks})",
            [*chunk, *chunk],
        ):
            neighbours.update((a, b))
        conn.execute(
            f"DELETE FROM dedup_links WHERE a IN ({marks}) OR b IN ({marks})", [*chunk, *chunk]
        )
        conn.execute(f"DELETE FROM dedup_buckets WHERE document_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM dedup_signatures WHERE document_id IN ({marks})", chunk)
    return neighbours - set(ids)


def save_keys(
    conn: sqlite3.Connection, keys: Sequence[DocumentKeys], buckets: np.ndarray, version: str
) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO dedup_signatures (document_id, exact_key, shingles, "
        "near_signature, words, rewrite_signature, stage_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                k.document_id,
                k.exact_key,
                k.shingles,
                k.near_signature.tobytes(),
                k.words,
                k.rewrite_signature.tobytes(),
                version,
            )
            for k in keys
        ],
    )
    # In key order: consecutive inserts land on neighbouring B-tree pages.
    rows = sorted(
        (bucket, k.document_id)
        for k, row in zip(keys, buckets.tolist(), strict=True)
        if k.words
        for bucket in row
    )
    conn.executemany(
        "INSERT OR IGNORE INTO dedup_buckets (bucket, document_id) VALUES (?, ?)", rows
    )


def load_keys(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, DocumentKeys]:
    found: dict[str, DocumentKeys] = {}
    for chunk in chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            "SELECT document_id, exact_key, words, shingles, near_signature, rewrite_signature "
            f"FROM dedup_signatures WHERE document_id IN ({marks})",
            list(chunk),
        ):
            found[row[0]] = DocumentKeys(
                document_id=row[0],
                exact_key=row[1],
                words=row[2],
                shingles=row[3],
                near_signature=np.frombuffer(row[4], dtype=np.uint32),
                rewrite_signature=np.frombuffer(row[5], dtype=np.uint32),
            )
    return found


def candidates(
    conn: sqlite3.Connection, keys: Sequence[DocumentKeys], buckets: np.ndarray
) -> set[tuple[str, str]]:
    """Pairs (a < b) that share an exact key or an LSH bucket: within the block (numpy, see
    :func:`lsh.self_pairs`) and with the documents already stored. Call it before the
    block's keys are saved, so that the store's answer holds only other documents (measured:
    a block's own rows were most of the rows read back)."""
    ids = [k.document_id for k in keys]
    with_words = [n for n, k in enumerate(keys) if k.words]
    pairs: set[tuple[str, str]] = set()
    if with_words:
        inside = self_pairs(with_words, buckets[with_words])
        pairs.update((min(ids[a], ids[b]), max(ids[a], ids[b])) for a, b in inside.tolist())
    owner: dict[int, list[str]] = {}
    for n in with_words:
        for bucket in buckets[n].tolist():
            owner.setdefault(bucket, []).append(ids[n])
    for chunk in chunks(list(owner)):
        marks = ",".join("?" * len(chunk))
        for bucket, other in conn.execute(
            f"SELECT bucket, document_id FROM dedup_buckets WHERE bucket IN ({marks})",
            list(chunk),
        ):
            for doc in owner[bucket]:
                pairs.add((doc, other) if doc < other else (other, doc))
    by_exact: dict[str, list[str]] = {}
    for k in keys:
        by_exact.setdefault(k.exact_key, []).append(k.document_id)
    for members in by_exact.values():
        pairs.update((min(a, b), max(a, b)) for a, b in combinations(members, 2))
    for exact_chunk in chunks(list(by_exact)):
        marks = ",".join("?" * len(exact_chunk))
        for exact, other in conn.execute(
            f"SELECT exact_key, document_id FROM dedup_signatures WHERE exact_key IN ({marks})",
            list(exact_chunk),
        ):
            for doc in by_exact[exact]:
                pairs.add((doc, other) if doc < other else (other, doc))
    return {(a, b) for a, b in pairs if a != b}


def save_links(
    conn: sqlite3.Connection, links: Iterable[tuple[str, str, str, float]], version: str
) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO dedup_links (a, b, kind, score, stage_version) "
        "VALUES (?, ?, ?, ?, ?)",
        [(a, b, kind, score, version) for a, b, kind, score in links],
    )


def links_of(conn: sqlite3.Connection, ids: Iterable[str]) -> list[tuple[str, str, str, float]]:
    found: list[tuple[str, str, str, float]] = []
    for chunk in chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        found.extend(
            conn.execute(
                f"SELECT a, b, kind, score FROM dedup_links WHERE a IN ({marks}) "
                f"UNION SELECT a, b, kind, score FROM dedup_links WHERE b IN ({marks})",
                [*chunk, *chunk],
            )
        )
    return [(a, b, kind, float(score)) for a, b, kind, score in found]
