"""Events in the store: ``event_mentions`` and ``time_expressions`` per document (the
``events`` stage, read marks in ``event_documents``), and ``events`` per story with the
member list each story had when it was last linked (``event_stories``, the ``event_links``
stage).

A mention is stored before it is linked (``event_id`` NULL). A story's link record is
dropped when any of its documents is re-read, so the link stage relinks it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.store.ledger import ReadLedger
from storyline.store.sqlite import chunks

# The prefix of a member list linked with trigger embeddings.
EMBEDDINGS_MARK = "embeddings: "


@dataclass(frozen=True, slots=True)
class EventMentionRecord:
    """One stored event mention, before linking."""

    document_id: str
    start: int
    end: int
    text: str
    lemma: str
    type: str
    status: str
    sentence_start: int
    sentence_end: int
    time_value: str | None
    time_start: int | None
    time_end: int | None
    date_first: str | None
    date_last: str | None
    place_entity_id: str | None
    place_start: int | None
    place_end: int | None
    participant_entity_ids: tuple[str, ...]
    agent: str | None
    patient: str | None
    stage: str
    stage_version: str
    # The rules that found, valued and dated it (``FoundEvent.rule``).
    rule: str = ""


@dataclass(frozen=True, slots=True)
class LinkMention:
    """A mention as the linker reads it, with its sentence and its article's day."""

    id: int
    document_id: str
    start: int
    text: str
    lemma: str
    type: str
    status: str
    date_first: str | None
    date_last: str | None
    time_value: str | None
    place_entity_id: str | None
    participant_entity_ids: tuple[str, ...]
    trigger_at: int  # the trigger's offset in its sentence
    agent: str | None
    patient: str | None
    trigger_vector: bytes | None
    sentence: str
    published: str | None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event of a story."""

    id: str
    type: str
    title: str
    date: str | None
    place_entity_id: str | None
    participant_entity_ids: tuple[str, ...]
    stage: str
    stage_version: str
    story_id: str
    status: str
    date_first: str | None
    date_last: str | None
    documents: int


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event as a timeline lists it (the place by name)."""

    id: str
    type: str
    status: str
    date: str | None
    date_first: str | None
    date_last: str | None
    place: str | None
    participant_entity_ids: tuple[str, ...]
    title: str
    story_id: str | None


@dataclass(frozen=True, slots=True)
class EventMentionRow:
    """A mention as a timeline shows it: its article, its sentence and its time's words."""

    document_id: str
    published: str | None
    outlet: str | None
    title: str | None
    status: str
    trigger: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    time_text: str | None
    agent: str | None = None  # "type:name", see storyline.events.roles
    patient: str | None = None

    @property
    def parts(self) -> tuple[str, str, str]:
        """The sentence split around the trigger: (before, trigger, after); the whole
        sentence before an empty trigger when the offsets do not fall inside it."""
        start, end = self.start - self.sentence_start, self.end - self.sentence_start
        if not 0 <= start < end <= len(self.sentence):
            return self.sentence, "", ""
        return self.sentence[:start], self.sentence[start:end], self.sentence[end:]


_MENTION_COLUMNS = (
    "document_id, start, end, text, lemma, type, status, sentence_start, sentence_end, "
    "time_value, time_start, time_end, date_first, date_last, place_entity_id, place_start, "
    "place_end, participant_entity_ids, agent, patient, stage, stage_version, rule"
)


class EventTables(ReadLedger):
    """``store.events``."""

    table = "event_documents"
    per_document = ("time_expressions", "event_mentions")
    derived = ("events", "event_stories")

    # The events stage: mentions per document ----------------------------------------------

    def add_mentions(self, mentions: Iterable[EventMentionRecord]) -> None:
        self.store.conn.executemany(
            f"INSERT INTO event_mentions ({_MENTION_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    m.document_id, m.start, m.end, m.text, m.lemma, m.type, m.status,
                    m.sentence_start, m.sentence_end, m.time_value, m.time_start, m.time_end,
                    m.date_first, m.date_last, m.place_entity_id, m.place_start, m.place_end,
                    json.dumps(list(m.participant_entity_ids)), m.agent, m.patient, m.stage,
                    m.stage_version, m.rule,
                )
                for m in mentions
            ],
        )  # fmt: skip

    def forget(self, document_ids: Sequence[str]) -> None:
        """Drop the documents' time expressions and mentions, and the link records of the
        stories they are in or their mentions were linked in (so those are relinked)."""
        conn = self.store.conn
        for chunk in chunks(document_ids):
            marks = ", ".join("?" * len(chunk))
            conn.execute(
                "DELETE FROM event_stories WHERE story_id IN (SELECT e.story_id FROM events e "
                "JOIN event_mentions m ON m.event_id = e.id "
                f"WHERE m.document_id IN ({marks}))",
                chunk,
            )
            conn.execute(
                "DELETE FROM event_stories WHERE story_id IN (SELECT COALESCE(story_id, "
                f"'doc:' || id) FROM documents WHERE id IN ({marks}))",
                chunk,
            )
        super().forget(document_ids)

    def clear_links(self) -> None:
        """Forget every event and link record, in one transaction; mentions stay, unlinked."""
        with self.store.transaction():
            self.store.conn.execute(
                "UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL"
            )
            self.store.conn.execute("DELETE FROM events")
            self.store.conn.execute("DELETE FROM event_stories")

    # The event_links stage: events per story ---------------------------------------------

    def story_members(self) -> dict[str, list[str]]:
        """Each story's current documents (a document in no story is its own, ``doc:ID``),
        ids sorted."""
        members: dict[str, list[str]] = {}
        for story_id, document_id in self.store.conn.execute(
            "SELECT COALESCE(story_id, 'doc:' || id) AS story, id FROM documents "
            "WHERE superseded_by IS NULL ORDER BY story, id"
        ):
            members.setdefault(story_id, []).append(document_id)
        return members

    def linked_members(self) -> dict[str, str]:
        """Each linked story's member list as it was recorded when it was linked."""
        return {
            r[0]: r[1]
            for r in self.store.conn.execute("SELECT story_id, members FROM event_stories")
        }

    def linked_with_embeddings(self) -> bool:
        """Whether the store's stories were last linked with embeddings."""
        return (
            self.store.conn.execute(
                "SELECT 1 FROM event_stories WHERE members LIKE ? LIMIT 1",
                (EMBEDDINGS_MARK + "%",),
            ).fetchone()
            is not None
        )

    def record_linked(self, story_id: str, members: str) -> None:
        self.store.conn.execute(
            "INSERT OR REPLACE INTO event_stories (story_id, members) VALUES (?, ?)",
            (story_id, members),
        )

    def drop_story(self, story_id: str) -> None:
        """Unlink a story's mentions and forget its events and link record."""
        conn = self.store.conn
        conn.execute(
            "UPDATE event_mentions SET event_id = NULL WHERE event_id IN "
            "(SELECT id FROM events WHERE story_id = ?)",
            (story_id,),
        )
        conn.execute("DELETE FROM events WHERE story_id = ?", (story_id,))
        conn.execute("DELETE FROM event_stories WHERE story_id = ?", (story_id,))

    def to_link(self, document_ids: Sequence[str], *, vectors: bool) -> list[LinkMention]:
        """The documents' mentions in publication order (undated last), with their trigger
        vectors when ``vectors``."""
        marks = ", ".join("?" * len(document_ids))
        return [
            LinkMention(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
                tuple(json.loads(r[11])), r[12], r[13], r[14], r[15], r[16], r[17],
            )
            for r in self.store.conn.execute(
                "SELECT m.id, m.document_id, m.start, m.text, m.lemma, m.type, m.status, "
                "m.date_first, m.date_last, m.time_value, m.place_entity_id, "
                "m.participant_entity_ids, m.start - m.sentence_start AS trigger_at, "
                "m.agent, m.patient, "
                f"{'m.trigger_vector' if vectors else 'NULL'} AS trigger_vector, "
                "substr(d.text, m.sentence_start + 1, "
                "m.sentence_end - m.sentence_start) AS sentence, d.published "
                f"FROM event_mentions m JOIN documents d ON d.id = m.document_id "
                f"WHERE m.document_id IN ({marks}) "
                "ORDER BY d.published IS NULL, d.published, d.pk, m.start",
                list(document_ids),
            )
        ]  # fmt: skip

    def set_vectors(self, vectors: Iterable[tuple[int, bytes]]) -> None:
        """Store trigger vectors: ``(mention id, little-endian float32 bytes)``."""
        self.store.conn.executemany(
            "UPDATE event_mentions SET trigger_vector = ? WHERE id = ?",
            [(vector, mention_id) for mention_id, vector in vectors],
        )

    def put(self, event: EventRecord, mention_ids: Sequence[int]) -> None:
        """Store an event and link its mentions to it."""
        self.store.conn.execute(
            "INSERT OR REPLACE INTO events (id, type, title, date, place_entity_id, "
            "participant_entity_ids, stage, stage_version, story_id, status, date_first, "
            "date_last, documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id, event.type, event.title, event.date, event.place_entity_id,
                json.dumps(list(event.participant_entity_ids)), event.stage,
                event.stage_version, event.story_id, event.status, event.date_first,
                event.date_last, event.documents,
            ),
        )  # fmt: skip
        self.store.conn.executemany(
            "UPDATE event_mentions SET event_id = ? WHERE id = ?",
            [(event.id, mention_id) for mention_id in mention_ids],
        )

    # Reading events back (timelines) -------------------------------------------------------

    def timeline(
        self,
        *,
        story_id: str | None = None,
        entity_id: str | None = None,
        include_all: bool = False,
        limit: int = 200,
    ) -> list[EventRow]:
        """Events of a story, or those an entity takes part in (or is the place of), in date
        order (undated last). An event only copies mention is left out. Unless
        ``include_all``, events seen only as hypothetical or negated are left out, and so
        are undated events reported by a single mention."""
        where: list[str] = []
        params: list[object] = []
        if story_id is not None:
            where.append("e.story_id = ?")
            params.append(story_id)
        if entity_id is not None:
            where.append(
                "(e.place_entity_id = ? OR e.id IN (SELECT event_id FROM event_mentions "
                "WHERE event_id IS NOT NULL AND participant_entity_ids LIKE ?))"
            )
            params += [entity_id, f'%"{entity_id}"%']
        # An event only copies mention repeats one its originals' mentions are linked into.
        where.append(
            "EXISTS (SELECT 1 FROM event_mentions c JOIN documents cd ON cd.id = c.document_id "
            "WHERE c.event_id = e.id AND cd.duplicate_of IS NULL)"
        )
        if not include_all:
            where.append("e.status NOT IN ('hypothetical', 'negated')")
            where.append(
                "(e.date_first IS NOT NULL OR (SELECT count(*) FROM event_mentions x "
                "WHERE x.event_id = e.id) > 1)"
            )
        return [
            EventRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])), r[8], r[9])
            for r in self.store.conn.execute(
                "SELECT e.id, e.type, e.status, e.date, e.date_first, e.date_last, p.name, "
                "e.participant_entity_ids, e.title, e.story_id FROM events e "
                "LEFT JOIN entities p ON p.id = e.place_entity_id "
                f"WHERE {' AND '.join(where)} "
                "ORDER BY e.date_first IS NULL, e.date_first, e.date_last, e.id LIMIT ?",
                [*params, limit],
            )
        ]

    def mentions_of(self, event_id: str) -> list[EventMentionRow]:
        """An event's mentions in canonical articles (a copy repeats its original's), in
        publication order."""
        return [
            EventMentionRow(*r)
            for r in self.store.conn.execute(
                "SELECT m.document_id, d.published, d.outlet, d.title, m.status, m.text, "
                "m.start, m.end, substr(d.text, m.sentence_start + 1, "
                "m.sentence_end - m.sentence_start), m.sentence_start, "
                "CASE WHEN m.time_start IS NULL THEN NULL ELSE "
                "substr(d.text, m.time_start + 1, m.time_end - m.time_start) END, "
                "m.agent, m.patient FROM event_mentions m "
                "JOIN documents d ON d.id = m.document_id "
                "WHERE m.event_id = ? AND d.duplicate_of IS NULL "
                "ORDER BY d.published IS NULL, d.published, d.pk, m.start",
                (event_id,),
            )
        ]

    def count(self) -> int:
        return int(self.store.conn.execute("SELECT count(*) FROM events").fetchone()[0])
