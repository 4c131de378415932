"""Locality-sensitive hashing: MinHash signatures cut into bands, each band one bucket key.

Two documents become candidates when they share a bucket in any band. With ``b`` bands of
``r`` rows, documents of Jaccard similarity ``s`` collide with probability
``1 - (1 - s^r)^b``. The keys are 63-bit integers so that the store can index them directly
(the candidates of a new document are ``b`` index look-ups, whatever the store's size).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from storyline.dedup.minhash import Signatures

_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93,
     0xCA5A826395121157, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3],
    dtype=np.uint64,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Banding:
    """``bands`` x ``rows`` of a signature, and a salt that keeps two indexes' keys apart."""

    bands: int
    rows: int
    salt: int

    def probability(self, similarity: float) -> float:
        """Chance that two documents of this Jaccard similarity become candidates."""
        return float(1 - (1 - similarity**self.rows) ** self.bands)

    def keys(self, signatures: Signatures) -> npt.NDArray[np.int64]:
        """Bucket keys, one per (document, band): shape ``(documents, bands)``."""
        used = self.bands * self.rows
        if signatures.shape[1] < used:
            raise ValueError(f"signatures have {signatures.shape[1]} values, banding needs {used}")
        view = signatures[:, :used].reshape(len(signatures), self.bands, self.rows)
        view = view.astype(np.uint64)
        band_ids = np.arange(self.bands, dtype=np.uint64) + np.uint64(self.salt << 16)
        with np.errstate(over="ignore"):
            key = np.broadcast_to(band_ids * _MIX[0], view.shape[:2]).copy()
            for row in range(self.rows):
                key ^= view[:, :, row]
                key *= _MIX[(row + 1) % len(_MIX)]
                key ^= key >> np.uint64(29)
        # Keep 63 bits: SQLite integers are signed 64-bit.
        return (key >> np.uint64(1)).astype(np.int64)


# Near copies: shingle Jaccard from about 0.4 up is found (0.5: 87%, 0.6: 99%).
NEAR = Banding(bands=32, rows=4, salt=1)
# Rewrites (over a 256-permutation content-word signature): content-word Jaccard 0.34 is
# found at 58%, 0.4 at 81%, 0.47 at 96% (the rewrite links a run found in Reuters: 5th,
# 10th and 25th percentiles). The earlier 42 x 3 bands over 128 permutations also found
# J = 0.3, but made two unrelated news articles (median J 0.03) candidates 24 times more
# often: at 100k stored articles each new one read hundreds of bucket rows, and the stage
# ran at 153 docs/s against 757 at 10k.
REWRITE = Banding(bands=64, rows=4, salt=2)
# Short versions (over a 16-permutation signature of the shingles of the first
# ``shingles.LEAD_WORDS`` words): a first take or a first half is a small share of its
# original (shingle Jaccard 0.1-0.3, below what NEAR finds) but shares its lead: lead
# Jaccard 0.9 is found at 99.9%, 0.5 (a lead with 8% of its words edited) at 90%, 0.2 at 28%.
LEAD = Banding(bands=8, rows=2, salt=3)


class MemoryIndex:
    """An in-memory bucket index over numpy arrays (benchmarks and one-off comparisons).

    The store keeps the real index in SQLite; this one answers the same question for a
    stream of blocks without a Python loop per bucket: entries are kept in a few sorted runs
    (merged when a new run is as large as the last, as in a log-structured merge tree), and a
    block's keys are looked up in each run with ``np.searchsorted``.
    """

    def __init__(self) -> None:
        self._runs: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = []

    def __len__(self) -> int:
        return sum(len(keys) for keys, _ in self._runs)

    def add(self, ids: Sequence[int], keys: npt.NDArray[np.int64]) -> None:
        flat_keys, flat_ids = _flatten(ids, keys)
        order = np.argsort(flat_keys, kind="stable")
        run = (flat_keys[order], flat_ids[order])
        while self._runs and len(self._runs[-1][0]) <= len(run[0]):
            last = self._runs.pop()
            merged_keys = np.concatenate([last[0], run[0]])
            order = np.argsort(merged_keys, kind="stable")
            run = (merged_keys[order], np.concatenate([last[1], run[1]])[order])
        self._runs.append(run)

    def pairs(self, ids: Sequence[int], keys: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Distinct ``(indexed, queried)`` id pairs sharing a bucket, shape ``(n, 2)``."""
        flat_keys, flat_ids = _flatten(ids, keys)
        # Sorted needles: searchsorted walks the runs in order (measured 3x faster).
        order = np.argsort(flat_keys)
        flat_keys, flat_ids = flat_keys[order], flat_ids[order]
        found = []
        for run_keys, run_ids in self._runs:
            left = np.searchsorted(run_keys, flat_keys, side="left")
            right = np.searchsorted(run_keys, flat_keys, side="right")
            hits = _expand(left, right)
            found.append(np.column_stack([run_ids[hits], np.repeat(flat_ids, right - left)]))
        pairs = _distinct_pairs(found)
        return np.asarray(pairs[pairs[:, 0] != pairs[:, 1]], dtype=np.int64)

    def query(self, keys: npt.NDArray[np.int64]) -> list[set[int]]:
        """For each row of keys, the documents already in the index sharing any bucket."""
        rows = list(range(-len(keys), 0))  # ids no indexed document has
        found: list[set[int]] = [set() for _ in rows]
        for other, row in self.pairs(rows, keys).tolist():
            found[row].add(other)
        return found


def self_pairs(ids: Sequence[int], keys: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Distinct ``(small, large)`` pairs of one block's ids that share a bucket."""
    flat_keys, flat_ids = _flatten(ids, keys)
    order = np.argsort(flat_keys, kind="stable")
    sorted_keys, sorted_ids = flat_keys[order], flat_ids[order]
    # Each entry pairs with the entries after it in its bucket (a run of equal keys).
    run_ends = np.flatnonzero(np.r_[sorted_keys[1:] != sorted_keys[:-1], True]) + 1
    ends = np.repeat(run_ends, np.diff(np.r_[0, run_ends]))
    left = np.arange(len(sorted_keys)) + 1
    later = _expand(left, ends)
    first = np.repeat(sorted_ids, ends - left)
    second = sorted_ids[later]
    pairs = np.column_stack([np.minimum(first, second), np.maximum(first, second)])
    pairs = _distinct_pairs([pairs])
    return np.asarray(pairs[pairs[:, 0] != pairs[:, 1]], dtype=np.int64)


def _flatten(
    ids: Sequence[int], keys: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    flat_ids = np.repeat(np.asarray(ids, dtype=np.int64), keys.shape[1] if keys.ndim == 2 else 0)
    return np.ascontiguousarray(keys, dtype=np.int64).ravel(), flat_ids


def _expand(left: npt.NDArray[np.intp], right: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """All positions ``left[i] <= p < right[i]``, concatenated, without a Python loop."""
    lengths = right - left
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.intp)
    starts = np.repeat(left - (np.cumsum(lengths) - lengths), lengths)
    return np.asarray(np.arange(total) + starts, dtype=np.intp)


def _distinct_pairs(found: list[npt.NDArray[np.int64]]) -> npt.NDArray[np.int64]:
    pairs = np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)
    if len(pairs) == 0:
        return pairs.reshape(0, 2)
    # Sort and drop repeats: np.unique (numpy 2.4) was measured far slower on these arrays.
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    return pairs[np.r_[True, (pairs[1:] != pairs[:-1]).any(axis=1)]]


def candidate_pairs(groups: Iterable[set[int]], ids: Sequence[int]) -> set[tuple[int, int]]:
    """Unordered pairs (small, large) from each document and its candidate set."""
    pairs = set()
    for doc, hits in zip(ids, groups, strict=True):
        for other in hits:
            if other != doc:
                pairs.add((min(doc, other), max(doc, other)))
    return pairs
