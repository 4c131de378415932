"""Named entities: the tagger that finds people, organisations, places and other names.

``load_tagger().tag(text)`` gives :class:`TaggedSpan` records whose ``start``/``end`` are
character offsets into ``text``. Roles, aliases and coreference build on these mentions.
"""

from storyline.entities.tagger import ENTITY_TYPES, EntityType, TaggedSpan, Tagger, load_tagger

__all__ = ["ENTITY_TYPES", "EntityType", "TaggedSpan", "Tagger", "load_tagger"]
