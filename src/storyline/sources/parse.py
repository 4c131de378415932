"""What a fetched source holds: the entries of a feed (RSS 2.0, RSS 1.0/RDF, Atom: feedparser;
JSON Feed: here, since feedparser 6.0 does not read it), the URLs of a news sitemap or a
sitemap index, or, for anything else that is HTML, one article page.

Every entry becomes the record a JSON Lines line holds (``id``, ``title``, ``url``,
``published``, ``authors``, ``outlet``, ``html``/``text``), so the reader treats an entry
whose page cannot be fetched like any feed entry. Sitemaps are parsed with lxml with
entities and network access off (a sitemap is untrusted XML).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urljoin

from storyline.ingest.feed import html_to_text, looks_like_feed, parse_feed
from storyline.model import Problem
from storyline.sources.urls import fetchable

JSON_FEED_TYPES = ("application/feed+json", "application/json")
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_SITEMAP_URLS = 50_000  # the sitemap protocol's own limit per file


@dataclass(frozen=True, slots=True)
class Entry:
    """One article a source lists: its address (None: a feed entry with no link), the
    record to read when the page cannot be fetched, and the entry's own id."""

    url: str | None
    record: dict[str, object]
    guid: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """What one fetch of a source gave: ``kind`` (feed, sitemap, sitemapindex, page),
    entries, child sitemaps to follow, its title, its announced update period (seconds) and
    problems (warnings: the source is still read; errors: nothing could be read)."""

    kind: str
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    title: str | None = None
    period: float | None = None
    problems: list[Problem] = field(default_factory=list)


def kind_of(body: bytes, content_type: str) -> str:
    """``feed``, ``jsonfeed``, ``sitemap``, ``html`` or ``unknown``, from the body first (servers
    mislabel feeds as text/html and text/xml) and the content type second."""
    head = body[:4096].lstrip()
    if head.startswith(b"{") and b'"version"' in body[:4096] and b"jsonfeed.org" in body[:4096]:
        return "jsonfeed"
    if looks_like_feed(head):
        return "feed"
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    lowered = head[:1024].lower()
    if content_type in HTML_TYPES or b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    return "unknown"


def read_listing(body: bytes, content_type: str, url: str) -> Listing:
    """The entries in the source fetched from ``url``."""
    kind = kind_of(body, content_type)
    if kind == "feed":
        parsed = parse_feed(body, url, base_url=url, content_type=content_type)
        entries = [_feed_entry(record) for _, record in parsed.records]
        return Listing("feed", entries, [], parsed.title, parsed.period, parsed.problems)
    if kind == "jsonfeed":
        return _json_feed(body, url)
    if kind == "sitemap":
        return _sitemap(body, url)
    if kind == "html":
        return Listing("page", [Entry(url, {"url": url})])
    return Listing(
        "unknown",
        problems=[
            Problem(
                url,
                "not-a-source",
                f"is neither a feed, a sitemap nor an HTML page ({content_type or 'no type'})",
                "give the address of an RSS/Atom/JSON feed, a news sitemap or an article",
            )
        ],
    )


def _feed_entry(record: dict[str, object]) -> Entry:
    url = record.get("url")
    guid = record.get("id")
    return Entry(
        url if isinstance(url, str) and fetchable(url) else None,
        record,
        guid if isinstance(guid, str) else None,
    )


def _json_feed(body: bytes, url: str) -> Listing:
    try:
        feed = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        return Listing("feed", problems=[_bad(url, f"is not valid JSON ({err})")])
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        return Listing("feed", problems=[_bad(url, "is a JSON Feed without an 'items' list")])
    title = feed.get("title") if isinstance(feed.get("title"), str) else None
    authors_of_feed = _names(feed.get("authors") or feed.get("author"))
    entries = []
    for item in feed["items"]:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        link = urljoin(url, link) if isinstance(link, str) else None
        record: dict[str, object] = {
            "id": str(item["id"]) if item.get("id") is not None else None,
            "title": item.get("title") if isinstance(item.get("title"), str) else None,
            "published": item.get("date_published") or item.get("date_modified"),
            "url": link,
            "outlet": title,
            "authors": _names(item.get("authors") or item.get("author")) or authors_of_feed,
        }
        if isinstance(item.get("content_html"), str) and item["content_html"].strip():
            record["html"] = item["content_html"]
        elif isinstance(item.get("content_text"), str) and item["content_text"].strip():
            record["text"] = item["content_text"]
        elif isinstance(item.get("summary"), str) and item["summary"].strip():
            record["text"] = item["summary"]
        entries.append(_feed_entry(record))
    problems = [] if entries else [Problem(url, "empty", "feed has no entries", severity="warning")]
    return Listing("feed", entries, [], title, None, problems)


def _names(value: object) -> list[str]:
    people = value if isinstance(value, list) else [value]
    return [
        p["name"].strip()
        for p in people
        if isinstance(p, dict) and isinstance(p.get("name"), str) and p["name"].strip()
    ]


def _sitemap(body: bytes, url: str) -> Listing:
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as err:
        return Listing("sitemap", problems=[_bad(url, f"is not well-formed XML ({err})")])
    name = etree.QName(root).localname
    sm = f"{{{SITEMAP_NS}}}"
    if name == "sitemapindex":
        children = [
            urljoin(url, (loc.text or "").strip()) for loc in root.iter(f"{sm}loc") if loc.text
        ]
        return Listing("sitemapindex", sitemaps=[c for c in children if fetchable(c)])
    entries = []
    for node in root.iter(f"{sm}url"):
        loc = node.findtext(f"{sm}loc")
        if not loc or not fetchable(urljoin(url, loc.strip())):
            continue
        link = urljoin(url, loc.strip())
        news = f"{{{NEWS_NS}}}"
        record: dict[str, object] = {
            "url": link,
            "title": node.findtext(f"{news}news/{news}title"),
            "published": node.findtext(f"{news}news/{news}publication_date")
            or node.findtext(f"{sm}lastmod"),
            "outlet": node.findtext(f"{news}news/{news}publication/{news}name"),
        }
        entries.append(
            Entry(link, {k: v.strip() if isinstance(v, str) else v for k, v in record.items()})
        )
        if len(entries) >= MAX_SITEMAP_URLS:
            break
    return Listing("sitemap", entries)


def _bad(url: str, what: str) -> Problem:
    return Problem(url, "malformed", what, "check the source's address, or tell its site")


def entry_summary(record: dict[str, object]) -> str:
    """An entry's text as the feed gives it (its HTML made plain), for change detection."""
    if isinstance(record.get("text"), str):
        return str(record["text"])
    if isinstance(record.get("html"), str):
        return html_to_text(str(record["html"]))
    return ""
