"""Why two articles share a story, or why an article is not in the story nearest to it.

Everything here is read back from the articles' graph (``graph.py``) as the stage left it:
the two articles' term vectors (shared names, words, figures and years, weighted as the
stage weighed them), their days, their subjects, whether each is among the other's
nearest neighbours and how many neighbours they share (two are needed to group), and, for
two articles of one story that are not neighbours, the chain of articles that joins them.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

from storyline.errors import StoreError
from storyline.store import Store
from storyline.stories.cluster import LINK, NEIGHBOURS
from storyline.stories.features import split_cosine
from storyline.stories.graph import (
    GraphArticle,
    NeighbourGraph,
    different_subjects,
    pair_similarity,
)
from storyline.stories.stage import GROUP, WINDOW_DAYS

SHOWN = 8


@dataclass(frozen=True, slots=True)
class PairWhy:
    first: str
    second: str
    first_story: str | None
    second_story: str | None
    similarity: float  # as the graph scores the pair (0 when their subjects differ)
    by_names: float
    by_words: float
    shared_names: tuple[str, ...]
    shared_words: tuple[str, ...]
    shared_figures: tuple[str, ...]  # numbers and years both give
    days_apart: int | None
    subjects: tuple[tuple[str, ...], tuple[str, ...]]
    different_subjects: bool
    neighbours: bool  # one is among the other's nearest
    shared_neighbours: int  # of the NEIGHBOURS + 1 each has (itself included)
    path: tuple[str, ...]  # articles joining them by shared neighbours, when in one story
    says: str


def explain_pair(store: Store, first: str, second: str) -> PairWhy:
    """Why ``first`` and ``second`` are, or are not, in one story. ``StoreError`` when either
    is not in the articles' graph (not a current article, or a copy: ask about its original)."""
    graph = NeighbourGraph(store.story_graph, WINDOW_DAYS)
    found = store.story_graph.articles([first, second])
    for article_id in (first, second):
        if article_id not in found:
            raise StoreError(
                f"article {article_id!r} is in no story",
                hint="give the id of a current article that is not a copy "
                "(a copy is in its original's story): storyline show ID",
            )
    a, b = found[first], found[second]
    stories = store.stories.stories_of([first, second])
    lists = graph.lists([first, second])
    closed = graph.closed_neighbourhoods([first, second])
    shared = len(closed[first] & closed[second])
    neighbours = second in dict(lists[first]) or first in dict(lists[second])
    by_names, by_words, _ = split_cosine(a.parts, b.parts)
    same = stories[first] is not None and stories[first] == stories[second]
    path = _path(graph, first, second) if same else ()
    days = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    why = PairWhy(
        first,
        second,
        stories[first],
        stories[second],
        pair_similarity(a, b),
        by_names,
        by_words,
        _shared(a, b, names=True),
        _shared(a, b, names=False),
        _shared_figures(a, b),
        days,
        (tuple(sorted(a.subject)), tuple(sorted(b.subject))),
        different_subjects(a, b),
        neighbours,
        shared,
        path,
        "",
    )
    return _with_verdict(why, same)


def _shared(a: GraphArticle, b: GraphArticle, *, names: bool) -> tuple[str, ...]:
    side = 0 if names else 1
    left, right = a.parts[side], b.parts[side]
    common = [
        (left[t] * right[t], t)
        for t in left.keys() & right.keys()
        if not t.startswith(("#:", "y:"))
    ]
    return tuple(t.removeprefix("n:") for _, t in sorted(common, reverse=True)[:SHOWN])


def _shared_figures(a: GraphArticle, b: GraphArticle) -> tuple[str, ...]:
    common = a.vector.keys() & b.vector.keys()
    return tuple(sorted(t[2:] for t in common if t.startswith(("#:", "y:"))))[:SHOWN]


def _path(graph: NeighbourGraph, first: str, second: str) -> tuple[str, ...]:
    """The shortest chain of articles from ``first`` to ``second`` in which each next one
    shares at least two neighbours with the one before (how grouping reached it)."""
    previous: dict[str, str | None] = {first: None}
    queue = deque([first])
    while queue and len(previous) < 5000:
        current = queue.popleft()
        if current == second:
            break
        for other in sorted(graph.strong_partners(current)):
            if other not in previous:
                previous[other] = current
                queue.append(other)
    if second not in previous:
        return ()
    chain: list[str] = []
    step: str | None = second
    while step is not None:
        chain.append(step)
        step = previous[step]
    return tuple(reversed(chain))


def _with_verdict(why: PairWhy, same: bool) -> PairWhy:
    evidence = []
    if why.shared_names:
        evidence.append("names " + ", ".join(why.shared_names[:4]))
    if why.shared_words:
        evidence.append("words " + ", ".join(why.shared_words[:4]))
    if why.shared_figures:
        evidence.append("figures " + ", ".join(why.shared_figures[:4]))
    shared = "; ".join(evidence) or "nothing specific"
    if same:
        if why.neighbours:
            says = f"In one story: each is among the other's closest articles; they share {shared}."
        elif len(why.path) > 2:
            says = (
                f"In one story through {len(why.path) - 2} article(s) between them, each "
                f"sharing neighbours with the next; directly they share {shared}."
            )
        else:
            says = f"In one story: they share {why.shared_neighbours} neighbours and {shared}."
        return _replace_says(why, says)
    if why.different_subjects:
        reason = (
            "their headlines name different subjects ("
            + ", ".join(s.removeprefix("n:") for s in why.subjects[0])
            + " / "
            + ", ".join(s.removeprefix("n:") for s in why.subjects[1])
            + "), neither named in the other"
        )
    elif why.days_apart is not None and why.days_apart > WINDOW_DAYS:
        reason = f"they are {why.days_apart} days apart (more than {WINDOW_DAYS})"
    elif why.shared_neighbours < 2:
        reason = (
            f"they share {why.shared_neighbours} of their {NEIGHBOURS + 1} closest articles "
            f"(grouping needs an average of {LINK:.0%} shared between two groups, at least 2)"
        )
    else:
        reason = (
            "their groups say different things as a whole (their centroids are less than "
            f"{GROUP} alike) or average too few shared neighbours"
        )
    return _replace_says(why, f"Not in one story: {reason}. They share {shared}.")


def _replace_says(why: PairWhy, says: str) -> PairWhy:
    return replace(why, says=says)


def nearest_elsewhere(store: Store, article_id: str) -> PairWhy | None:
    """The article of another story closest to this one, and why they are apart (None when
    no article of another story shares a specific term with it in its time window)."""
    graph = NeighbourGraph(store.story_graph, WINDOW_DAYS)
    found = store.story_graph.articles([article_id])
    if article_id not in found:
        raise StoreError(
            f"article {article_id!r} is in no story",
            hint="give the id of a current article that is not a copy: storyline show ID",
        )
    article = found[article_id]
    candidates = sorted(graph.candidates(article))
    stories = store.stories.stories_of([article_id, *candidates])
    others = graph.articles_of(c for c in candidates if stories[c] != stories[article_id])
    if not others:
        return None
    best = max(others.values(), key=lambda o: (pair_similarity(article, o), o.id))
    return explain_pair(store, article_id, best.id)
