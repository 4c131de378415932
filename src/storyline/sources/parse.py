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
from typing import Any
from urllib.parse import urljoin

from storyline.ingest.feed import html_to_text, looks_like_feed, parse_feed
from storyline.model import Problem
from storyline.sources.urls import fetchable

JSON_FEED_TYPES = ("application/feed+json", "application/json")
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
    head = body[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
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
        link = urljoin(url, link.strip()) if isinstance(link, str) else None
        dates = [item.get(k) for k in ("date_published", "date_modified")]
        record: dict[str, object] = {
            "id": str(item["id"]) if item.get("id") is not None else None,
            "title": item.get("title") if isinstance(item.get("title"), str) else None,
            "published": next((d for d in dates if isinstance(d, str) and d.strip()), None),
            # Only a web address is kept (a feed's RSS and Atom links are, in ingest/feed.py):
            # the record is stored as the article's when its page cannot be fetched.
            "url": link if link is not None and fetchable(link) else None,
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
    """A sitemap or a sitemap index. Elements are matched on their local names, as Scrapy
    does: a sitemap without the sitemaps.org namespace (or with a wrong one) is common and
    is read, not taken for an empty one. An address holding an entity reference is skipped:
    entities are never expanded, and the text around one is not the address."""
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as err:
        return Listing("sitemap", problems=[_bad(url, f"is not well-formed XML ({err})")])
    if _local(root) == "sitemapindex":
        nodes = [node for node in root if _local(node) == "sitemap"]
        children = [c for c in (_loc(url, node) for node in nodes) if isinstance(c, str)]
        skipped = sum(_loc(url, node) is _ENTITY for node in nodes)
        return Listing("sitemapindex", sitemaps=children, problems=_entities(url, skipped))
    entries = []
    skipped = 0
    for node in root:
        if _local(node) != "url":
            continue
        link = _loc(url, node)
        if not isinstance(link, str):
            skipped += link is _ENTITY
            continue
        news = _child(node, "news")
        publication = _child(news, "publication")
        record: dict[str, object] = {
            "url": link,
            "title": _text(_child(news, "title")),
            "published": _text(_child(news, "publication_date")) or _text(_child(node, "lastmod")),
            "outlet": _text(_child(publication, "name")),
        }
        entries.append(Entry(link, record))
        if len(entries) >= MAX_SITEMAP_URLS:
            break
    return Listing("sitemap", entries, problems=_entities(url, skipped))


def _local(node: Any) -> str | None:
    """An element's name without its namespace; None for a comment or an entity."""
    tag = node.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def _child(node: Any, name: str) -> Any:
    """``node``'s first child element called ``name`` (any namespace), or None."""
    if node is None:
        return None
    return next((c for c in node if _local(c) == name), None)


def _text(node: Any) -> str | None:
    """An element's text, stripped; None when missing or empty. An entity reference in it
    stays as written (``&name;``): it is never expanded."""
    if node is None:
        return None
    text = "".join(node.itertext()).strip()
    return text or None


_ENTITY = object()  # what _loc gives for an address holding an entity reference


def _loc(url: str, node: Any) -> str | object | None:
    """The fetchable address in ``node``'s ``<loc>``, resolved against ``url``; None when
    there is none, ``_ENTITY`` when it holds an entity reference (a child node)."""
    loc = _child(node, "loc")
    if loc is not None and len(loc):
        return _ENTITY
    if loc is None or not loc.text or not loc.text.strip():
        return None
    link = urljoin(url, loc.text.strip())
    return link if fetchable(link) else None


def _entities(url: str, skipped: int) -> list[Problem]:
    if not skipped:
        return []
    return [
        Problem(
            url,
            "entity",
            f"has {skipped} address(es) made with an XML entity; entities are never expanded, "
            "so they were skipped",
            "tell the site: a sitemap's addresses are written out in full",
            severity="warning",
        )
    ]


def _bad(url: str, what: str) -> Problem:
    return Problem(url, "malformed", what, "check the source's address, or tell its site")


def entry_summary(record: dict[str, object]) -> str:
    """An entry's text as the feed gives it (its HTML made plain), for change detection."""
    if isinstance(record.get("text"), str):
        return str(record["text"])
    if isinstance(record.get("html"), str):
        return html_to_text(str(record["html"]))
    return ""
