"""The stories stage: articles join the nearest-neighbour graph as they arrive, and the
part of the graph they touch is grouped again (issue 18).

Each new article (a canonical one: copies ride along with their original) is read into a
term vector and enters the graph (``graph.py``): its nearest earlier articles, and its place
among theirs. What a run touched, with their strong partners and the stories these are in,
is grouped again by average linkage over shared neighbours (``cluster.py``), and each group
keeps the id of the earlier story it holds most of (``naming.py``); what changed is recorded
in ``story_events``, so old ids keep resolving and a story's history can be shown. While the
store is small, its term weights move as it grows, so the stage reads every article again
each time the store grows by a quarter, up to ``REREAD_UNTIL`` articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import ClassVar

from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage
from storyline.store import Store
from storyline.store.stories import StoryEvent
from storyline.stories.cluster import average_linkage
from storyline.stories.dating import text_day
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
from storyline.stories.graph import GraphArticle, NeighbourGraph
from storyline.stories.naming import name_groups
from storyline.stories.subject import subject_candidates, subject_weights
from storyline.stories.summary import candidates_of, choose_title, summarise

GROUP = 0.15
WINDOW_DAYS = 30
BLOCK = 1000
# Re-reading stops here: past it an article keeps the term weights of its arrival, and
# adding articles costs the same whatever the store holds. Reuters' first 5,000 in runs of 50
# against one batch: pairwise agreement F1 0.898 with 1,000, 0.983 with 10,000, for 30 % more
# CPU over the stream (re-reading a store of S costs what one batch of S does: the last one,
# at about 10,000 articles, about a minute).
REREAD_UNTIL = 10_000
# Re-read when the store has grown by this factor since the last reading (a quarter: on ECB+
# dev fed in runs of 50, a doubling left the last reading far enough from the final
# weights to cost 0.015 B-cubed in some orders; 1.25 gives the batch figure).
REREAD_GROWTH = 1.25
SUMMARY_MEMBERS = 20
CENTROID_TERMS = 150


class Frequencies:
    """Document frequencies of terms over the articles in the graph (the idf of vectors)."""

    def __init__(self, store: Store) -> None:
        self.tables = store.stories
        self.df: dict[str, int] = {}
        self.dirty: set[str] = set()
        self.documents = store.story_graph.size()

    def of(self, terms: list[str]) -> dict[str, int]:
        missing = [t for t in terms if t not in self.df]
        self.df.update(self.tables.frequencies(missing))
        for term in missing:
            self.df.setdefault(term, 0)
        return {t: self.df[t] for t in terms}

    def count(self, terms: list[str]) -> None:
        self.of(terms)
        for term in terms:
            self.df[term] += 1
            self.dirty.add(term)
        self.documents += 1

    def save(self) -> None:
        self.tables.save_frequencies({t: self.df[t] for t in sorted(self.dirty)})
        self.dirty.clear()


class StoryStage(GlobalStage):
    name: ClassVar[str] = "stories"
    # 4: groups of the nearest-neighbour graph, regrouped where it changes (issue 18).
    # 5: a name's last word is no name term of its own (features._flush); subjects are
    # weighed by idf and must share a part of their weight (graph.different_subjects).
    # 6: a headline's bare words weigh their idf above a hinge instead of passing a cut
    # (subject.subject_weights: the cut moved stories with the store's size).
    version: ClassVar[str] = "6"
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
        # One transaction: a run interrupted anywhere leaves the stories as they were, and
        # the next run does the whole of it again.
        with store.transaction():
            graph_size = store.story_graph.size()
            waiting = len(store.stories.pending())
            emptied: set[str] = set()
            reread = graph_size > 0 and (
                REREAD_GROWTH * store.story_graph.read_at() <= graph_size + waiting <= REREAD_UNTIL
            )
            if reread:
                # Articles replaced by a newer version, become copies or removed leave their
                # stories first (a story left empty is dropped when the stories are rebuilt).
                emptied = store.stories.detach(set(removed) | set(store.stories.leaving()))
                grouped = store.stories.grouped()
                store.story_graph.clear()
                seeds = set(grouped)
                pending = store.stories.in_order(seeds | set(store.stories.pending()))
            else:
                leaving = set(changed) | set(removed) | set(store.stories.leaving())
                leaving |= set(store.stories.in_graph(store.stories.pending()))
                seeds, emptied = self._take_out(store, leaving)
                pending = store.stories.pending()
            seeds |= self._add(store, pending)
            if reread or not graph_size:
                store.story_graph.set_read_at(store.story_graph.size())
            touched = self._regroup(store, seeds, emptied, every=reread)
            self._describe(store, touched)
            store.stories.follow_copies()
        counts.passed += len(pending)

    # The graph ----------------------------------------------------------------------

    def _take_out(self, store: Store, leaving: set[str]) -> tuple[set[str], set[str]]:
        """Articles that changed, were replaced or became copies leave the graph; those
        that had them as neighbours look for neighbours again. Returns the articles whose
        components must be regrouped, and the stories the leaving articles were in."""
        if not leaving:
            return set(), set()
        stories = store.stories.detach(leaving)
        graph = NeighbourGraph(store.story_graph, WINDOW_DAYS)
        pointing: set[str] = set()
        for article_id in sorted(leaving):
            pointing |= graph.forget(article_id)
        pointing -= leaving
        for article_id in sorted(pointing):
            graph.relist(article_id)
        store.story_graph.remove(leaving)
        store.story_graph.save_lists(graph.changed_lists())
        return pointing, stories

    def _add(self, store: Store, pending: list[str]) -> set[str]:
        """Read new articles into the graph, a block at a time; return every article whose
        list changed."""
        touched: set[str] = set()
        frequencies = Frequencies(store)
        for start in range(0, len(pending), BLOCK):
            block = pending[start : start + BLOCK]
            graph = NeighbourGraph(store.story_graph, WINDOW_DAYS)
            for article in self._read(store, frequencies, block):
                graph.add(article)
            frequencies.save()
            store.story_graph.put(graph.added.values())
            store.story_graph.save_lists(graph.changed_lists())
            touched |= graph.changed
            if self.progress is not None:  # count, rate and ETA on the run's progress line
                self.progress(self.name, start + len(block), len(pending))
        return touched

    @staticmethod
    def _read(store: Store, frequencies: Frequencies, block: list[str]) -> list[GraphArticle]:
        """The block's articles as term vectors; the whole block counts in the frequencies."""
        texts = store.dated_texts(block)
        counted = []
        for document_id in block:
            found = texts[document_id]
            terms = term_counts(found.title, found.text)
            frequencies.count(list(terms))
            counted.append((document_id, found.published, terms))
        articles = []
        for document_id, published, terms in counted:
            df = frequencies.of(list(terms))
            weights = vector(terms, df, frequencies.documents)
            day = date.fromisoformat(published).toordinal() if published else None
            candidates = subject_candidates(texts[document_id].title, terms)
            counted_in = frequencies.of([d for _, d in candidates])
            subject = subject_weights(candidates, counted_in, frequencies.documents)
            articles.append(
                GraphArticle(
                    document_id,
                    weights,
                    split(weights),
                    specific(weights, frequencies.of(list(weights)), frequencies.documents),
                    day,
                    subject,
                    any(t != d for t, d in candidates),
                )
            )
        return articles

    # Grouping -------------------------------------------------------------------------

    def _regroup(
        self, store: Store, seeds: set[str], emptied: set[str], *, every: bool = False
    ) -> set[str]:
        """Group the strong components holding ``seeds`` again; return the stories whose
        members changed (``emptied``: stories some articles already left). With ``every``
        (the articles were read again, their vectors with them), every regrouped story."""
        graph = NeighbourGraph(store.story_graph, WINDOW_DAYS)
        present = set(store.stories.in_graph(sorted(seeds)))
        within = None
        if len(present) < store.story_graph.size():
            # On a wire stream one strong component can hold most of the store (4,098 of
            # 4,752 Reuters articles): regrouping it whole on every run would cost what the
            # store holds. A run regroups what it touched, their strong partners and the
            # stories these are in; one batch regroups everything.
            within = set(present)
            for article_id in sorted(present):
                within |= graph.strong_partners(article_id)
            within |= set(
                store.stories.members_of(
                    set(store.stories.stories_of(sorted(within)).values()) - {None}
                )
            )
        groups: list[list[str]] = []
        components = list(graph.components(present, within))
        for done, component in enumerate(components, start=1):
            self._report("regrouping components", done, len(components))
            articles = [graph.article(i) for i in component]
            allowed = _Allowed(articles)
            clusters = average_linkage(
                list(range(len(component))), graph.weights(component), allowed
            )
            groups.extend([component[i] for i in sorted(cluster)] for cluster in clusters)
        regrouped = [a for group in groups for a in group]
        previous = store.stories.stories_of(regrouped)
        before = {s for s in previous.values() if s is not None}
        staying = store.stories.staying(before, set(regrouped))

        def first(group: Sequence[str]) -> str:
            return min(group, key=lambda a: _arrival(graph.article(a)))

        naming = name_groups(groups, previous, staying, first, store.stories.is_live)
        for story_id in naming.created:
            store.stories.open(story_id, self.results_version)
        placed = []
        for story_id, members in naming.groups.items():
            centroid = split(_sum([graph.article(a).vector for a in members]))
            for article_id in members:
                article = graph.article(article_id)
                score = similarity(article.parts, centroid) if len(members) > 1 else 1.0
                placed.append((article_id, story_id, score))
        store.stories.place(placed)
        events = []
        for change in naming.changes:
            if change.kind == "merged" and change.into is not None:
                store.stories.mark_merged(change.story, change.into)
            detail = f"{change.count} articles" if change.count else None
            events.append(
                StoryEvent(change.kind, change.story, change.into, change.document, detail)
            )
        store.stories.record(events)
        touched = (before | emptied | set(naming.groups)) - {
            c.story for c in naming.changes if c.kind == "merged"
        }
        if not every:
            # A story regrouped into the members it had is as it was: its size, centroid,
            # dates, title and summary are not worked out again (issue 21: on a 10,000-article
            # store, 100 new articles regrouped 318 stories and re-summarised every one,
            # two thirds of the stage).
            had: defaultdict[str, set[str]] = defaultdict(set)
            for article_id, old_story in previous.items():
                if old_story is not None:
                    had[old_story].add(article_id)
            touched = {
                story_id
                for story_id in touched
                if story_id in emptied
                or story_id in naming.created
                or set(naming.groups.get(story_id, ())) != had.get(story_id, set())
            }
        for done, story_id in enumerate(sorted(touched), start=1):
            self._report("rebuilding stories", done, len(touched))
            self._rebuild(store, story_id)
        return touched

    def _report(self, step: str, done: int, total: int) -> None:
        """A step after reading the articles (``stories: regrouping components``) on the
        run's progress line: count, rate and ETA."""
        if self.progress is not None:
            self.progress(f"{self.name}: {step}", done, total)

    @staticmethod
    def _rebuild(store: Store, story_id: str) -> None:
        """A story's size, centroid and dates from its members; a story left with none is
        dropped (and its emptying recorded)."""
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
        if not dates:
            # An undated corpus: the story's days are those its articles' texts spell out
            # (``dating.py``). They date the story for a reader; the graph does not use them
            # (as the articles' days, on ECB+ they cost 0.013 B-cubed on dev, 0.009 on train).
            dates = [
                date.fromordinal(day).isoformat()
                for member in store.stories.summary_members(story_id, SUMMARY_MEMBERS)
                if (day := text_day(member.text)) is not None
            ]
        top = dict(sorted(centroid.items(), key=lambda i: (-i[1], i[0]))[:CENTROID_TERMS])
        store.stories.reshape(
            story_id, size, top, min(dates, default=None), max(dates, default=None)
        )

    def _describe(self, store: Store, story_ids: set[str]) -> None:
        frequencies = Frequencies(store)
        for done, story_id in enumerate(sorted(story_ids), start=1):
            self._report("summarising stories", done, len(story_ids))
            stored = store.stories.get(story_id)
            if stored is None or stored.merged_into is not None:
                continue
            centroid = normalise(stored.centroid)
            members = store.stories.summary_members(story_id, SUMMARY_MEMBERS)
            if not members:
                continue
            fresh = [
                replace(m, candidates=candidates_of(m.text))
                for m in members
                if m.candidates is None
            ]
            store.stories.keep_candidates((m.id, m.candidates or []) for m in fresh)
            kept = {m.id: m for m in fresh}
            members = [kept.get(m.id, m) for m in members]
            members.sort(key=lambda m: (m.published or "", m.id))
            terms = sorted({t for m in members for t in m.vector})
            df = frequencies.of(terms)
            chosen = summarise(members, centroid, df, max(frequencies.documents, 1))
            top_names = [
                name for name in names(dict(sorted(centroid.items(), key=lambda i: -i[1])))
            ][:10]
            store.stories.describe(
                story_id,
                choose_title(members, centroid),
                [(s.text, s.document_id, s.start, s.end) for s in chosen],
                top_names,
            )


def _sum(vectors: Sequence[dict[str, float]]) -> dict[str, float]:
    total: defaultdict[str, float] = defaultdict(float)
    for weights in vectors:
        for term, weight in weights.items():
            total[term] += weight
    return dict(total)


def _arrival(article: GraphArticle) -> tuple[bool, int, str]:
    """Publication order (undated last), then id: what a group's first article is."""
    return (article.day is None, article.day or 0, article.id)


class _Allowed:
    """Groups of a component join only if their centroids are close (``GROUP``): a shared
    neighbourhood is not enough when the two groups say different things."""

    def __init__(self, articles: Sequence[GraphArticle]) -> None:
        self.articles = articles
        self.centroids: dict[frozenset[int], Split] = {}

    def __call__(self, a: frozenset[int], b: frozenset[int]) -> bool:
        return similarity(self._centroid(a), self._centroid(b)) >= GROUP

    def _centroid(self, group: frozenset[int]) -> Split:
        found = self.centroids.get(group)
        if found is None:
            found = split(_sum([self.articles[i].vector for i in group]))
            self.centroids[group] = found
        return found
