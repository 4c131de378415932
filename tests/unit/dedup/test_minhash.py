"""Vectorised MinHash: the same signatures as datasketch, however documents are batched."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from storyline.dedup.minhash import MAX_HASH, NUM_PERM, SEED, MinHasher, jaccard, jaccard_many

U32 = npt.NDArray[np.uint32]


def random_set(size: int, seed: int) -> U32:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 2**32, size, dtype=np.uint32)


def overlapping_sets(size: int, similarity: float, seed: int) -> tuple[U32, U32]:
    """Two sets of ``size`` distinct values whose true Jaccard similarity is ``similarity``."""
    shared = round(2 * size * similarity / (1 + similarity))
    pool = np.unique(random_set(4 * size, seed))
    pool = np.random.default_rng(seed).permutation(pool)[: 2 * size - shared]
    a, b = pool[:size], pool[size - shared :]
    assert len(b) == size
    return a, b


def true_jaccard(a: U32, b: U32) -> float:
    sa, sb = set(a.tolist()), set(b.tolist())
    return len(sa & sb) / len(sa | sb)


@pytest.mark.parametrize(("size", "seed"), [(1, 1), (1, 2), (2, 3), (17, 4), (500, 5), (5000, 6)])
def test_signature_equals_datasketch(size: int, seed: int) -> None:
    datasketch = pytest.importorskip("datasketch")
    values = random_set(size, seed)
    reference = datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=lambda x: x)
    reference.update_batch(values)
    (ours,) = MinHasher().signatures([values])
    assert ours.dtype == np.uint32
    assert ours.tolist() == np.asarray(reference.hashvalues).tolist()


def documents() -> list[U32]:
    return [
        random_set(1000, 11),
        random_set(1, 12),
        np.empty(0, dtype=np.uint32),
        random_set(3, 13),
        random_set(250, 14),
        np.empty(0, dtype=np.uint32),
    ]


def test_a_batch_equals_one_document_at_a_time() -> None:
    hasher = MinHasher()
    batch = hasher.signatures(documents())
    assert batch.shape == (6, NUM_PERM)
    for row, values in zip(batch, documents(), strict=True):
        assert np.array_equal(row, hasher.signatures([values])[0])


@pytest.mark.parametrize("block", [1, 7, 64, 999, 1000, 1001])
def test_block_boundaries_inside_documents_do_not_change_signatures(block: int) -> None:
    expected = MinHasher().signatures(documents())
    assert np.array_equal(MinHasher(block=block).signatures(documents()), expected)


def test_an_empty_document_keeps_the_empty_signature() -> None:
    signatures = MinHasher().signatures([np.empty(0, dtype=np.uint32)] * 2)
    assert signatures.shape == (2, NUM_PERM)
    assert (signatures == MAX_HASH).all() and int(MAX_HASH) == 0xFFFFFFFF
    assert MinHasher().signatures([]).shape == (0, NUM_PERM)


@pytest.mark.parametrize("similarity", [0.0, 0.1, 0.3, 0.5, 0.8, 1.0])
def test_estimated_jaccard_is_close_to_the_true_jaccard(similarity: float) -> None:
    a, b = overlapping_sets(2000, similarity, seed=int(similarity * 100))
    assert true_jaccard(a, b) == pytest.approx(similarity, abs=0.001)
    sig_a, sig_b = MinHasher().signatures([a, b])
    assert jaccard(sig_a, sig_b) == pytest.approx(similarity, abs=0.1)


def test_jaccard_many_matches_jaccard_row_by_row() -> None:
    signatures = MinHasher().signatures(documents()[:5])
    many = jaccard_many(signatures[0], signatures)
    assert many.tolist() == [jaccard(signatures[0], row) for row in signatures]
    assert many[0] == 1.0


def test_the_permutations_depend_on_the_seed() -> None:
    values = [random_set(100, 21)]
    assert not np.array_equal(
        MinHasher(seed=1).signatures(values), MinHasher(seed=2).signatures(values)
    )
