"""What a copy changed: the sentences it added and removed (the groups themselves are
``store.duplicates.groups``)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from storyline.text.sentences import sentences, spans


@dataclass(frozen=True, slots=True)
class Differences:
    added: tuple[str, ...]
    removed: tuple[str, ...]


def differences(original: str, copy: str) -> Differences:
    """Sentences the copy added to, and removed from, the original (aligned with difflib)."""
    a = [original[s:e] for s, e in spans(sentences(original))]
    b = [copy[s:e] for s, e in spans(sentences(copy))]
    added: list[str] = []
    removed: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            removed.extend(a[a0:a1])
        if tag in ("replace", "insert"):
            added.extend(b[b0:b1])
    return Differences(tuple(added), tuple(removed))
