"""One story for the web: the same :class:`StoryDetail` as ``stories.report.story_detail``,
found through indexed tables.

``story_detail``, ``key_entities`` and ``quotes.report.by_speaker`` select a story's articles
with ``documents.story_id = ?``, a column the schema does not index: on a store of 100,000
articles each call reads the whole documents table (seconds for a page; ``bench/web.py``).
Here the members come from ``story_vectors`` (indexed by story: the canonical articles) and
``documents.duplicate_of`` (indexed: their copies), and mentions and quotes are selected by
document id (indexed), so a page costs index lookups whatever the size of the store. The
result is pinned equal to ``story_detail`` by a test over every story of the example corpus;
with an index on ``documents(story_id)`` (a migration the store could add) this module can
go and the page can call ``story_detail`` directly.
"""

from __future__ import annotations

import json

from storyline.entities.aliases import fold
from storyline.events.report import timeline
from storyline.quotes.report import QuoteRow, SpeakerQuotes
from storyline.store import Store
from storyline.stories.report import KEY_ENTITIES, Article, KeyEntity, StoryDetail, resolve

_ENTITY_TYPES = ("person", "organization", "place")


def story_view(store: Store, story_id: str) -> StoryDetail:
    """The story with this id (or unique prefix, or an id merged into another)."""
    story_id = resolve(store, story_id)
    row = store.conn.execute(
        "SELECT id, title, start, end, names FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    summary = tuple(
        (r[0], r[1], r[2], r[3])
        for r in store.conn.execute(
            "SELECT text, document_id, start, end FROM story_summary WHERE story_id = ? "
            "ORDER BY rank",
            (story_id,),
        )
    )
    canonical = store.conn.execute(
        "SELECT d.id, d.title, d.outlet, d.published FROM story_vectors v "
        "JOIN documents d ON d.id = v.document_id "
        "WHERE v.story_id = ? AND d.superseded_by IS NULL AND d.duplicate_of IS NULL "
        "ORDER BY d.published IS NULL, d.published, d.published_at, d.id",
        (story_id,),
    ).fetchall()
    ids = json.dumps([r[0] for r in canonical])
    copies: dict[str, list[tuple[str, str | None, str | None, str | None]]] = {}
    for copy_id, outlet, kind, published, of in store.conn.execute(
        "SELECT id, outlet, duplicate_kind, published, duplicate_of FROM documents "
        "WHERE duplicate_of IN (SELECT value FROM json_each(?)) AND superseded_by IS NULL "
        "ORDER BY published, id",
        (ids,),
    ):
        copies.setdefault(of, []).append((copy_id, outlet, kind, published))
    articles = tuple(
        Article(r[0], r[1], r[2], r[3], tuple(copies.get(r[0], ()))) for r in canonical
    )
    members = [r[0] for r in canonical] + [c[0] for group in copies.values() for c in group]
    # Stories merged into this one, found through the merge events (``merged_into`` has no
    # index) and checked against ``merged_into``.
    merged = tuple(
        r[0]
        for r in store.conn.execute(
            # CROSS JOIN keeps the events outside: the planner would otherwise read stories.
            "SELECT DISTINCT s.id FROM story_events e CROSS JOIN stories s ON s.id = e.story_id "
            "WHERE e.kind = 'merged' AND e.other_id = ? AND s.merged_into = ?",
            (story_id, story_id),
        )
    )
    return StoryDetail(
        row[0],
        row[1],
        row[2],
        row[3],
        summary,
        tuple(json.loads(row[4])),
        articles,
        merged,
        _key_entities(store, members, [r[0] for r in canonical]),
        _by_speaker(store, [r[0] for r in canonical]),
        tuple(timeline(store, story=story_id)),
    )


def _key_entities(
    store: Store, members: list[str], canonical: list[str], limit: int = KEY_ENTITIES
) -> tuple[KeyEntity, ...]:
    """``stories.report.key_entities`` over the given member documents (copies included)."""
    least = 2 if len(members) >= 3 else 1
    ids = json.dumps(members)
    found: list[KeyEntity] = []
    for kind in _ENTITY_TYPES:
        rows = store.conn.execute(
            "WITH members(id) AS (SELECT value FROM json_each(?)) "
            "SELECT m.entity_id, max(m.name), count(DISTINCT m.document_id) AS n, "
            # "+": look the title up by the members' documents, not by all the mentions of a
            # much-mentioned entity.
            "(SELECT m2.title FROM entity_mentions m2 WHERE +m2.entity_id = m.entity_id "
            " AND m2.document_id IN members AND m2.title IS NOT NULL "
            " GROUP BY m2.title ORDER BY count(*) DESC, m2.title LIMIT 1) "
            "FROM entity_mentions m WHERE m.document_id IN members AND m.type = ? "
            "AND m.is_metonym = 0 AND m.kind = 'name' "
            "GROUP BY m.entity_id HAVING n >= ? "
            "ORDER BY n DESC, count(*) DESC, max(m.name) LIMIT ?",
            (ids, kind, least, limit),
        )
        found.extend(KeyEntity(r[0], kind, r[1], r[3], r[2]) for r in rows)
    return tuple(found)


def _by_speaker(store: Store, canonical: list[str]) -> tuple[SpeakerQuotes, ...]:
    """``quotes.report.by_speaker`` over the story's canonical articles (a copy repeats its
    original's quotes)."""
    rows = [
        QuoteRow(*r)
        for r in store.conn.execute(
            "SELECT q.id, q.document_id, d.published, q.kind, q.text, q.start, q.end, "
            "coalesce(e.name, q.speaker_text), q.speaker_text, q.speaker_entity_id, q.cue "
            "FROM quotes q JOIN documents d ON d.id = q.document_id "
            "LEFT JOIN entities e ON e.id = q.speaker_entity_id "
            # The canonical ids are current and not copies already; testing that again on
            # documents would lead the planner to read every canonical article.
            "WHERE q.document_id IN (SELECT value FROM json_each(?)) AND q.kind != 'indirect' "
            "ORDER BY d.published IS NULL, d.published, q.document_id, q.start",
            (json.dumps(canonical),),
        )
    ]
    groups: dict[str, list[QuoteRow]] = {}
    for row in rows:
        key = row.speaker_entity_id or fold(row.speaker or "unattributed")
        groups.setdefault(key, []).append(row)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0].speaker or ""))
    return tuple(
        SpeakerQuotes(g[0].speaker or "unattributed", g[0].speaker_entity_id, tuple(g))
        for g in ordered
    )
