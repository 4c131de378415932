"""Candidate pairs of a block: documents that share an exact key or an LSH bucket."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

from storyline.dedup.keys import DocumentKeys
from storyline.dedup.lsh import self_pairs
from storyline.store import Store


def candidates(
    store: Store, keys: Sequence[DocumentKeys], buckets: np.ndarray
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
    for bucket, other in store.duplicates.in_buckets(list(owner)):
        for doc in owner[bucket]:
            pairs.add((doc, other) if doc < other else (other, doc))
    by_exact: dict[str, list[str]] = {}
    for k in keys:
        by_exact.setdefault(k.exact_key, []).append(k.document_id)
    for members in by_exact.values():
        pairs.update((min(a, b), max(a, b)) for a, b in combinations(members, 2))
    for exact, other in store.duplicates.with_exact_keys(list(by_exact)):
        for doc in by_exact[exact]:
            pairs.add((doc, other) if doc < other else (other, doc))
    return {(a, b) for a, b in pairs if a != b}
