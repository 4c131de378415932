"""Does the tagger, trained on Reuters 1996, find the names in modern news? ECB+ (2008-2013).

ECB+ annotates, in some sentences of each article, the mentions of the people, organisations
and places taking part in its events (``HUMAN_PART_PER``, ``HUMAN_PART_ORG``,
``HUMAN_PART_GPE``, ``LOC_*``). Those that are names (every word capitalised, e.g. "Hugh
Jackman", not "the actor" or "he") are the gold here; not every name is annotated, so only
recall can be measured: the share of gold names that a tagged span of the right type
overlaps, and of any type. The text is the article's tokens joined by spaces, so offsets
are exact; the tagger sees the whole article, as in a run.

Only the development topics are read by default (``--topics`` for others, never 36-45).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bench import ecbplus
from bench.corpora import data_dir
from storyline.entities.mentions import extract
from storyline.entities.tagger import TaggedSpan, Tagger

GOLD_TYPES = {
    "HUMAN_PART_PER": "PER",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "LOC",
    "LOC_GEO": "LOC",
    "LOC_OTHER": "LOC",
}
# Capitalised words that are not names when a mention is only them.
_NOT_NAMES = frozenset({"He", "She", "I", "We", "They", "It", "His", "Her", "The"})
GOLD_KINDS = ("PER", "ORG", "LOC")


@dataclass(frozen=True, slots=True)
class Recall:
    gold: Counter[str]
    typed: Counter[str]  # found with the right type
    any_type: Counter[str]  # found with any type


def _names(path: Path) -> tuple[str, list[tuple[int, int, str]]]:
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    position = 0
    last_sentence = None
    for token in root.iter("token"):
        word = (token.text or "").strip()
        if not word:
            continue
        sentence = token.get("sentence")
        if parts:
            gap = "\n\n" if sentence != last_sentence else " "
            parts.append(gap)
            position += len(gap)
        last_sentence = sentence
        offsets[token.get("t_id", "")] = (position, position + len(word))
        parts.append(word)
        position += len(word)
    text = "".join(parts)
    gold = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        kind = GOLD_TYPES.get(markable.tag)
        anchors = [offsets[a.get("t_id", "")] for a in markable.iter("token_anchor")]
        anchors = [a for a in anchors if a]
        if kind is None or not anchors:
            continue
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        if _is_name(text, start, end):
            gold.append((start, end, kind))
    return text, gold


def _is_name(text: str, start: int, end: int) -> bool:
    """Every word capitalised; one word alone must not open its sentence ("Police said")
    nor be written in capitals throughout ("DRIVER") nor be a pronoun ("I'm")."""
    words = text[start:end].split()
    if not words or not all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return False
    if len(words) > 1:
        return True
    word = words[0]
    opens_sentence = start == 0 or text[start - 2 : start] == "\n\n"
    return not (opens_sentence or word.isupper() or word in _NOT_NAMES or "'" in word)


_KEPT_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}


def recall(paths: Iterable[Path], tagger: Tagger, *, kept: bool = False) -> Recall:
    """With ``kept``, the mentions the entity stage keeps (``mentions.extract``: its rules
    after the tagger) instead of the tagger's spans."""
    gold: Counter[str] = Counter()
    typed: Counter[str] = Counter()
    any_type: Counter[str] = Counter()
    for path in paths:
        text, names = _names(path)
        spans = tagger.tag(text)
        if kept:
            spans = [
                TaggedSpan(m.start, m.end, m.text, _KEPT_TYPES[m.type], 1.0)
                for m in extract(text, spans)
                if m.type in _KEPT_TYPES
            ]
        for start, end, kind in names:
            gold[kind] += 1
            hits = [s for s in spans if s.start < end and start < s.end]
            if hits:
                any_type[kind] += 1
            if any(s.type == kind for s in hits):
                typed[kind] += 1
    return Recall(gold, typed, any_type)


def paths(topics: Iterable[int] = ecbplus.DEV_TOPICS) -> list[Path]:
    root = data_dir("ecbplus") / "ECB+"
    found = []
    for topic in topics:
        if topic not in ecbplus.LOCAL_TOPICS:
            raise ValueError(f"topic {topic} is not a local ECB+ topic")
        found += sorted((root / str(topic)).glob(f"{topic}_*.xml"))
    return found
