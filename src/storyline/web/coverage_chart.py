"""Coverage of a story per day and per outlet: a stacked bar a day, a colour an outlet.

Copies count (a reprint is coverage too); days without articles are drawn as gaps, so a
story that went quiet shows it. The five outlets with the most articles get a colour each,
the rest share "other outlets", articles without an outlet "outlet unknown". The same
figures are given as a table beside the picture (``grid``), for those who do not see it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from storyline.store.stories import StoryArticle
from storyline.web.svg import figure, num, plural, text, title

WIDTH, HEIGHT = 720, 200
MAX_DAYS = 120
COLOURED = 5
OTHER, UNKNOWN = "other outlets", "outlet unknown"


@dataclass(frozen=True, slots=True)
class CoverageGrid:
    """Articles per day (rows, every day from the first to the last) and outlet (columns)."""

    days: tuple[date, ...]
    outlets: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[day][outlet]
    undated: int

    @property
    def total(self) -> int:
        return sum(map(sum, self.counts)) + self.undated


def of_articles(articles: Iterable[StoryArticle]) -> list[tuple[str | None, str | None]]:
    """(published, outlet) of a story's articles and their copies."""
    rows: list[tuple[str | None, str | None]] = []
    for article in articles:
        rows.append((article.published, article.outlet))
        rows.extend((published, outlet) for _, outlet, _, published in article.copies)
    return rows


def grid(rows: Sequence[tuple[str | None, str | None]]) -> CoverageGrid:
    """The counts of (published, outlet) rows: the latest ``MAX_DAYS`` days at most."""
    dated: list[tuple[date, str]] = []
    undated = 0
    for published, outlet in rows:
        try:
            day = date.fromisoformat((published or "")[:10])
        except ValueError:
            undated += 1
            continue
        dated.append((day, outlet or UNKNOWN))
    if not dated:
        return CoverageGrid((), (), (), undated)
    last = max(day for day, _ in dated)
    first = max(min(day for day, _ in dated), last - timedelta(days=MAX_DAYS - 1))
    per_outlet = Counter(outlet for day, outlet in dated if day >= first)
    ranked = sorted((o for o in per_outlet if o != UNKNOWN), key=lambda o: (-per_outlet[o], o))
    columns = ranked[:COLOURED] + ([OTHER] if len(ranked) > COLOURED else [])
    columns += [UNKNOWN] if UNKNOWN in per_outlet else []
    index = {outlet: i for i, outlet in enumerate(columns)}
    days = tuple(first + timedelta(d) for d in range((last - first).days + 1))
    counts = [[0] * len(columns) for _ in days]
    for day, outlet in dated:
        if day >= first:
            counts[(day - first).days][index.get(outlet, index.get(OTHER, 0))] += 1
    return CoverageGrid(days, tuple(columns), tuple(map(tuple, counts)), undated)


def _colour(outlet: str, i: int) -> str:
    return {OTHER: "c-other", UNKNOWN: "c-unknown"}.get(outlet, f"c{i}")


def svg(cov: CoverageGrid, *, width: int = WIDTH, height: int = HEIGHT) -> Markup:
    """The stacked bars with a day axis, a count axis and a legend; empty without dates."""
    if not cov.days:
        return Markup("")
    left, right, top, legend = 28.0, 8.0, 8.0, 22.0 * ((len(cov.outlets) + 2) // 3)
    bottom = 22.0
    plot_w, plot_h = width - left - right, height - top - bottom - legend
    peak = max(sum(row) for row in cov.counts) or 1
    step = plot_w / len(cov.days)
    bar = max(min(step * 0.8, 28.0), 1.0)
    body = [
        f'<line class="axis" x1="{num(left)}" y1="{num(top + plot_h)}" '
        f'x2="{num(left + plot_w)}" y2="{num(top + plot_h)}"/>'
    ]
    # Count axis: 0, the peak and (when it is even) its half.
    for value in sorted({0, peak, peak // 2} if peak >= 4 else {0, peak}):
        y = top + plot_h - plot_h * value / peak
        body.append(
            f'<line class="grid" x1="{num(left)}" y1="{num(y)}" x2="{num(left + plot_w)}" '
            f'y2="{num(y)}"/><text class="tick" x="{num(left - 4)}" y="{num(y + 4)}" '
            f'text-anchor="end">{value}</text>'
        )
    # Day labels: about one per 70 px, always the first day.
    every = max(1, round(70 / step))
    for i, (day, row) in enumerate(zip(cov.days, cov.counts, strict=True)):
        x = left + i * step + (step - bar) / 2
        if i % every == 0:
            body.append(
                f'<text class="tick" x="{num(x + bar / 2)}" y="{num(top + plot_h + 15)}" '
                f'text-anchor="middle">{day:%d %b}</text>'
            )
        y = top + plot_h
        for j, count in enumerate(row):
            if not count:
                continue
            h = plot_h * count / peak
            y -= h
            outlet = cov.outlets[j]
            body.append(
                f'<rect class="{_colour(outlet, j)}" x="{num(x)}" y="{num(y)}" '
                f'width="{num(bar)}" height="{num(h)}">'
                + title(f"{day.isoformat()}: {plural(count, 'article')} from {outlet}")
                + "</rect>"
            )
    per_outlet = [sum(row[j] for row in cov.counts) for j in range(len(cov.outlets))]
    for j, outlet in enumerate(cov.outlets):
        x = left + (j % 3) * (plot_w / 3)
        y = height - legend + 8 + (j // 3) * 22
        body.append(
            f'<rect class="{_colour(outlet, j)}" x="{num(x)}" y="{num(y)}" width="12" '
            f'height="12"/><text class="legend" x="{num(x + 17)}" y="{num(y + 11)}">'
            f"{text(outlet)} ({per_outlet[j]})</text>"
        )
    dated = cov.total - cov.undated
    label = (
        f"Coverage per day: {plural(dated, 'article')} from {cov.days[0]:%d %b %Y} to "
        f"{cov.days[-1]:%d %b %Y}, busiest day {peak}"
    )
    description = "; ".join(f"{o}: {n}" for o, n in zip(cov.outlets, per_outlet, strict=True))
    if cov.undated:
        description += f"; {plural(cov.undated, 'undated article')} not drawn"
    return figure("coverage", width, height, label, description, body)
