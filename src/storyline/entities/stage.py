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

from storyline.engines.local import LocalEngine
from storyline.entities.aliases import strip_possessive
from storyline.entities.mentions import EntityMention, extract
from storyline.entities.pronouns import PronounMention, resolve
from storyline.entities.tagger import Tagger, load_tagger
from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage

if TYPE_CHECKING:
    from storyline.store import Store

BLOCK = 100
# Documents sent to a worker at a time: long enough to amortise the pickling, short enough
# to keep both cores busy to the end.
CHUNK = 16

_Found = tuple[list[EntityMention], list[PronounMention]]
_TAGGER: list[Tagger] = []


def _load_tagger() -> None:
    """Worker initializer: one tagger per process."""
    if not _TAGGER:
        _TAGGER.append(load_tagger())


def _analyse_chunk(
    documents: list[tuple[str, str, str]],
) -> list[tuple[str, str, _Found | None, str]]:
    """Mentions and resolved pronouns of each ``(id, source, text)``; a document that fails
    gives ``None`` and the error, and the others go on."""
    _load_tagger()
    tagger = _TAGGER[0]
    results: list[tuple[str, str, _Found | None, str]] = []
    for document_id, source, text in documents:
        try:
            mentions = extract(text, tagger.tag(text))
            results.append((document_id, source, (mentions, resolve(text, mentions)), ""))
        except Exception as err:  # noqa: BLE001 - one bad document must not stop the run
            results.append((document_id, source, None, f"{type(err).__name__}: {err}"))
    return results


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
            stale = [
                r[0]
                for r in store.conn.execute(
                    "SELECT e.document_id FROM entity_documents e LEFT JOIN documents d "
                    "ON d.id = e.document_id WHERE d.id IS NULL OR d.superseded_by IS NOT NULL"
                )
            ]
            touched = self._forget(store, [*stale, *removed])
            refresh_entities(store, touched)
        pending = [
            r[0]
            for r in store.conn.execute(
                "SELECT id FROM documents WHERE superseded_by IS NULL AND id NOT IN "
                "(SELECT document_id FROM entity_documents) ORDER BY pk"
            )
        ]
        if not pending:
            return
        documents = (
            (document_id, *store.conn.execute(
                "SELECT source, text FROM documents WHERE id = ?", (document_id,)
            ).fetchone())
            for document_id in pending
        )  # fmt: skip
        engine = LocalEngine(self.workers, chunk_size=CHUNK)
        results = engine.map(_analyse_chunk, documents, initializer=_load_tagger)
        for start in range(0, len(pending), BLOCK):
            touched = set()
            with store.transaction():
                for _ in pending[start : start + BLOCK]:
                    document_id, source, found, error = next(results)
                    if found is None:
                        # Not marked as read: the next run tries it again.
                        reason = error.split(":", 1)[0]
                        counts.failed[reason] += 1
                        problems.append(
                            Problem(
                                source,
                                "stage-failure",
                                f"stage '{self.name}' failed: {error}",
                                "please report this with the input file",
                            )
                        )
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
