"""Reading stories back: listings, one story in detail, and a brief in Markdown or HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from storyline.errors import StoreError
from storyline.events.report import TimelineEvent, markdown_lines, timeline, when
from storyline.quotes.report import SpeakerQuotes, by_speaker, quote_lines, speaker_label
from storyline.store import Store
from storyline.store.stories import (
    KeyEntity,
    StoryArticle,
    StoryHistoryLine,
    StoryRow,
    SummaryLine,
)


@dataclass(frozen=True, slots=True)
class StoryDetail:
    id: str
    title: str
    start: str | None
    end: str | None
    summary: tuple[SummaryLine, ...]
    names: tuple[str, ...]
    articles: tuple[StoryArticle, ...]
    merged_from: tuple[str, ...]
    # Filled when the entity stage has run; empty otherwise (``names`` is then the guide).
    entities: tuple[KeyEntity, ...] = ()
    # Direct and partial quotes by speaker, when the quote stage has run.
    quotes: tuple[SpeakerQuotes, ...] = ()
    # Dated events in date order, when the event stage has run.
    events: tuple[TimelineEvent, ...] = ()
    # Every recorded change of the story and of the stories merged into it, oldest first.
    history: tuple[StoryHistoryLine, ...] = ()

    def of_type(self, kind: str) -> tuple[KeyEntity, ...]:
        return tuple(e for e in self.entities if e.type == kind)


def list_stories(store: Store, *, limit: int = 50, offset: int = 0) -> list[StoryRow]:
    """Most recent first, then largest."""
    return store.stories.listing(limit=limit, offset=offset)


def story_detail(store: Store, story_id: str) -> StoryDetail:
    """The story with this id (or unique prefix, or an id merged into another): what the
    story page, ``storyline story`` and ``storyline report`` show."""

    story_id = store.stories.resolve(story_id)
    head = store.stories.head(story_id)
    if head is None:  # resolve found it: only a concurrent rebuild removes it meanwhile
        raise StoreError(f"no story with id {story_id!r}", hint="list them with: storyline stories")
    articles = store.stories.articles(story_id)
    members = [a.id for a in articles] + [c[0] for a in articles for c in a.copies]
    return StoryDetail(
        head.id,
        head.title,
        head.start,
        head.end,
        store.stories.summary(story_id),
        head.names,
        articles,
        store.stories.merged_from(story_id),
        store.stories.key_entities(members),
        by_speaker(store, story_id),
        tuple(timeline(store, story=story_id)),
        store.stories.history(story_id),
    )


_HEADINGS = (("person", "People"), ("organization", "Organisations"), ("place", "Places"))


def _speaker(group: SpeakerQuotes) -> str:

    return speaker_label(group)


def _documents(detail: StoryDetail) -> str:
    """What the brief counts in, named once: ``12 articles and copies`` when the story has
    copies (an entity is named "in 9 of 12 articles and copies"), else ``8 articles``."""
    copies = sum(len(a.copies) for a in detail.articles)
    return "articles and copies" if copies else "articles"


def _entity_line(entity: KeyEntity, total: int, counted: str = "articles") -> str:
    role = f", {entity.role}" if entity.role else ""
    return f"{entity.name}{role} ({entity.articles} of {total} {counted})"


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def heading_meta(detail: StoryDetail) -> str:
    """The line under the brief's title: dates, articles (and copies of them, counted apart,
    so that "8 articles + 3 copies" and an entity's "9 of 11 articles and copies" agree),
    outlets. Outlets no article names are left out: a corpus without any says nothing of
    them, one with a few unnamed says so once."""
    span = detail.start if detail.start == detail.end else f"{detail.start} – {detail.end}"
    copies = sum(len(a.copies) for a in detail.articles)
    counted = _plural(len(detail.articles), "article")
    if copies:
        counted += f" + {_plural(copies, 'copy', 'copies')}"
    parts = [span or "undated", counted]
    outlets = sorted({a.outlet for a in detail.articles if a.outlet})
    unnamed = sum(1 for a in detail.articles if not a.outlet)
    if outlets:
        named = ", ".join(outlets)
        parts.append(f"{named} (outlet not known for {unnamed})" if unnamed else named)
    return " · ".join(parts)


def _source_line(published: str | None, outlet: str | None, title: str | None) -> str:
    """``2025-03-10 · Harbour Times · title``: the parts an article has."""
    return " · ".join(
        [published or "undated", *([outlet] if outlet else []), title or "(no title)"]
    )


def markdown(detail: StoryDetail) -> str:
    lines = [f"# {detail.title}", ""]
    lines.append(f"*{heading_meta(detail)}* (story `{detail.id}`)")
    lines += ["", "## Summary", ""]
    numbers = {a.id: i + 1 for i, a in enumerate(detail.articles)}
    for text, document_id, _, _ in detail.summary:
        lines.append(f"- {text} [{numbers.get(document_id, '?')}]")
    total = len(detail.articles) + sum(len(a.copies) for a in detail.articles)
    counted = _documents(detail)
    for entity_type, heading in _HEADINGS:
        if detail.of_type(entity_type):
            listed = "; ".join(_entity_line(x, total, counted) for x in detail.of_type(entity_type))
            lines += ["", f"## {heading}", "", listed]
    if detail.names and not detail.entities:
        lines += ["", "## Names", "", ", ".join(n.title() for n in detail.names)]
    if detail.quotes:
        lines += ["", "## Who said what", *quote_lines(detail.quotes, numbers)]
    if detail.events:
        lines += ["", "## Timeline", *markdown_lines(list(detail.events), numbers)]
    lines += ["", "## Sources", ""]
    for number, article in enumerate(detail.articles, start=1):
        lines.append(
            f"{number}. {_source_line(article.published, article.outlet, article.title)}"
            f" (`{article.id}`)"
        )
        for copy_id, outlet, kind, published in article.copies:
            where = ", ".join(p for p in (outlet, published) if p)
            lines.append(f"    - {kind} copy{': ' + where if where else ''} (`{copy_id}`)")
    return "\n".join(lines) + "\n"


_BRIEF = Environment(
    loader=FileSystemLoader(Path(__file__).parents[1] / "web" / "templates"),
    # Every {{ value }} is escaped as html.escape does (markup the page builds is Markup).
    autoescape=False,
    finalize=lambda value: value if isinstance(value, Markup) else html.escape(str(value)),
    keep_trailing_newline=True,
    undefined=StrictUndefined,
).get_template("brief.html")


def html_page(detail: StoryDetail) -> str:
    """The brief as one self-contained HTML page (``web/templates/brief.html``)."""

    numbers = {a.id: i + 1 for i, a in enumerate(detail.articles)}
    total = len(detail.articles) + sum(len(a.copies) for a in detail.articles)

    def cite(document_id: str) -> Markup:
        return Markup(
            f"<a href='#a{numbers.get(document_id, 0)}'>[{numbers.get(document_id, '?')}]</a>"
        )

    def reported(event: TimelineEvent) -> list[tuple[str, str]]:
        """Each status the event is reported with, once per source, in mention order."""
        first: dict[tuple[str, int | None], str] = {}
        for mention in event.mentions:
            first.setdefault(
                (mention.status, numbers.get(mention.document_id)), mention.document_id
            )
        return [(status, document_id) for (status, _), document_id in first.items()]

    return _BRIEF.render(
        detail=detail,
        headings=_HEADINGS,
        entity_lines=lambda kind: "; ".join(
            _entity_line(x, total, _documents(detail)) for x in detail.of_type(kind)
        ),
        meta=heading_meta(detail),
        source_line=_source_line,
        names="" if detail.entities else ", ".join(n.title() for n in detail.names),
        speaker=_speaker,
        cite=cite,
        when=when,
        reported=reported,
    )
