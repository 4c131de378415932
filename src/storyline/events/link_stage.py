"""The event_links stage: the events each story's mentions report, linked across its
articles.

Linking is per story: mentions in different stories are never the same event. A story is
relinked when its members changed since its events were last linked (``event_stories``
keeps the member list; the events stage drops a story's record when it re-reads one of its
documents), so a run that adds ten articles relinks the stories they joined, not the whole
store. The member list starts with ``embeddings:`` when the story was linked with the
triggers' embeddings, so switching ``--event-embeddings`` relinks every story. An event's
id comes from its earliest mention, so it stays stable while that mention stays in it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import numpy.typing as npt

from storyline.entities.countries import countries
from storyline.events import embed
from storyline.events.link import EventCandidate, link
from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage
from storyline.store.events import EMBEDDINGS_MARK, EventRecord, LinkMention

if TYPE_CHECKING:
    from storyline.store import Store

# When mentions of one event disagree, the status the timeline shows for the event: what
# happened outranks what was planned, which outranks what was only said or supposed.
_STATUS_ORDER = ("happened", "ongoing", "planned", "reported", "hypothetical", "negated")
MAX_EVENT_PARTICIPANTS = 12
# How far back an undated "happened" mention, or ahead an undated plan, may reach. News
# dates what is not recent ("won the primary in 2008"); what it leaves undated happened
# days or weeks before, so "Trump's primary wins" is not Clinton's 2008 win.
_PAST_HORIZON = timedelta(days=31)
_FUTURE_HORIZON = timedelta(days=366)


def _when(mention: LinkMention) -> tuple[date, date] | None:
    """The days a mention can be about: its date when it has one; else, from its status
    and its article's publication day, before it (what happened) or after it (a plan). An
    article cannot report as done what is dated after it was published, so "the talks"
    that concluded cannot be Saturday's planned talks."""
    if mention.date_first and mention.date_last:
        return date.fromisoformat(mention.date_first), date.fromisoformat(mention.date_last)
    if not mention.published:
        return None
    published = date.fromisoformat(mention.published)
    if mention.status == "happened":
        return published - _PAST_HORIZON, published
    if mention.status == "planned":
        return published, published + _FUTURE_HORIZON
    return None


def _span_days(first: str, last: str) -> int:
    """How precise a date range is, in classes: a day, a week, a month, longer."""
    days = (date.fromisoformat(last) - date.fromisoformat(first)).days
    return 0 if days == 0 else 1 if days < 7 else 2 if days < 31 else 3


def _country_ids(store: Store) -> frozenset[str]:
    """Entity ids of the places that are countries (their canonical names are the
    countries table's)."""
    names = {c.name for c in countries()}
    return frozenset(entity_id for entity_id, name in store.entities.places() if name in names)


def event_id(document_id: str, start: int) -> str:
    return "evt_" + hashlib.sha1(f"{document_id}:{start}".encode()).hexdigest()[:16]


class EventLinkStage(GlobalStage):
    name: ClassVar[str] = "event_links"
    # 2 (issue 22): weights refit by scripts/fit_event_links.py; place and day only support a
    # link between mentions whose agents agree; type, time and a shared participant
    # make one event. 3 (issue 22, second pass): that rule's mentions are joined before
    # any pair is weighed, in two sentences; a "planned" mention dated before its article
    # no longer vetoes.
    version: ClassVar[str] = "3"
    needs: ClassVar[frozenset[str]] = frozenset({"event_mentions", "stories"})
    provides: ClassVar[frozenset[str]] = frozenset({"events"})
    # Link with the triggers' MiniLM embeddings too (``storyline run --event-embeddings``):
    # ECB+ dev CoNLL F1 0.796 against 0.792 (0.788 against 0.784 with Storyline's own
    # reading of type, date and place), at the cost of encoding each mention's sentence; in
    # 5-fold CV over the training topics it does not help (0.775 against 0.779).
    embeddings: bool = False
    _embedder: embed.TriggerEmbeddings | None = None
    # The entity ids of countries, read once per linking pass.
    _countries: frozenset[str] = frozenset()

    @staticmethod
    def linked_with_embeddings(store: Store) -> bool:
        """Whether the store's stories were last linked with embeddings."""
        return store.events.linked_with_embeddings()

    def reset(self, store: Store) -> None:
        store.events.clear_links()

    def update(
        self,
        store: Store,
        changed: Sequence[str],
        removed: Sequence[str],
        counters: Counters,
        problems: list[Problem],
    ) -> None:
        if self.embeddings:
            embed.model_dir()  # the runner checked already; a caller of the stage may not
        with store.transaction():
            counters[self.name].found["events"] += self._link(store)

    def _link(self, store: Store) -> int:
        """Relink the stories whose members changed; return how many events were made."""
        mode = EMBEDDINGS_MARK if self.embeddings else ""
        current = {s: mode + " ".join(m) for s, m in store.events.story_members().items()}
        linked = store.events.linked_members()
        for story_id in linked:
            if story_id not in current:
                store.events.drop_story(story_id)
        made = 0
        self._countries = _country_ids(store)
        todo = [(s, m) for s, m in current.items() if linked.get(s) != m]
        for done, (story_id, members) in enumerate(todo, start=1):
            if self.progress is not None:  # count, rate and ETA on the run's progress line
                self.progress(f"{self.name}: linking stories", done, len(todo))
            store.events.drop_story(story_id)
            made += self._link_story(store, story_id, members.removeprefix(mode).split())
            store.events.record_linked(story_id, members)
        return made

    def _link_story(self, store: Store, story_id: str, members: list[str]) -> int:
        mentions = store.events.to_link(members, vectors=self.embeddings)
        if not mentions:
            return 0
        candidates = [
            EventCandidate(
                key=str(m.id),
                document_id=m.document_id,
                group=story_id,
                trigger=m.text,
                lemma=m.lemma,
                type=m.type,
                sentence=m.sentence,
                time=_when(m),
                participants=frozenset(m.participant_entity_ids),
                # A country is too coarse to veto a link: "in France" and "in Paris" can be
                # the same meeting. Only cities and finer places are passed as the place.
                place=m.place_entity_id if m.place_entity_id not in self._countries else None,
                published=date.fromisoformat(m.published) if m.published else None,
                trigger_start=m.trigger_at,
                status=m.status,
                agent=m.agent,
                patient=m.patient,
            )
            for m in mentions
        ]
        clusters: dict[int, list[int]] = {}
        vectors = self._vectors(store, mentions, candidates) if self.embeddings else None
        embeddings = None if vectors is None else (lambda _: vectors)
        for index, cluster in enumerate(link(candidates, embeddings=embeddings)):
            clusters.setdefault(cluster, []).append(index)
        for indexes in clusters.values():
            members_of = [mentions[i] for i in indexes]
            first = members_of[0]  # mentions are in publication order
            store.events.put(
                self._event(event_id(first.document_id, first.start), story_id, members_of),
                [m.id for m in members_of],
            )
        return len(clusters)

    def _vectors(
        self, store: Store, mentions: list[LinkMention], candidates: list[EventCandidate]
    ) -> npt.NDArray[np.float32]:
        """The mentions' trigger vectors: those stored, and the others encoded now and
        stored (the model loads once per stage, and only when a mention needs it)."""
        size = embed.SIZE
        vectors = np.zeros((len(mentions), size), np.float32)
        missing = []
        for index, mention in enumerate(mentions):
            stored = mention.trigger_vector
            if stored is not None and len(stored) == 4 * size:
                vectors[index] = np.frombuffer(stored, dtype="<f4")
            else:
                missing.append(index)
        if missing:
            if self._embedder is None:
                self._embedder = embed.TriggerEmbeddings()
            fresh = np.asarray(self._embedder([candidates[i] for i in missing]), np.float32)
            vectors[missing] = fresh
            store.events.set_vectors(
                (mentions[i].id, fresh[k].astype("<f4").tobytes()) for k, i in enumerate(missing)
            )
        return vectors

    def _event(self, new_id: str, story_id: str, mentions: list[LinkMention]) -> EventRecord:
        types = Counter(m.type for m in mentions)
        statuses = {m.status for m in mentions}
        status = next((s for s in _STATUS_ORDER if s in statuses), "reported")
        # The most precise date the mentions give (a day before a week, a month, a year:
        # "signed on Friday" dates the agreement better than "a deal this year"), the one
        # most articles give among equally precise ones (copies count once).
        dated = {
            (m.document_id, m.date_first, m.date_last, m.time_value)
            for m in mentions
            if m.date_first and m.date_last
        }
        days = Counter((first, last, value) for _, first, last, value in dated)
        best: tuple[str | None, str | None, str | None] = (
            min(days, key=lambda d: (_span_days(d[0], d[1]), -days[d], d[0], d[2] or ""))
            if days
            else (None, None, None)
        )
        places = Counter(m.place_entity_id for m in mentions if m.place_entity_id)
        participants: Counter[str] = Counter()
        for m in mentions:
            participants.update(m.participant_entity_ids)
        return EventRecord(
            id=new_id,
            type=types.most_common(1)[0][0],
            title=_title(mentions),
            date=best[2],
            place_entity_id=places.most_common(1)[0][0] if places else None,
            participant_entity_ids=tuple(
                p for p, _ in participants.most_common(MAX_EVENT_PARTICIPANTS)
            ),
            stage=self.name,
            stage_version=self.results_version,
            story_id=story_id,
            status=status,
            date_first=best[0],
            date_last=best[1],
            documents=len({m.document_id for m in mentions}),
        )


def _title(mentions: list[LinkMention]) -> str:
    """The evidence sentence of the event's best mention: one that happened if any, else
    the earliest; cut to a readable length."""
    ranked = sorted(mentions, key=lambda m: _STATUS_ORDER.index(m.status))
    sentence = " ".join(ranked[0].sentence.split())
    return sentence if len(sentence) <= 160 else sentence[:157].rstrip() + "…"
