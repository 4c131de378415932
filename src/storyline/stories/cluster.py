"""Shared-nearest-neighbour clustering of the articles' graph (``graph.py``).

Why not a threshold on similarity alone: two happenings of the same kind (two drink-driving
arrests of players of one team, two climbers killed on one mountain) share most of their
words and names, so an article can be as similar to the other happening's story as articles
of one story are to each other. What does tell them apart is whom each article is closest
to: an article's nearest neighbours are nearly always from its own story. Two articles whose
neighbourhoods overlap belong together (Jarvis and Patrick's shared nearest neighbours,
1973); the overlap adapts to tight and loose stories alike. Average linkage over the
overlaps groups the articles of a component of the graph into stories. A pair of articles
are neighbours only if they share a specific term (a name or rare word, not a word every
earnings report uses) and are close in time.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations

NEIGHBOURS = 5
# Below this similarity an article is nobody's neighbour, however empty its surroundings.
NEIGHBOUR_FLOOR = 0.1
# A neighbour must be at least this share as close as the nearest one: a small story (two
# or three articles) does not fill its neighbourhood with another story of the same kind.
# Measured on ECB+ dev: 0.4 keeps the one-run score and lifts runs of 50 articles from
# 0.78 to 0.84 B-cubed F1.
RELATIVE = 0.4
# Average overlap (a share of NEIGHBOURS + 1) at which two groups of articles join.
LINK = 0.2


# A neighbour: (article id, similarity).
NearArticle = tuple[str, float]
Allowed = Callable[[frozenset[int], frozenset[int]], bool]


def keep_nearest(scored: Iterable[tuple[float, str]]) -> list[NearArticle]:
    """The ``NEIGHBOURS`` closest of ``(similarity, id)`` candidates, closest first (ties by
    id, so the list is the same whatever order the candidates came in), none below
    ``NEIGHBOUR_FLOOR`` nor below ``RELATIVE`` of the closest."""
    nearest = heapq.nsmallest(
        NEIGHBOURS, ((-score, other) for score, other in scored if score >= NEIGHBOUR_FLOOR)
    )
    if not nearest:
        return []
    cut = RELATIVE * -nearest[0][0]
    return [(other, -negative) for negative, other in nearest if -negative >= cut]


def strong_pairs(closed: Sequence[Sequence[str]], size: int) -> dict[tuple[int, int], float]:
    """Overlap of each pair's closed neighbourhoods (each article counting as its own
    neighbour), as a share of ``size + 1``, for the pairs (by position) that share any."""
    pointing: dict[str, list[int]] = defaultdict(list)
    for position, members in enumerate(closed):
        for member in members:
            pointing[member].append(position)
    shared: Counter[tuple[int, int]] = Counter()
    for positions in pointing.values():
        shared.update(combinations(sorted(positions), 2))
    return {pair: count / (size + 1) for pair, count in shared.items()}


def average_linkage(
    groups: Sequence[int], weights: dict[tuple[int, int], float], allowed: Allowed
) -> list[frozenset[int]]:
    """Merge groups of nodes, the pair with the highest average weight first, while that
    average reaches ``LINK`` and ``allowed`` agrees; ``groups`` gives each node's first group."""
    members: dict[int, set[int]] = defaultdict(set)
    for node, group in enumerate(groups):
        members[group].add(node)
    links: dict[int, defaultdict[int, float]] = defaultdict(lambda: defaultdict(float))
    for (a, b), weight in weights.items():
        ga, gb = groups[a], groups[b]
        if ga != gb:
            links[ga][gb] += weight
            links[gb][ga] += weight
    heap: list[tuple[float, int, int]] = []

    def push(a: int, b: int) -> None:
        average = links[a][b] / (len(members[a]) * len(members[b]))
        if average >= LINK:
            heapq.heappush(heap, (-average, min(a, b), max(a, b)))

    for a, near in links.items():
        for b in near:
            if a < b:
                push(a, b)
    refused: set[tuple[int, int]] = set()
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members or (a, b) in refused:
            continue
        if links[a][b] / (len(members[a]) * len(members[b])) != -negative:
            continue  # stale: one of the two has grown since
        if not allowed(frozenset(members[a]), frozenset(members[b])):
            refused.add((a, b))
            continue
        _merge(a, b, members, links)
        refused = {pair for pair in refused if a not in pair}
        for other in links[a]:
            push(a, other)
    return [frozenset(m) for _, m in sorted(members.items())]


def _merge(
    a: int, b: int, members: dict[int, set[int]], links: dict[int, defaultdict[int, float]]
) -> None:
    """Fold group ``b`` into group ``a``."""
    members[a] |= members.pop(b)
    for other, weight in links.pop(b).items():
        links[other].pop(b, None)
        if other != a:
            links[a][other] += weight
            links[other][a] += weight
    links[a].pop(a, None)
