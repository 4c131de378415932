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

from storyline.dedup.groups import LARGE_GROUP, regroup
from storyline.dedup.index import candidates
from storyline.dedup.keys import bucket_keys, compute_keys
from storyline.dedup.verify import verify
from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage
from storyline.store import Store

BLOCK = 1000


class DedupStage(GlobalStage):
    name: ClassVar[str] = "dedup"
    # 4: sentences for rewrite alignment from the text layer's one splitter (issue 17).
    # 5: edited copies (paragraphs cut, words changed) and short versions (lead bands) are
    # near copies; a rewrite names its lead's subject and figures in the other (issue 18).
    version: ClassVar[str] = "5"
    needs: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"duplicates"})

    def reset(self, store: Store) -> None:
        with store.transaction():
            store.duplicates.clear()

    def update(
        self,
        store: Store,
        changed: Sequence[str],
        removed: Sequence[str],
        counters: Counters,
        problems: list[Problem],
    ) -> None:
        counts = counters[self.name]
        with store.transaction():
            # Changed text means new keys; replaced versions leave the index.
            stale = set(changed) | set(removed) | set(store.duplicates.stale())
            neighbours = store.duplicates.forget(sorted(stale))
            regroup(store, sorted(neighbours | (stale - set(changed))))
            store.duplicates.clear_superseded()
        pending = store.duplicates.pending()
        for start in range(0, len(pending), BLOCK):
            block = pending[start : start + BLOCK]
            with store.transaction():
                self._block(store, block, counters, problems)
            if self.progress is not None:  # count, rate and ETA on the run's progress line
                self.progress(self.name, start + len(block), len(pending))
        counts.passed += len(pending)

    def _block(
        self, store: Store, ids: list[str], counters: Counters, problems: list[Problem]
    ) -> None:
        texts = store.texts(ids)
        keys = compute_keys([(doc_id, texts[doc_id]) for doc_id in ids])
        for k in keys:
            if k.words == 0:
                counters[self.name].dropped["no-words"] += 1
        buckets = bucket_keys(keys)
        pairs = candidates(store, keys, buckets)  # before saving: other documents only
        store.duplicates.save_keys(keys, buckets, self.results_version)
        others = {doc for pair in pairs for doc in pair}
        known = store.duplicates.keys(others)
        texts.update(store.texts([d for d in others if d not in texts]))
        links = []
        for a, b in sorted(pairs):
            if a not in known or b not in known:
                continue
            verdict = verify(known[a], known[b], texts[a], texts[b])
            if verdict is not None:
                links.append((a, b, verdict.kind, verdict.score))
                counters[self.name].found[f"{verdict.kind} pairs"] += 1
        store.duplicates.save_links(links, self.results_version)
        for size in regroup(store, ids):
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
