"""Reading quotes back: a filtered listing, and a story's quotes grouped by speaker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.entities.aliases import fold
from storyline.entities.report import find_entity
from storyline.store import Store
from storyline.store.quotes import QuoteRow

__all__ = [
    "QuoteRow",
    "SpeakerQuotes",
    "by_speaker",
    "list_quotes",
    "quote_lines",
    "speaker_label",
]


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    speaker: str
    entity_id: str | None
    quotes: tuple[QuoteRow, ...]


def list_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    story: str | None = None,
    entity: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[QuoteRow]:
    """Quotes of current, canonical articles (a copy repeats its original's), newest first.

    ``speaker`` matches whole words of the speaker's entity name or of the words naming the
    speaker ("Holm", "Lars Holm", "spokesman"); ``story`` and ``entity`` take ids or unique
    prefixes (an entity also by name, alias or surname)."""
    rows = store.quotes.listing(
        story_id=store.stories.resolve(story) if story is not None else None,
        speaker_entity_id=find_entity(store, entity) if entity is not None else None,
        limit=limit if speaker is None else None,
        offset=offset if speaker is None else 0,
    )
    if speaker is None:
        return rows
    wanted = fold(speaker).split()
    return [r for r in rows if _speaker_matches(r, wanted)][offset : offset + limit]


def _speaker_matches(row: QuoteRow, wanted: list[str]) -> bool:
    """Whether ``wanted`` (folded words) stands as consecutive words in the speaker's name or
    in the words naming the speaker: "Holm" matches "Lars Holm", not "Holmes"."""
    for name in (row.speaker, row.speaker_text):
        words = fold(name or "").replace("'s", "").replace("’s", "").split()
        if any(words[i : i + len(wanted)] == wanted for i in range(len(words))):
            return True
    return False


def by_speaker(store: Store, story_id: str) -> tuple[SpeakerQuotes, ...]:
    """A story's direct and partial quotes, grouped by speaker, the most quoted first; quotes
    without a named speaker come under the words that describe the source."""
    rows = store.quotes.of_story(story_id)
    groups: dict[str, list[QuoteRow]] = {}
    for row in rows:
        key = row.speaker_entity_id or fold(row.speaker or "unattributed")
        groups.setdefault(key, []).append(row)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0].speaker or ""))
    return tuple(
        SpeakerQuotes(g[0].speaker or "unattributed", g[0].speaker_entity_id, tuple(g))
        for g in ordered
    )


def speaker_label(group: SpeakerQuotes) -> str:
    return group.speaker if group.entity_id else f"{group.speaker} (unnamed source)"


def quote_lines(groups: Sequence[SpeakerQuotes], numbers: dict[str, int]) -> list[str]:
    """Markdown lines of a story's quotes by speaker; ``numbers`` maps documents to their
    number among the story's sources."""
    lines: list[str] = []
    for group in groups:
        lines += ["", f"**{speaker_label(group)}**", ""]
        for quote in group.quotes:
            source = numbers.get(quote.document_id, "?")
            lines.append(f"- “{' '.join(quote.text.split())}” [{source}]")
    return lines
