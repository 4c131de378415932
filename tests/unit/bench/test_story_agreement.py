"""The arrival benchmark's scoring helpers (bench/stories_feed.py): pairwise agreement of two
clusterings, by counts, against the pair-by-pair definition."""

from __future__ import annotations

import random
import sys
from itertools import combinations
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
if str(REPO) not in sys.path:
    # bench/ sits beside src/ and is not installed.
    sys.path.insert(0, str(REPO))

from bench.stories_feed import agreement, chunks, order_agreement  # noqa: E402


def _pairs(clusters: dict[str, str]) -> set[frozenset[str]]:
    return {
        frozenset((a, b))
        for a, b in combinations(sorted(clusters), 2)
        if clusters[a] == clusters[b]
    }


def test_identical_clusterings_agree_fully_whatever_the_labels() -> None:
    batch = {"a": "s1", "b": "s1", "c": "s2", "d": "s3"}
    renamed = {"a": "x", "b": "x", "c": "y", "d": "z"}
    score = agreement(batch, renamed)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_a_split_story_costs_recall_and_a_merge_costs_precision() -> None:
    batch = {"a": "s", "b": "s", "c": "s", "d": "t"}
    split = {"a": "s", "b": "s", "c": "u", "d": "t"}  # keeps 1 of the batch's 3 pairs
    score = agreement(batch, split)
    assert score.precision == 1.0 and score.recall == pytest.approx(1 / 3)
    merged = {"a": "s", "b": "s", "c": "s", "d": "s"}  # 6 pairs, 3 of them the batch's
    score = agreement(batch, merged)
    assert score.precision == pytest.approx(0.5) and score.recall == 1.0


def test_swapping_the_reference_swaps_precision_and_recall() -> None:
    one = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    two = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "3"}
    forward, backward = agreement(one, two), agreement(two, one)
    assert forward.precision == backward.recall and forward.recall == backward.precision
    assert forward.f1 == pytest.approx(backward.f1)


def test_singletons_only_agree_and_items_of_one_side_are_ignored() -> None:
    alone = {"a": "a", "b": "b"}
    assert agreement(alone, {"a": "x", "b": "y", "c": "x"}).f1 == 1.0


def test_counts_match_the_pairwise_definition_on_random_clusterings() -> None:
    rng = random.Random(3)
    items = [f"d{i}" for i in range(40)]
    for _ in range(20):
        one = {i: str(rng.randrange(6)) for i in items}
        two = {i: str(rng.randrange(9)) for i in items}
        reference, other = _pairs(one), _pairs(two)
        score = agreement(one, two)
        assert score.precision == pytest.approx(len(reference & other) / len(other))
        assert score.recall == pytest.approx(len(reference & other) / len(reference))


def test_order_agreement_scores_every_pair_of_orders() -> None:
    a = {"x": "1", "y": "1", "z": "2"}
    b = {"x": "5", "y": "5", "z": "6"}
    c = {"x": "1", "y": "2", "z": "2"}
    scores = order_agreement([a, b, c])
    assert len(scores) == 3 and scores[0] == 1.0 and scores[1] == 0.0


def test_runs_cut_the_stream_in_order() -> None:
    records = [{"id": str(i)} for i in range(7)]
    assert [len(part) for part in chunks(records, 3)] == [3, 3, 1]
    assert [r["id"] for part in chunks(records, 3) for r in part] == [str(i) for i in range(7)]
    assert chunks(records, None) == [records]
