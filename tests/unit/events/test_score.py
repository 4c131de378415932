"""Coreference scores (``events/coref_score.py``) on partitions whose values are known."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from storyline.events.coref_score import best_assignment, score


def partition(*chains: str) -> dict[str, int]:
    """``partition("abc", "de")``: mention ``a`` in chain 0 ... ``e`` in chain 1."""
    return {mention: n for n, chain in enumerate(chains) for mention in chain}


def test_the_worked_example_of_pradhan_et_al_2014() -> None:
    # Pradhan et al. 2014, figure 1: key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}
    # (h and i are mentions the key does not have). MUC R = P = 0.4; B³ R = 5/12, P = 1/2;
    # CEAF-e aligns {a,b,c}-{a,b} (0.8) and {d,e,f,g}-{f,g,h,i} (0.5): R = 1.3/2, P = 1.3/3.
    scores = score(partition("abc", "defg"), partition("ab", "cd", "fghi"))
    assert scores.muc.recall == pytest.approx(0.4)
    assert scores.muc.precision == pytest.approx(0.4)
    assert scores.bcubed.recall == pytest.approx(5 / 12)
    assert scores.bcubed.precision == pytest.approx(0.5)
    assert scores.ceafe.recall == pytest.approx(0.65)
    assert scores.ceafe.precision == pytest.approx(1.3 / 3)


def test_one_chain_against_all_singletons() -> None:
    # MUC gives no credit without links; B³ recall is 1/n per mention; CEAF-e matches one
    # singleton with phi = 2/(n+1).
    key, response = partition("abcd"), partition("a", "b", "c", "d")
    scores = score(key, response)
    assert scores.muc.f1 == 0.0
    assert scores.bcubed.recall == pytest.approx(0.25)
    assert scores.bcubed.precision == pytest.approx(1.0)
    assert scores.ceafe.recall == pytest.approx(0.4)
    assert scores.ceafe.precision == pytest.approx(0.1)


def test_everything_in_one_chain() -> None:
    # The key's two chains {a,b} {c,d,e}: MUC R = 3/3, P = 3/4.
    scores = score(partition("ab", "cde"), partition("abcde"))
    assert scores.muc.recall == pytest.approx(1.0)
    assert scores.muc.precision == pytest.approx(0.75)
    assert scores.bcubed.precision == pytest.approx((2 * 2 / 5 + 3 * 3 / 5) / 5)


@pytest.mark.parametrize(
    "chains", [("abc", "de", "f"), ("a", "b"), ("abcdef",), ("ab", "cd", "ef", "g")]
)
def test_a_partition_against_itself_scores_one(chains: tuple[str, ...]) -> None:
    scores = score(partition(*chains), partition(*chains))
    assert scores.bcubed.f1 == pytest.approx(1.0)
    assert scores.ceafe.f1 == pytest.approx(1.0)
    if any(len(c) > 1 for c in chains):
        assert scores.conll_f1 == pytest.approx(1.0)


def test_labels_only_group() -> None:
    key = partition("abc", "de")
    renamed = {m: f"chain-{9 - n}" for m, n in key.items()}
    assert score(key, renamed).conll_f1 == pytest.approx(1.0)


def brute_force(weights: np.ndarray) -> float:
    rows, columns = weights.shape
    if rows > columns:
        return brute_force(weights.T)
    return max(
        float(sum(weights[r, c] for r, c in zip(range(rows), chosen, strict=True)))
        for chosen in itertools.permutations(range(columns), rows)
    )


@pytest.mark.parametrize("seed", range(20))
def test_best_assignment_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
    weights = rng.random(shape) * (rng.random(shape) < 0.6)
    assert best_assignment(weights) == pytest.approx(brute_force(weights))
