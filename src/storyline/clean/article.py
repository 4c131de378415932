"""Cleaning one article: raw text in, one clean title and body out, with a record of every
stretch taken out of the body and why.

The order of the steps matters. Page furniture and bylines go first, so that the headline
test sees the real first paragraph; credits go before repeats, so that a closing credit is
never compared with the lead. When repeats would leave no body, the copy that is the
article's one sentence is kept (a wire brief whose sentence is its headline again; see
``brief.py``). The dateline is looked for last, on the paragraph that actually opens the body
once repeats are gone.

The clean text is built through :class:`~storyline.offsets.TextBuilder` from the kept
paragraphs only, so every clean character maps back to the raw text.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.clean.boilerplate import boilerplate_reason
from storyline.clean.brief import KEPT_FLAG, Candidate, sentence_to_keep
from storyline.clean.byline import parse_byline
from storyline.clean.credit import parse_credit, trailing_credit
from storyline.clean.dateline import find_dateline
from storyline.clean.layout import (
    Paragraph,
    clean_inline,
    gap_end,
    split_paragraphs,
    sub_paragraph,
)
from storyline.clean.names import Attribution
from storyline.clean.repeats import repeated_leads, repeated_paragraphs
from storyline.clean.title import (
    headline_repeat,
    looks_like_headline,
    looks_like_prose,
    looks_like_row,
)
from storyline.model import Dateline, Removal
from storyline.offsets import OffsetMap, TextBuilder

PARAGRAPH_SEPARATOR = "\n\n"
BYLINE_WINDOW = 3
HEADLINE_WINDOW = 5
# A headline is followed by running text within a few paragraphs (a match preview may give
# the venue and the date first); a table row is followed by more rows.
PROSE_WINDOW = 3
CREDIT_HEAD = 3
CREDIT_TAIL = 5

_FLAGS = (
    ("title-line", "title-from-body"),
    ("repeated-headline", "repeated-headline"),
    ("repeated-lead", "repeated-lead"),
    ("repeated-paragraph", "repeated-paragraph"),
    ("byline", "byline"),
    ("credit", "credit"),
    ("dateline", "dateline"),
    ("boilerplate", "boilerplate"),
)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """One cleaned article. ``offset_map`` maps ``text`` back to the raw input; ``removals``
    (in raw order) say what left the body and why; ``authors`` and ``outlet`` are what its
    bylines and credit lines state."""

    title: str | None
    text: str
    offset_map: OffsetMap
    removals: tuple[Removal, ...] = ()
    dateline: Dateline | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    flags: tuple[str, ...] = ()


def _is_standalone(text: str) -> bool:
    return (
        boilerplate_reason(text) is not None
        or parse_byline(text) is not None
        or parse_credit(text) is not None
    )


def _excerpt(text: str, words: int = 8) -> str:
    head = text.split()[:words]
    return " ".join(head) + ("…" if len(text.split()) > words else "")


class _Draft:
    """The paragraphs of one article while cleaning decides which to keep."""

    def __init__(self, raw: str, paragraphs: list[Paragraph]) -> None:
        self.raw = raw
        self.paragraphs: list[Paragraph | None] = list(paragraphs)
        self.removals: list[Removal] = []
        # Paragraphs removed whole, by index, with their record: what keep_a_sentence may undo.
        self.taken: dict[int, tuple[Paragraph, Removal]] = {}
        self.kept_copy = False
        self.authors: list[str] = []
        self.outlet: str | None = None

    def kept(self) -> list[int]:
        return [i for i, p in enumerate(self.paragraphs) if p is not None]

    def text(self, index: int) -> str:
        paragraph = self.paragraphs[index]
        return paragraph.text if paragraph is not None else ""

    def _record(self, kind: str, raw_start: int, raw_end: int, reason: str) -> Removal:
        text = self.raw[raw_start:raw_end]
        removal = Removal(kind, raw_start, raw_end, text, reason)
        self.removals.append(removal)
        return removal

    def remove(self, index: int, kind: str, reason: str) -> None:
        paragraph = self.paragraphs[index]
        if paragraph is None:
            return
        removal = self._record(kind, paragraph.raw_start, paragraph.raw_end, reason)
        self.taken[index] = (paragraph, removal)
        self.paragraphs[index] = None

    def cut(self, index: int, start: int, end: int, kind: str, reason: str) -> None:
        """Take clean characters ``[start, end)`` (a prefix or a suffix) out of a paragraph."""
        paragraph = self.paragraphs[index]
        if paragraph is None:
            return
        raw_start, raw_end = paragraph.raw_span(start, end)
        self._record(kind, raw_start, raw_end, reason)
        if start == 0:
            rest = sub_paragraph(self.raw, paragraph, end, len(paragraph.text))
        else:
            rest = sub_paragraph(self.raw, paragraph, 0, start)
        self.paragraphs[index] = rest

    def attribute(self, attribution: Attribution) -> None:
        self.authors.extend(attribution.authors)
        if self.outlet is None:
            self.outlet = attribution.outlet

    # The steps, in the order clean_article runs them.

    def drop_boilerplate(self) -> None:
        for index in self.kept():
            reason = boilerplate_reason(self.text(index))
            if reason is not None:
                self.remove(index, "boilerplate", reason)

    def drop_bylines(self) -> None:
        for index in self.kept()[:BYLINE_WINDOW]:
            byline = parse_byline(self.text(index))
            if byline is not None:
                self.remove(index, "byline", byline.reason)
                self.attribute(byline)

    def take_title(self) -> str | None:
        kept = self.kept()
        if len(kept) < 2:
            return None
        first = self.text(kept[0])
        following = kept[1 : 1 + PROSE_WINDOW]
        if not looks_like_headline(first):
            return None
        if looks_like_row(first) and looks_like_row(self.text(kept[1])):
            return None
        if not any(looks_like_prose(self.text(index)) for index in following):
            return None
        self.remove(kept[0], "title-line", "first paragraph is a headline")
        return first

    def drop_credits(self) -> None:
        kept = self.kept()
        for index in sorted(set(kept[:CREDIT_HEAD] + kept[-CREDIT_TAIL:])):
            credit = parse_credit(self.text(index))
            if credit is not None:
                self.remove(index, "credit", credit.reason)
                self.attribute(credit)
        kept = self.kept()
        if kept:
            trailing = trailing_credit(self.text(kept[-1]))
            if trailing is not None:
                start, credit = trailing
                end = len(self.text(kept[-1]))
                self.cut(kept[-1], start, end, "credit", credit.reason + " (end of paragraph)")
                self.attribute(credit)

    def drop_repeated_headline(self, title: str) -> None:
        for index in self.kept()[:HEADLINE_WINDOW]:
            score = headline_repeat(title, self.text(index))
            if score is not None:
                self.remove(index, "repeated-headline", f"repeats the headline ({score:.2f})")

    def drop_repeated_leads(self) -> None:
        kept = self.kept()
        texts = [self.text(i) for i in kept]
        for repeat in repeated_leads(texts):
            reason = (
                f"repeats the lead paragraph {_excerpt(texts[repeat.kept])!r} "
                f"(overlap {repeat.overlap:.2f}, jaccard {repeat.jaccard:.2f})"
            )
            self.remove(kept[repeat.removed], "repeated-lead", reason)

    def drop_repeated_paragraphs(self) -> None:
        kept = self.kept()
        texts = [self.text(i) for i in kept]
        for repeat in repeated_paragraphs(texts):
            reason = f"copy of paragraph {repeat.kept + 1} of the body"
            self.remove(kept[repeat.removed], "repeated-paragraph", reason)

    def keep_a_sentence(self) -> None:
        """When nothing is left, put back the removed copy that is the article's only
        sentence, and forget its removal: it is the body now, not something taken out."""
        if self.kept():
            return
        candidates = [
            Candidate(index, removal.kind, paragraph.text)
            for index, (paragraph, removal) in self.taken.items()
        ]
        chosen = sentence_to_keep(candidates)
        if chosen is None:
            return
        paragraph, removal = self.taken.pop(chosen.index)
        self.paragraphs[chosen.index] = paragraph
        self.removals = [r for r in self.removals if r is not removal]
        self.kept_copy = True

    def take_dateline(self) -> Dateline | None:
        kept = self.kept()
        if not kept:
            return None
        found = find_dateline(self.text(kept[0]))
        if found is None:
            return None
        rest, dateline = found
        reason = f"dateline of {dateline.place}"
        if rest < len(self.text(kept[0])):
            self.cut(kept[0], 0, len(dateline.text), "dateline", reason)
        elif len(kept) > 1 and self.text(kept[1])[:1].isupper():
            self.remove(kept[0], "dateline", reason + " (on a line of its own)")
        else:
            return None
        return dateline

    def build(self) -> tuple[str, OffsetMap]:
        builder = TextBuilder(self.raw)
        previous: Paragraph | None = None
        for paragraph in self.paragraphs:
            if paragraph is None:
                continue
            if previous is not None:
                # The separator stands for the whitespace that ended the previous paragraph,
                # not for anything removed after it.
                end = gap_end(self.raw, previous.raw_end, paragraph.raw_start)
                builder.replace(previous.raw_end, end, PARAGRAPH_SEPARATOR)
            paragraph.emit(builder)
            previous = paragraph
        return builder.text, builder.offset_map()

    def flags(self) -> tuple[str, ...]:
        kinds = {removal.kind for removal in self.removals}
        flags = tuple(flag for kind, flag in _FLAGS if kind in kinds)
        return (*flags, KEPT_FLAG) if self.kept_copy else flags

    def unique_authors(self) -> tuple[str, ...]:
        seen: set[str] = set()
        authors: list[str] = []
        for author in self.authors:
            if author.casefold() not in seen:
                seen.add(author.casefold())
                authors.append(author)
        return tuple(authors)


def clean_article(raw_text: str, raw_title: str | None = None) -> Cleaned:
    """Clean one article.

    ``raw_title`` is the title from metadata (HTML ``<title>``, a feed, a JSONL field); when
    it is missing the first paragraph is taken as the title if it reads like a headline.

    >>> cleaned = clean_article("Ministers meet in Paris\\n\\nPARIS (AFP) - Ministers met on "
    ...                         "Wednesday to discuss aid.\\n\\nBy Jana Novak")
    >>> cleaned.title, cleaned.text, cleaned.dateline.place
    ('Ministers meet in Paris', 'Ministers met on Wednesday to discuss aid.', 'Paris')
    """
    draft = _Draft(raw_text, split_paragraphs(raw_text, standalone=_is_standalone))
    draft.drop_boilerplate()
    draft.drop_bylines()
    title = clean_inline(raw_title) if raw_title is not None else ""
    title_or_none = title or draft.take_title()
    draft.drop_credits()
    if title_or_none:
        draft.drop_repeated_headline(title_or_none)
    draft.drop_repeated_leads()
    draft.drop_repeated_paragraphs()
    draft.keep_a_sentence()
    dateline = draft.take_dateline()
    text, offset_map = draft.build()
    return Cleaned(
        title=title_or_none,
        text=text,
        offset_map=offset_map,
        removals=tuple(sorted(draft.removals, key=lambda r: (r.raw_start, r.raw_end))),
        dateline=dateline,
        authors=draft.unique_authors(),
        outlet=draft.outlet,
        flags=draft.flags(),
    )
