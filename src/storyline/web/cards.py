"""What a story card says beyond its counts: the lead (the story summary's first sentence,
with the article it comes from) and the people most of its articles name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storyline.store import Store
from storyline.store.listing import StoryCard
from storyline.store.stories import KeyEntity

KEY_PEOPLE = 3
LEAD_CHARS = 240


@dataclass(frozen=True, slots=True)
class CardLead:
    lead: str | None
    lead_document: str | None
    people: tuple[KeyEntity, ...]


def _clip(sentence: str) -> str:
    if len(sentence) <= LEAD_CHARS:
        return sentence
    return sentence[: sentence.rfind(" ", 0, LEAD_CHARS - 1)].rstrip(",;:") + " …"


def leads(store: Store, cards: Iterable[StoryCard]) -> dict[str, CardLead]:
    """The lead and key people of each card's story, by story id."""
    found: dict[str, CardLead] = {}
    for card in cards:
        summary = store.stories.summary(card.id)
        members = store.stories.members_of({card.id})
        people = store.stories.key_entities(members, KEY_PEOPLE, types=("person",))
        found[card.id] = CardLead(
            _clip(summary[0][0]) if summary else None,
            summary[0][1] if summary else None,
            people,
        )
    return found
