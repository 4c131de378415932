"""How a list is written in one CSV cell: its items joined with ``;`` (``Minister;Mayor``).

An item's own ``;`` or ``\\`` is escaped with a backslash, so that ``split_list`` gives the
items back exactly; in practice names hold neither, and ``cell.split(";")`` (or pandas'
``str.split(";")``) reads them. Used by the list commands' ``--format csv`` and by the CSV
export, so that both write lists the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = ";"


def join_list(items: Iterable[object]) -> str:
    return SEPARATOR.join(
        str(item).replace("\\", "\\\\").replace(SEPARATOR, "\\" + SEPARATOR) for item in items
    )


def split_list(cell: str) -> list[str]:
    """The items of a cell ``join_list`` wrote (an empty cell is an empty list)."""
    if not cell:
        return []
    items: list[str] = []
    current: list[str] = []
    escaped = False
    for char in cell:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == SEPARATOR:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return items


def join_spans(spans: Iterable[Iterable[int]]) -> str:
    """``[[252, 356], [400, 410]]`` as ``252-356;400-410``."""
    return SEPARATOR.join("-".join(str(n) for n in span) for span in spans)


def split_spans(cell: str) -> list[list[int]]:
    return [[int(n) for n in item.split("-")] for item in cell.split(SEPARATOR)] if cell else []
