"""TimeML files of the TempEval-3 training data, read the same way by every benchmark."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def body(root: ET.Element) -> tuple[str, list[tuple[ET.Element, int, int]]]:
    """The ``<TEXT>`` of a TimeML document with its tags removed, and each element directly
    inside it (``EVENT``, ``TIMEX3`` ...) with its span in that text."""
    text = root.find("TEXT")
    if text is None:
        raise ValueError("TimeML document without <TEXT>")
    parts: list[str] = [text.text or ""]
    offset = len(parts[0])
    spans: list[tuple[ET.Element, int, int]] = []
    for child in text:
        start = offset
        inner = "".join(child.itertext())
        parts.append(inner)
        offset += len(inner)
        spans.append((child, start, offset))
        tail = child.tail or ""
        parts.append(tail)
        offset += len(tail)
    return "".join(parts), spans
