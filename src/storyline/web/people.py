"""Who appears with an entity: the entities named in the same articles, most shared first.

Counted over distinct current articles (a name repeated in one article counts once), names
only (a resolved pronoun is not a naming), metonyms left out ("Washington said" is the
United States, not the city).
"""

from __future__ import annotations

from storyline.store import Store
from storyline.store.entities import Neighbour

__all__ = ["CO_OCCURRING", "Neighbour", "co_occurring"]

CO_OCCURRING = 15


def co_occurring(store: Store, entity_id: str, limit: int = CO_OCCURRING) -> list[Neighbour]:
    return store.entities.co_occurring(entity_id, limit)
