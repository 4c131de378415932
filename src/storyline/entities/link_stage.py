"""The entity_links stage: short names resolved across the articles of each story.

After ``entities`` (each article's mentions, resolved inside the article) and ``stories``,
each story whose members changed since its names were last linked is linked again
(``story_links.py``): its links are undone, the story's names read with the entity the
entity stage gave each, and every mention of a linked entity in that article (names and
pronouns) moves to the story's full name, keeping its own entity and naming the rule
(``own_entity_id``, ``own_name``, ``story_rule``). The entity rows of every entity that
gained or lost mentions are rewritten as the entity stage writes them.

Incremental and safe to re-run: ``entity_story_links`` keeps each story's member list when
it was linked; the entity stage drops the record of a story whose article it (re)reads; a
story gone or changed is unlinked before any story is linked, so an article that moved
from one story to another is linked once, in its new story. The links are a function of
the story's names alone, so linking a story again gives the same result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from storyline.entities.stage import EntityStage, refresh_entities
from storyline.entities.story_links import story_links
from storyline.pipeline import Counters, GlobalStage

if TYPE_CHECKING:
    from storyline.model import Problem
    from storyline.store import Store


class EntityLinkStage(GlobalStage):
    name: ClassVar[str] = "entity_links"
    # 1 (issue 22): story-surname, story-acronym, story-short-form.
    version: ClassVar[str] = "1"
    needs: ClassVar[frozenset[str]] = frozenset({"entities", "stories"})
    provides: ClassVar[frozenset[str]] = frozenset({"entity_links"})

    def reset(self, store: Store) -> None:
        with store.transaction():
            touched = store.entities.unlink()
            store.entities.drop_story_records()
            refresh_entities(store, touched, _entities_version(store))

    def update(
        self,
        store: Store,
        changed: Sequence[str],
        removed: Sequence[str],
        counters: Counters,
        problems: list[Problem],
    ) -> None:
        with store.transaction():
            linked, mentions = self._link(store)
            counters[self.name].found["links"] += linked
            counters[self.name].found["mentions moved"] += mentions

    def _link(self, store: Store) -> tuple[int, int]:
        """Relink the stories whose members changed; return how many links were made and
        how many entities' mentions moved."""
        current = {s: " ".join(m) for s, m in store.events.story_members().items()}
        recorded = store.entities.linked_stories()
        stale = [s for s, members in recorded.items() if current.get(s) != members]
        todo = [s for s, members in current.items() if recorded.get(s) != members]
        # Undo first, link after: an article that left one story for another keeps only
        # the links of its new story whatever order the two are met in.
        touched: set[str] = set()
        for story_id in stale:
            touched |= store.entities.unlink(recorded[story_id].split())
            store.entities.drop_story_record(story_id)
        for story_id in todo:
            touched |= store.entities.unlink(current[story_id].split())
        made = 0
        for done, story_id in enumerate(todo, start=1):
            if self.progress is not None:  # count, rate and ETA on the run's progress line
                self.progress(f"{self.name}: linking stories", done, len(todo))
            members = current[story_id].split()
            links = story_links(store.entities.story_names(members)) if len(members) > 1 else []
            touched |= store.entities.link(links)
            made += len(links)
            store.entities.record_story(story_id, current[story_id])
        refresh_entities(store, touched, _entities_version(store))
        return made, len(touched)


def _entities_version(store: Store) -> str:
    """What the entity stage stamps its entity rows with (its registry key)."""
    from storyline.stages import registry  # the registry imports this module

    return registry().key(EntityStage.name)
