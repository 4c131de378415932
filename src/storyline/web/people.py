"""Who appears with an entity: the entities named in the same articles, most shared first.

Counted over distinct current articles (a name repeated in one article counts once), names
only (a resolved pronoun is not a naming), metonyms left out ("Washington said" is the
United States, not the city).
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.store import Store

CO_OCCURRING = 15


@dataclass(frozen=True, slots=True)
class Neighbour:
    id: str
    name: str
    type: str
    articles: int


def co_occurring(store: Store, entity_id: str, limit: int = CO_OCCURRING) -> list[Neighbour]:
    rows = store.conn.execute(
        "WITH docs AS (SELECT DISTINCT m.document_id FROM entity_mentions m "
        "JOIN documents d ON d.id = m.document_id "
        "WHERE m.entity_id = ? AND m.kind = 'name' AND d.superseded_by IS NULL) "
        "SELECT e.id, e.name, e.type, count(DISTINCT m.document_id) AS n FROM docs "
        "JOIN entity_mentions m ON m.document_id = docs.document_id "
        "JOIN entities e ON e.id = m.entity_id "
        "WHERE m.entity_id != ? AND m.kind = 'name' AND m.is_metonym = 0 "
        "GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?",
        (entity_id, entity_id, limit),
    )
    return [Neighbour(*r) for r in rows]
