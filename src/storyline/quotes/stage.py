"""The quote stage: the quotes of each new document, their speakers tied to entities.

Runs after the entity stage: a speaker span ("He", "French Defense Minister Jane Roe") is
tied to the entity of the mention (a name, or a pronoun the entity stage resolved) that ends
where the speaker's words end, so "one of the minister's aides" or "the influential US
daily" keep their description and no entity. A global stage, like the entity stage, because
the quotes go to their own table, not into the ``Document`` the workers return.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from storyline.entities.aliases import fold
from storyline.facts import FactInput, FactStage
from storyline.model import FoundQuote
from storyline.pipeline import StageCounts
from storyline.quotes.extract import extract_counted
from storyline.quotes.words import quote_words
from storyline.store.quotes import QuoteRecord

if TYPE_CHECKING:
    from storyline.store import Store
    from storyline.store.quotes import QuoteTables

# As the entity stage stores them (``entities.mentions.TYPES``); 'misc' never speaks.
_SPEAKER_TYPES = frozenset({"person", "organization", "place"})
# "X of Y said" (issue 22): a name after a preposition in the speaker's words is not who
# speaks ("a spokesman for Acme", "the head of the agency").
_OF_Y = re.compile(r"\b(?:of|for|at|from|with|in)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """An entity mention of the document, as the entity stage stored it."""

    start: int
    end: int
    entity_id: str
    type: str


@dataclass(frozen=True, slots=True)
class DocumentQuotes:
    """The quotes of one document's body and of its headline, and the problems met
    (``quotes.problems``: name -> count)."""

    text: list[FoundQuote]
    title: list[FoundQuote]
    problems: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteInput:
    """What the quote stage reads of one document."""

    text: str
    title: str | None


def read_quotes(document: QuoteInput) -> DocumentQuotes:
    """The quotes of a body and of its headline (pure: it runs in the workers)."""
    title, problems = extract_counted(document.title) if document.title else ([], Counter())
    text, in_text = extract_counted(document.text)
    problems.update(in_text)
    return DocumentQuotes(text, title, tuple(sorted(problems.items())))


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
        if _OF_Y.search(quote.speaker[: mention.start - start]):
            continue  # 'a spokeswoman for the central bank': the speaker is X, not Y
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
    for name, entity_id in store.entities.people_named(document_id):
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


class QuoteStage(FactStage[QuoteInput, DocumentQuotes]):
    name: ClassVar[str] = "quotes"
    # 2: quotes in headlines too (field 'title'). 3: a participle inside the reported
    # clause is not the cue ("said the money announced on Monday would ..."). Speakers are
    # tied to the entity stage's mentions: the registry's key (``results_version``) makes a
    # new entity version re-read every document. 4: the text layer's sentences; each
    # quote records the rule that found it (issue 17). 5: a quote's text is the words inside
    # its marks, with its parts, cue offsets and context; indirect speech only after verbs of
    # saying with a clause (issue 22). 6: issue 22's second pass (quoted words with no verb
    # of saying are partial quotes, indirect speech with the cue between commas keeps two
    # parts, 'according to' anywhere, reported questions; problems of the text counted).
    version: ClassVar[str] = "6"
    needs: ClassVar[frozenset[str]] = frozenset({"text", "language", "entities"})
    # Rules and a tagger for English news: a document in another language is skipped
    # (counted), an unknown one read as English (storyline.language.policy).
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})
    provides: ClassVar[frozenset[str]] = frozenset({"quotes"})
    chunk: ClassVar[int] = 32
    producer: ClassVar[str | None] = "the quote rules (storyline.quotes)"

    def ledger(self, store: Store) -> QuoteTables:
        return store.quotes

    def inputs(self, store: Store, document_ids: Sequence[str]) -> Iterator[FactInput[QuoteInput]]:
        for document in store.quotes.texts(document_ids):
            yield FactInput(document.id, document.source, QuoteInput(document.text, document.title))

    def function(self) -> Callable[[QuoteInput], DocumentQuotes]:
        return read_quotes

    def write(
        self, store: Store, found: Sequence[tuple[str, DocumentQuotes]], counts: StageCounts
    ) -> None:
        records: list[QuoteRecord] = []
        texts = {d.id: d for d in store.quotes.texts([document_id for document_id, _ in found])}
        for document_id, quotes in found:
            document = texts[document_id]
            mentions = [
                SpeakerMention(m.start, m.end, m.entity_id, m.type)
                for m in store.entities.spans(document_id)
            ]
            records += [
                self._record(document_id, "text", document.text, q, speaker_entity(q, mentions))
                for q in quotes.text
            ]
            if document.title and quotes.title:
                # A quote in the headline: its speaker is matched by name against the people
                # the article names (the tagger reads the body only).
                people = _people_by_surname(store, document_id)
                records += [
                    self._record(document_id, "title", document.title, q, _named_speaker(q, people))
                    for q in quotes.title
                ]
            counts.found["quotes"] += len(quotes.text)
            for problem, count in quotes.problems:
                counts.found[f"quote problem: {problem}"] += count
        store.quotes.add(records)

    def _record(
        self, document_id: str, field: str, source: str, quote: FoundQuote, entity: str | None
    ) -> QuoteRecord:
        key = document_id if field == "text" else f"{document_id}:title"
        words = quote_words(source, quote)
        context = words.context
        return QuoteRecord(
            quote_id(key, quote),
            document_id,
            words.start,
            words.end,
            words.text,
            quote.kind,
            entity,
            quote.speaker,
            quote.speaker_start,
            quote.speaker_end,
            quote.cue,
            self.name,
            self.results_version,
            field,
            quote.rule,
            words.parts,
            quote.cue_start,
            quote.cue_end,
            source[context[0] : context[1]] if context else None,
            context[0] if context else None,
            context[1] if context else None,
        )
