"""The events stage: the time expressions and event mentions of each new document.

Runs after the entity and quote stages: participants and places are the entity stage's
mentions, and an event inside a quote is what a source says ("reported"). Reading a
document (time expressions, then event mentions) is a pure function of its text, its
publication date, its entity mentions and its quote spans: a fact stage
(``storyline.facts.FactStage``) runs it on every core and writes the results in order.
Linking the mentions into events, per story, is the next stage's (``link_stage.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from storyline.events.extract import extract_events
from storyline.facts import FactInput, FactStage
from storyline.model import DatedTime, EntityRef, FoundEvent, TextRange
from storyline.pipeline import StageCounts
from storyline.store.events import EventMentionRecord
from storyline.store.times import TimeRecord

if TYPE_CHECKING:
    from storyline.store import Store
    from storyline.store.events import EventTables


@dataclass(frozen=True, slots=True)
class EventInput:
    """What the events stage reads of one document."""

    text: str
    published: str | None  # ISO date
    entities: list[EntityRef]
    quotes: list[TextRange]


@dataclass(frozen=True, slots=True)
class DocumentEvents:
    """One document's time expressions and event mentions."""

    published: str | None
    times: list[DatedTime]
    events: list[FoundEvent]


def read_document(
    text: str,
    published: date | None,
    entities: Sequence[EntityRef],
    quotes: Sequence[TextRange] = (),
) -> tuple[list[DatedTime], list[FoundEvent]]:
    """One document's time expressions (normalised against ``published``; relative ones
    stay unresolved without it) and event mentions."""
    from storyline.timex import find_times, value_range

    times = []
    for found in find_times(text, published):
        days = value_range(found.value) if found.value and found.type in {"DATE", "TIME"} else None
        first, last = days if days is not None else (None, None)
        times.append(
            DatedTime(
                found.start, found.end, found.text, found.type, found.value, first, last, found.rule
            )
        )
    return times, extract_events(text, times, entities, published, quotes)


def read_input(job: EventInput) -> DocumentEvents:
    """``read_document`` of a stored document (pure: it runs in the workers)."""
    day = date.fromisoformat(job.published) if job.published else None
    times, events = read_document(job.text, day, job.entities, job.quotes)
    return DocumentEvents(job.published, times, events)


class EventStage(FactStage[EventInput, DocumentEvents]):
    name: ClassVar[str] = "events"
    # 2: "agreed that", "a big deal", "a poll released Friday" are no longer events. 3: each
    # mention's agent and patient (``roles.py``); a noun or an infinitive no longer takes
    # the time of the verb it depends on. 4: "a car bomb" is a noun, not a verb in the
    # present; a subject is read across a set-off clause ("Scott, who was black, was shot").
    # Participants come from entity mentions and "reported" from quotes: the registry's key
    # (``results_version``) makes a new version of either re-read every document. 5: the text
    # layer's sentences, words and irregular verbs (read per line: "won" no longer keyed as
    # "go"); each time expression and mention records its rules (issue 17). 6: a clause past
    # an aside on the sentence's opening time ("In January, a week after ..., a bombing
    # killed") is the time's; a relative clause on a dated event noun takes its time. 7 (issue
    # 22): a plan denied, weighed or made conditional is negated or hypothetical ("no plans
    # for a meeting"); "took note of the agreement" happened; "demonstrates the point" is no
    # protest. 8 (issue 22, second pass): the type from the trigger in context
    # (``sense.py``: a walkout or an air strike, opened fire, fired a person or a weapon, a
    # news conference and who held it, a price charged). 9: "fired on June 8" is a
    # dismissal; "agreed to by", "agreed to in" open no infinitive; a scene-setting opening
    # phrase dates the main verb ("At its last meeting in December, OPEC agreed").
    version: ClassVar[str] = "9"
    needs: ClassVar[frozenset[str]] = frozenset({"text", "language", "entities", "quotes"})
    # Rules and a tagger for English news: a document in another language is skipped
    # (counted), an unknown one read as English (storyline.language.policy).
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})
    provides: ClassVar[frozenset[str]] = frozenset({"times", "event_mentions"})
    producer: ClassVar[str | None] = "the time and event rules (storyline.timex, storyline.events)"

    def ledger(self, store: Store) -> EventTables:
        return store.events

    def inputs(self, store: Store, document_ids: Sequence[str]) -> Iterator[FactInput[EventInput]]:
        for document in store.events.texts(document_ids):
            entities = [
                EntityRef(m.start, m.end, m.entity_id, m.name, m.type, m.is_metonym)
                for m in store.entities.spans(document.id)
            ]
            quotes = [
                TextRange(start, end) for start, end in store.quotes.spans(document.id, "text")
            ]
            yield FactInput(
                document.id,
                document.source,
                EventInput(document.text, document.published, entities, quotes),
            )

    def function(self) -> Callable[[EventInput], DocumentEvents]:
        return read_input

    def write(
        self, store: Store, found: Sequence[tuple[str, DocumentEvents]], counts: StageCounts
    ) -> None:
        version = self.results_version
        times: list[TimeRecord] = []
        mentions: list[EventMentionRecord] = []
        for document_id, read in found:
            times += [
                TimeRecord(
                    document_id, t.start, t.end, t.text, t.type, t.value, read.published,
                    self.name, version, t.rule,
                )
                for t in read.times
            ]  # fmt: skip
            mentions += [mention_record(document_id, e, self.name, version) for e in read.events]
            counts.found["time expressions"] += len(read.times)
            counts.found["event mentions"] += len(read.events)
        store.times.add(times)
        store.events.add_mentions(mentions)


def mention_record(document_id: str, e: FoundEvent, stage: str, version: str) -> EventMentionRecord:
    """The stored form of one event mention."""
    time = e.time
    return EventMentionRecord(
        document_id, e.start, e.end, e.trigger, e.lemma, e.type, e.status, e.sentence_start,
        e.sentence_end,
        time.value if time else None,
        time.start if time else None,
        time.end if time else None,
        time.first.isoformat() if time and time.first else None,
        time.last.isoformat() if time and time.last else None,
        e.place.entity_id if e.place else None,
        e.place.start if e.place else None,
        e.place.end if e.place else None,
        tuple(dict.fromkeys(p.entity_id for p in e.participants)),
        e.agent, e.patient, stage, version, e.rule,
    )  # fmt: skip
