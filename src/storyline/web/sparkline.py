"""Coverage per day as a small inline SVG: how a story grew, without any script or image file.

Days without articles count as zero, so a gap in coverage shows as a dip rather than being
skipped; the drawing uses attributes only (no ``style``), which the page's content security
policy allows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date, timedelta

from markupsafe import Markup, escape

WIDTH, HEIGHT = 120, 24
MAX_DAYS = 120


def daily(per_day: Sequence[tuple[str, int]], until: str | None = None) -> list[tuple[date, int]]:
    """Counts for every day from the first to the last, or to ``until`` when later (at most
    ``MAX_DAYS``, the latest)."""
    known: dict[date, int] = {}
    for day, count in per_day:
        try:
            known[date.fromisoformat(day[:10])] = known.get(date.fromisoformat(day[:10]), 0) + count
        except ValueError:
            continue
    if not known:
        return []
    last = max(known)
    with contextlib.suppress(ValueError):
        last = max(last, date.fromisoformat(until[:10])) if until else last
    first = max(min(known), last - timedelta(days=MAX_DAYS - 1))
    span = (last - first).days + 1
    return [(first + timedelta(d), known.get(first + timedelta(d), 0)) for d in range(span)]


def svg(
    per_day: Sequence[tuple[str, int]],
    *,
    until: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Markup:
    """A bar per day, scaled to the busiest day; a title element tells the figures. With
    ``until`` (the latest day of a listing) the sparklines of a page share their right edge,
    so a story that went quiet shows it."""
    days = daily(per_day, until)
    if not days:
        return Markup("")
    peak = max(count for _, count in days) or 1
    # A bar is at most 8 px wide, the days aligned right: a one-day story is one thin bar
    # at "now", not a block across the whole sparkline.
    step = min(width / len(days), 8.0)
    left = width - step * len(days)
    gap = 1 if step >= 3 else 0
    bars = []
    for i, (day, count) in enumerate(days):
        h = max(1.0, (height - 2) * count / peak) if count else 0.0
        if h:
            bars.append(
                f'<rect x="{left + i * step:.1f}" y="{height - h:.1f}" '
                f'width="{max(step - gap, 0.5):.1f}" height="{h:.1f}">'
                f"<title>{day.isoformat()}: {count}</title></rect>"
            )
    total = sum(count for _, count in days)
    label = f"{total} articles from {days[0][0]} to {days[-1][0]}"
    return Markup(
        f'<svg class="spark" role="img" aria-label="{escape(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
        f'<line x1="0" y1="{height - 0.5}" x2="{width}" y2="{height - 0.5}" class="base"/>'
        + "".join(bars)
        + "</svg>"
    )
