"""The stories stage: canonical articles join stories in publication order, a block at a time.

Articles not yet in a story are taken in blocks of ``BLOCK`` in publication order. For each
article, the earlier stories that share its heaviest terms and are active in its time window
(their last article no more than ``WINDOW_DAYS`` before it) are its candidates; the closest
few lend some of their members to a graph of the block's articles (``cluster.py``). Groups
of articles whose nearest neighbours overlap join the earlier story they hold, if their
centroid is close enough to it (``JOIN``), or open a new story whose id derives from the
group's first article and never changes. When a group holds two earlier stories that are
also close to each other (``MERGE``), the smaller is merged into the larger and the merge is
recorded (``story_events``); the merged id stays resolvable. Duplicates ride along with
their canonical article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage
from storyline.store import Store
from storyline.stories.cluster import Node, average_linkage, neighbours, shared_neighbours
from storyline.stories.features import (
    Split,
    names,
    normalise,
    similarity,
    specific,
    split,
    term_counts,
    vector,
)
from storyline.stories.index import StoryIndex, StoryState
from storyline.stories.summary import choose_title, summarise

JOIN = 0.27
MERGE = 1.1
GROUP = 0.15
WINDOW_DAYS = 30
QUERY_TERMS = 30
BLOCK = 500
# Each article lends the graph this many of its closest earlier stories (if at least
# CONTEXT_FLOOR close), each with this many of its most central members.
CONTEXT_STORIES = 3
CONTEXT_FLOOR = 0.1
CONTEXT_MEMBERS = 8
SUMMARY_MEMBERS = 20


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    published: str | None
    vector: dict[str, float]
    parts: Split
    query: list[str]


class StoryStage(GlobalStage):
    name: ClassVar[str] = "stories"
    # 3: lead and summary sentences from the text layer's one splitter (issue 17).
    version: ClassVar[str] = "3"
    needs: ClassVar[frozenset[str]] = frozenset({"text", "duplicates"})
    provides: ClassVar[frozenset[str]] = frozenset({"stories"})

    def reset(self, store: Store) -> None:
        with store.transaction():
            store.stories.clear()

    def update(
        self,
        store: Store,
        changed: Sequence[str],
        removed: Sequence[str],
        counters: Counters,
        problems: list[Problem],
    ) -> None:
        counts = counters[self.name]
        with store.transaction():
            touched = self._detach(store, set(changed) | set(removed))
        pending = store.stories.pending()
        for start in range(0, len(pending), BLOCK):
            block = pending[start : start + BLOCK]
            with store.transaction():
                index = StoryIndex(store, WINDOW_DAYS, self.results_version)
                self._cluster(index, self._read(store, index, block))
                touched |= index.flush()
                self._describe(store, index, touched)
                touched = set()
        with store.transaction():
            if touched:
                self._describe(store, StoryIndex(store, WINDOW_DAYS, self.results_version), touched)
            store.stories.follow_copies()
        counts.passed += len(pending)

    def _read(self, store: Store, index: StoryIndex, block: list[str]) -> list[Article]:
        """The block's articles as term vectors; the whole block counts in the frequencies."""
        texts = store.dated_texts(block)
        counted = []
        for document_id in block:
            found = texts[document_id]
            counted.append((document_id, found.published, term_counts(found.title, found.text)))
        index.frequencies(sorted({t for _, _, c in counted for t in c}))
        for _, _, terms in counted:
            index.count_document(list(terms))
        articles = []
        for document_id, published, terms in counted:
            weights = vector(terms, index.df, index.documents)
            query = sorted(weights, key=lambda t: (-weights[t], t))[:QUERY_TERMS]
            articles.append(Article(document_id, published, weights, split(weights), query))
        return articles

    def _cluster(self, index: StoryIndex, articles: list[Article]) -> None:
        graph = _Graph(articles, [self._node(index, a.vector, a.published) for a in articles])
        groups = list(range(len(articles)))
        for number, story in enumerate(self._context(index, articles), start=len(articles)):
            members = index.recent_members(story.id, CONTEXT_MEMBERS)
            graph.context[story.id] = story
            graph.recent[story.id] = _centroid([vector for vector, _ in members])
            for member, published in members:
                graph.nodes.append(self._node(index, member, published, story.id))
                groups.append(number)
        weights = shared_neighbours(neighbours(graph.nodes, WINDOW_DAYS))
        for group in average_linkage(groups, weights, graph.may_join):
            graph.settle(index, group)

    def _context(self, index: StoryIndex, articles: list[Article]) -> list[StoryState]:
        """The earlier stories some article of the block comes close to."""
        context: dict[str, StoryState] = {}
        for article in articles:
            scored = sorted(
                (
                    (similarity(article.parts, s.parts), s.id, s)
                    for s in index.candidates(article.query, article.published)
                ),
                key=lambda item: (-item[0], item[1]),
            )
            for score, story_id, story in scored[:CONTEXT_STORIES]:
                if score >= CONTEXT_FLOOR:
                    context[story_id] = story
        return [context[s] for s in sorted(context)]

    @staticmethod
    def _node(
        index: StoryIndex,
        weights: dict[str, float],
        published: str | None,
        story: str | None = None,
    ) -> Node:
        df = index.frequencies(list(weights))
        day = date.fromisoformat(published).toordinal() if published else None
        return Node(split(weights), specific(weights, df, index.documents), day, story)

    def _detach(self, store: Store, ids: set[str]) -> set[str]:
        """Take out articles that changed, were replaced or became duplicates."""
        touched = store.stories.detach(ids | set(store.stories.leaving()))
        for story_id in touched:
            self._rebuild(store, story_id)
        return touched

    def _rebuild(self, store: Store, story_id: str) -> None:
        centroid: dict[str, float] = {}
        dates = []
        size = 0
        for weights, published in store.stories.member_vectors(story_id):
            size += 1
            for term, weight in weights.items():
                centroid[term] = centroid.get(term, 0.0) + weight
            if published:
                dates.append(published)
        if size == 0:
            store.stories.drop(story_id)
            return
        store.stories.reshape(
            story_id, size, centroid, min(dates, default=None), max(dates, default=None)
        )

    def _describe(self, store: Store, index: StoryIndex, story_ids: set[str]) -> None:
        for story_id in sorted(story_ids):
            stored = store.stories.get(story_id)
            if stored is None or stored.merged_into is not None:
                continue
            centroid = normalise(stored.centroid)
            members = store.stories.summary_members(story_id, SUMMARY_MEMBERS)
            if not members:
                continue
            members.sort(key=lambda m: (m.published or "", m.id))
            terms = sorted({t for m in members for t in m.vector})
            df = index.frequencies(terms)
            chosen = summarise(members, centroid, df, max(index.documents, 1))
            top_names = [
                name for name in names(dict(sorted(centroid.items(), key=lambda i: -i[1])))
            ][:10]
            store.stories.describe(
                story_id,
                choose_title(members, centroid),
                [(s.text, s.document_id, s.start, s.end) for s in chosen],
                top_names,
            )


def _centroid(vectors: list[dict[str, float]]) -> Split:
    total: defaultdict[str, float] = defaultdict(float)
    for weights in vectors:
        for term, weight in weights.items():
            total[term] += weight
    return split(total)


@dataclass(slots=True)
class _Graph:
    """One block's articles (the first nodes) and the earlier stories lending members."""

    articles: list[Article]
    nodes: list[Node]
    context: dict[str, StoryState] = field(default_factory=dict)
    recent: dict[str, Split] = field(default_factory=dict)  # centroid of the lent members

    def may_join(self, a: frozenset[int], b: frozenset[int]) -> bool:
        """Overlapping neighbourhoods suffice among new articles. Joining an earlier story
        also takes the articles' centroid close to what the story's latest members say (not
        to its whole history, which drifts), and merging two earlier stories the same of
        theirs."""
        stories_a, stories_b = self._stories(a), self._stories(b)
        if not stories_a and not stories_b:
            return similarity(self._centroid(a), self._centroid(b)) >= GROUP
        if stories_a and stories_b:
            return any(
                similarity(self.recent[x], self.recent[y]) >= MERGE
                for x in stories_a
                for y in stories_b
            )
        stories, new = (stories_a, b) if stories_a else (stories_b, a)
        parts = self._centroid(new)
        return any(similarity(parts, self.recent[s]) >= JOIN for s in stories)

    def _centroid(self, group: frozenset[int]) -> Split:
        return _centroid([self.articles[i].vector for i in group if i < len(self.articles)])

    def _stories(self, group: frozenset[int]) -> set[str]:
        return {s for i in group if (s := self.nodes[i].story) is not None}

    def settle(self, index: StoryIndex, group: frozenset[int]) -> None:
        """Put the group's new articles in its earlier story (the largest, the others merged
        into it) or in a new story named after its first article."""
        members = sorted(i for i in group if i < len(self.articles))
        earlier = sorted(
            (self.context[s] for s in self._stories(group)), key=lambda s: (-s.size, s.id)
        )
        first = self.articles[members[0]].id if members else None
        if earlier:
            story = earlier[0]
            for other in earlier[1:]:
                index.merge(other, story, first)
            parts = self.recent[story.id]
        elif first is not None:
            story = index.create(first)
            parts = _centroid([self.articles[i].vector for i in members])
        else:
            return
        for i in members:
            article = self.articles[i]
            score = similarity(article.parts, parts) if len(members) > 1 or earlier else 1.0
            index.assign(article.id, story, article.vector, article.published, score)
