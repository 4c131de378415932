"""The entity stage: mentions with roles for each new document, one entity per real thing.

Each person's pronouns in a document ("he", "her": ``pronouns.resolve``) are stored as mentions
of that person with ``kind = 'pronoun'``; names (``kind = 'name'``) alone make an entity's
name, aliases, roles and mention counts.

A global stage rather than a per-document one: the mentions go to their own tables, not
into the ``Document`` record the workers return, and grouping across articles is a lookup
of the canonical key (the entity id is its hash), so the work stays proportional to the new
documents. Tagging is the cost, and it is the same pure function of each document's text:
it runs on the machine's cores (``LocalEngine``, the tagger loaded once per worker), while
this process writes the results in order.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from storyline.engines.per_document import failure, map_texts, stale, unread
from storyline.entities.aliases import strip_possessive
from storyline.entities.mentions import EntityMention, extract
from storyline.entities.pronouns import PronounMention, resolve
from storyline.entities.tagger import Tagger, load_tagger
from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage

if TYPE_CHECKING:
    from storyline.store import Store

BLOCK = 100
READ = "entity_documents"  # the documents this stage has read
# Documents sent to a worker at a time: long enough to amortise the pickling, short enough
# to keep both cores busy to the end.
CHUNK = 16

_Found = tuple[list[EntityMention], list[PronounMention]]
_TAGGER: list[Tagger] = []


def _load_tagger() -> None:
    """Worker initializer: one tagger per process."""
    if not _TAGGER:
        _TAGGER.append(load_tagger())


def _analyse(text: str) -> _Found:
    """Mentions and resolved pronouns of one text (in a worker: its own tagger)."""
    _load_tagger()
    mentions = extract(text, _TAGGER[0].tag(text))
    return mentions, resolve(text, mentions)


class EntityStage(GlobalStage):
    name: ClassVar[str] = "entities"
    # 2: pronouns resolved to people, stored with kind 'pronoun'.
    version: ClassVar[str] = "2"
    needs: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"entities"})

    def reset(self, store: Store) -> None:
        with store.transaction():
            for table in ("entity_mentions", "entity_documents", "entities"):
                store.conn.execute(f"DELETE FROM {table}")

    def update(
        self,
        store: Store,
        changed: Sequence[str],
        removed: Sequence[str],
        counters: Counters,
        problems: list[Problem],
    ) -> None:
        counts = counters[self.name]
        with store.transaction():
            # Superseded versions (this run's or an interrupted one's) lose their mentions.
            touched = self._forget(store, [*stale(store, READ), *removed])
            refresh_entities(store, touched)
        pending = unread(store, READ)
        if not pending:
            return
        results = map_texts(
            store,
            pending,
            _analyse,
            workers=self.workers,
            chunk_size=CHUNK,
            initializer=_load_tagger,
        )
        for start in range(0, len(pending), BLOCK):
            touched = set()
            with store.transaction():
                for _ in pending[start : start + BLOCK]:
                    document_id, source, _, found, error = next(results)
                    if found is None:
                        # Not marked as read: the next run tries it again.
                        counts.failed[error.split(":", 1)[0]] += 1
                        problems.append(failure(self.name, source, error))
                        continue
                    mentions, pronouns = found
                    self._save(store, document_id, mentions, pronouns)
                    touched |= {m.entity_id for m in mentions}
                    counts.found["mentions"] += len(mentions)
                    counts.found["pronouns"] += len(pronouns)
                    counts.passed += 1
                refresh_entities(store, touched)

    def _forget(self, store: Store, document_ids: Iterable[str]) -> set[str]:
        touched: set[str] = set()
        for document_id in document_ids:
            touched |= {
                r[0]
                for r in store.conn.execute(
                    "SELECT entity_id FROM entity_mentions WHERE document_id = ?", (document_id,)
                )
            }
            store.conn.execute("DELETE FROM entity_mentions WHERE document_id = ?", (document_id,))
            store.conn.execute("DELETE FROM entity_documents WHERE document_id = ?", (document_id,))
        return touched

    def _save(
        self,
        store: Store,
        document_id: str,
        mentions: Sequence[EntityMention],
        pronouns: Sequence[PronounMention] = (),
    ) -> None:
        rows = [
            (
                document_id,
                m.start,
                m.end,
                m.text,
                m.type,
                m.entity_id,
                m.name,
                m.title,
                m.country,
                m.organization,
                int(m.is_metonym),
                m.confidence,
                self.version,
                "name",
            )
            for m in mentions
        ]
        rows += [
            (
                document_id,
                p.start,
                p.end,
                p.text,
                p.antecedent.type,
                p.entity_id,
                p.antecedent.name,
                None,
                None,
                None,
                0,
                None,
                self.version,
                "pronoun",
            )
            for p in pronouns
        ]
        store.conn.executemany(
            "INSERT INTO entity_mentions (document_id, start, end, text, type, entity_id, name, "
            "title, country, organization, is_metonym, confidence, stage_version, kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        store.conn.execute(
            "INSERT OR REPLACE INTO entity_documents (document_id, stage_version) VALUES (?, ?)",
            (document_id, self.version),
        )


def refresh_entities(store: Store, entity_ids: Iterable[str]) -> None:
    """Rewrite the ``entities`` rows of ``entity_ids`` from their mentions (or drop them)."""
    for entity_id in sorted(entity_ids):
        rows = list(
            store.conn.execute(
                "SELECT text, type, name, title, country, organization, is_metonym "
                "FROM entity_mentions WHERE entity_id = ? AND kind = 'name' ORDER BY id",
                (entity_id,),
            )
        )
        if not rows:
            store.conn.execute("DELETE FROM entities WHERE id = ?", (entity_id,))
            continue
        # The most common canonical name; ties go to the longer (fuller) one.
        names = Counter(r["name"] for r in rows)
        name = max(names, key=lambda n: (names[n], len(n), n))
        aliases = sorted({strip_possessive(r["text"]) for r in rows} - {name})
        roles: list[dict[str, str | None]] = []
        for r in rows:
            role = {k: r[k] for k in ("title", "country", "organization")}
            if any(role.values()) and role not in roles:
                roles.append(role)
        store.conn.execute(
            "INSERT OR REPLACE INTO entities (id, name, type, aliases, roles, stage, "
            "stage_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                entity_id,
                name,
                rows[0]["type"],
                json.dumps(aliases, ensure_ascii=False),
                json.dumps(roles, ensure_ascii=False),
                EntityStage.name,
                EntityStage.version,
            ),
        )
