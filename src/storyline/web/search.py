"""Full-text search over titles and bodies (FTS5), ranked, with highlighted snippets.

FTS5 marks the matched words with two private-use characters rather than HTML tags: the
article text is escaped first and only then are the marks turned into ``<mark>``, so an
article that contains markup can never inject it into the page.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass

from markupsafe import Markup, escape

from storyline.errors import StoreError
from storyline.store import Store
from storyline.web.errors import ApiError
from storyline.web.filters import Filters, document_filter

OPEN, CLOSE = "\ue000", "\ue001"
SNIPPET_WORDS = 24


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    duplicate_of: str | None
    title_marked: str  # the title with OPEN/CLOSE around matches
    snippet_marked: str  # a passage of the text with OPEN/CLOSE around matches
    rank: float

    @property
    def snippet(self) -> str:
        return self.snippet_marked.replace(OPEN, "").replace(CLOSE, "")

    @property
    def snippet_html(self) -> Markup:
        return marked_html(self.snippet_marked)

    @property
    def title_html(self) -> Markup:
        return marked_html(self.title_marked)


def marked_html(text: str) -> Markup:
    """Escape ``text``, then turn the FTS marks into ``<mark>`` elements."""
    escaped = str(escape(text))
    return Markup(escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


@dataclass(frozen=True, slots=True)
class SearchPage:
    """A page of hits, how many match in all, and a note when the query was not FTS5
    syntax and was searched as its words."""

    hits: list[SearchHit]
    total: int
    note: str | None


def search(store: Store, query: str, filters: Filters, *, limit: int, offset: int) -> SearchPage:
    """Current documents matching ``query`` (FTS5 syntax, else its words), best first."""
    if not query.strip():
        raise ApiError(422, "empty search query", hint="type words to look for, e.g. strike")
    where = document_filter(store, filters)
    reading = store.search.reading(query)
    if reading.fts is None:
        return SearchPage([], 0, reading.message)
    try:
        matches, total = store.search.matches(
            reading.fts,
            where,
            marks=(OPEN, CLOSE),
            words=SNIPPET_WORDS,
            limit=limit,
            offset=offset,
        )
    except StoreError as err:  # the words reading always parses; kept as a last guard
        raise ApiError(
            400,
            err.message,
            hint='use words, "quoted phrases", AND, OR, NOT and prefix*; '
            "quote words that contain punctuation",
        ) from None
    return SearchPage([SearchHit(*astuple(m)) for m in matches], total, reading.message)
