"""The articles' nearest-neighbour graph (``stories/graph.py``) and its grouping by shared
neighbours (``stories/cluster.py``)."""

from __future__ import annotations

import random
from collections.abc import Iterable

from storyline.stories.cluster import NEIGHBOURS, NearArticle, average_linkage, strong_pairs
from storyline.stories.features import split
from storyline.stories.graph import (
    GraphArticle,
    NeighbourGraph,
    different_subjects,
    pair_similarity,
)


class Nothing:
    """A store with nothing in it: the graph holds only what the test adds."""

    def articles(self, ids: Iterable[str]) -> dict[str, GraphArticle]:
        return {}

    def sharing(self, terms: Iterable[str], day: int | None, window: int) -> set[str]:
        return set()

    def lists(self, ids: Iterable[str]) -> dict[str, list[NearArticle]]:
        return {}

    def pointing_at(self, ids: Iterable[str]) -> dict[str, set[str]]:
        return {}


def article(name: str, weights: dict[str, float], day: int | None = None) -> GraphArticle:
    norm = sum(w * w for w in weights.values()) ** 0.5
    unit = {t: w / norm for t, w in weights.items()}
    return GraphArticle(
        name, unit, split(unit), frozenset(t for t in weights if "n:" in t), day, {}
    )


def graph_of(articles: list[GraphArticle]) -> NeighbourGraph:
    graph = NeighbourGraph(Nothing(), window_days=30)
    for item in articles:
        graph.add(item)
    return graph


def groups_of(articles: list[GraphArticle]) -> list[list[str]]:
    graph = graph_of(articles)
    found = []
    for component in graph.components(a.id for a in articles):
        for group in average_linkage(
            list(range(len(component))), graph.weights(component), lambda a, b: True
        ):
            found.append(sorted(component[i] for i in group))
    return sorted(found)


# Two arrests of two players of one team: the same words, different names. Every article
# is closer to those of its own happening than to the other's.
SHARED = {"arrest": 1.0, "drunk": 1.0, "driving": 1.0, "n:chargers": 1.0}
FIRST = [
    article(f"a{i}", {**SHARED, "n:vincent jackson": 2.0, "n:jackson": 2.0, f"w{i}": 0.5})
    for i in range(6)
]
SECOND = [
    article(f"b{i}", {**SHARED, "n:jamal williams": 2.0, "n:williams": 2.0, f"v{i}": 0.5})
    for i in range(6)
]


def test_two_happenings_of_one_kind_stay_apart() -> None:
    assert groups_of(FIRST + SECOND) == [[a.id for a in FIRST], [b.id for b in SECOND]]


def test_the_graph_and_the_groups_do_not_depend_on_arrival_order() -> None:
    articles = FIRST + SECOND
    expected = graph_of(articles).lists([a.id for a in articles])
    for seed in range(5):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        assert graph_of(shuffled).lists([a.id for a in articles]) == expected
        assert groups_of(shuffled) == groups_of(articles)


def test_neighbours_need_a_shared_specific_term_and_a_close_date() -> None:
    a = article("a", {"n:rotterdam": 1.0, "strike": 1.0}, day=100)
    b = article("b", {"n:rotterdam": 1.0, "strike": 1.0}, day=110)
    c = article("c", {"n:rotterdam": 1.0, "strike": 1.0}, day=400)  # a year later
    d = article("d", {"strike": 1.0, "port": 1.0}, day=100)  # no specific term in common
    lists = graph_of([a, b, c, d]).lists(["a", "c", "d"])
    assert [n for n, _ in lists["a"]] == ["b"]
    assert lists["c"] == []
    assert lists["d"] == []


def test_a_neighbour_far_below_the_nearest_one_is_left_out() -> None:
    a = article("a", {"n:kyiv": 1.0, "talks": 1.0, "ceasefire": 1.0})
    b = article("b", {"n:kyiv": 1.0, "talks": 1.0, "ceasefire": 0.9})
    c = article("c", {"n:kyiv": 1.0, "n:odesa": 3.0, "harvest": 3.0, "grain": 3.0, "talks": 0.1})
    assert [n for n, _ in graph_of([c, b, a]).lists(["a"])["a"]] == ["b"]


def test_an_article_taken_out_leaves_its_neighbours_looking_again() -> None:
    graph = graph_of(FIRST[:3])
    pointing = graph.forget("a0")
    assert pointing == {"a1", "a2"}
    for article_id in sorted(pointing):
        graph.relist(article_id)
    assert graph.lists(["a1"])["a1"] == graph_of(FIRST[1:3]).lists(["a1"])["a1"]


def test_refused_merges_keep_groups_apart() -> None:
    graph = graph_of(FIRST[:3])
    [component] = graph.components(["a0"])
    weights = graph.weights(component)
    assert len(average_linkage([0, 1, 2], weights, lambda a, b: True)) == 1
    apart = average_linkage([0, 1, 2], weights, lambda a, b: not ({0, 1} <= a | b))
    assert {0, 1} not in [set(g) for g in apart]


def test_overlaps_are_shares_of_a_neighbourhood() -> None:
    weights = strong_pairs([["a", "b"], ["a", "b"]], NEIGHBOURS)
    assert weights[(0, 1)] == 2 / (NEIGHBOURS + 1)


def with_subject(name: str, subject: dict[str, float], words: bool = False) -> GraphArticle:
    unit = {"dividend": 1.0}
    return GraphArticle(name, unit, split(unit), frozenset(), None, subject, words)


def test_two_notices_sharing_only_their_commonest_headline_word_have_different_subjects() -> None:
    """ "COMBUSTION ENGINEERING INC <CSP> REGULAR DIV" and "SYSTEMATICS INC <SYST> REGULAR
    PAYOUT": "regular" is a fifth of each subject's weight, not the company."""
    combustion = with_subject(
        "a", {"n:combustion": 7.1, "n:csp": 7.8, "n:engineering": 4.6, "n:regular": 3.9}, True
    )
    systematics = with_subject("b", {"n:systematics": 7.8, "n:syst": 7.8, "n:regular": 3.9}, True)
    again = with_subject("c", {"n:combustion": 7.1, "n:regular": 3.9}, True)
    assert different_subjects(combustion, systematics)
    assert pair_similarity(combustion, systematics) == 0.0
    assert not different_subjects(combustion, again)


def test_named_subjects_need_less_in_common_than_headline_words() -> None:
    """Spelled names are what a story's headlines share: "Lindsay Lohan" is a third of a
    subject that also names a town, and that is one subject."""
    lohan = with_subject("a", {"n:lindsay lohan": 4.0, "n:newport beach": 7.0})
    again = with_subject("b", {"n:lindsay lohan": 4.0, "n:malibu": 6.0})
    assert not different_subjects(lohan, again)
    assert different_subjects(
        with_subject("c", {"n:lindsay lohan": 4.0, "n:newport beach": 7.0}, True),
        with_subject("d", {"n:lindsay lohan": 4.0, "n:malibu": 6.0}, True),
    )
