"""The entity stage: mentions with roles for each new document, one entity per real thing.

Each person's pronouns in a document ("he", "her": ``pronouns.resolve``) are stored as mentions
of that person with ``kind = 'pronoun'``; names (``kind = 'name'``) alone make an entity's
name, aliases, roles and mention counts.

A global stage rather than a per-document one: the mentions go to their own tables, not
into the ``Document`` record the workers return, and grouping across articles is a lookup
of the canonical key (the entity id is its hash), so the work stays proportional to the new
documents. Tagging is the cost, and it is the same pure function of each document's text:
it runs on the machine's cores (``LocalEngine``, the tagger loaded once per worker), while
this process writes the results in order (``storyline.facts.FactStage``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from storyline.entities.aliases import strip_possessive
from storyline.entities.mentions import extract
from storyline.entities.pronouns import resolve
from storyline.entities.tagger import Tagger, load_tagger
from storyline.facts import FactInput, FactStage
from storyline.model import EntityMention, PronounMention
from storyline.pipeline import StageCounts
from storyline.store.entities import EntityMentionRecord, EntityRecord

if TYPE_CHECKING:
    from storyline.store import Store
    from storyline.store.entities import EntityTables

_TAGGER: list[Tagger] = []


def _load_tagger() -> None:
    """Worker initializer: one tagger per process."""
    if not _TAGGER:
        _TAGGER.append(load_tagger())


@dataclass(frozen=True, slots=True)
class DocumentEntities:
    """One document's entity mentions and the pronouns resolved to them."""

    mentions: list[EntityMention]
    pronouns: list[PronounMention]


def analyse(text: str) -> DocumentEntities:
    """Mentions and resolved pronouns of one text (in a worker: its own tagger)."""
    _load_tagger()
    mentions = extract(text, _TAGGER[0].tag(text))
    return DocumentEntities(mentions, resolve(text, mentions))


class EntityStage(FactStage[str, DocumentEntities]):
    name: ClassVar[str] = "entities"
    # 2: pronouns resolved to people, stored with kind 'pronoun'. 3: the text layer's
    # sentences; each mention records its rule ("crf", "crf+surname-link", ...) (issue 17).
    # 4: issue 22's resolution rules (honorifics, acronyms, short forms, one type per name,
    # ticker debris; "shadow" and two titles kept in roles).
    # 5: headlines in title case read as sentences (title-case), a known place after "in"
    # tagged as an organisation is the place (place-after-in); issue 22's second pass.
    version: ClassVar[str] = "5"
    needs: ClassVar[frozenset[str]] = frozenset({"text", "language"})
    # Rules and a tagger for English news: a document in another language is skipped
    # (counted), an unknown one read as English (storyline.language.policy).
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})
    provides: ClassVar[frozenset[str]] = frozenset({"entities"})
    batch: ClassVar[int] = 100
    producer: ClassVar[str | None] = "the entity tagger"

    def ledger(self, store: Store) -> EntityTables:
        return store.entities

    def inputs(self, store: Store, document_ids: Sequence[str]) -> Iterator[FactInput[str]]:
        for document in store.entities.texts(document_ids):
            yield FactInput(document.id, document.source, document.text)

    def function(self) -> Callable[[str], DocumentEntities]:
        return analyse

    def worker_initializer(self) -> Callable[[], None]:
        return _load_tagger

    def forget(self, store: Store, document_ids: Sequence[str]) -> None:
        # The entities these documents named lose mentions: their rows are rewritten.
        touched = store.entities.entity_ids_in(document_ids)
        store.entities.relink_stories_of(document_ids)
        store.entities.forget(document_ids)
        refresh_entities(store, touched, self.results_version)

    def write(
        self, store: Store, found: Sequence[tuple[str, DocumentEntities]], counts: StageCounts
    ) -> None:
        version = self.results_version
        records: list[EntityMentionRecord] = []
        touched: set[str] = set()
        for document_id, read in found:
            records += mention_records(document_id, read.mentions, read.pronouns, version)
            touched |= {m.entity_id for m in read.mentions}
            counts.found["mentions"] += len(read.mentions)
            counts.found["pronouns"] += len(read.pronouns)
        store.entities.add_mentions(records)
        # Their stories' names changed: the entity_links stage links those stories again.
        store.entities.relink_stories_of([document_id for document_id, _ in found])
        refresh_entities(store, touched, version)


def mention_records(
    document_id: str,
    mentions: Sequence[EntityMention],
    pronouns: Sequence[PronounMention],
    version: str,
) -> list[EntityMentionRecord]:
    """The stored form of one document's mentions: names, then resolved pronouns."""
    records = [
        EntityMentionRecord(
            document_id, m.start, m.end, m.text, m.type, m.entity_id, m.name, m.title,
            m.country, m.organization, m.is_metonym, m.confidence, version, "name", m.rule,
        )
        for m in mentions
    ]  # fmt: skip
    records += [
        EntityMentionRecord(
            document_id, p.start, p.end, p.text, p.antecedent.type, p.entity_id,
            p.antecedent.name, None, None, None, False, None, version, "pronoun", p.rule,
        )
        for p in pronouns
    ]  # fmt: skip
    return records


def refresh_entities(store: Store, entity_ids: Iterable[str], version: str) -> None:
    """Rewrite the ``entities`` rows of ``entity_ids`` from their names (or drop them),
    stamped with ``version`` (the stage's ``results_version``)."""
    for entity_id in sorted(entity_ids):
        rows = store.entities.names_of(entity_id)
        if not rows:
            store.entities.delete(entity_id)
            continue
        # The most common canonical name; ties go to the longer (fuller) one.
        names = Counter(r.name for r in rows)
        name = max(names, key=lambda n: (names[n], len(n), n))
        aliases = sorted({strip_possessive(r.text) for r in rows} - {name})
        # One type per entity: the most common among its namings (ties: the first stored).
        types = Counter(r.type for r in rows)
        type_ = max(types, key=lambda t: (types[t], -[r.type for r in rows].index(t)))
        roles: list[dict[str, str | None]] = []
        for r in rows:
            role = {"title": r.title, "country": r.country, "organization": r.organization}
            if any(role.values()) and role not in roles:
                roles.append(role)
        store.entities.put(
            EntityRecord(
                entity_id,
                name,
                type_,
                tuple(aliases),
                tuple(roles),
                EntityStage.name,
                version,
            )
        )
