"""Article text and metadata from an HTML page, with trafilatura.

trafilatura is the best-evaluated open-source main-text extractor for news pages; we keep
its text as the document's raw text (paragraphs one per line) and its metadata (title,
authors, date, site name) as the page's metadata.
"""

from __future__ import annotations

import re
from datetime import date

from storyline.errors import BadMetadata, EmptyInput
from storyline.ingest.dates import parse_date, parse_moment
from storyline.ingest.metadata import Metadata
from storyline.text.tokens import length_in_words

MIN_WORDS = 8
# trafilatura reports the page's date without its time of day; the time orders articles
# published the same day (which one is the original), so read it from the usual places.
_TIMESTAMPS = (
    re.compile(
        r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|datePublished|"
        r"pubdate|publish[-_]date|dc\.date\.issued)[\"'][^>]*content=[\"']([^\"']+)",
        re.IGNORECASE,
    ),
    re.compile(r"\"datePublished\"\s*:\s*\"([^\"]+)\""),
    re.compile(r"<time[^>]+datetime=[\"']([^\"']+)", re.IGNORECASE),
)


def extract_html(html: str, source: str, url: str | None = None) -> tuple[str, Metadata]:
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=False,
    )
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    words = length_in_words(text)
    if words < MIN_WORDS:
        # trafilatura falls back to whatever text a page has ("Home", "Sign in"); a page
        # with fewer words than a one-line news brief is not an article.
        raise EmptyInput(
            source,
            f"no article text found in this HTML page ({words} words)",
            hint="check it is an article page and not an index, login or error page",
        )
    published = None
    published_at = None
    raw_date = getattr(result, "date", None)
    if raw_date:
        try:
            published = parse_date(raw_date, source)
        except BadMetadata:
            published = None
    if published is not None:
        published_at = _published_instant(html, published)
    author = getattr(result, "author", None) or ""
    authors = tuple(a.strip() for a in author.split(";") if a.strip())
    meta = Metadata(
        title=getattr(result, "title", None) or None,
        url=getattr(result, "url", None) or url,
        outlet=getattr(result, "sitename", None) or None,
        authors=authors,
        published=published,
        published_from="html-meta" if published else None,
        published_at=published_at,
    )
    return text, meta


def _published_instant(html: str, day: date) -> str | None:
    """The publication instant written in the page, if it agrees with the extracted date."""
    head = html[:200_000]
    for pattern in _TIMESTAMPS:
        for match in pattern.finditer(head):
            try:
                found_day, instant = parse_moment(match.group(1), "page")
            except BadMetadata:
                continue
            if found_day == day and instant is not None:
                return instant
    return None
