"""RSS and Atom feeds: one JSON record per entry, and the text of an entry's HTML.

A feed is parsed with feedparser from the file's bytes only: feedparser fetches anything
that looks like a URL and opens anything that names a file, so it is always given an
in-memory stream. Each entry becomes the same JSON record a JSON Lines line holds (``id``,
``title``, ``html`` or ``text``, ``published``, ``url``, ``outlet``, ``authors``), read later
by the reader like any record.

Dates are the entry's own strings (``published``, else ``updated``), read by
:func:`~storyline.ingest.dates.parse_date` like every other metadata date. feedparser's
``*_parsed`` values are not used: they are converted to UTC, which moves an evening story
from a western time zone to the next day, and they roll impossible dates over
(``2025-13-45`` becomes 2026-01-01) where we refuse them.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from storyline.errors import BadMetadata, EmptyInput
from storyline.ingest.dates import parse_date
from storyline.ingest.html import MIN_WORDS, extract_html
from storyline.model import Problem
from storyline.text.tokens import length_in_words
from storyline.timex.durations import adverb_period
from storyline.timex.lexicon import ISO_UNIT_DAYS

MAX_FEED_BYTES = 64_000_000
SNIFF_BYTES = 2048
# Share of an entry's words trafilatura must keep for its text to be used (see entry_text).
TRAFILATURA_MIN_SHARE = 0.8
_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:rss|feed)[\s>/]|<rdf:RDF[\s>/]")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# RSS <author> is "email (Name)"; feedparser splits it wrongly when the domain's last label
# is longer than four letters ("desk@gazette.example (Ana Costa)" gives "ple (Ana Costa").
_EMAIL_AND_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*$")


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of an XML file open an RSS, Atom or RSS 1.0 (RDF) feed."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return _FEED_ROOT.search(head) is not None


def feed_records(path: Path) -> Iterator[tuple[int, bytes] | Problem]:
    """Yield ``(entry number, JSON record)`` per entry, and problems with the feed itself."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FEED_BYTES:
            yield Problem(
                source,
                "too-large",
                f"feed is {size / 1e6:.1f} MB, more than the {MAX_FEED_BYTES / 1e6:.0f} MB "
                "a feed file may have",
                "split it into smaller feeds or convert it to .jsonl",
            )
            return
        data = path.read_bytes()
    except OSError as err:
        yield Problem(source, "unreadable", f"cannot read: {err.strerror}", "check permissions")
        return
    parsed = parse_feed(data, source)
    yield from parsed.problems
    for number, record in parsed.records:
        yield number, json.dumps(record, ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's entries as records (numbered from 1), its problems, its title, and how often
    it says it changes (``ttl`` or ``sy:updatePeriod``/``sy:updateFrequency``), in seconds."""

    records: list[tuple[int, dict[str, object]]]
    problems: list[Problem]
    title: str | None = None
    period: float | None = None


def parse_feed(
    data: bytes, source: str, base_url: str | None = None, content_type: str | None = None
) -> ParsedFeed:
    """Parse an RSS, RSS 1.0 or Atom feed held in ``data``; relative links are resolved
    against ``base_url`` (the address it was fetched from, served as ``content_type``)."""
    # feedparser ships no type hints.
    import feedparser  # type: ignore[import-untyped]

    headers = None
    if base_url:
        # feedparser complains of a missing or non-XML type ("text/html" for a feed is
        # common): the bytes decide what a source is (sources/parse.py), so say XML.
        xml = content_type if content_type and "xml" in content_type else "application/xml"
        headers = {"content-location": base_url, "content-type": xml}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries: list[Any] = list(parsed.entries)
    if not entries:
        return ParsedFeed([], [_no_entries(source, parsed)], None, _period(parsed.feed))
    problems: list[Problem] = []
    if parsed.bozo:
        problems.append(
            Problem(
                source,
                "malformed",
                f"is not well-formed ({parsed.get('bozo_exception')}); "
                f"its {len(entries)} entries were read by a lenient parser",
                "check the entries look complete, or fix the feed",
                severity="warning",
            )
        )
    outlet = _plain(parsed.feed.get("title"), parsed.feed.get("title_detail"))
    encoding = parsed.get("encoding") or "utf-8"
    records = [
        (number, _record(entry, outlet, encoding, f"{source}:{number}"))
        for number, entry in enumerate(entries, start=1)
    ]
    return ParsedFeed(records, problems, outlet, _period(parsed.feed))


def _period(feed: Any) -> float | None:
    """Seconds between updates the feed announces: RSS ``ttl`` (minutes), else
    ``sy:updatePeriod`` divided by ``sy:updateFrequency``."""
    ttl = str(feed.get("ttl") or "").strip()
    if ttl.isdigit() and int(ttl) > 0:
        return int(ttl) * 60.0
    iso = adverb_period(str(feed.get("sy_updateperiod") or ""))  # "hourly" -> "PT1H"
    if iso is None or not iso[-2].isdigit():
        return None
    count = float(iso.strip("PT")[:-1])
    period = count * 3600.0 if iso.startswith("PT") else count * 86400.0 * ISO_UNIT_DAYS[iso[-1]]
    frequency = str(feed.get("sy_updatefrequency") or "1").strip()
    return period / max(1, int(frequency)) if frequency.isdigit() else period


def _no_entries(source: str, parsed: Any) -> Problem:
    # A feed feedparser recognises (it names its version) that has no entries is empty, even
    # if a flaw feedparser itself calls harmless set ``bozo`` (a wrong declared encoding, an
    # undeclared namespace): feedparser's own test feeds hold 244 such feeds, which were
    # reported as unreadable. A feed cut off in the middle is still malformed.
    import feedparser

    harmless = (feedparser.ThingsNobodyCaresAboutButMe, feedparser.UndeclaredNamespace)
    if parsed.get("version") and (
        not parsed.bozo or isinstance(parsed.get("bozo_exception"), harmless)
    ):
        return Problem(source, "empty", "feed has no entries", severity="warning")
    if parsed.bozo:
        return Problem(
            source,
            "malformed",
            f"could not be read as a feed: {parsed.get('bozo_exception')}",
            "check it is a complete RSS or Atom file",
        )
    return Problem(
        source, "malformed", "is not an RSS or Atom feed", "check it is an RSS or Atom file"
    )


def _record(entry: Any, outlet: str | None, encoding: str, name: str) -> dict[str, object]:
    record: dict[str, object] = {
        "id": entry.get("id") or None,
        "title": _plain(entry.get("title"), entry.get("title_detail")),
        "published": _date(entry, name),
        "url": _web_link(entry.get("link")),
        "outlet": outlet,
        "authors": _authors(entry),
        "encoding": encoding,
    }
    body = _body(entry)
    if body is not None:
        value, is_html = body
        record["html" if is_html else "text"] = value
    return record


def _body(entry: Any) -> tuple[str, bool] | None:
    """The entry's fullest body, and whether it is HTML: content, else summary/description."""
    for item in entry.get("content") or []:
        value = item.get("value")
        if isinstance(value, str) and value.strip():
            return value, item.get("type") in _HTML_TYPES
    summary = entry.get("summary")
    if isinstance(summary, str) and summary.strip():
        detail = entry.get("summary_detail") or {}
        return summary, detail.get("type", "text/html") in _HTML_TYPES
    return None


def _date(entry: Any, name: str) -> str | None:
    """The first of ``published``, ``updated`` we can read; else the first one, to report."""
    # ``"updated" in entry``: reading a missing "updated" returns "published", with a warning.
    updated = entry.get("updated") if "updated" in entry else None
    values = [v for v in (entry.get("published"), updated) if isinstance(v, str)]
    for value in values:
        try:
            parse_date(value, name)
        except BadMetadata:
            continue
        return value
    return values[0] if values else None


def _authors(entry: Any) -> list[str]:
    single = entry.get("author")
    if isinstance(single, str) and (match := _EMAIL_AND_NAME.match(single)):
        return [match["name"].strip()]
    names: list[str] = []
    for author in entry.get("authors") or []:
        name = author.get("name") if isinstance(author, dict) else None
        if isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return names


def _web_link(link: object) -> str | None:
    # feedparser puts an Atom entry's id in ``link`` when it has no link ("urn:uuid:…"), and a
    # relative link has no base to resolve against in a file: neither locates the article.
    if isinstance(link, str) and link.startswith(("http://", "https://")):
        return link
    return None


def _plain(value: object, detail: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    is_html = isinstance(detail, dict) and detail.get("type") in _HTML_TYPES
    return " ".join((html_to_text(value) if is_html else value).split()) or None


def entry_text(html: str, source: str, url: str | None) -> str:
    """The text of an entry's HTML body.

    trafilatura's text when it finds the article in it, which drops what feeds wrap around
    the body (share links, "The post … appeared first on …"); otherwise the HTML without its
    tags. trafilatura is tuned for whole pages: on a fragment it finds nothing in a lone
    paragraph or a ``<div>`` with line breaks, and drops lists and tables. When it keeps less
    than :data:`TRAFILATURA_MIN_SHARE` of the words, it dropped content rather than wrapping,
    and the tag-stripped text is the better record of what the feed carries. The page
    metadata trafilatura reports for a fragment is guesswork (a date in the text, a heading as
    title) and is not used: the entry's own fields are the metadata.
    """
    plain = html_to_text(html)
    words = length_in_words(plain)
    if words < MIN_WORDS:
        return plain
    try:
        text, _ = extract_html(html, source, url)
    except EmptyInput:
        return plain
    return text if length_in_words(text) >= TRAFILATURA_MIN_SHARE * words else plain


_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr"),
        "ul",
    }
)
_SKIP_TAGS = frozenset(("script", "style", "template"))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Text without tags: one line per block (paragraph, list item, heading), spaces collapsed."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)
