"""Reading events back: a timeline of a story or of an entity, in date order, each event
with its status, place, participants, who did it and to whom, and every mention with its
own status and source."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from storyline.entities.report import find_entity
from storyline.errors import StoreError
from storyline.store import Store
from storyline.stories.report import resolve


@dataclass(frozen=True, slots=True)
class EventMentionRow:
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


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    id: str
    type: str
    status: str
    date: str | None  # the TIMEX3 value most mentions give ("2025-03-12", "2025-W10")
    date_first: str | None
    date_last: str | None
    place: str | None
    participants: tuple[str, ...]
    title: str
    story_id: str | None
    mentions: tuple[EventMentionRow, ...]
    # Who did it and to whom, as its mentions name them (most often named first).
    agents: tuple[str, ...] = ()
    patients: tuple[str, ...] = ()

    @property
    def statuses(self) -> str:
        """How the articles report it, in order of publication: "planned → happened"."""
        seen = list(dict.fromkeys(m.status for m in self.mentions))
        return " → ".join(seen)


def timeline(
    store: Store,
    *,
    story: str | None = None,
    entity: str | None = None,
    include_all: bool = False,
    limit: int = 200,
) -> list[TimelineEvent]:
    """Events of a story, or those an entity takes part in (or is the place of), in date
    order (undated last). Unless ``include_all``, events seen only as hypothetical or
    negated are left out, and so are undated events reported by a single mention."""
    if story is None and entity is None:
        raise StoreError("a timeline needs a story or an entity", hint="pass --story or --entity")
    where, params = [], []
    if story is not None:
        where.append("e.story_id = ?")
        params.append(resolve(store, story))
    if entity is not None:
        entity_id = find_entity(store, entity)
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
    rows = store.conn.execute(
        "SELECT e.id, e.type, e.status, e.date, e.date_first, e.date_last, p.name, "
        "e.participant_entity_ids, e.title, e.story_id FROM events e "
        "LEFT JOIN entities p ON p.id = e.place_entity_id "
        f"WHERE {' AND '.join(where)} "
        "ORDER BY e.date_first IS NULL, e.date_first, e.date_last, e.id LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [_event(store, row) for row in rows]


def _event(store: Store, row: tuple[object, ...]) -> TimelineEvent:
    ids = json.loads(str(row[7]))
    names = dict(
        store.conn.execute(
            f"SELECT id, name FROM entities WHERE id IN ({', '.join('?' * len(ids))})", ids
        ).fetchall()
    )
    mentions = tuple(
        EventMentionRow(*r)
        for r in store.conn.execute(
            "SELECT m.document_id, d.published, d.outlet, d.title, m.status, m.text, m.start, "
            "m.end, substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start), "
            "m.sentence_start, CASE WHEN m.time_start IS NULL THEN NULL ELSE "
            "substr(d.text, m.time_start + 1, m.time_end - m.time_start) END, m.agent, m.patient "
            "FROM event_mentions m JOIN documents d ON d.id = m.document_id "
            # A copy repeats its original's mentions: the timeline lists the original's.
            "WHERE m.event_id = ? AND d.duplicate_of IS NULL "
            "ORDER BY d.published IS NULL, d.published, d.pk, m.start",
            (row[0],),
        )
    )
    agents, patients = _roles(mentions)
    return TimelineEvent(
        id=str(row[0]),
        type=str(row[1]),
        status=str(row[2]),
        date=_str(row[3]),
        date_first=_str(row[4]),
        date_last=_str(row[5]),
        place=_str(row[6]),
        participants=tuple(names[i] for i in ids if i in names),
        title=str(row[8]),
        story_id=_str(row[9]),
        mentions=mentions,
        agents=agents,
        patients=patients,
    )


def _roles(mentions: tuple[EventMentionRow, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names its mentions give as agent and as patient, most often named first."""
    agents = Counter(m.agent.partition(":")[2] for m in mentions if m.agent)
    patients = Counter(m.patient.partition(":")[2] for m in mentions if m.patient)
    return (
        tuple(name for name, _ in agents.most_common(3)),
        tuple(name for name, _ in patients.most_common(3)),
    )


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def when(event: TimelineEvent) -> str:
    if event.date_first is None:
        return "undated"
    if event.date_first == event.date_last:
        return event.date_first
    return f"{event.date_first} – {event.date_last}"


def excerpt(mention: EventMentionRow, width: int = 140) -> str:
    """The mention's sentence on one line with its trigger in brackets, cut to about
    ``width`` characters around the trigger: "… were [evacuated] on Sunday."."""
    before, trigger, after = mention.parts
    flat = " ".join(f"{before}[{trigger}]{after}".split() if trigger else before.split())
    if len(flat) <= width:
        return flat
    at = max(flat.find("["), 0)
    first = max(0, min(at - width // 3, len(flat) - width))
    cut = flat[first : first + width]
    return ("…" if first else "") + cut + ("…" if first + width < len(flat) else "")


def text(events: list[TimelineEvent]) -> str:
    """The timeline as plain text for the terminal."""
    if not events:
        return "no events\n"
    lines = []
    for event in events:
        where = f" in {event.place}" if event.place else ""
        lines.append(f"{when(event)}  {event.type}{where}  [{event.statuses}]")
        if event.participants:
            lines.append(f"    with: {', '.join(event.participants[:6])}")
        if event.agents or event.patients:
            lines.append(f"    {_who(event)}")
        for mention in event.mentions:
            sentence = excerpt(mention)
            lines.append(
                f"    - {mention.status}: {mention.published or 'undated'} "
                f"{mention.outlet or ''} ({mention.document_id[:12]} "
                f"{mention.start}-{mention.end}) {sentence}"
            )
    return "\n".join(lines) + "\n"


def _who(event: TimelineEvent) -> str:
    """ "by: Donald Trump; to: Alicia Machado"."""
    parts = []
    if event.agents:
        parts.append(f"by: {', '.join(event.agents)}")
    if event.patients:
        parts.append(f"to: {', '.join(event.patients)}")
    return "; ".join(parts)


def markdown_lines(events: list[TimelineEvent], numbers: dict[str, int]) -> list[str]:
    """The "Timeline" section of a story brief: one line per event, sources numbered as in
    the brief."""
    lines = [""]
    for event in events:
        where = f" in {event.place}" if event.place else ""
        sources = ", ".join(
            dict.fromkeys(f"{m.status} [{numbers.get(m.document_id, '?')}]" for m in event.mentions)
        )
        lines.append(f"- **{when(event)}** — {event.type}{where}: {event.title} ({sources})")
    return lines
