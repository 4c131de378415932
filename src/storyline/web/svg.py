"""Small helpers for the pictures drawn on the server as inline SVG (``*_chart.py``,
``neighbour_graph.py``, ``place_map.py``).

Every value from the store goes through :func:`text` (escaped); numbers are written with at
most one decimal, so the same data gives the same bytes. Colours come from classes styled in
``static/style.css`` or from presentation attributes, never from a ``style`` attribute,
which the page's content security policy (``style-src 'self'``) would drop.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape


def num(value: float) -> str:
    """A coordinate: an integer when it is one, else one decimal."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def text(value: object) -> str:
    return str(escape(str(value)))


def title(value: object) -> str:
    """A ``<title>`` child: the tooltip and the accessible name of its parent."""
    return f"<title>{text(value)}</title>"


def figure(
    kind: str, width: float, height: float, label: str, description: str, body: Iterable[str]
) -> Markup:
    """The ``<svg>`` element: ``role="img"`` named by its title, described by its desc, scaled
    to the width of its container (``viewBox``)."""
    return Markup(
        f'<svg class="chart {kind}" role="img" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="{num(width)}" height="{num(height)}" preserveAspectRatio="xMinYMin meet" '
        f'aria-label="{text(label)}">'
        f"<title>{text(label)}</title><desc>{text(description)}</desc>" + "".join(body) + "</svg>"
    )


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
