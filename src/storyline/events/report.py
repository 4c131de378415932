"""Reading events back: a timeline of a story or of an entity, in date order, each event
with its status, place, participants, who did it and to whom, and every mention with its
own status and source."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from storyline.entities.report import find_entity
from storyline.store import Store
from storyline.store.events import EventMentionRow, EventRow

__all__ = [
    "EventMentionRow",
    "TimelineEvent",
    "excerpt",
    "markdown_lines",
    "partial",
    "text",
    "timeline",
    "when",
]


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
    """Events of a story, or those an entity takes part in (or is the place of), or (with
    neither) of the whole store, in date order (undated last). Unless ``include_all``,
    events seen only as hypothetical or negated are left out, and so are undated events
    reported by a single mention."""
    rows = store.events.timeline(
        story_id=store.stories.resolve(story) if story is not None else None,
        entity_id=find_entity(store, entity) if entity is not None else None,
        include_all=include_all,
        limit=limit,
    )
    return [_event(store, row) for row in rows]


def _event(store: Store, row: EventRow) -> TimelineEvent:
    names = store.entities.names(row.participant_entity_ids)
    mentions = tuple(store.events.mentions_of(row.id))
    agents, patients = _roles(mentions)
    return TimelineEvent(
        id=row.id,
        type=row.type,
        status=row.status,
        date=row.date,
        date_first=row.date_first,
        date_last=row.date_last,
        place=row.place,
        participants=tuple(names[i] for i in row.participant_entity_ids if i in names),
        title=row.title,
        story_id=row.story_id,
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


def when(event: TimelineEvent) -> str:
    if event.date_first is None:
        return "undated"
    if (span := partial(event.date)) is not None:
        return span
    if event.date_first == event.date_last:
        return event.date_first
    return f"{event.date_first} – {event.date_last}"


_DECADE = re.compile(r"(\d{3})X?")
_CENTURY = re.compile(r"(\d{2})(?:XX)?")


def partial(value: str | None) -> str | None:
    """A TIMEX3 value that is not a full calendar value, as a reader says it: "197" (a
    decade) is "1970s", "19" (a century) "1900s"; None for any other value. Issue 22: the
    raw "197" reached a timeline."""
    if value is None:
        return None
    if match := _DECADE.fullmatch(value):
        return f"{match.group(1)}0s"
    if match := _CENTURY.fullmatch(value):
        return f"{match.group(1)}00s"
    return None


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
