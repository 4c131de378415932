"""Who appears with an entity, as a picture: the entity in the middle, its neighbours around
it, the more articles they share the closer and the larger; a line between two neighbours
when articles naming the entity name them both.

The layout is radial and deterministic: neighbours in the order of ``co_occurring`` (most
shared first, then by name) go round the circle clockwise from the top, so the same store
gives the same picture. Each node links to its entity page; the list beside the picture
gives the same figures as text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup

from storyline.store.entities import Neighbour
from storyline.web.svg import figure, num, plural, text, title

WIDTH, HEIGHT = 720, 440
LABEL_CHARS = 26
MAX_LINKS = 20
# The neighbour sharing the most articles is this much nearer the centre than the least.
NEARER = 0.3
KINDS = (("person", "person"), ("organization", "organisation"), ("place", "place"))


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def svg(
    centre_name: str,
    centre_type: str,
    neighbours: Sequence[Neighbour],
    pairs: Sequence[tuple[str, str, int]] = (),
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Markup:
    if not neighbours:
        return Markup("")
    cx, cy = width / 2, height / 2 - 8
    # Room for a label beside the outermost nodes, and for the legend below.
    rx, ry = width / 2 - 188, height / 2 - 48
    most = max(n.articles for n in neighbours)
    least = min(n.articles for n in neighbours)
    spots: dict[str, tuple[float, float]] = {}
    nodes: list[str] = []
    spokes: list[str] = []
    for i, n in enumerate(neighbours):
        angle = -math.pi / 2 + 2 * math.pi * i / len(neighbours)
        share = (n.articles - least) / (most - least) if most > least else 1.0
        reach = 1.0 - NEARER * share
        x, y = cx + rx * reach * math.cos(angle), cy + ry * reach * math.sin(angle)
        spots[n.id] = (x, y)
        size = 5 + 7 * math.sqrt(n.articles / most)
        spokes.append(
            f'<line class="spoke" x1="{num(cx)}" y1="{num(cy)}" x2="{num(x)}" y2="{num(y)}" '
            f'stroke-width="{num(1 + 3 * n.articles / most)}"/>'
        )
        # Labels point away from the centre: left of the node on the left half, right of it
        # on the right half, above or below it at the top and bottom.
        cos, sin = math.cos(angle), math.sin(angle)
        if abs(cos) < 0.15:
            lx, ly, anchor = x, y + (size + 13 if sin > 0 else -size - 5), "middle"
        else:
            lx, ly, anchor = (
                x + (size + 4) * (1 if cos > 0 else -1),
                y + 4,
                ("start" if cos > 0 else "end"),
            )
        shared = plural(n.articles, "article")
        nodes.append(
            f'<a href="/entities/{text(n.id)}">'
            f'<circle class="node t-{text(n.type)}" cx="{num(x)}" cy="{num(y)}" r="{num(size)}">'
            + title(f"{n.name} ({n.type}): {shared} with {centre_name}")
            + f'</circle><text class="node-label" x="{num(lx)}" y="{num(ly)}" '
            f'text-anchor="{anchor}">{text(_short(n.name))}</text></a>'
        )
    pairs = [p for p in pairs if p[0] in spots and p[1] in spots][:MAX_LINKS]
    strongest = max((c for _, _, c in pairs), default=1)
    links = [
        f'<line class="link" x1="{num(spots[a][0])}" y1="{num(spots[a][1])}" '
        f'x2="{num(spots[b][0])}" y2="{num(spots[b][1])}" '
        f'stroke-width="{num(0.6 + 2 * count / strongest)}">'
        + title(f"{plural(count, 'article')} name both")
        + "</line>"
        for a, b, count in pairs
    ]
    centre = (
        f'<circle class="node centre t-{text(centre_type)}" cx="{num(cx)}" cy="{num(cy)}" '
        f'r="14">{title(centre_name)}</circle><text class="node-label centre" x="{num(cx)}" '
        f'y="{num(cy + 30)}" text-anchor="middle">{text(_short(centre_name))}</text>'
    )
    legend = [
        f'<circle class="node t-{kind}" cx="{num(12 + 110 * i)}" cy="{num(height - 10)}" r="6"/>'
        f'<text class="legend" x="{num(22 + 110 * i)}" y="{num(height - 6)}">{word}</text>'
        for i, (kind, word) in enumerate(KINDS)
    ]
    label = f"{centre_name} and the {plural(len(neighbours), 'entity', 'entities')} named with it"
    description = "; ".join(f"{n.name}: {plural(n.articles, 'article')}" for n in neighbours)
    return figure(
        "graph", width, height, label, description, [*links, *spokes, centre, *nodes, *legend]
    )
