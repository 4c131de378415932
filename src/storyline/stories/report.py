"""Reading stories back: listings, one story in detail, and a brief in Markdown or HTML."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.errors import StoreError
from storyline.store import Store
from storyline.store.sqlite import like_prefix

if TYPE_CHECKING:
    from storyline.events.report import TimelineEvent
    from storyline.quotes.report import SpeakerQuotes


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str
    size: int
    start: str | None
    end: str | None
    outlets: int


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    copies: tuple[tuple[str, str | None, str | None, str | None], ...]


@dataclass(frozen=True, slots=True)
class KeyEntity:
    """A person, organisation or place the story's articles mention, with the role the
    articles give it most often (people) and in how many of them it appears."""

    id: str
    type: str  # person | organization | place
    name: str
    role: str | None
    articles: int


@dataclass(frozen=True, slots=True)
class StoryDetail:
    id: str
    title: str
    start: str | None
    end: str | None
    summary: tuple[tuple[str, str, int, int], ...]
    names: tuple[str, ...]
    articles: tuple[Article, ...]
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
    rows = store.conn.execute(
        "SELECT s.id, s.title, count(d.id), s.start, s.end, count(DISTINCT d.outlet) "
        "FROM stories s JOIN documents d ON d.story_id = s.id AND d.superseded_by IS NULL "
        "WHERE s.merged_into IS NULL GROUP BY s.id "
        "ORDER BY s.end IS NULL, s.end DESC, count(d.id) DESC, s.id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [StoryRow(*r) for r in rows]


def resolve(store: Store, story_id: str) -> str:
    """A story id (or unique prefix), following merges to the story it now belongs to."""
    rows = store.conn.execute(
        "SELECT id, merged_into FROM stories WHERE id = ? OR id LIKE ? LIMIT 2",
        (story_id, like_prefix(story_id)),
    ).fetchall()
    exact = [r for r in rows if r[0] == story_id]
    if exact:
        rows = exact
    if not rows:
        raise StoreError(f"no story with id {story_id!r}", hint="list them with: storyline stories")
    if len(rows) > 1:
        raise StoreError(f"several stories start with {story_id!r}", hint="give more of the id")
    current, merged_into = rows[0]
    seen = {current}
    while merged_into and merged_into not in seen:
        seen.add(merged_into)
        current = merged_into
        row = store.conn.execute(
            "SELECT merged_into FROM stories WHERE id = ?", (current,)
        ).fetchone()
        merged_into = row[0] if row else None
    return str(current)


def story_detail(store: Store, story_id: str) -> StoryDetail:
    # Quotes and events read stories: import late.
    from storyline.events.report import timeline
    from storyline.quotes.report import by_speaker

    story_id = resolve(store, story_id)
    row = store.conn.execute(
        "SELECT id, title, start, end, names FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    summary = tuple(
        (r[0], r[1], r[2], r[3])
        for r in store.conn.execute(
            "SELECT text, document_id, start, end FROM story_summary WHERE story_id = ? "
            "ORDER BY rank",
            (story_id,),
        )
    )
    articles = []
    for doc_id, title, outlet, published in store.conn.execute(
        "SELECT id, title, outlet, published FROM documents WHERE story_id = ? "
        "AND superseded_by IS NULL AND duplicate_of IS NULL "
        "ORDER BY published IS NULL, published, published_at, id",
        (story_id,),
    ):
        copies = tuple(
            (r[0], r[1], r[2], r[3])  # plain tuples: `story --json` serialises them
            for r in store.conn.execute(
                "SELECT id, outlet, duplicate_kind, published FROM documents "
                "WHERE duplicate_of = ? AND superseded_by IS NULL ORDER BY published, id",
                (doc_id,),
            )
        )
        articles.append(Article(doc_id, title, outlet, published, copies))
    merged = tuple(
        r[0]
        for r in store.conn.execute("SELECT id FROM stories WHERE merged_into = ?", (story_id,))
    )
    return StoryDetail(
        row[0],
        row[1],
        row[2],
        row[3],
        summary,
        tuple(json.loads(row[4])),
        tuple(articles),
        merged,
        key_entities(store, story_id),
        by_speaker(store, story_id),
        tuple(timeline(store, story=story_id)),
    )


KEY_ENTITIES = 8
_ENTITY_TYPES = ("person", "organization", "place")


def key_entities(store: Store, story_id: str, limit: int = KEY_ENTITIES) -> tuple[KeyEntity, ...]:
    """The entities most of the story's articles (copies included) mention, ``limit`` of each
    type; a person's role is the title written beside the name most often. In a story of
    three or more articles, a name only one of them mentions is a detail, not a key entity."""
    size = store.conn.execute(
        "SELECT count(*) FROM documents WHERE story_id = ? AND superseded_by IS NULL",
        (story_id,),
    ).fetchone()[0]
    least = 2 if size >= 3 else 1
    found: list[KeyEntity] = []
    for kind in _ENTITY_TYPES:
        rows = store.conn.execute(
            "SELECT m.entity_id, max(m.name), count(DISTINCT m.document_id) AS n, "
            "(SELECT m2.title FROM entity_mentions m2 JOIN documents d2 ON d2.id = m2.document_id "
            " WHERE m2.entity_id = m.entity_id AND d2.story_id = ? AND m2.title IS NOT NULL "
            " AND d2.superseded_by IS NULL GROUP BY m2.title ORDER BY count(*) DESC, m2.title "
            " LIMIT 1) "
            "FROM entity_mentions m JOIN documents d ON d.id = m.document_id "
            "WHERE d.story_id = ? AND d.superseded_by IS NULL AND m.type = ? "
            "AND m.is_metonym = 0 AND m.kind = 'name' "
            "GROUP BY m.entity_id HAVING n >= ? "
            "ORDER BY n DESC, count(*) DESC, max(m.name) LIMIT ?",
            (story_id, story_id, kind, least, limit),
        )
        found.extend(KeyEntity(r[0], kind, r[1], r[3], r[2]) for r in rows)
    return tuple(found)


def _speaker(group: SpeakerQuotes) -> str:
    from storyline.quotes.report import speaker_label

    return speaker_label(group)


_HEADINGS = (("person", "People"), ("organization", "Organisations"), ("place", "Places"))


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
