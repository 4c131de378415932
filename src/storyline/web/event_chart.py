"""A story's events on a time axis: a lane per event type, a mark per event, its shape and
colour the status (planned: hollow, happened: filled, ongoing, reported).

An event dated to a day is a dot; one dated to a span of up to two weeks ("next week") a bar
over those days. Events with a coarser date ("2025", "the 1970s") or none are not drawn and
are counted in the picture's description; the timeline list below the picture names them
all, and each mark links to its line there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import get_args

from markupsafe import Markup

from storyline.events.report import TimelineEvent
from storyline.model import EventStatus
from storyline.web.svg import figure, num, plural, text, title

WIDTH = 720
MAX_SPAN_DAYS = 14
# The statuses a timeline shows (it leaves out events seen only as hypothetical or negated).
STATUSES = tuple(s for s in get_args(EventStatus) if s not in {"hypothetical", "negated"})


@dataclass(frozen=True, slots=True)
class TimelineMark:
    """An event as the chart draws it."""

    id: str
    type: str
    status: str
    first: date
    last: date
    title: str


def marks(events: Sequence[TimelineEvent]) -> tuple[list[TimelineMark], int, int]:
    """The events that can be drawn, and how many have a coarse date or none."""
    drawn: list[TimelineMark] = []
    coarse = undated = 0
    for event in events:
        try:
            first = date.fromisoformat((event.date_first or "")[:10])
            last = date.fromisoformat((event.date_last or event.date_first or "")[:10])
        except ValueError:
            undated += 1
            continue
        if (last - first).days > MAX_SPAN_DAYS or last < first:
            coarse += 1
            continue
        drawn.append(TimelineMark(event.id, event.type, event.status, first, last, event.title))
    return drawn, coarse, undated


def svg(events: Sequence[TimelineEvent], *, width: int = WIDTH) -> Markup:
    drawn, coarse, undated = marks(events)
    if not drawn:
        return Markup("")
    start = min(m.first for m in drawn) - timedelta(days=1)
    end = max(m.last for m in drawn) + timedelta(days=1)
    days = (end - start).days + 1
    left, right, top = 118.0, 10.0, 6.0
    plot_w = width - left - right
    step = plot_w / days

    def x_of(day: date) -> float:
        return left + (day - start).days * step + step / 2

    lanes: list[str] = list(dict.fromkeys(m.type for m in sorted(drawn, key=lambda m: m.first)))
    # Events of one type on one day are stacked in their lane: the lane grows to hold them.
    stack: dict[tuple[str, date], int] = {}
    slot: dict[str, int] = {}
    for m in drawn:
        slot[m.id] = stack.get((m.type, m.first), 0)
        stack[(m.type, m.first)] = slot[m.id] + 1
    depth = {t: max(n for (lt, _), n in stack.items() if lt == t) for t in lanes}
    lane_top: dict[str, float] = {}
    y = top
    for lane in lanes:
        lane_top[lane] = y
        y += 12.0 + 13.0 * depth[lane]
    plot_bottom = y
    body: list[str] = []
    for i, lane in enumerate(lanes):
        h = 12.0 + 13.0 * depth[lane]
        if i % 2 == 0:
            body.append(
                f'<rect class="lane" x="{num(left)}" y="{num(lane_top[lane])}" '
                f'width="{num(plot_w)}" height="{num(h)}"/>'
            )
        body.append(
            f'<text class="lane-label" x="{num(left - 8)}" y="{num(lane_top[lane] + h / 2 + 4)}" '
            f'text-anchor="end">{text(lane)}</text>'
        )
    every = max(1, round(64 / step))
    for d in range(0, days, every):
        day = start + timedelta(d)
        x = x_of(day)
        body.append(
            f'<line class="grid" x1="{num(x)}" y1="{num(top)}" x2="{num(x)}" '
            f'y2="{num(plot_bottom)}"/><text class="tick" x="{num(x)}" '
            f'y="{num(plot_bottom + 14)}" text-anchor="middle">{day:%d %b}</text>'
        )
    for m in drawn:
        cy = lane_top[m.type] + 12.0 + 13.0 * slot[m.id]
        status = m.status if m.status in STATUSES else "reported"
        when = m.first.isoformat() + (f" – {m.last.isoformat()}" if m.last != m.first else "")
        tip = title(f"{when} · {m.type} · {m.status}: {m.title}")
        if m.last == m.first:
            shape = (
                f'<circle class="mark s-{status}" cx="{num(x_of(m.first))}" cy="{num(cy)}" r="5.5">'
            )
            shape += tip + "</circle>"
        else:
            x1, x2 = x_of(m.first) - 5, x_of(m.last) + 5
            shape = (
                f'<rect class="mark s-{status}" x="{num(x1)}" y="{num(cy - 5)}" '
                f'width="{num(x2 - x1)}" height="10" rx="5">{tip}</rect>'
            )
        body.append(f'<a href="#ev-{text(m.id)}">{shape}</a>')
    legend_y = plot_bottom + 32
    for i, status in enumerate(STATUSES):
        x = left + i * 110
        body.append(
            f'<circle class="mark s-{status}" cx="{num(x + 6)}" cy="{num(legend_y - 4)}" r="5.5"/>'
            f'<text class="legend" x="{num(x + 16)}" y="{num(legend_y)}">{status}</text>'
        )
    height = legend_y + 8
    label = (
        f"Timeline of {plural(len(drawn), 'dated event')} from {start + timedelta(1):%d %b %Y} "
        f"to {end - timedelta(1):%d %b %Y}, by type"
    )
    left_out = []
    if coarse:
        left_out.append(plural(coarse, "event") + " with a date coarser than two weeks")
    if undated:
        left_out.append(plural(undated, "undated event"))
    description = "Every event is listed below the picture" + (
        "; not drawn: " + ", ".join(left_out) if left_out else ""
    )
    return figure("events", width, height, label, description, body)
