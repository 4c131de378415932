"""Entities and their mentions in the store: ``entities``, ``entity_mentions`` and the
entity stage's read marks (``entity_documents``).

An entity's id is a hash of its canonical key, so a mention names its entity before the
``entities`` row exists; the row (name, aliases, roles) is rewritten from the mentions of
its name (``kind = 'name'``) whenever they change. A resolved pronoun is a mention of its
person with ``kind = 'pronoun'``: counts, aliases and roles read names only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.store.ledger import ReadLedger
from storyline.store.sqlite import chunks


@dataclass(frozen=True, slots=True)
class EntityMentionRecord:
    """One stored entity mention (``kind``: ``name`` or ``pronoun``)."""

    document_id: str
    start: int
    end: int
    text: str
    type: str
    entity_id: str
    name: str
    title: str | None
    country: str | None
    organization: str | None
    is_metonym: bool
    confidence: float | None
    stage_version: str
    kind: str = "name"
    # The rule or model that produced it (``EntityMention.rule``).
    rule: str = ""


@dataclass(frozen=True, slots=True)
class NameMention:
    """What an entity's row is made from: one naming of it."""

    text: str
    type: str
    name: str
    title: str | None
    country: str | None
    organization: str | None
    is_metonym: bool


@dataclass(frozen=True, slots=True)
class EntityRecord:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[dict[str, str | None], ...]
    stage: str
    stage_version: str


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """A mention as later stages read it: where it is and what it names."""

    start: int
    end: int
    entity_id: str
    name: str
    type: str
    is_metonym: bool
    kind: str


@dataclass(frozen=True, slots=True)
class EntityCount:
    """An entity with how often current documents name it."""

    id: str
    name: str
    type: str
    roles: tuple[dict[str, str | None], ...]
    mentions: int
    documents: int


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A role an entity was given, with the first and last publication day it was seen."""

    title: str | None
    country: str | None
    organization: str | None
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True)
class DocumentCount:
    """A document naming an entity, with how many times."""

    id: str
    published: str | None
    title: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class StoryCount:
    """A story whose current documents name an entity, with how many of them do."""

    id: str
    title: str
    documents: int


@dataclass(frozen=True, slots=True)
class Neighbour:
    """An entity named in the same current articles as another, with how many."""

    id: str
    name: str
    type: str
    articles: int


@dataclass(frozen=True, slots=True)
class NamedEntity:
    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryName:
    """One naming in one article of a story (``entities.story_links``): the entity the
    entity stage gave it (an id in the store, a key in the benchmark), its canonical name
    and type, the words written and the rules that made it (``EntityMention.rule``)."""

    document_id: str
    entity: str
    name: str
    type: str
    text: str
    rule: str = "crf"
    is_metonym: bool = False
    # Written after "the" ("the Commission"): a short form that refers back.
    after_the: bool = False


@dataclass(frozen=True, slots=True)
class StoryLink:
    """The entity ``entity`` of article ``document_id`` is ``target`` (named ``name``)."""

    document_id: str
    entity: str
    target: str
    name: str
    rule: str


_MENTION_COLUMNS = (
    "document_id, start, end, text, type, entity_id, name, title, country, organization, "
    "is_metonym, confidence, stage_version, kind, rule"
)


class EntityTables(ReadLedger):
    """``store.entities``."""

    table = "entity_documents"
    per_document = ("entity_mentions",)
    derived = ("entities", "entity_story_links")

    # Writes (the entity stage) ---------------------------------------------------------

    def add_mentions(self, mentions: Iterable[EntityMentionRecord]) -> None:
        self.store.conn.executemany(
            f"INSERT INTO entity_mentions ({_MENTION_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    m.document_id, m.start, m.end, m.text, m.type, m.entity_id, m.name,
                    m.title, m.country, m.organization, int(m.is_metonym), m.confidence,
                    m.stage_version, m.kind, m.rule,
                )
                for m in mentions
            ],
        )  # fmt: skip

    def relink_stories_of(self, document_ids: Sequence[str]) -> None:
        """Forget the story-link records of the stories the documents are in, so the
        ``entity_links`` stage links those stories again (their names changed)."""
        for chunk in chunks(document_ids):
            marks = ", ".join("?" * len(chunk))
            self.store.conn.execute(
                "DELETE FROM entity_story_links WHERE story_id IN (SELECT COALESCE(story_id, "
                f"'doc:' || id) FROM documents WHERE id IN ({marks}))",
                chunk,
            )

    def entity_ids_in(self, document_ids: Sequence[str]) -> set[str]:
        """The entities the documents' mentions name."""
        found: set[str] = set()
        for chunk in chunks(document_ids):
            marks = ", ".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self.store.conn.execute(
                    f"SELECT entity_id FROM entity_mentions WHERE document_id IN ({marks})", chunk
                )
            )
        return found

    def names_of(self, entity_id: str) -> list[NameMention]:
        """The namings of an entity, in the order they were stored."""
        return [
            NameMention(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]))
            for r in self.store.conn.execute(
                "SELECT text, type, name, title, country, organization, is_metonym "
                "FROM entity_mentions WHERE entity_id = ? AND kind = 'name' ORDER BY id",
                (entity_id,),
            )
        ]

    def put(self, entity: EntityRecord) -> None:
        self.store.conn.execute(
            "INSERT OR REPLACE INTO entities (id, name, type, aliases, roles, stage, "
            "stage_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                entity.id,
                entity.name,
                entity.type,
                json.dumps(list(entity.aliases), ensure_ascii=False),
                json.dumps(list(entity.roles), ensure_ascii=False),
                entity.stage,
                entity.stage_version,
            ),
        )

    def delete(self, entity_id: str) -> None:
        self.store.conn.execute("DELETE FROM entities WHERE id = ?", (entity_id,))

    # The entity_links stage: short names resolved across a story's articles --------------

    def linked_stories(self) -> dict[str, str]:
        """Each linked story's member list as it was recorded when it was linked."""
        return {
            r[0]: r[1]
            for r in self.store.conn.execute("SELECT story_id, members FROM entity_story_links")
        }

    def record_story(self, story_id: str, members: str) -> None:
        self.store.conn.execute(
            "INSERT OR REPLACE INTO entity_story_links (story_id, members) VALUES (?, ?)",
            (story_id, members),
        )

    def drop_story_record(self, story_id: str) -> None:
        self.store.conn.execute("DELETE FROM entity_story_links WHERE story_id = ?", (story_id,))

    def drop_story_records(self) -> None:
        self.store.conn.execute("DELETE FROM entity_story_links")

    def story_names(self, document_ids: Sequence[str]) -> list[StoryName]:
        """The namings in the documents, each with the entity the entity stage gave it."""
        found: list[StoryName] = []
        for chunk in chunks(document_ids):
            marks = ", ".join("?" * len(chunk))
            found += [
                StoryName(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7] == "the ")
                for r in self.store.conn.execute(
                    "SELECT m.document_id, COALESCE(m.own_entity_id, m.entity_id), "
                    "COALESCE(m.own_name, m.name), m.type, m.text, m.rule, m.is_metonym, "
                    # The four characters before the mention (offsets are 0-based).
                    "lower(substr(d.text, m.start - 3, 4)) FROM entity_mentions m "
                    "JOIN documents d ON d.id = m.document_id "
                    f"WHERE m.kind = 'name' AND m.document_id IN ({marks}) ORDER BY m.id",
                    chunk,
                )
            ]
        return found

    def unlink(self, document_ids: Sequence[str] | None = None) -> set[str]:
        """Undo the story links of the documents' mentions (of every mention: ``None``);
        return the entities whose mentions moved."""
        touched: set[str] = set()
        conn = self.store.conn
        groups = [None] if document_ids is None else list(chunks(document_ids))
        for chunk in groups:
            where = "own_entity_id IS NOT NULL"
            params: list[str] = []
            if chunk is not None:
                where += f" AND document_id IN ({', '.join('?' * len(chunk))})"
                params = list(chunk)
            for r in conn.execute(
                f"SELECT DISTINCT entity_id, own_entity_id FROM entity_mentions WHERE {where}",
                params,
            ):
                touched.update(r)
            conn.execute(
                "UPDATE entity_mentions SET entity_id = own_entity_id, name = own_name, "
                f"own_entity_id = NULL, own_name = NULL, story_rule = NULL WHERE {where}",
                params,
            )
        return touched

    def link(self, links: Iterable[StoryLink]) -> set[str]:
        """Move each linked entity's mentions (names and pronouns) in its document to the
        target; return the entities whose mentions moved."""
        touched: set[str] = set()
        for link in links:
            self.store.conn.execute(
                "UPDATE entity_mentions SET own_entity_id = entity_id, own_name = name, "
                "entity_id = ?, name = ?, story_rule = ? "
                "WHERE document_id = ? AND entity_id = ? AND own_entity_id IS NULL",
                (link.target, link.name, link.rule, link.document_id, link.entity),
            )
            touched.update((link.entity, link.target))
        return touched

    # Reads of one document (later stages) ----------------------------------------------

    def spans(self, document_id: str) -> list[MentionSpan]:
        """The document's mentions, names and pronouns, by start."""
        return [
            MentionSpan(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6])
            for r in self.store.conn.execute(
                "SELECT start, end, entity_id, name, type, is_metonym, kind FROM entity_mentions "
                "WHERE document_id = ? ORDER BY start",
                (document_id,),
            )
        ]

    def people_named(self, document_id: str) -> list[tuple[str, str]]:
        """``(canonical name, entity id)`` of each person the document names."""
        return [
            (r[0], r[1])
            for r in self.store.conn.execute(
                "SELECT DISTINCT name, entity_id FROM entity_mentions "
                "WHERE document_id = ? AND type = 'person' AND kind = 'name'",
                (document_id,),
            )
        ]

    # Reads of entities (reports, web, linking) ------------------------------------------

    def get(self, entity_id: str) -> EntityRecord | None:
        row = self.store.conn.execute(
            "SELECT id, name, type, aliases, roles, stage, stage_version FROM entities "
            "WHERE id = ?",
            (entity_id,),
        ).fetchone()
        return None if row is None else _entity(row)

    def all(self) -> Iterator[EntityRecord]:
        """Every entity, by id."""
        for row in self.store.conn.execute(
            "SELECT id, name, type, aliases, roles, stage, stage_version FROM entities ORDER BY id"
        ):
            yield _entity(row)

    def names(self, entity_ids: Iterable[str]) -> dict[str, str]:
        """Entity id -> name, for the ids that exist."""
        found: dict[str, str] = {}
        wanted = sorted(set(entity_ids))
        for chunk in chunks(wanted):
            marks = ", ".join("?" * len(chunk))
            found.update(
                (r[0], r[1])
                for r in self.store.conn.execute(
                    f"SELECT id, name FROM entities WHERE id IN ({marks})", chunk
                )
            )
        return found

    def named(self) -> Iterator[NamedEntity]:
        """Every entity's id, name and aliases (to find one by name)."""
        for r in self.store.conn.execute("SELECT id, name, aliases FROM entities"):
            yield NamedEntity(r[0], r[1], tuple(json.loads(r[2])))

    def ids_starting(self, prefix: str) -> list[str]:
        return [
            r[0]
            for r in self.store.conn.execute(
                "SELECT id FROM entities WHERE id LIKE ?", (prefix + "%",)
            )
        ]

    def places(self) -> list[tuple[str, str]]:
        """``(id, name)`` of every place."""
        return [
            (r[0], r[1])
            for r in self.store.conn.execute("SELECT id, name FROM entities WHERE type = 'place'")
        ]

    def most_named(
        self, *, type_: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[EntityCount]:
        """Entities with the most namings first (a resolved pronoun does not count)."""
        where = "WHERE e.type = ?" if type_ else ""
        params: list[object] = [type_] if type_ else []
        return [
            EntityCount(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5])
            for r in self.store.conn.execute(
                "SELECT e.id, e.name, e.type, e.roles, COUNT(m.id) AS mentions, "
                "COUNT(DISTINCT m.document_id) AS documents FROM entities e "
                f"JOIN entity_mentions m ON m.entity_id = e.id AND m.kind = 'name' {where} "
                "GROUP BY e.id ORDER BY mentions DESC, documents DESC, e.name, e.id "
                "LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
        ]

    def count_named(self, type_: str | None = None) -> int:
        """How many entities some mention names (of ``type_`` when given)."""
        return int(
            self.store.conn.execute(
                "SELECT count(DISTINCT m.entity_id) FROM entity_mentions m WHERE m.kind = 'name'"
                + (" AND m.type = ?" if type_ else ""),
                [type_] if type_ else [],
            ).fetchone()[0]
        )

    def count(self) -> int:
        return int(self.store.conn.execute("SELECT count(*) FROM entities").fetchone()[0])

    def roles_seen(self, entity_id: str) -> list[RoleSpan]:
        """Each role the entity was given, first seen first."""
        return [
            RoleSpan(r[0], r[1], r[2], r[3], r[4])
            for r in self.store.conn.execute(
                "SELECT m.title, m.country, m.organization, MIN(d.published) AS first, "
                "MAX(d.published) AS last FROM entity_mentions m "
                "JOIN documents d ON d.id = m.document_id WHERE m.entity_id = ? "
                "AND (m.title IS NOT NULL OR m.country IS NOT NULL OR m.organization IS NOT NULL) "
                "GROUP BY m.title, m.country, m.organization ORDER BY first, m.title",
                (entity_id,),
            )
        ]

    def documents_naming(self, entity_id: str) -> list[DocumentCount]:
        """The documents naming the entity, in publication order."""
        return [
            DocumentCount(r[0], r[1], r[2], r[3])
            for r in self.store.conn.execute(
                "SELECT d.id, d.published, d.title, COUNT(*) AS mentions FROM entity_mentions m "
                "JOIN documents d ON d.id = m.document_id WHERE m.entity_id = ? "
                "AND m.kind = 'name' GROUP BY d.pk ORDER BY d.published, d.pk",
                (entity_id,),
            )
        ]

    def stories_naming(self, entity_id: str) -> list[StoryCount]:
        """The stories whose current documents name the entity, most documents first."""
        return [
            StoryCount(r[0], r[1] or "", r[2])
            for r in self.store.conn.execute(
                "SELECT s.id, s.title, COUNT(DISTINCT d.id) AS n FROM entity_mentions m "
                "JOIN documents d ON d.id = m.document_id JOIN stories s ON s.id = d.story_id "
                "WHERE m.entity_id = ? AND m.kind = 'name' AND d.superseded_by IS NULL "
                "GROUP BY s.id ORDER BY n DESC, s.end DESC, s.id",
                (entity_id,),
            )
        ]

    def co_occurring(self, entity_id: str, limit: int) -> list[Neighbour]:
        """The entities named in the same current articles (distinct articles, names only,
        metonyms left out), most shared first."""
        return [
            Neighbour(r[0], r[1], r[2], r[3])
            for r in self.store.conn.execute(
                "WITH docs AS (SELECT DISTINCT m.document_id FROM entity_mentions m "
                "JOIN documents d ON d.id = m.document_id "
                "WHERE m.entity_id = ? AND m.kind = 'name' AND d.superseded_by IS NULL) "
                "SELECT e.id, e.name, e.type, count(DISTINCT m.document_id) AS n FROM docs "
                "JOIN entity_mentions m ON m.document_id = docs.document_id "
                "JOIN entities e ON e.id = m.entity_id "
                "WHERE m.entity_id != ? AND m.kind = 'name' AND m.is_metonym = 0 "
                "GROUP BY e.id ORDER BY n DESC, e.name, e.id LIMIT ?",
                (entity_id, entity_id, limit),
            )
        ]


def _entity(row: Any) -> EntityRecord:
    return EntityRecord(
        row[0],
        row[1],
        row[2],
        tuple(json.loads(row[3])),
        tuple(json.loads(row[4])),
        row[5],
        row[6],
    )
