"""The event stage: time expressions and event mentions of each new document, and the
events they report, linked across the articles of each story.

Runs after the entity and quote stages: participants and places are the entity stage's
mentions, and an event inside a quote is what a source says ("reported"). Reading a
document (time expressions, then event mentions) is a pure function of its text, its
publication date, its entity mentions and its quote spans: it runs on every core, and this
process writes the results in order.

Linking is per story: mentions in different stories are never the same event. A story is
relinked when its members changed since its events were last linked (``event_stories``
keeps the member list), so a run that adds ten articles relinks the stories they joined,
not the whole store. An event's id comes from its earliest mention, so it stays stable
while that mention stays in the event.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import numpy.typing as npt

from storyline.engines.local import LocalEngine
from storyline.engines.per_document import failure, forget, unread
from storyline.entities.countries import countries
from storyline.events import embed
from storyline.events.extract import EntitySpan, FoundEvent, TimeSpan, extract_events
from storyline.events.link import EventCandidate, link
from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage

if TYPE_CHECKING:
    from storyline.store import Store

READ = "event_documents"
BLOCK = 200
CHUNK = 16
# When mentions of one event disagree, the status the timeline shows for the event: what
# happened outranks what was planned, which outranks what was only said or supposed.
_STATUS_ORDER = ("happened", "ongoing", "planned", "reported", "hypothetical", "negated")
MAX_EVENT_PARTICIPANTS = 12

# (document id, source, text, published ISO or None, entity spans, quote spans)
Job = tuple[str, str, str, str | None, list[EntitySpan], list[tuple[int, int]]]
# (document id, source, published ISO or None, times, events or None when it failed, error)
Result = tuple[str, str, str | None, list[TimeSpan], list[FoundEvent] | None, str]


def read_document(
    text: str,
    published: date | None,
    entities: Sequence[EntitySpan],
    quotes: Sequence[tuple[int, int]] = (),
) -> tuple[list[TimeSpan], list[FoundEvent]]:
    """One document's time expressions (normalised against ``published``; relative ones
    stay unresolved without it) and event mentions."""
    from storyline.timex import find_times, value_range

    times = []
    for found in find_times(text, published):
        days = value_range(found.value) if found.value and found.type in {"DATE", "TIME"} else None
        first, last = days if days is not None else (None, None)
        times.append(
            TimeSpan(found.start, found.end, found.text, found.type, found.value, first, last)
        )
    return times, extract_events(text, times, entities, published, quotes)


def _read_chunk(jobs: list[Job]) -> list[Result]:
    results: list[Result] = []
    for document_id, source, text, published, entities, quotes in jobs:
        try:
            day = date.fromisoformat(published) if published else None
            times, events = read_document(text, day, entities, quotes)
            results.append((document_id, source, published, times, events, ""))
        except Exception as err:  # noqa: BLE001 - one bad document must not stop the run
            error = f"{type(err).__name__}: {err}"
            results.append((document_id, source, published, [], None, error))
    return results


# How far back an undated "happened" mention, or ahead an undated plan, may reach. News
# dates what is not recent ("won the primary in 2008"); what it leaves undated happened
# days or weeks before, so "Trump's primary wins" is not Clinton's 2008 win.
_PAST_HORIZON = timedelta(days=31)
_FUTURE_HORIZON = timedelta(days=366)


def _when(row: sqlite3.Row) -> tuple[date, date] | None:
    """The days a mention can be about: its date when it has one; else, from its status
    and its article's publication day, before it (what happened) or after it (a plan). An
    article cannot report as done what is dated after it was published, so "the talks"
    that concluded cannot be Saturday's planned talks."""
    if row["date_first"] and row["date_last"]:
        return date.fromisoformat(row["date_first"]), date.fromisoformat(row["date_last"])
    if not row["published"]:
        return None
    published = date.fromisoformat(row["published"])
    if row["status"] == "happened":
        return published - _PAST_HORIZON, published
    if row["status"] == "planned":
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
    return frozenset(
        r[0]
        for r in store.conn.execute("SELECT id, name FROM entities WHERE type = 'place'")
        if r[1] in names
    )


def event_id(document_id: str, start: int) -> str:
    return "evt_" + hashlib.sha1(f"{document_id}:{start}".encode()).hexdigest()[:16]


class EventStage(GlobalStage):
    name: ClassVar[str] = "events"
    # Participants come from entity mentions and "reported" from quotes: a new version of
    # either rebuilds events. 2: "agreed that", "a big deal", "a poll released Friday" are
    # no longer events. 3: each mention's agent and patient (``roles.py``); a noun or an
    # infinitive no longer takes the time of the verb it depends on. 4: "a car bomb" is a
    # noun, not a verb in the present; a subject is read across a set-off clause ("Scott,
    # who was black, was shot").
    version: ClassVar[str] = "4"
    needs: ClassVar[frozenset[str]] = frozenset({"text", "entities", "quotes", "stories"})
    provides: ClassVar[frozenset[str]] = frozenset({"time", "events"})
    # The entity ids of countries, read once per linking pass.
    _countries: frozenset[str] | None = None
    # Link with the triggers' MiniLM embeddings too (``storyline run --event-embeddings``):
    # ECB+ dev CoNLL F1 0.801 against 0.791, at the cost of encoding each mention's sentence.
    embeddings: bool = False
    _embedder: embed.TriggerEmbeddings | None = None

    @staticmethod
    def linked_with_embeddings(store: Store) -> bool:
        """Whether the store's stories were last linked with embeddings."""
        return (
            store.conn.execute(
                "SELECT 1 FROM event_stories WHERE members LIKE 'embeddings: %' LIMIT 1"
            ).fetchone()
            is not None
        )

    def reset(self, store: Store) -> None:
        with store.transaction():
            for table in (
                "time_expressions",
                "event_mentions",
                "events",
                "event_documents",
                "event_stories",
            ):
                store.conn.execute(f"DELETE FROM {table}")

    def update(
        self,
        store: Store,
        changed: Sequence[str],
        removed: Sequence[str],
        counters: Counters,
        problems: list[Problem],
    ) -> None:
        counts = counters[self.name]
        if self.embeddings:
            embed.model_dir()  # the runner checked already; a caller of the stage may not
        # Superseded versions lose their time expressions and mentions; their stories'
        # member lists change, so those stories are relinked below.
        forget(store, READ, ("time_expressions", "event_mentions"), removed)
        pending = unread(store, READ)
        engine = LocalEngine(self.workers, chunk_size=CHUNK)
        results = engine.map(_read_chunk, self._jobs(store, pending))
        for first in range(0, len(pending), BLOCK):
            with store.transaction():
                for _ in pending[first : first + BLOCK]:
                    document_id, source, published, times, events, error = next(results)
                    if events is None:
                        counts.failed[error.split(":", 1)[0]] += 1
                        problems.append(failure(self.name, source, error))
                        continue
                    self._save(store, document_id, published, times, events)
                    counts.found["time expressions"] += len(times)
                    counts.found["event mentions"] += len(events)
                    counts.passed += 1
        with store.transaction():
            counts.found["events"] += self._link(store)

    def _jobs(self, store: Store, document_ids: Sequence[str]) -> Iterator[Job]:
        for document_id in document_ids:
            source, text, published = store.conn.execute(
                "SELECT source, text, published FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
            entities = [
                EntitySpan(r[0], r[1], r[2], r[3], r[4], bool(r[5]))
                for r in store.conn.execute(
                    "SELECT start, end, entity_id, name, type, is_metonym FROM entity_mentions "
                    "WHERE document_id = ? ORDER BY start",
                    (document_id,),
                )
            ]
            quotes = [
                (r[0], r[1])
                for r in store.conn.execute(
                    "SELECT start, end FROM quotes WHERE document_id = ? AND field = 'text'",
                    (document_id,),
                )
            ]
            yield document_id, source, text, published, entities, quotes

    def _save(
        self,
        store: Store,
        document_id: str,
        published: str | None,
        times: list[TimeSpan],
        events: list[FoundEvent],
    ) -> None:
        store.conn.executemany(
            "INSERT INTO time_expressions (document_id, start, end, text, type, value, anchor, "
            "stage, stage_version, anchored) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    document_id,
                    t.start,
                    t.end,
                    t.text,
                    t.type,
                    t.value,
                    published,
                    self.name,
                    self.version,
                    int(published is not None),
                )
                for t in times
            ],
        )
        store.conn.executemany(
            "INSERT INTO event_mentions (document_id, start, end, text, lemma, type, status, "
            "sentence_start, sentence_end, time_value, time_start, time_end, date_first, "
            "date_last, place_entity_id, place_start, place_end, participant_entity_ids, "
            "agent, patient, stage, stage_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    document_id,
                    e.start,
                    e.end,
                    e.trigger,
                    e.lemma,
                    e.type,
                    e.status,
                    e.sentence_start,
                    e.sentence_end,
                    e.time.value if e.time else None,
                    e.time.start if e.time else None,
                    e.time.end if e.time else None,
                    e.time.first.isoformat() if e.time and e.time.first else None,
                    e.time.last.isoformat() if e.time and e.time.last else None,
                    e.place.entity_id if e.place else None,
                    e.place.start if e.place else None,
                    e.place.end if e.place else None,
                    json.dumps(list(dict.fromkeys(p.entity_id for p in e.participants))),
                    e.agent,
                    e.patient,
                    self.name,
                    self.version,
                )
                for e in events
            ],
        )
        store.conn.execute(
            f"INSERT OR REPLACE INTO {READ} (document_id, stage_version) VALUES (?, ?)",
            (document_id, self.version),
        )

    def _link(self, store: Store) -> int:
        """Relink the stories whose members changed; return how many events were made.

        The member list kept in ``event_stories`` starts with ``embeddings:`` when the story
        was linked with embeddings, so switching ``--event-embeddings`` on or off relinks
        every story."""
        conn = store.conn
        mode = "embeddings: " if self.embeddings else ""
        current = {
            story_id: mode + members
            for story_id, members in conn.execute(
                "SELECT story, group_concat(id, ' ') FROM (SELECT COALESCE(story_id, 'doc:' || id) "
                "AS story, id FROM documents WHERE superseded_by IS NULL ORDER BY story, id) "
                "GROUP BY story"
            )
        }
        linked = dict(conn.execute("SELECT story_id, members FROM event_stories").fetchall())
        gone = [story_id for story_id in linked if story_id not in current]
        touched = [s for s, members in current.items() if linked.get(s) != members]
        for story_id in gone:
            self._drop_story(store, story_id)
        made = 0
        self._countries = _country_ids(store)
        for story_id in touched:
            self._drop_story(store, story_id)
            members = current[story_id].removeprefix(mode).split()
            made += self._link_story(store, story_id, members)
            conn.execute(
                "INSERT OR REPLACE INTO event_stories (story_id, members) VALUES (?, ?)",
                (story_id, current[story_id]),
            )
        return made

    def _drop_story(self, store: Store, story_id: str) -> None:
        store.conn.execute(
            "UPDATE event_mentions SET event_id = NULL WHERE event_id IN "
            "(SELECT id FROM events WHERE story_id = ?)",
            (story_id,),
        )
        store.conn.execute("DELETE FROM events WHERE story_id = ?", (story_id,))
        store.conn.execute("DELETE FROM event_stories WHERE story_id = ?", (story_id,))

    def _link_story(self, store: Store, story_id: str, members: list[str]) -> int:
        marks = ", ".join("?" * len(members))
        rows = list(
            store.rows(
                "SELECT m.id, m.document_id, m.start, m.text, m.lemma, m.type, m.status, "
                "m.date_first, m.date_last, m.time_value, m.place_entity_id, "
                "m.participant_entity_ids, m.start - m.sentence_start AS trigger_at, "
                "m.agent, m.patient, "
                f"{'m.trigger_vector' if self.embeddings else 'NULL'} AS trigger_vector, "
                "substr(d.text, m.sentence_start + 1, "
                "m.sentence_end - m.sentence_start) AS sentence, d.published, d.pk "
                f"FROM event_mentions m JOIN documents d ON d.id = m.document_id "
                f"WHERE m.document_id IN ({marks}) "
                "ORDER BY d.published IS NULL, d.published, d.pk, m.start",
                members,
            )
        )
        if not rows:
            return 0
        countries = self._countries if self._countries is not None else _country_ids(store)
        candidates = [
            EventCandidate(
                key=str(r["id"]),
                document_id=r["document_id"],
                group=story_id,
                trigger=r["text"],
                lemma=r["lemma"],
                type=r["type"],
                sentence=r["sentence"],
                time=_when(r),
                participants=frozenset(json.loads(r["participant_entity_ids"])),
                # A country is too coarse to veto a link: "in France" and "in Paris" can be
                # the same meeting. Only cities and finer places are passed as the place.
                place=r["place_entity_id"] if r["place_entity_id"] not in countries else None,
                published=date.fromisoformat(r["published"]) if r["published"] else None,
                trigger_start=r["trigger_at"],
                status=r["status"],
                agent=r["agent"],
                patient=r["patient"],
            )
            for r in rows
        ]
        clusters: dict[int, list[int]] = {}
        vectors = self._vectors(store, rows, candidates) if self.embeddings else None
        embeddings = None if vectors is None else (lambda _: vectors)
        for index, cluster in enumerate(link(candidates, embeddings=embeddings)):
            clusters.setdefault(cluster, []).append(index)
        for indexes in clusters.values():
            members_rows = [rows[i] for i in indexes]
            first = members_rows[0]  # rows are in publication order
            new_id = event_id(first["document_id"], first["start"])
            self._save_event(store, new_id, story_id, members_rows)
        return len(clusters)

    def _vectors(
        self, store: Store, rows: list[sqlite3.Row], candidates: list[EventCandidate]
    ) -> npt.NDArray[np.float32]:
        """The mentions' trigger vectors: those stored, and the others encoded now and
        stored (the model loads once per stage, and only when a mention needs it)."""
        size = embed.SIZE
        vectors = np.zeros((len(rows), size), np.float32)
        missing = []
        for index, row in enumerate(rows):
            stored = row["trigger_vector"]
            if stored is not None and len(stored) == 4 * size:
                vectors[index] = np.frombuffer(stored, dtype="<f4")
            else:
                missing.append(index)
        if missing:
            if self._embedder is None:
                self._embedder = embed.TriggerEmbeddings()
            fresh = np.asarray(self._embedder([candidates[i] for i in missing]), np.float32)
            vectors[missing] = fresh
            store.conn.executemany(
                "UPDATE event_mentions SET trigger_vector = ? WHERE id = ?",
                [(fresh[k].astype("<f4").tobytes(), rows[i]["id"]) for k, i in enumerate(missing)],
            )
        return vectors

    def _save_event(
        self, store: Store, new_id: str, story_id: str, rows: list[sqlite3.Row]
    ) -> None:
        types = Counter(r["type"] for r in rows)
        statuses = {r["status"] for r in rows}
        status = next((s for s in _STATUS_ORDER if s in statuses), "reported")
        # The most precise date the mentions give (a day before a week, a month, a year:
        # "signed on Friday" dates the agreement better than "a deal this year"), the one
        # most articles give among equally precise ones (copies count once).
        dated = {
            (r["document_id"], r["date_first"], r["date_last"], r["time_value"])
            for r in rows
            if r["date_first"]
        }
        days = Counter((first, last, value) for _, first, last, value in dated)
        best = (
            min(days, key=lambda d: (_span_days(d[0], d[1]), -days[d], d[0]))
            if days
            else (None, None, None)
        )
        places = Counter(r["place_entity_id"] for r in rows if r["place_entity_id"])
        participants: Counter[str] = Counter()
        for r in rows:
            participants.update(json.loads(r["participant_entity_ids"]))
        title = self._title(rows)
        store.conn.execute(
            "INSERT OR REPLACE INTO events (id, type, title, date, place_entity_id, "
            "participant_entity_ids, stage, stage_version, story_id, status, date_first, "
            "date_last, documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new_id,
                types.most_common(1)[0][0],
                title,
                best[2],
                places.most_common(1)[0][0] if places else None,
                json.dumps([p for p, _ in participants.most_common(MAX_EVENT_PARTICIPANTS)]),
                self.name,
                self.version,
                story_id,
                status,
                best[0],
                best[1],
                len({r["document_id"] for r in rows}),
            ),
        )
        store.conn.executemany(
            "UPDATE event_mentions SET event_id = ? WHERE id = ?",
            [(new_id, r["id"]) for r in rows],
        )

    @staticmethod
    def _title(rows: list[sqlite3.Row]) -> str:
        """The evidence sentence of the event's best mention: one that happened if any,
        else the earliest; cut to a readable length."""
        ranked = sorted(
            rows,
            key=lambda r: _STATUS_ORDER.index(r["status"]),
        )
        sentence = " ".join(str(ranked[0]["sentence"]).split())
        return sentence if len(sentence) <= 160 else sentence[:157].rstrip() + "…"
