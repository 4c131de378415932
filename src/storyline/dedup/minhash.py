"""MinHash signatures for many documents at once, fully vectorised.

The hash family is datasketch 2.0's default (``scheme="affine32"``): each 32-bit shingle hash
is pre-mixed with the MurmurHash3 finaliser, then mapped by ``a * h + b mod 2^32`` with odd
``a``; ``a, b`` come from ``numpy.random.RandomState(seed)`` in the same order as
datasketch draws them. A signature here therefore equals ``datasketch.MinHash(num_perm,
seed)`` fed the same 32-bit hashes (a test pins this). What differs is the shape of the
work: datasketch updates one document at a time; this maps a block of many documents'
shingles through all permutations in one numpy expression and takes per-document minima
slice by slice. Memory stays bounded: a block never exceeds ``block`` shingles,
however long one document is.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

NUM_PERM = 128
SEED = 1
MAX_HASH = np.uint32(0xFFFFFFFF)

Signatures = npt.NDArray[np.uint32]


def fmix32(values: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """MurmurHash3's 32-bit finaliser: an avalanching bijection (as datasketch pre-mixes)."""
    h = values.astype(np.uint32, copy=True)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


class MinHasher:
    # Blocks of a few thousand shingles keep the (block x num_perm) matrix in cache: measured
    # 4-5x faster than 65,536 on 3,000 Reuters articles, same signatures.
    def __init__(self, num_perm: int = NUM_PERM, seed: int = SEED, block: int = 4_096) -> None:
        generator = np.random.RandomState(seed)
        self.num_perm = num_perm
        self.block = block
        # Same draws, in the same order, as datasketch.MinHash._init_permutations (affine32).
        self.a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(
            2
        ) + np.uint32(1)
        self.b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)

    def signatures(self, hash_sets: Sequence[npt.NDArray[np.uint32]]) -> Signatures:
        """One signature row per document; a document with no shingles keeps all-max (empty)."""
        lengths = np.fromiter((len(h) for h in hash_sets), dtype=np.int64, count=len(hash_sets))
        if lengths.sum() == 0:
            return self.signatures_of(np.empty(0, dtype=np.uint32), lengths)
        values = np.concatenate([np.asarray(h, dtype=np.uint32) for h in hash_sets])
        return self.signatures_of(values, lengths)

    def signatures_of(
        self, values: npt.NDArray[np.uint32], counts: npt.NDArray[np.int64]
    ) -> Signatures:
        """Signatures of sets stored end to end: ``counts[i]`` values belong to document i."""
        count = len(counts)
        result = np.full((count, self.num_perm), MAX_HASH, dtype=np.uint32)
        if count == 0 or len(values) == 0:
            return result
        values = fmix32(np.asarray(values, dtype=np.uint32))
        owners = np.repeat(np.arange(count), counts)
        buffer = np.empty((self.block, self.num_perm), dtype=np.uint32)
        with np.errstate(over="ignore"):
            for start in range(0, len(values), self.block):
                chunk = values[start : start + self.block]
                chunk_owners = owners[start : start + self.block]
                permuted = buffer[: len(chunk)]
                np.multiply(chunk[:, None], self.a, out=permuted)
                np.add(permuted, self.b, out=permuted)
                starts = np.flatnonzero(np.r_[True, chunk_owners[1:] != chunk_owners[:-1]])
                ends = np.r_[starts[1:], len(chunk)]
                # One slice minimum per document: measured ten times faster than
                # np.minimum.reduceat along axis 0 on these shapes.
                for begin, end, doc in zip(
                    starts.tolist(), ends.tolist(), chunk_owners[starts].tolist(), strict=True
                ):
                    row = result[doc]
                    np.minimum(row, permuted[begin:end].min(axis=0), out=row)
        return result


def jaccard(a: Signatures, b: Signatures) -> float:
    """Estimated Jaccard similarity of two signatures (the share of equal minima)."""
    return float(np.count_nonzero(a == b)) / float(a.shape[-1])


def jaccard_many(one: Signatures, many: Signatures) -> npt.NDArray[np.float64]:
    """Estimated Jaccard similarity of one signature against each row of ``many``."""
    return np.asarray(np.count_nonzero(many == one[None, :], axis=1) / one.shape[0])
