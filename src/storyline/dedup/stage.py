"""The dedup stage: exact copies, near copies and rewrites, incrementally.

For the documents it has not seen, it computes keys once (exact key, MinHash signatures of
word shingles and of content words), stores them with their LSH buckets, looks candidates
up through the bucket index (cost per document: one indexed look-up per band, whatever the
store holds), verifies each candidate pair, stores the verified links, and recomputes the
groups those links touch. Work is done in blocks, one transaction each: an interrupted run
leaves whole blocks, and the next run picks up the documents without keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from storyline.dedup import index
from storyline.dedup.groups import LARGE_GROUP, regroup
from storyline.dedup.keys import bucket_keys, compute_keys
from storyline.dedup.verify import verify
from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage
from storyline.store import Store

BLOCK = 1000


class DedupStage(GlobalStage):
    name: ClassVar[str] = "dedup"
    version: ClassVar[str] = "3"
    needs: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"duplicates"})

    def reset(self, store: Store) -> None:
        with store.transaction():
            store.conn.execute("DELETE FROM dedup_links")
            store.conn.execute("DELETE FROM dedup_buckets")
            store.conn.execute("DELETE FROM dedup_signatures")
            store.conn.execute(
                "UPDATE documents SET duplicate_of = NULL, duplicate_kind = NULL, "
                "duplicate_score = NULL, derived_from = NULL"
            )

    def update(
        self,
        store: Store,
        changed: Sequence[str],
        removed: Sequence[str],
        counters: Counters,
        problems: list[Problem],
    ) -> None:
        counts = counters[self.name]
        conn = store.conn
        with store.transaction():
            # Changed text means new keys; replaced versions leave the index.
            stale = set(changed) | set(removed) | set(index.stale_documents(store))
            neighbours = index.forget(conn, sorted(stale))
            regroup(conn, sorted(neighbours | (stale - set(changed))))
            conn.execute(
                "UPDATE documents SET duplicate_of = NULL, duplicate_kind = NULL, "
                "duplicate_score = NULL, derived_from = NULL WHERE superseded_by IS NOT NULL "
                "AND duplicate_of IS NOT NULL"
            )
        pending = index.pending_documents(store)
        for start in range(0, len(pending), BLOCK):
            block = pending[start : start + BLOCK]
            with store.transaction():
                self._block(store, block, counters, problems)
        counts.passed += len(pending)

    def _block(
        self, store: Store, ids: list[str], counters: Counters, problems: list[Problem]
    ) -> None:
        conn = store.conn
        texts = dict(
            conn.execute(
                f"SELECT id, text FROM documents WHERE id IN ({','.join('?' * len(ids))})", ids
            ).fetchall()
        )
        keys = compute_keys([(doc_id, texts[doc_id]) for doc_id in ids])
        for k in keys:
            if k.words == 0:
                counters[self.name].dropped["no-words"] += 1
        buckets = bucket_keys(keys)
        pairs = index.candidates(conn, keys, buckets)  # before saving: other documents only
        index.save_keys(conn, keys, buckets, self.version)
        others = {doc for pair in pairs for doc in pair}
        known = index.load_keys(conn, others)
        missing = [d for d in others if d not in texts]
        for chunk_start in range(0, len(missing), 500):
            chunk = missing[chunk_start : chunk_start + 500]
            texts.update(
                conn.execute(
                    f"SELECT id, text FROM documents WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            )
        links = []
        for a, b in sorted(pairs):
            if a not in known or b not in known:
                continue
            verdict = verify(known[a], known[b], texts[a], texts[b])
            if verdict is not None:
                links.append((a, b, verdict.kind, verdict.score))
                counters[self.name].found[f"{verdict.kind} pairs"] += 1
        index.save_links(conn, links, self.version)
        for size in regroup(conn, ids):
            if size > LARGE_GROUP:
                problems.append(
                    Problem(
                        "dedup",
                        "large-duplicate-group",
                        f"a duplicate group of {size} documents was formed",
                        "check it with: storyline duplicates --db ...",
                        severity="warning",
                    )
                )
