"""An article's clean text as HTML with its spans marked: entities, quotes, time expressions.

Spans overlap (a quote holds names and dates) and may even cross, so the text is cut at
every span boundary and each piece is wrapped in the spans that cover it, outermost layer
first. Every piece of text is escaped; only the tags written here are markup.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from markupsafe import Markup, escape

# Outermost first: a quote holds names and dates; a name never holds a quote.
LAYERS = ("quote", "entity", "time")


@dataclass(frozen=True, slots=True)
class Highlight:
    """``[start, end)`` into the text; ``href`` makes it a link, ``label`` a tooltip."""

    start: int
    end: int
    layer: str  # one of LAYERS
    css: str  # extra class, e.g. the entity type or the quote kind
    label: str
    href: str | None = None
    anchor: str | None = None  # element id, so a list beside the text can link to it


def render(text: str, spans: list[Highlight]) -> Markup:
    """``text`` escaped, with each span's pieces wrapped in ``<mark>`` / ``<a>`` elements."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text) and s.layer in LAYERS]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    order = {layer: i for i, layer in enumerate(LAYERS)}
    # The first piece of a span carries its anchor, so a link to it lands on its start.
    anchored: set[int] = set()
    out: list[str] = []
    for left, right in itertools.pairwise(cuts):
        piece = str(escape(text[left:right]))
        covering = sorted(
            (s for s in valid if s.start <= left and right <= s.end),
            key=lambda s: (order[s.layer], s.start, -s.end),
        )
        for span in reversed(covering):
            piece = _wrap(piece, span, anchor=id(span) not in anchored)
            anchored.add(id(span))
        out.append(piece)
    return Markup("".join(out))


def _wrap(inner: str, span: Highlight, *, anchor: bool) -> str:
    classes = f"hl hl-{span.layer} {span.css}".strip()
    attrs = f' class="{escape(classes)}" title="{escape(span.label)}"'
    if anchor and span.anchor:
        attrs += f' id="{escape(span.anchor)}"'
    if span.href:
        return f'<a href="{escape(span.href)}"{attrs}>{inner}</a>'
    return f"<mark{attrs}>{inner}</mark>"
