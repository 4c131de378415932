"""LSH banding: bucket keys, collision probability, and the in-memory bucket index."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.dedup.lsh import NEAR, REWRITE, Banding, MemoryIndex, candidate_pairs, self_pairs
from storyline.dedup.minhash import MAX_HASH, NUM_PERM, MinHasher, Signatures


def signatures(count: int, seed: int = 0, width: int = NUM_PERM) -> Signatures:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 2**32, (count, width), dtype=np.uint32)


def width(banding: Banding) -> int:
    return banding.bands * banding.rows


@pytest.mark.parametrize("banding", [NEAR, REWRITE], ids=["near", "rewrite"])
def test_keys_have_one_63_bit_key_per_document_and_band(banding: Banding) -> None:
    keys = banding.keys(signatures(5, width=width(banding)))
    assert keys.shape == (5, banding.bands) and keys.dtype == np.int64
    assert (keys >= 0).all()
    # Distinct random signatures: no two (document, band) cells share a key.
    assert len(set(keys.ravel().tolist())) == keys.size


@pytest.mark.parametrize("banding", [NEAR, REWRITE], ids=["near", "rewrite"])
def test_keys_are_deterministic(banding: Banding) -> None:
    sigs = signatures(4, seed=1, width=width(banding))
    assert np.array_equal(banding.keys(sigs), banding.keys(sigs.copy()))
    # A document's keys do not depend on the other documents of the batch.
    assert np.array_equal(banding.keys(sigs)[2:3], banding.keys(sigs[2:3]))


def test_keys_need_enough_signature_values() -> None:
    with pytest.raises(ValueError, match="banding needs 128"):
        NEAR.keys(signatures(1)[:, :100])
    assert Banding(bands=2, rows=3, salt=9).keys(signatures(1)[:, :6]).shape == (1, 2)


def test_identical_signatures_share_every_bucket() -> None:
    one = signatures(1, seed=2)
    keys = NEAR.keys(np.vstack([one, one]))
    assert np.array_equal(keys[0], keys[1])


def test_a_change_in_one_band_changes_only_that_band_key() -> None:
    sigs = np.vstack([signatures(1, seed=3)] * 2)
    sigs[1, 5] ^= 1  # row 5 lies in band 1 (rows 4..7) of NEAR
    keys = NEAR.keys(sigs)
    differs = (keys[0] != keys[1]).tolist()
    assert differs == [band == 1 for band in range(NEAR.bands)]


@pytest.mark.parametrize(
    ("banding", "similarity", "probability"),
    [
        # The figures documented next to NEAR and REWRITE in lsh.py.
        (NEAR, 0.5, 0.873),
        (NEAR, 0.6, 0.988),
        (REWRITE, 0.34, 0.577),
        (REWRITE, 0.4, 0.810),
        (REWRITE, 0.47, 0.960),
        (NEAR, 0.0, 0.0),
        (NEAR, 1.0, 1.0),
        (Banding(bands=2, rows=2, salt=0), 0.5, 1 - (1 - 0.25) ** 2),
    ],
)
def test_probability(banding: Banding, similarity: float, probability: float) -> None:
    expected = 1 - (1 - similarity**banding.rows) ** banding.bands
    assert banding.probability(similarity) == pytest.approx(expected)
    assert banding.probability(similarity) == pytest.approx(probability, abs=0.001)


def test_observed_collision_rate_follows_the_probability() -> None:
    # 300 pairs of sets sharing 200 of 400 values (Jaccard 0.5): NEAR should make about
    # 87% of them candidates.
    rng = np.random.default_rng(5)
    sets = []
    for _ in range(300):
        pool = np.unique(rng.integers(0, 2**32, 450, dtype=np.uint32))[:400]
        sets += [pool[:300], pool[100:]]
    keys = NEAR.keys(MinHasher().signatures(sets))
    collided = np.mean([(keys[i] == keys[i + 1]).any() for i in range(0, len(sets), 2)])
    assert collided == pytest.approx(NEAR.probability(0.5), abs=0.06)


@pytest.mark.parametrize(
    "sigs",
    [signatures(20, seed=4, width=256), np.full((1, 256), MAX_HASH, dtype=np.uint32)],
    ids=["random", "empty-document"],
)
def test_near_and_rewrite_keys_never_collide_for_the_same_signature(sigs: Signatures) -> None:
    near, rewrite = NEAR.keys(sigs), REWRITE.keys(sigs)
    assert set(near.ravel().tolist()).isdisjoint(rewrite.ravel().tolist())


def test_the_salt_alone_keeps_two_indexes_apart() -> None:
    sigs = signatures(10, seed=6)
    one, two = Banding(32, 4, salt=1), Banding(32, 4, salt=2)
    assert set(one.keys(sigs).ravel().tolist()).isdisjoint(two.keys(sigs).ravel().tolist())


def test_memory_index_finds_documents_sharing_a_bucket() -> None:
    base = signatures(3, seed=7)
    index = MemoryIndex()
    index.add([10, 11], NEAR.keys(base[:2]))
    near_copy = base[0].copy()
    near_copy[:64] = signatures(1, seed=8)[0, :64]  # half the bands changed
    queries = np.vstack([base[0], near_copy, base[2], base[1]])
    assert index.query(NEAR.keys(queries)) == [{10}, {10}, set(), {11}]
    index.add([12], NEAR.keys(base[:1]))
    assert index.query(NEAR.keys(base[:1])) == [{10, 12}]
    assert MemoryIndex().query(NEAR.keys(base)) == [set(), set(), set()]


def test_candidate_pairs_are_unordered_and_skip_self() -> None:
    pairs = candidate_pairs([{1, 2, 3}, {1}, set()], [1, 5, 7])
    assert pairs == {(1, 2), (1, 3), (1, 5)}


def test_memory_index_pairs_match_a_bucket_by_bucket_search() -> None:
    rng = np.random.default_rng(3)
    keys = rng.integers(0, 40, size=(60, 4)).astype(np.int64)
    index = MemoryIndex()
    for first in range(0, 60, 7):  # uneven blocks: several runs, some merged
        index.add(list(range(first, min(first + 7, 60))), keys[first : first + 7])
    queries = rng.integers(0, 40, size=(9, 4)).astype(np.int64)
    found = {tuple(p) for p in index.pairs(list(range(100, 109)), queries).tolist()}
    expected = {
        (doc, 100 + row)
        for row in range(9)
        for doc in range(60)
        if set(queries[row].tolist()) & set(keys[doc].tolist())
    }
    assert found == expected
    assert len(index) == 240


def test_self_pairs_are_the_pairs_sharing_a_bucket() -> None:
    keys = np.array([[1, 2], [3, 2], [4, 5], [4, 6], [7, 8]], dtype=np.int64)
    assert self_pairs([0, 1, 2, 3, 4], keys).tolist() == [[0, 1], [2, 3]]
    assert self_pairs([], np.empty((0, 2), dtype=np.int64)).shape == (0, 2)
