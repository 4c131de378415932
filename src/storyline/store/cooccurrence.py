"""Who appears with whom around one entity: the pairs of its neighbours named together in the
current articles that name it (the edges between neighbours of the entity page's graph)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.store.sqlite import Store


def neighbour_pairs(
    store: Store, entity_id: str, neighbour_ids: Sequence[str]
) -> list[tuple[str, str, int]]:
    """``(a, b, articles)`` with ``a < b``, both among ``neighbour_ids``: how many current
    articles naming ``entity_id`` name both (names only, metonyms left out), most first."""
    ids = sorted(set(neighbour_ids))
    if len(ids) < 2:
        return []
    marks = ",".join("?" * len(ids))
    return [
        (r[0], r[1], int(r[2]))
        for r in store.conn.execute(
            "WITH docs AS (SELECT DISTINCT m.document_id FROM entity_mentions m "
            "JOIN documents d ON d.id = m.document_id "
            "WHERE m.entity_id = ? AND m.kind = 'name' AND d.superseded_by IS NULL) "
            "SELECT a.entity_id, b.entity_id, count(DISTINCT a.document_id) AS n FROM docs "
            "JOIN entity_mentions a ON a.document_id = docs.document_id "
            "JOIN entity_mentions b ON b.document_id = docs.document_id "
            f"WHERE a.entity_id IN ({marks}) AND b.entity_id IN ({marks}) "
            "AND a.entity_id < b.entity_id AND a.kind = 'name' AND b.kind = 'name' "
            "AND a.is_metonym = 0 AND b.is_metonym = 0 "
            "GROUP BY a.entity_id, b.entity_id ORDER BY n DESC, a.entity_id, b.entity_id",
            [entity_id, *ids, *ids],
        )
    ]
