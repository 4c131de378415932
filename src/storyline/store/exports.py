"""The bulk streams the JSON export reads (``export/json_export.py``), one record at a time
so that exporting a large store does not hold it in memory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storyline.model import SummarySentence

if TYPE_CHECKING:
    from storyline.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class DocumentLinks:
    """What a document's export adds to its record: versions, story and duplicates."""

    previous_version: str | None
    story_id: str | None
    duplicate_of: str | None
    duplicate_kind: str | None
    duplicate_score: float | None
    derived_from: str | None


@dataclass(frozen=True, slots=True)
class StoryExport:
    id: str
    title: str | None
    summary: str | None
    document_ids: tuple[str, ...]
    start: str | None
    end: str | None
    summary_sentences: tuple[SummarySentence, ...]
    names: list[Any]


@dataclass(frozen=True, slots=True)
class SpanExport:
    """A mention of an entity: where it is, and what produced it."""

    document_id: str
    start: int
    end: int
    text: str
    stage_version: str
    rule: str


@dataclass(frozen=True, slots=True)
class EntityExport:
    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[dict[str, str | None]]
    mentions: tuple[SpanExport, ...]
    pronouns: tuple[SpanExport, ...]


# The columns of a quote, a time expression and an event mention the export writes, in
# the order of docs/export.schema.json.
QUOTE_COLUMNS = (
    "id", "document_id", "start", "end", "text", "kind", "speaker_entity_id", "speaker_text",
    "speaker_start", "speaker_end", "cue", "field", "stage_version", "rule", "parts", "cue_start",
    "cue_end", "context", "context_start", "context_end",
)  # fmt: skip
TIME_COLUMNS = (
    "document_id", "start", "end", "text", "type", "value", "anchor", "stage_version", "rule",
)  # fmt: skip
EVENT_MENTION_COLUMNS = (
    "document_id", "start", "end", "text", "status", "lemma", "type", "sentence_start",
    "sentence_end", "time_value", "time_start", "time_end", "date_first", "date_last",
    "place_entity_id", "place_start", "place_end", "agent", "patient", "stage_version", "rule",
)  # fmt: skip


class ExportReads:
    """``store.exports``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def document_links(self, document_id: str) -> DocumentLinks | None:
        row = self.store.conn.execute(
            "SELECT previous_version, story_id, duplicate_of, duplicate_kind, duplicate_score, "
            "derived_from FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        return None if row is None else DocumentLinks(*row)

    def stories(self) -> Iterator[StoryExport]:
        """Current stories (merged ones left out), by start."""
        conn = self.store.conn
        for row in conn.execute(
            "SELECT id, title, summary, start, end, names FROM stories "
            "WHERE merged_into IS NULL ORDER BY start, id"
        ):
            members = tuple(
                r[0]
                for r in conn.execute(
                    "SELECT id FROM documents WHERE story_id = ? AND superseded_by IS NULL "
                    "ORDER BY published, id",
                    (row[0],),
                )
            )
            sentences = tuple(
                SummarySentence(*r)
                for r in conn.execute(
                    "SELECT document_id, start, end, text FROM story_summary "
                    "WHERE story_id = ? ORDER BY rank",
                    (row[0],),
                )
            )
            yield StoryExport(
                row[0], row[1], row[2], members, row[3], row[4], sentences, json.loads(row[5])
            )

    def entities(self) -> Iterator[EntityExport]:
        """Every entity by id, with its names' and pronouns' spans."""
        conn = self.store.conn
        for row in conn.execute("SELECT id, name, type, aliases, roles FROM entities ORDER BY id"):
            spans: dict[str, list[SpanExport]] = {"name": [], "pronoun": []}
            for m in conn.execute(
                # A story link (the entity_links stage) names its rule after the mention's.
                "SELECT document_id, start, end, text, kind, stage_version, "
                "rule || COALESCE('+' || story_rule, '') "
                "FROM entity_mentions WHERE entity_id = ? ORDER BY document_id, start",
                (row[0],),
            ):
                spans.setdefault(m[4], []).append(SpanExport(m[0], m[1], m[2], m[3], m[5], m[6]))
            yield EntityExport(
                row[0],
                row[1],
                row[2],
                json.loads(row[3]),
                json.loads(row[4]),
                tuple(spans["name"]),
                tuple(spans["pronoun"]),
            )

    def quotes(self) -> Iterator[dict[str, Any]]:
        """Every quote as a mapping of ``QUOTE_COLUMNS``, by document (headline first)."""
        for row in self.store.conn.execute(
            f"SELECT {', '.join(QUOTE_COLUMNS)} FROM quotes ORDER BY document_id, field DESC, start"
        ):
            quote = dict(zip(QUOTE_COLUMNS, row, strict=True))
            # Stored as JSON text: exported as the list of [start, end) it is.
            quote["parts"] = json.loads(quote["parts"]) if quote["parts"] else None
            yield quote

    def time_expressions(self) -> Iterator[dict[str, Any]]:
        """Every time expression as a mapping of ``TIME_COLUMNS``, by document and start."""
        for row in self.store.conn.execute(
            f"SELECT {', '.join(TIME_COLUMNS)} FROM time_expressions ORDER BY document_id, start"
        ):
            yield dict(zip(TIME_COLUMNS, row, strict=True))

    def events(self) -> Iterator[dict[str, Any]]:
        """Every event by date (undated last), with its mentions."""
        conn = self.store.conn
        for row in conn.execute(
            "SELECT id, type, title, status, date, date_first, date_last, story_id, "
            "place_entity_id, participant_entity_ids FROM events "
            "ORDER BY date_first IS NULL, date_first, id"
        ):
            mentions = [
                dict(zip(EVENT_MENTION_COLUMNS, m[:-1], strict=True))
                | {"participant_entity_ids": json.loads(m[-1])}
                for m in conn.execute(
                    f"SELECT {', '.join(EVENT_MENTION_COLUMNS)}, participant_entity_ids "
                    "FROM event_mentions WHERE event_id = ? ORDER BY document_id, start",
                    (row[0],),
                )
            ]
            yield {
                "id": row[0],
                "type": row[1],
                "title": row[2],
                "status": row[3],
                "date": row[4],
                "date_first": row[5],
                "date_last": row[6],
                "story_id": row[7],
                "place_entity_id": row[8],
                "participant_entity_ids": json.loads(row[9]),
                "mentions": mentions,
            }

    def duplicate_links(self) -> Iterator[dict[str, Any]]:
        """The verified duplicate pairs dedup groups articles from (``a`` < ``b``), with their
        kind (exact / near / rewrite) and similarity score."""
        for row in self.store.conn.execute(
            "SELECT a, b, kind, score, stage_version FROM dedup_links ORDER BY a, b"
        ):
            yield dict(zip(("a", "b", "kind", "score", "stage_version"), row, strict=True))

    # The co-occurrence graph (export/graphml.py): namings only (a resolved pronoun is no
    # naming), metonyms left out ("Washington said"), current canonical articles only (a copy
    # repeats its original): the conditions of ``EntityTables.co_occurring``.
    _NAMED = (
        "SELECT DISTINCT m.entity_id, {what} FROM entity_mentions m "
        "JOIN documents d ON d.id = m.document_id WHERE m.kind = 'name' AND m.is_metonym = 0 "
        "AND d.superseded_by IS NULL AND d.duplicate_of IS NULL"
    )

    def graph_nodes(self) -> Iterator[GraphNode]:
        """Every entity named in a current canonical article, by id, with how often."""
        for row in self.store.conn.execute(
            "SELECT e.id, e.name, e.type, e.roles, count(*) AS mentions, "
            "count(DISTINCT m.document_id) AS articles, count(DISTINCT d.story_id) AS stories "
            "FROM entity_mentions m JOIN documents d ON d.id = m.document_id "
            "JOIN entities e ON e.id = m.entity_id WHERE m.kind = 'name' AND m.is_metonym = 0 "
            "AND d.superseded_by IS NULL AND d.duplicate_of IS NULL "
            "GROUP BY e.id, e.name, e.type, e.roles ORDER BY e.id"
        ):
            yield GraphNode(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6])

    def graph_edges(self) -> Iterator[GraphEdge]:
        """Pairs of entities named in one story (``a`` < ``b``), with how many stories and how
        many articles name both."""
        conn = self.store.conn
        articles: dict[tuple[str, str], int] = {}
        for a, b, n in conn.execute(
            f"WITH named AS ({self._NAMED.format(what='m.document_id AS unit')}) "
            "SELECT x.entity_id, y.entity_id, count(*) FROM named x JOIN named y "
            "ON y.unit = x.unit AND x.entity_id < y.entity_id GROUP BY x.entity_id, y.entity_id"
        ):
            articles[(a, b)] = int(n)
        for a, b, n in conn.execute(
            f"WITH named AS ({self._NAMED.format(what='d.story_id AS unit')} "
            "AND d.story_id IS NOT NULL) "
            "SELECT x.entity_id, y.entity_id, count(*) FROM named x JOIN named y "
            "ON y.unit = x.unit AND x.entity_id < y.entity_id "
            "GROUP BY x.entity_id, y.entity_id ORDER BY x.entity_id, y.entity_id"
        ):
            yield GraphEdge(a, b, int(n), articles.get((a, b), 0))


@dataclass(frozen=True, slots=True)
class GraphNode:
    """An entity in the co-occurrence graph."""

    id: str
    name: str
    type: str
    roles: list[dict[str, str | None]]
    mentions: int
    articles: int
    stories: int


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """Two entities named in the same stories: how many stories, and how many articles
    name both."""

    a: str
    b: str
    stories: int
    articles: int
