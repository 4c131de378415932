"""Reading stories back: listings, one story in detail, and a brief in Markdown or HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.errors import StoreError
from storyline.store import Store
from storyline.store.stories import KeyEntity, StoryArticle, StoryRow, SummaryLine

if TYPE_CHECKING:
    from storyline.events.report import TimelineEvent
    from storyline.quotes.report import SpeakerQuotes


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

    def of_type(self, kind: str) -> tuple[KeyEntity, ...]:
        return tuple(e for e in self.entities if e.type == kind)


def list_stories(store: Store, *, limit: int = 50, offset: int = 0) -> list[StoryRow]:
    """Most recent first, then largest."""
    return store.stories.listing(limit=limit, offset=offset)


def resolve(store: Store, story_id: str) -> str:
    """A story id (or unique prefix), following merges: ``store.stories.resolve``.

    Kept for ``quotes.report`` and ``events.report`` until they read the id through the
    store too; nothing else calls it."""
    return store.stories.resolve(story_id)


def story_detail(store: Store, story_id: str) -> StoryDetail:
    """The story with this id (or unique prefix, or an id merged into another): what the
    story page, ``storyline story`` and ``storyline report`` show."""
    # Quotes and events read stories: import late.
    from storyline.events.report import timeline
    from storyline.quotes.report import by_speaker

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
    )


_HEADINGS = (("person", "People"), ("organization", "Organisations"), ("place", "Places"))


def _speaker(group: SpeakerQuotes) -> str:
    from storyline.quotes.report import speaker_label

    return speaker_label(group)


def _entity_line(entity: KeyEntity, total: int) -> str:
    role = f", {entity.role}" if entity.role else ""
    return f"{entity.name}{role} ({entity.articles} of {total} articles)"


def markdown(detail: StoryDetail) -> str:
    lines = [f"# {detail.title}", ""]
    span = detail.start if detail.start == detail.end else f"{detail.start} – {detail.end}"
    outlets = sorted({a.outlet or "unknown outlet" for a in detail.articles})
    lines.append(
        f"*{span or 'undated'} · {len(detail.articles)} articles · {', '.join(outlets)}* "
        f"(story `{detail.id}`)"
    )
    lines += ["", "## Summary", ""]
    numbers = {a.id: i + 1 for i, a in enumerate(detail.articles)}
    for text, document_id, _, _ in detail.summary:
        lines.append(f"- {text} [{numbers.get(document_id, '?')}]")
    total = len(detail.articles) + sum(len(a.copies) for a in detail.articles)
    for entity_type, heading in _HEADINGS:
        if detail.of_type(entity_type):
            listed = "; ".join(_entity_line(x, total) for x in detail.of_type(entity_type))
            lines += ["", f"## {heading}", "", listed]
    if detail.names and not detail.entities:
        lines += ["", "## Names", "", ", ".join(n.title() for n in detail.names)]
    if detail.quotes:
        from storyline.quotes.report import quote_lines

        lines += ["", "## Who said what", *quote_lines(detail.quotes, numbers)]
    if detail.events:
        from storyline.events.report import markdown_lines

        lines += ["", "## Timeline", *markdown_lines(list(detail.events), numbers)]
    lines += ["", "## Sources", ""]
    for number, article in enumerate(detail.articles, start=1):
        lines.append(
            f"{number}. {article.published or 'undated'} · {article.outlet or 'unknown outlet'}"
            f" · {article.title or '(no title)'} (`{article.id}`)"
        )
        for copy_id, outlet, kind, published in article.copies:
            lines.append(
                f"    - {kind} copy: {outlet or 'unknown outlet'}, {published} (`{copy_id}`)"
            )
    return "\n".join(lines) + "\n"


def _timeline_html(detail: StoryDetail, numbers: dict[str, int]) -> str:
    from storyline.events.report import when

    if not detail.events:
        return ""
    e = html.escape
    items = "".join(
        f"<li><b>{e(when(event))}</b> — {e(event.type)}"
        + (f" in {e(event.place)}" if event.place else "")
        + f": {e(event.title)} "
        + ", ".join(
            dict.fromkeys(
                f"{e(m.status)} <a href='#a{numbers.get(m.document_id, 0)}'>"
                f"[{numbers.get(m.document_id, '?')}]</a>"
                for m in event.mentions
            )
        )
        + "</li>"
        for event in detail.events
    )
    return f"<h2>Timeline</h2><ul>{items}</ul>"


def html_page(detail: StoryDetail) -> str:
    e = html.escape
    numbers = {a.id: i + 1 for i, a in enumerate(detail.articles)}
    summary = "".join(
        f"<li>{e(text)} <a href='#a{numbers.get(doc, 0)}'>[{numbers.get(doc, '?')}]</a></li>"
        for text, doc, _, _ in detail.summary
    )
    sources = "".join(
        f"<li id='a{i}'>{e(a.published or 'undated')} · {e(a.outlet or 'unknown outlet')} · "
        f"{e(a.title or '(no title)')} <code>{e(a.id)}</code>"
        + (
            "<ul>"
            + "".join(
                f"<li>{e(kind or '')} copy: {e(outlet or 'unknown outlet')}, "
                f"{e(published or '')} <code>{e(cid)}</code></li>"
                for cid, outlet, kind, published in a.copies
            )
            + "</ul>"
            if a.copies
            else ""
        )
        + "</li>"
        for i, a in enumerate(detail.articles, start=1)
    )
    names = "" if detail.entities else e(", ".join(n.title() for n in detail.names))
    said = "".join(
        f"<h3>{e(_speaker(group))}</h3><ul>"
        + "".join(
            f"<li>“{e(' '.join(q.text.split()))}” "
            f"<a href='#a{numbers.get(q.document_id, 0)}'>[{numbers.get(q.document_id, '?')}]</a>"
            "</li>"
            for q in group.quotes
        )
        + "</ul>"
        for group in detail.quotes
    )
    total = len(detail.articles) + sum(len(a.copies) for a in detail.articles)
    entities = "".join(
        f"<h2>{heading}</h2><p>"
        + e("; ".join(_entity_line(x, total) for x in detail.of_type(kind)))
        + "</p>"
        for kind, heading in _HEADINGS
        if detail.of_type(kind)
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{e(detail.title)}</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
        "padding:0 1rem;color:#222}h1{font-size:1.6rem}code{color:#666;font-size:.8em}"
        ".meta{color:#555}</style></head><body>"
        f"<h1>{e(detail.title)}</h1>"
        f"<p class='meta'>{e(detail.start or 'undated')} – {e(detail.end or '')} · "
        f"{len(detail.articles)} articles · story <code>{e(detail.id)}</code></p>"
        f"<h2>Summary</h2><ul>{summary}</ul>"
        + entities
        + (f"<h2>Names</h2><p>{names}</p>" if names else "")
        + (f"<h2>Who said what</h2>{said}" if said else "")
        + _timeline_html(detail, numbers)
        + f"<h2>Sources</h2><ol>{sources}</ol></body></html>\n"
    )
