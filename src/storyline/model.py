"""Frozen records: what the stages read and hand on, between processes and to the store.

An article is a ``RawArticle`` as read, then a ``Document`` once cleaned. The extractors
(``entities``, ``quotes``, ``timex``, ``events``) each find records of their own kind in a
document's *clean* text; every one holds character offsets into the text it was given
(``text[start:end]`` is its evidence) and the name of the rule that found it. The fact
stages send them from the worker processes to the store, which keeps them in its own rows
(``storyline.store``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from storyline.offsets import OffsetMap

Severity = Literal["error", "warning"]
EventStatus = Literal["planned", "happened", "ongoing", "reported", "hypothetical", "negated"]
QuoteKind = Literal["direct", "partial", "indirect"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with control characters and undecodable bytes (a file name that is not
    UTF-8 reaches Python as lone surrogates) written as escapes: ``\\x1b``, ``\\xff``."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        # A surrogate from os.fsdecode stands for the byte 0xDC80 below it.
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else repr(match.group())[1:-1]

    return _CONTROL.sub(escape, text)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input: reported, counted, and (for errors) skipped."""

    source: str
    kind: str
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # Names and messages come from inputs: a file name with an escape sequence must not
        # drive the terminal, nor one that is not UTF-8 break the store (issue 19).
        object.__setattr__(self, "source", printable(self.source))
        object.__setattr__(self, "message", printable(self.message))
        if self.hint is not None:
            object.__setattr__(self, "hint", printable(self.hint))

    def __str__(self) -> str:
        text = f"{self.source}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True, slots=True)
class Removal:
    """A stretch of the raw text that cleaning took out of the body, and why.

    ``kind`` is one of: title-line, repeated-headline, repeated-lead, repeated-paragraph,
    byline, credit, dateline, boilerplate.
    """

    kind: str
    raw_start: int
    raw_end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """``WASHINGTON, March 3 (AFP) –``: where the story was filed, by which agency, when."""

    text: str
    place: str | None = None
    agency: str | None = None
    date_text: str | None = None


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as a reader found it, before cleaning.

    ``raw_text`` is the decoded input text (for HTML: the text the extractor found in the page).
    ``source_key`` identifies the article's place in the input (path, or path plus record id)
    so that a changed article at the same place becomes a new version of it.
    """

    source: str
    source_key: str
    format: str
    raw_text: str
    raw_title: str | None = None
    external_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    published_from: str | None = None
    # The instant of publication in UTC (ISO 8601) when the metadata gives a time of day.
    published_at: str | None = None
    encoding: str | None = None
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """An article: its raw input, metadata, and (after the clean stage) its clean title and body."""

    id: str
    source: str
    source_key: str
    format: str
    raw_text: str
    raw_title: str | None = None
    external_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    published_from: str | None = None
    # The instant of publication in UTC (ISO 8601) when the metadata gives a time of day.
    published_at: str | None = None
    encoding: str | None = None
    # Filled by the clean stage.
    title: str | None = None
    text: str = ""
    offset_map: OffsetMap | None = None
    removals: tuple[Removal, ...] = ()
    dateline: Dateline | None = None
    flags: tuple[str, ...] = ()
    # Warnings from reading and cleaning (errors never make a Document).
    warnings: tuple[Problem, ...] = ()
    # Which stage versions have produced this document's layers: stage name -> version.
    stages: tuple[tuple[str, str], ...] = ()
    # Filled by the language stage: ISO 639-1 ("en", "fr"), "und" when it could not be
    # decided (processed as English, flagged), None before the stage ran.
    language: str | None = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if self.offset_map is None:
            raise ValueError(f"document {self.id} has not been cleaned yet")
        return self.offset_map.to_raw(start, end)


# What the extractors find. Character offsets are into the text the extractor was given.


@dataclass(frozen=True, slots=True)
class TextRange:
    """Characters ``[start, end)`` of a text: a verbatim piece of a quote."""

    start: int
    end: int


def entity_id(key: str) -> str:
    """Ids come from the canonical key, so the same thing gets the same id in every run."""
    return "ent_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Role:
    """A title a person holds, in a country or an organisation (``entities.roles``)."""

    title: str | None = None
    country: str | None = None
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A name of a person, organisation or place at ``text[start:end]`` (``entities.mentions``).

    ``key`` is the canonical key of what it names (``"person:boris pistorius"``), the same
    in every document; ``name`` its canonical name.
    """

    start: int
    end: int
    text: str
    type: str
    key: str
    name: str
    title: str | None = None
    country: str | None = None
    organization: str | None = None
    is_metonym: bool = False
    confidence: float | None = None
    # What found it: the CRF tagger ("crf") or a rule, and the rules that changed it after
    # ("crf+surname-link"), recorded with the mention.
    rule: str = "crf"

    @property
    def entity_id(self) -> str:
        return entity_id(self.key)


@dataclass(frozen=True, slots=True)
class PronounMention:
    """A pronoun at ``text[start:end]`` standing for the person named at ``antecedent``
    (``entities.pronouns``)."""

    start: int
    end: int
    text: str
    gender: str  # "m" or "f"
    antecedent: EntityMention

    @property
    def key(self) -> str:
        return self.antecedent.key

    @property
    def rule(self) -> str:
        """The rule recorded with a resolved pronoun (salience by recency and subjecthood)."""
        return "pronoun-salience"

    @property
    def entity_id(self) -> str:
        return entity_id(self.antecedent.key)


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """One attributed statement of a text (``quotes``).

    ``text[start:end]`` is the content: for a direct quote the quoted words from the first
    to the last piece (a cue splitting ``"…," he said, "…"`` sits inside); for a partial
    quote the reported clause holding the quoted words (or the quoted words alone when there
    is no such clause); for indirect speech the reported clause. ``pieces`` are the verbatim
    stretches (between the quotation marks), empty for indirect speech. The speaker is the
    local wording that names or points to the source ("He", "a campaign spokesman").
    """

    start: int
    end: int
    kind: QuoteKind
    pieces: tuple[TextRange, ...] = ()
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    # The rule that found it (``quotes.direct`` / ``quotes.indirect``), recorded with the quote.
    rule: str = ""


@dataclass(frozen=True, slots=True)
class FoundTime:
    """One time expression, TIMEX3-style (TimeML 1.2.1, as annotated in TimeBank; ``timex``).

    ``text[start:end] == self.text``. ``value`` is the TIMEX3 value ("2025-03-12",
    "2025-W11", "P3Y", "PAST_REF", "XXXX-03-12" ...) or None when it cannot be worked out
    without guessing: a relative expression with no anchor, an impossible date. ``anchored``
    says the value was computed from the anchor (publication) date, so a reader knows it is
    only as right as that date.
    """

    start: int
    end: int
    text: str
    type: TimeType
    value: str | None
    anchored: bool
    # The name of the rule (``timex.base.Rule``) that found and valued it.
    rule: str = ""


@dataclass(frozen=True, slots=True)
class DatedTime:
    """A time expression of a document as the events stage reads it: with the calendar days
    its value covers (both ``None`` for durations, sets and unresolved expressions)."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    first: date | None
    last: date | None
    # The timex rule that found it (``FoundTime.rule``), stored with the expression.
    rule: str = ""


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity mention of a document as the events stage reads it: a participant or a place
    (``events.extract``)."""

    start: int
    end: int
    entity_id: str
    name: str
    type: str  # person | organization | place | misc
    is_metonym: bool = False


@dataclass(frozen=True, slots=True)
class FoundEvent:
    """One event mention (``events.extract``). ``text[start:end]`` is the trigger;
    ``sentence_start`` and ``sentence_end`` bound the sentence that is its evidence."""

    start: int
    end: int
    trigger: str
    lemma: str
    type: str
    status: EventStatus
    sentence_start: int
    sentence_end: int
    time: DatedTime | None = None
    place: EntityRef | None = None
    participants: tuple[EntityRef, ...] = ()
    # Who did it and to whom (``"type:name"``, see :mod:`storyline.events.roles`).
    agent: str | None = None
    patient: str | None = None
    # The rules that found it, valued its status and dated it
    # ("trigger-verb/status:past-form/time:in-clause"), recorded with the mention.
    rule: str = ""


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of a story's extractive summary: ``text`` is
    ``document.text[start:end]`` of member ``document_id``."""

    document_id: str
    start: int
    end: int
    text: str
