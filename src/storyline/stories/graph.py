"""The articles' nearest-neighbour graph, kept up to date as articles arrive.

Stories are the groups of this graph (``cluster.py``). What makes them the same however the
articles arrive is that the graph itself does not depend on arrival:

- an article's neighbours are its ``NEIGHBOURS`` closest articles among those that share a
  specific term with it and are close in time (``cluster.nearest``), whenever they came;
- when an article arrives, it computes its own list against every earlier candidate, and
  each candidate whose list it now belongs in takes it in (the list of the closest ``k``,
  cut below ``RELATIVE`` of the best, is the same kept incrementally as computed at once:
  an article cut or pushed out never comes back, because the best only grows);
- two articles can end in one story only if their neighbourhoods share at least two
  articles (``cluster.LINK``), so the groups of the graph are found inside its *strong
  components* (articles joined by such pairs), and a component is grouped the same whether
  it is regrouped alone or with the whole store. A new article only makes the components it
  touches regroup: the cost of a run follows what it touches, not the size of the store.

The only thing arrival still changes is the term weights: an article's vector is weighted by
the document frequencies of the store when it was read (the stage re-reads a small store as
it doubles, where those frequencies move most).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from storyline.stories.cluster import NEIGHBOURS, NearArticle, keep_nearest, strong_pairs
from storyline.stories.features import Split, similarity

# Two articles are about one subject when one names at least this share (by idf weight) of
# the other's subject. Shares below 0.2 are as rare between articles of one ECB+ story as
# between two stories of one topic (train, tuned on).
SUBJECT_SHARE = 0.2
# When both subjects are words of capitals headlines (``subject.py``: a notice that names
# nothing in its text), a half: such subjects mix the company's words with the notice's
# ("REGULAR", "DEC", "EUROBOND"), and two companies' notices share those. Measured on the
# first 5,000 Reuters articles (tuned on): pairs of routine items of one company share at
# least half, except 4 of 2,129.
WORDS_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class GraphArticle:
    """An article as the graph sees it: its term vector, the same split into names and
    words, the specific terms it is found by, its day (ordinal), if dated, and its subject."""

    id: str
    vector: dict[str, float]
    parts: Split
    specific: frozenset[str]
    day: int | None
    # The headline's specific names (``subject.py``), each with how specific it is (its idf
    # when the article was read).
    subject: Mapping[str, float] = field(default_factory=dict)
    subject_words: bool = False  # the subject is a capitals headline's rare words

    def mentions(self, names: Iterable[str]) -> bool:
        return any(n in self.subject or n in self.parts[0] for n in names)

    def share_of(self, subject: Mapping[str, float]) -> float:
        """How much of ``subject`` (by weight) this article names too."""
        total = sum(subject.values())
        named = sum(w for n, w in subject.items() if n in self.subject or n in self.parts[0])
        return named / total if total else 0.0


class GraphSource(Protocol):
    """Where the graph reads what the current run did not compute (the store)."""

    def articles(self, ids: Iterable[str]) -> dict[str, GraphArticle]: ...

    def sharing(self, terms: Iterable[str], day: int | None, window: int) -> set[str]: ...

    def lists(self, ids: Iterable[str]) -> dict[str, list[NearArticle]]: ...

    def pointing_at(self, ids: Iterable[str]) -> dict[str, set[str]]: ...


def pair_similarity(a: GraphArticle, b: GraphArticle) -> float:
    """Symmetric to the last bit: the sum runs in one order whoever asks. Two articles about
    different subjects (each one's subject named nowhere in the other) are not alike at all."""
    if a.id > b.id:
        a, b = b, a
    if different_subjects(a, b):
        return 0.0
    return similarity(a.parts, b.parts)


def different_subjects(a: GraphArticle, b: GraphArticle) -> bool:
    """Neither names enough of the other's subject: "REGULAR" is in the headlines of fifty
    dividend notices, but it is the least specific of "COMBUSTION ENGINEERING INC <CSP>
    REGULAR DIV"'s words, so two such notices of two companies have different subjects."""
    if not (a.subject and b.subject):
        return False
    least = WORDS_SHARE if a.subject_words and b.subject_words else SUBJECT_SHARE
    return max(b.share_of(a.subject), a.share_of(b.subject)) < least


class NeighbourGraph:
    """The graph as one run sees it: what the store holds, read as needed, and what the run
    changed (written back with ``changed_lists``)."""

    def __init__(self, source: GraphSource, window_days: int) -> None:
        self.source = source
        self.window = window_days
        self.known: dict[str, GraphArticle] = {}
        self.added: dict[str, GraphArticle] = {}  # articles this run put in the graph
        self.postings: defaultdict[str, set[str]] = defaultdict(set)  # of ``added``
        self._lists: dict[str, list[NearArticle]] = {}
        self._pointing: dict[str, set[str]] = {}
        self.changed: set[str] = set()  # articles whose list this run changed
        self.removed: set[str] = set()  # articles this run took out

    # Reading ---------------------------------------------------------------------------

    def article(self, article_id: str) -> GraphArticle:
        self._read([article_id])
        return self.known[article_id]

    def _read(self, ids: Iterable[str]) -> None:
        missing = [i for i in ids if i not in self.known]
        if missing:
            self.known.update(self.source.articles(missing))

    def lists(self, ids: Iterable[str]) -> dict[str, list[NearArticle]]:
        wanted = list(ids)
        missing = [i for i in wanted if i not in self._lists]
        if missing:
            found = self.source.lists(missing)
            for article_id in missing:
                self._lists[article_id] = found.get(article_id, [])
        return {i: self._lists[i] for i in wanted}

    def pointing_at(self, ids: Iterable[str]) -> dict[str, set[str]]:
        """Who has each of ``ids`` among its neighbours."""
        wanted = list(ids)
        missing = [i for i in wanted if i not in self._pointing]
        if missing:
            found = self.source.pointing_at(missing)
            for article_id in missing:
                self._pointing[article_id] = set(found.get(article_id, ()))
        return {i: self._pointing[i] for i in wanted}

    # Changing --------------------------------------------------------------------------

    def add(self, article: GraphArticle) -> None:
        """Put a new article in: its own list, and its place in its candidates' lists."""
        candidates = self._candidates(article)
        self._read(candidates)
        scored = [(pair_similarity(article, self.known[c]), c) for c in sorted(candidates)]
        self.known[article.id] = article
        self.added[article.id] = article
        self.removed.discard(article.id)
        for term in article.specific:
            self.postings[term].add(article.id)
        own = keep_nearest(scored)
        self._set(article.id, own)
        others = self.lists([c for _, c in scored])
        for score, other in scored:
            updated = keep_nearest([*((s, n) for n, s in others[other]), (score, article.id)])
            if updated != others[other]:
                self._set(other, updated)

    def relist(self, article_id: str) -> None:
        """Compute an article's list again from scratch (a neighbour of it left)."""
        article = self.article(article_id)
        candidates = self._candidates(article)
        self._read(candidates)
        self._set(
            article_id,
            keep_nearest([(pair_similarity(article, self.known[c]), c) for c in candidates]),
        )

    def forget(self, article_id: str) -> set[str]:
        """Take an article out; return the articles that had it as a neighbour (their lists
        must be computed again)."""
        pointing = self.pointing_at([article_id])[article_id] - {article_id}
        self._set(article_id, [])
        self.known.pop(article_id, None)
        self.added.pop(article_id, None)
        self.removed.add(article_id)
        for ids in self.postings.values():
            ids.discard(article_id)
        return pointing

    def _set(self, article_id: str, neighbours: list[NearArticle]) -> None:
        before = self.lists([article_id])[article_id]
        for neighbour, _ in before:
            self.pointing_at([neighbour])[neighbour].discard(article_id)
        for neighbour, _ in neighbours:
            self.pointing_at([neighbour])[neighbour].add(article_id)
        self._lists[article_id] = neighbours
        self.changed.add(article_id)

    def candidates(self, article: GraphArticle) -> set[str]:
        return self._candidates(article)

    def articles_of(self, ids: Iterable[str]) -> dict[str, GraphArticle]:
        wanted = list(ids)
        self._read(wanted)
        return {i: self.known[i] for i in wanted if i in self.known}

    def _candidates(self, article: GraphArticle) -> set[str]:
        """Articles sharing a specific term with this one and close to it in time (the store
        filters its own by day; those of this run are filtered here)."""
        found = self.source.sharing(article.specific, article.day, self.window) - self.removed
        for term in article.specific:
            found |= {i for i in self.postings.get(term, ()) if self._close(article, i)}
        found.discard(article.id)
        return found

    def _close(self, article: GraphArticle, other_id: str) -> bool:
        other = self.known[other_id]
        return (
            article.day is None
            or other.day is None
            or abs(article.day - other.day) <= (self.window)
        )

    # Components ------------------------------------------------------------------------

    def closed_neighbourhoods(self, ids: Iterable[str]) -> dict[str, set[str]]:
        return {i: {i, *(n for n, _ in found)} for i, found in self.lists(ids).items()}

    def strong_partners(self, article_id: str) -> set[str]:
        """The articles whose neighbourhood shares at least two articles with this one's."""
        mine = self.closed_neighbourhoods([article_id])[article_id]
        counts: defaultdict[str, int] = defaultdict(int)
        for member, pointing in self.pointing_at(mine).items():
            for other in pointing | {member}:
                counts[other] += 1
        return {other for other, count in counts.items() if count >= 2 and other != article_id}

    def components(self, seeds: Iterable[str], within: set[str] | None = None) -> list[list[str]]:
        """The strong components holding ``seeds`` (only through ``within``, if given), each
        sorted by id."""
        seen: set[str] = set()
        found = []
        for seed in sorted(set(seeds)):
            if seed in seen:
                continue
            component, frontier = {seed}, [seed]
            while frontier:
                current = frontier.pop()
                for other in self.strong_partners(current):
                    if other not in component and (within is None or other in within):
                        component.add(other)
                        frontier.append(other)
            seen |= component
            found.append(sorted(component))
        return found

    def weights(self, component: list[str]) -> dict[tuple[int, int], float]:
        """Shared-neighbour weights of the component's pairs, by position in ``component``."""
        return strong_pairs(
            [sorted(self.closed_neighbourhoods([i])[i]) for i in component], NEIGHBOURS
        )

    def changed_lists(self) -> Mapping[str, list[NearArticle]]:
        return {i: self._lists[i] for i in sorted(self.changed - self.removed)}
