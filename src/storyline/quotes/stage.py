"""The quote stage: the quotes of each new document, their speakers tied to entities.

Runs after the entity stage: a speaker span ("He", "French Defense Minister Jane Roe") is
tied to the entity of the mention (a name, or a pronoun the entity stage resolved) that ends
where the speaker's words end, so "one of the minister's aides" or "the influential US
daily" keep their description and no entity. A global stage, like the entity stage, because
the quotes go to their own table, not into the ``Document`` the workers return.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from storyline.engines.per_document import failure, forget, map_texts, unread
from storyline.entities.aliases import fold
from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage
from storyline.quotes.extract import extract
from storyline.quotes.records import FoundQuote

if TYPE_CHECKING:
    from storyline.store import Store

BLOCK = 200
# As the entity stage stores them (``entities.mentions.TYPES``); 'misc' never speaks.
_SPEAKER_TYPES = frozenset({"person", "organization", "place"})


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """An entity mention of the document, as the entity stage stored it."""

    start: int
    end: int
    entity_id: str
    type: str


CHUNK = 32
READ = "quote_documents"  # the documents this stage has read


def speaker_entity(quote: FoundQuote, mentions: Iterable[SpeakerMention]) -> str | None:
    """The entity a quote's speaker words refer to, or ``None`` for a description.

    The mention must end the speaker's words ("Defense Minister Jane Roe", "He"; a
    possessive "'s" after it is allowed) or open them before an apposition ("Jane Roe, a
    spokeswoman")."""
    if quote.speaker_start is None or quote.speaker_end is None or quote.speaker is None:
        return None
    start, end = quote.speaker_start, quote.speaker_end
    best: SpeakerMention | None = None
    for mention in mentions:
        if mention.type not in _SPEAKER_TYPES or mention.start < start or mention.end > end:
            continue
        ends = end - mention.end <= 0 or quote.speaker[mention.end - start :] in {"'s", "’s"}
        opens = mention.start == start and quote.speaker[mention.end - start :].startswith(",")
        longer = best is None or mention.end - mention.start > best.end - best.start
        if (ends or opens) and longer:
            best = mention
    return best.entity_id if best is not None else None


def _people_by_surname(store: Store, document_id: str) -> dict[str, str | None]:
    """Surname and full name (folded) -> entity id of the people the article names; a
    surname two of them share maps to ``None``."""
    found: dict[str, str | None] = {}
    for name, entity_id in store.conn.execute(
        "SELECT DISTINCT name, entity_id FROM entity_mentions "
        "WHERE document_id = ? AND type = 'person' AND kind = 'name'",
        (document_id,),
    ):
        for key in {fold(name), fold(name).split()[-1]}:
            found[key] = entity_id if found.get(key, entity_id) == entity_id else None
    return found


def _named_speaker(quote: FoundQuote, people: dict[str, str | None]) -> str | None:
    """The person a headline's speaker words end with ("says Holm", "Minister Lars Holm")."""
    if not quote.speaker:
        return None
    words = fold(quote.speaker).replace("'s", "").replace("’s", "").split()
    for size in (len(words), 2, 1):
        key = " ".join(words[-size:]) if size <= len(words) else ""
        if key and people.get(key):
            return people[key]
    return None


def quote_id(document_id: str, quote: FoundQuote) -> str:
    key = f"{document_id}:{quote.start}:{quote.end}:{quote.kind}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class QuoteStage(GlobalStage):
    name: ClassVar[str] = "quotes"
    # Speakers are tied to the entity stage's mentions: a new entity version rebuilds quotes.
    # 2: quotes in headlines too (field 'title'). 3: a participle inside the reported
    # clause is not the cue ("said the money announced on Monday would ...").
    version: ClassVar[str] = "3"
    needs: ClassVar[frozenset[str]] = frozenset({"text", "entities"})
    provides: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def reset(self, store: Store) -> None:
        with store.transaction():
            for table in ("quotes", "quote_documents"):
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
        # Superseded versions (this run's or an interrupted one's) lose their quotes.
        forget(store, READ, ("quotes",), removed)
        pending = unread(store, READ)
        # Extraction is a pure function of each text: it runs on every core, and this
        # process writes the results in order.
        results = map_texts(store, pending, extract, workers=self.workers, chunk_size=CHUNK)
        for first in range(0, len(pending), BLOCK):
            with store.transaction():
                for _ in pending[first : first + BLOCK]:
                    document_id, source, text, quotes, error = next(results)
                    if quotes is None:
                        # Not marked as read: the next run tries it again.
                        counts.failed[error.split(":", 1)[0]] += 1
                        problems.append(failure(self.name, source, error))
                        continue
                    self._save(store, document_id, text, quotes)
                    counts.found["quotes"] += len(quotes)
                    counts.passed += 1

    def _save(self, store: Store, document_id: str, text: str, quotes: list[FoundQuote]) -> None:
        mentions = [
            SpeakerMention(r[0], r[1], r[2], r[3])
            for r in store.conn.execute(
                "SELECT start, end, entity_id, type FROM entity_mentions WHERE document_id = ?",
                (document_id,),
            )
        ]
        rows = [
            self._row(document_id, "text", text, q, speaker_entity(q, mentions)) for q in quotes
        ]
        title = store.conn.execute(
            "SELECT title FROM documents WHERE id = ?", (document_id,)
        ).fetchone()[0]
        if title:
            # A quote in the headline: its speaker is matched by name against the people the
            # article names (the tagger reads the body only).
            people = _people_by_surname(store, document_id)
            rows += [
                self._row(document_id, "title", title, q, _named_speaker(q, people))
                for q in extract(title)
            ]
        store.conn.executemany(
            "INSERT OR REPLACE INTO quotes (id, document_id, start, end, text, kind, "
            "speaker_entity_id, speaker_text, speaker_start, speaker_end, cue, stage, "
            "stage_version, field) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        store.conn.execute(
            "INSERT OR REPLACE INTO quote_documents (document_id, stage_version) VALUES (?, ?)",
            (document_id, self.version),
        )

    def _row(
        self, document_id: str, field: str, source: str, quote: FoundQuote, entity: str | None
    ) -> tuple[object, ...]:
        key = document_id if field == "text" else f"{document_id}:title"
        return (
            quote_id(key, quote),
            document_id,
            quote.start,
            quote.end,
            source[quote.start : quote.end],
            quote.kind,
            entity,
            quote.speaker,
            quote.speaker_start,
            quote.speaker_end,
            quote.cue,
            self.name,
            self.version,
            field,
        )
