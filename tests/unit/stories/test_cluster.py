"""Shared-nearest-neighbour grouping of a block of articles (``stories/cluster.py``)."""

from __future__ import annotations

from storyline.stories.cluster import (
    NEIGHBOURS,
    Node,
    average_linkage,
    neighbours,
    shared_neighbours,
)
from storyline.stories.features import split


def node(weights: dict[str, float], day: int | None = None, story: str | None = None) -> Node:
    norm = sum(w * w for w in weights.values()) ** 0.5
    unit = {t: w / norm for t, w in weights.items()}
    return Node(split(unit), frozenset(t for t in weights if t.startswith("n:")), day, story)


# Two arrests of two players of one team: the same words, different names. Every article
# is closer to those of its own happening than to the other's.
SHARED = {"arrest": 1.0, "drunk": 1.0, "driving": 1.0, "n:chargers": 1.0}
FIRST = [
    node({**SHARED, "n:vincent jackson": 2.0, "n:jackson": 2.0, f"w{i}": 0.5}) for i in range(6)
]
SECOND = [
    node({**SHARED, "n:jamal williams": 2.0, "n:williams": 2.0, f"v{i}": 0.5}) for i in range(6)
]


def groups_of(nodes: list[Node]) -> list[frozenset[int]]:
    weights = shared_neighbours(neighbours(nodes, window_days=30))
    return average_linkage(list(range(len(nodes))), weights, lambda a, b: True)


def test_two_happenings_of_one_kind_stay_apart() -> None:
    groups = groups_of(FIRST + SECOND)
    assert sorted(sorted(g) for g in groups) == [list(range(6)), list(range(6, 12))]


def test_neighbours_need_a_shared_specific_term_and_a_close_date() -> None:
    a = node({"n:rotterdam": 1.0, "strike": 1.0}, day=100)
    b = node({"n:rotterdam": 1.0, "strike": 1.0}, day=110)
    c = node({"n:rotterdam": 1.0, "strike": 1.0}, day=400)  # a year later
    d = node({"strike": 1.0, "port": 1.0}, day=100)  # no specific term in common
    lists = neighbours([a, b, c, d], window_days=30)
    assert lists[0] == [1]
    assert lists[2] == []
    assert lists[3] == []


def test_a_neighbour_far_below_the_nearest_one_is_left_out() -> None:
    a = node({"n:kyiv": 1.0, "talks": 1.0, "ceasefire": 1.0})
    b = node({"n:kyiv": 1.0, "talks": 1.0, "ceasefire": 0.9})
    c = node({"n:kyiv": 1.0, "n:odesa": 3.0, "harvest": 3.0, "grain": 3.0, "talks": 0.1})
    assert neighbours([a, b, c], window_days=30)[0] == [1]


def test_refused_merges_keep_groups_apart() -> None:
    nodes = FIRST[:3]
    weights = shared_neighbours(neighbours(nodes, window_days=30))
    assert len(average_linkage([0, 1, 2], weights, lambda a, b: True)) == 1
    apart = average_linkage([0, 1, 2], weights, lambda a, b: not ({0, 1} <= a | b))
    assert {0, 1} not in [set(g) for g in apart]


def test_overlaps_are_shares_of_a_neighbourhood() -> None:
    weights = shared_neighbours([[1], [0]])
    assert weights[(0, 1)] == 2 / (NEIGHBOURS + 1)
