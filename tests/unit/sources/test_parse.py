"""What a fetched source holds (sources/parse.py) and OPML subscription lists (sources/opml.py).

Every document here is written for these tests; the addresses are under ``.example``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.sources.opml import read_opml, write_opml
from storyline.sources.parse import Entry, Listing, entry_summary, kind_of, read_listing

# -- documents ------------------------------------------------------------------------------

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://harbour.example/</link>
  <description>News from the quay</description>
  <ttl>45</ttl>
  <item>
    <title>Ferry timetable changes</title>
    <link>/news/ferry.html</link>
    <guid isPermaLink="false">hg-101</guid>
    <pubDate>Tue, 03 Jun 2025 08:15:00 +0200</pubDate>
    <dc:creator>Mira Lund</dc:creator>
    <description>&lt;p&gt;The morning ferry leaves later from Monday.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Fish market moves indoors</title>
    <link>https://harbour.example/news/market.html</link>
    <guid isPermaLink="false">hg-102</guid>
  </item>
</channel>
</rss>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/"
         xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
  <channel rdf:about="https://hill.example/">
    <title>Hill Town Notes</title>
    <link>https://hill.example/</link>
    <description>Notes</description>
    <sy:updatePeriod>hourly</sy:updatePeriod>
    <sy:updateFrequency>4</sy:updateFrequency>
    <items><rdf:Seq><rdf:li rdf:resource="https://hill.example/2025/bridge"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://hill.example/2025/bridge">
    <title>Bridge reopens after repairs</title>
    <link>https://hill.example/2025/bridge</link>
    <dc:date>2025-05-20T10:00:00+01:00</dc:date>
    <dc:creator>Tom Vale</dc:creator>
    <description>The old stone bridge is open to traffic again.</description>
  </item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://coast.example/blog/">
  <title>Coast Log</title>
  <id>urn:uuid:5b0e0c5e-coast-log</id>
  <updated>2025-04-02T09:00:00Z</updated>
  <entry>
    <title type="html">Storm &lt;b&gt;warning&lt;/b&gt; for the bay</title>
    <id>tag:coast.example,2025:storm</id>
    <link rel="alternate" href="posts/storm"/>
    <published>2025-04-01T18:30:00-05:00</published>
    <updated>2025-04-02T09:00:00Z</updated>
    <author><name>Ana Ruiz</name></author>
    <content type="html">&lt;p&gt;Winds of 90 km/h are expected tonight.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Tide tables</title>
    <id>tag:coast.example,2025:tides</id>
    <link href="https://coast.example/tides"/>
  </entry>
</feed>"""

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Valley Wire",
    "home_page_url": "https://valley.example/",
    "authors": [{"name": "Valley Desk"}],
    "items": [
        {
            "id": "vw-1",
            "url": "/stories/dam",
            "title": "Dam inspection passed",
            "content_html": "<p>Engineers signed off on the dam.</p>",
            "content_text": "Engineers signed off on the dam.",
            "date_published": "2025-03-09T07:45:00+01:00",
            "authors": [{"name": "Lea Brandt"}, {"name": "  "}],
        },
        {
            "id": 42,
            "external_url": "https://elsewhere.example/report",
            "content_text": "Only plain words here.",
            "date_modified": "2025-03-10T12:00:00Z",
        },
        {"id": "vw-3", "url": "https://valley.example/stories/vote", "summary": "Vote today."},
        "not an item",
    ],
}

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://plains.example/2025/06/grain-prices</loc>
    <news:news>
      <news:publication><news:name>Plains Herald</news:name><news:language>en</news:language>
      </news:publication>
      <news:publication_date>2025-06-11T06:00:00+00:00</news:publication_date>
      <news:title>Grain prices &amp; the weather</news:title>
    </news:news>
  </url>
  <url><loc> /2025/06/rail-strike </loc><lastmod>2025-06-10</lastmod></url>
  <url><loc>ftp://plains.example/archive.zip</loc></url>
  <url><loc>javascript:alert(1)</loc></url>
  <url><loc>   </loc></url>
</urlset>"""

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://plains.example/sitemaps/news-1.xml</loc><lastmod>2025-06-11</lastmod></sitemap>
  <sitemap><loc>news-2.xml</loc></sitemap>
  <sitemap><loc>file:///etc/passwd</loc></sitemap>
</sitemapindex>"""

PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><title>Council approves budget</title></head>
<body><article><h1>Council approves budget</h1><p>The vote was close.</p></article></body>
</html>"""


def _only_problem(listing: Listing) -> tuple[str, str, str]:
    assert len(listing.problems) == 1, listing.problems
    problem = listing.problems[0]
    return problem.kind, problem.severity, problem.message


# -- kinds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (RSS2, "application/rss+xml", "feed"),
        (RDF, "application/rdf+xml", "feed"),
        (ATOM, "application/atom+xml", "feed"),
        (ATOM, "text/html", "feed"),  # mislabelled: the body decides
        (json.dumps(JSON_FEED).encode(), "application/feed+json", "jsonfeed"),
        (b"\xef\xbb\xbf" + json.dumps(JSON_FEED).encode(), "application/json", "jsonfeed"),
        (NEWS_SITEMAP, "application/xml", "sitemap"),
        (SITEMAP_INDEX, "text/xml", "sitemap"),
        (PAGE, "text/html", "html"),
        (PAGE, "application/rss+xml", "html"),  # an HTML page served as a feed
        (b"<p>a fragment</p>", "text/html", "html"),
        (b'{"version": 2, "rows": []}', "application/json", "unknown"),
        (b"%PDF-1.7 ...", "application/pdf", "unknown"),
        (b"", "", "unknown"),
    ],
)
def test_kind_of_reads_the_body_first(body: bytes, content_type: str, kind: str) -> None:
    assert kind_of(body, content_type) == kind


# -- feeds ----------------------------------------------------------------------------------


def test_rss2_entries_with_relative_link_resolved_and_ttl_period() -> None:
    listing = read_listing(RSS2, "application/rss+xml", "https://harbour.example/feeds/main.xml")
    assert (listing.kind, listing.title, listing.period, listing.problems) == (
        "feed",
        "Harbour Gazette",
        45 * 60.0,
        [],
    )
    assert [(e.url, e.guid) for e in listing.entries] == [
        ("https://harbour.example/news/ferry.html", "hg-101"),
        ("https://harbour.example/news/market.html", "hg-102"),
    ]
    first = listing.entries[0].record
    assert first["title"] == "Ferry timetable changes"
    assert first["published"] == "Tue, 03 Jun 2025 08:15:00 +0200"
    assert first["url"] == "https://harbour.example/news/ferry.html"
    assert first["authors"] == ["Mira Lund"]
    assert first["outlet"] == "Harbour Gazette"
    assert first["html"] == "<p>The morning ferry leaves later from Monday.</p>"
    assert entry_summary(first) == "The morning ferry leaves later from Monday."
    assert listing.entries[1].record["published"] is None  # no date: None, not "now"
    assert entry_summary(listing.entries[1].record) == ""


def test_rss1_rdf_entries_and_syndication_period() -> None:
    listing = read_listing(RDF, "application/rdf+xml", "https://hill.example/index.rdf")
    assert (listing.kind, listing.title, listing.problems) == ("feed", "Hill Town Notes", [])
    assert listing.period == 3600.0 / 4  # sy:updatePeriod hourly, sy:updateFrequency 4
    [entry] = listing.entries
    assert entry.url == "https://hill.example/2025/bridge"
    assert entry.guid == "https://hill.example/2025/bridge"
    assert entry.record["title"] == "Bridge reopens after repairs"
    assert entry.record["published"] == "2025-05-20T10:00:00+01:00"
    assert entry.record["authors"] == ["Tom Vale"]


def test_atom_entries_resolve_against_xml_base_and_keep_their_own_date() -> None:
    listing = read_listing(ATOM, "application/atom+xml", "https://coast.example/feed.atom")
    assert (listing.kind, listing.title, listing.period, listing.problems) == (
        "feed",
        "Coast Log",
        None,
        [],
    )
    storm, tides = listing.entries
    assert storm == Entry(
        "https://coast.example/blog/posts/storm",
        {
            "id": "tag:coast.example,2025:storm",
            "title": "Storm warning for the bay",
            "published": "2025-04-01T18:30:00-05:00",
            "url": "https://coast.example/blog/posts/storm",
            "outlet": "Coast Log",
            "authors": ["Ana Ruiz"],
            "encoding": "utf-8",
            "html": "<p>Winds of 90 km/h are expected tonight.</p>",
        },
        "tag:coast.example,2025:storm",
    )
    assert (tides.url, tides.guid, tides.record["published"]) == (
        "https://coast.example/tides",
        "tag:coast.example,2025:tides",
        None,
    )


def test_json_feed_entries_prefer_html_and_fall_back_to_the_feeds_authors() -> None:
    body = json.dumps(JSON_FEED).encode()
    listing = read_listing(body, "application/feed+json", "https://valley.example/feed.json")
    assert (listing.kind, listing.title, listing.period, listing.problems) == (
        "feed",
        "Valley Wire",
        None,
        [],
    )
    dam, report, vote = listing.entries  # the string "not an item" is skipped
    assert dam == Entry(
        "https://valley.example/stories/dam",
        {
            "id": "vw-1",
            "title": "Dam inspection passed",
            "published": "2025-03-09T07:45:00+01:00",
            "url": "https://valley.example/stories/dam",
            "outlet": "Valley Wire",
            "authors": ["Lea Brandt"],
            "html": "<p>Engineers signed off on the dam.</p>",
        },
        "vw-1",
    )
    assert report.url == "https://elsewhere.example/report"
    assert report.guid == "42"  # a number id is kept as text
    assert report.record["text"] == "Only plain words here."
    assert "html" not in report.record
    assert report.record["published"] == "2025-03-10T12:00:00Z"  # date_modified, no other
    assert report.record["authors"] == ["Valley Desk"]
    assert report.record["title"] is None
    assert (vote.record["text"], vote.record["published"]) == ("Vote today.", None)


def test_json_feed_of_version_1_0_with_a_single_author() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1",
        "title": "Old Wire",
        "items": [{"id": "a", "url": "https://old.example/a", "author": {"name": "Ola"}}],
    }
    listing = read_listing(json.dumps(feed).encode(), "application/json", "https://old.example/f")
    assert listing.entries[0].record["authors"] == ["Ola"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "is not valid JSON"),
        (
            b'{"version": "https://jsonfeed.org/version/1.1", "items": {"a": 1}}',
            "is a JSON Feed without an 'items' list",
        ),
    ],
)
def test_a_broken_json_feed_is_an_error(body: bytes, message: str) -> None:
    listing = read_listing(body, "application/feed+json", "https://valley.example/feed.json")
    assert (listing.kind, listing.entries) == ("feed", [])
    kind, severity, text = _only_problem(listing)
    assert (kind, severity) == ("malformed", "error")
    assert text.startswith(message)
    assert listing.problems[0].source == "https://valley.example/feed.json"


def test_an_empty_json_feed_is_a_warning() -> None:
    body = b'{"version": "https://jsonfeed.org/version/1.1", "title": "Quiet", "items": []}'
    listing = read_listing(body, "application/feed+json", "https://quiet.example/feed.json")
    assert (listing.kind, listing.entries, listing.title) == ("feed", [], "Quiet")
    assert _only_problem(listing) == ("empty", "warning", "feed has no entries")


def test_json_that_is_not_a_json_feed_is_unknown() -> None:
    listing = read_listing(
        b'{"version": 2, "rows": []}', "application/json", "https://a.example/api"
    )
    assert (listing.kind, listing.entries) == ("unknown", [])
    kind, severity, message = _only_problem(listing)
    assert (kind, severity) == ("not-a-source", "error")
    assert message == "is neither a feed, a sitemap nor an HTML page (application/json)"


def test_html_served_as_a_feed_is_one_page() -> None:
    listing = read_listing(PAGE, "application/rss+xml", "https://town.example/budget")
    assert listing == Listing(
        "page", [Entry("https://town.example/budget", {"url": "https://town.example/budget"})]
    )


def test_a_truncated_feed_with_complete_entries_is_read_with_a_warning() -> None:
    body = RSS2[: RSS2.index(b"<title>Fish market")]
    listing = read_listing(body, "application/rss+xml", "https://harbour.example/rss")
    assert listing.kind == "feed"
    # the lenient parser also returns the cut item, empty (the watcher skips an entry with
    # no link, id nor title)
    assert [(e.url, e.guid, e.record["title"]) for e in listing.entries] == [
        ("https://harbour.example/news/ferry.html", "hg-101", "Ferry timetable changes"),
        (None, None, None),
    ]
    kind, severity, message = _only_problem(listing)
    assert (kind, severity) == ("malformed", "warning")
    assert message.startswith("is not well-formed (")
    assert message.endswith("; its 2 entries were read by a lenient parser")


def test_a_feed_cut_before_its_entries_is_an_error() -> None:
    body = RSS2[: RSS2.index(b"<ttl>")]
    listing = read_listing(body, "application/rss+xml", "https://harbour.example/rss")
    assert (listing.kind, listing.entries) == ("feed", [])
    kind, severity, message = _only_problem(listing)
    assert (kind, severity) == ("malformed", "error")
    assert message.startswith("could not be read as a feed: ")


def test_a_feed_without_entries_is_a_warning() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    listing = read_listing(body, "application/rss+xml", "https://empty.example/rss")
    assert (listing.kind, listing.entries) == ("feed", [])
    assert _only_problem(listing) == ("empty", "warning", "feed has no entries")


def test_duplicate_guids_are_all_returned() -> None:
    items = "".join(
        f"<item><title>Take {n}</title><link>https://dup.example/{n}</link>"
        '<guid isPermaLink="false">same-guid</guid></item>'
        for n in (1, 2)
    )
    body = f'<rss version="2.0"><channel><title>D</title>{items}</channel></rss>'.encode()
    listing = read_listing(body, "application/rss+xml", "https://dup.example/rss")
    assert [(e.url, e.guid) for e in listing.entries] == [
        ("https://dup.example/1", "same-guid"),
        ("https://dup.example/2", "same-guid"),
    ]


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi", "mailto:desk@x.example"],
)
def test_links_that_are_not_web_addresses_give_no_url(link: str) -> None:
    rss = (
        '<rss version="2.0"><channel><title>S</title><item><title>Trap</title>'
        f'<link>{link}</link><guid isPermaLink="false">t-1</guid></item></channel></rss>'
    ).encode()
    listing = read_listing(rss, "application/rss+xml", "https://trap.example/rss")
    [entry] = listing.entries
    assert (entry.url, entry.record["url"], entry.guid) == (None, None, "t-1")

    feed = {"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "j", "url": link}]}
    listing = read_listing(
        json.dumps(feed).encode(), "application/feed+json", "https://trap.example/f"
    )
    [entry] = listing.entries
    # the record is what is stored when the page is not fetched: no script address in it
    assert (entry.url, entry.record["url"], entry.guid) == (None, None, "j")


def test_json_feed_dates_that_are_not_text_are_dropped() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"id": "n", "url": "https://n.example/a", "date_published": 1700000000}],
    }
    listing = read_listing(
        json.dumps(feed).encode(), "application/feed+json", "https://n.example/f"
    )
    assert listing.entries[0].record["published"] is None


# -- sitemaps -------------------------------------------------------------------------------


def test_news_sitemap_entries() -> None:
    listing = read_listing(NEWS_SITEMAP, "application/xml", "https://plains.example/news.xml")
    assert listing == Listing(
        "sitemap",
        [
            Entry(
                "https://plains.example/2025/06/grain-prices",
                {
                    "url": "https://plains.example/2025/06/grain-prices",
                    "title": "Grain prices & the weather",
                    "published": "2025-06-11T06:00:00+00:00",
                    "outlet": "Plains Herald",
                },
            ),
            Entry(  # relative, padded with spaces; lastmod stands in for the date
                "https://plains.example/2025/06/rail-strike",
                {
                    "url": "https://plains.example/2025/06/rail-strike",
                    "title": None,
                    "published": "2025-06-10",
                    "outlet": None,
                },
            ),
        ],
    )


def test_sitemap_without_the_sitemaps_namespace_is_read() -> None:
    body = b"<urlset><url><loc>https://bare.example/a</loc></url></urlset>"
    listing = read_listing(body, "text/xml", "https://bare.example/sitemap.xml")
    assert [e.url for e in listing.entries] == ["https://bare.example/a"]


def test_sitemap_index_lists_its_children_resolved() -> None:
    listing = read_listing(SITEMAP_INDEX, "text/xml", "https://plains.example/maps/index.xml")
    assert listing == Listing(
        "sitemapindex",
        sitemaps=[
            "https://plains.example/sitemaps/news-1.xml",
            "https://plains.example/maps/news-2.xml",
        ],
    )


def test_a_truncated_sitemap_is_an_error() -> None:
    listing = read_listing(NEWS_SITEMAP[:300], "text/xml", "https://plains.example/news.xml")
    assert (listing.kind, listing.entries) == ("sitemap", [])
    kind, severity, message = _only_problem(listing)
    assert (kind, severity) == ("malformed", "error")
    assert message.startswith("is not well-formed XML (")


def test_sitemap_entities_are_never_expanded() -> None:
    secret = Path("/etc/hostname")
    body = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [
  <!ENTITY outside SYSTEM "file:///etc/hostname">
  <!ENTITY inside "INSIDE-ENTITY-TEXT">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://xxe.example/&outside;</loc></url>
  <url><loc>https://xxe.example/a&inside;b</loc></url>
  <url><loc>https://xxe.example/plain</loc>
    <news:news><news:title>Read &inside; here</news:title></news:news></url>
</urlset>"""
    listing = read_listing(body, "application/xml", "https://xxe.example/sitemap.xml")
    # An address made with an entity is skipped: the text around it is not the address (the
    # first would be the site's root).
    assert [e.url for e in listing.entries] == ["https://xxe.example/plain"]
    assert listing.entries[0].record["title"] == "Read &inside; here"
    dumped = repr(listing)
    assert "INSIDE-ENTITY-TEXT" not in dumped
    if secret.is_file() and secret.read_text().strip():
        assert secret.read_text().strip() not in dumped
    kind, severity, message = _only_problem(listing)
    assert (kind, severity) == ("entity", "warning")
    assert message.startswith("has 2 address(es) made with an XML entity")


def test_billion_laughs_is_refused_quickly() -> None:
    entities = [b'<!ENTITY lol0 "lollollollollollollollollollol">']
    for n in range(1, 10):
        refs = b"".join(b"&lol%d;" % (n - 1) for _ in range(10))
        entities.append(b'<!ENTITY lol%d "%s">' % (n, refs))
    body = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [' + b"".join(entities) + b"]>"
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://lol.example/&lol9;</loc></url></urlset>"
    )
    started = time.monotonic()
    listing = read_listing(body, "application/xml", "https://lol.example/sitemap.xml")
    assert time.monotonic() - started < 1.0
    assert listing.entries == []
    assert "lollollol" not in repr(listing)
    kind, severity, _ = _only_problem(listing)
    assert (kind, severity) in {("malformed", "error"), ("entity", "warning")}


# -- OPML -----------------------------------------------------------------------------------

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My reading</title></head>
  <body>
    <outline text="Local">
      <outline text="Harbour" title="Harbour Gazette" type="rss"
               xmlUrl="https://harbour.example/rss" htmlUrl="https://harbour.example/"/>
      <outline text="Hills">
        <outline text="Hill Town Notes" type="rss" xmlUrl=" https://hill.example/index.rdf "/>
      </outline>
    </outline>
    <outline text="A blog without a feed" htmlUrl="https://nofeed.example/"/>
    <outline text="Valley Wire" type="rss" xmlUrl="https://valley.example/feed.json"/>
  </body>
</opml>
"""


def test_read_opml_returns_feeds_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "subscriptions.opml"
    path.write_text(OPML, encoding="utf-8")
    assert read_opml(path) == [
        ("https://harbour.example/rss", "Harbour Gazette"),
        ("https://hill.example/index.rdf", "Hill Town Notes"),
        ("https://valley.example/feed.json", "Valley Wire"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (RSS2.decode(), "is not OPML (its root element is <rss>)"),
        ("Harbour Gazette, https://harbour.example/rss\n", "is not OPML: not well-formed XML"),
        ("", "is not OPML: not well-formed XML"),
    ],
)
def test_read_opml_refuses_what_is_not_opml(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "feeds.opml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_opml(path)
    assert caught.value.source == str(path)
    assert str(caught.value).startswith(f"{path}: {message}")


def test_read_opml_of_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.opml"
    with pytest.raises(InputError) as caught:
        read_opml(path)
    assert str(caught.value).startswith(f"{path}: cannot be read")


def test_read_opml_refuses_an_entity_bomb_quickly(tmp_path: Path) -> None:
    entities = ['<!ENTITY b0 "boomboomboomboomboom">']
    entities += [f'<!ENTITY b{n} "{f"&b{n - 1};" * 10}">' for n in range(1, 10)]
    path = tmp_path / "bomb.opml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE opml [{"".join(entities)}]><opml version="2.0">'
        '<body><outline text="&b9;" xmlUrl="https://bomb.example/rss"/></body></opml>',
        encoding="utf-8",
    )
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_opml(path)
    assert time.monotonic() - started < 1.0
    assert str(caught.value).startswith(f"{path}: is not OPML: not well-formed XML")


def test_write_opml_round_trips(tmp_path: Path) -> None:
    feeds: list[tuple[str, str | None]] = [
        ("https://tom.example/rss?section=a&page=2", 'Tom & Jerry\'s "Daily" <News>'),
        ("https://plain.example/feed", None),
        ("https://bell.example/rss", "Bell\x07 Tower"),  # a control character XML cannot hold
        ("https://unicode.example/flux", "Café Élysée — 東京"),
    ]
    text = write_opml(feeds, title="Mine & yours <all>")
    path = tmp_path / "export.opml"
    path.write_text(text, encoding="utf-8")
    assert read_opml(path) == [
        ("https://tom.example/rss?section=a&page=2", 'Tom & Jerry\'s "Daily" <News>'),
        ("https://plain.example/feed", None),
        ("https://bell.example/rss", "Bell Tower"),
        ("https://unicode.example/flux", "Café Élysée — 東京"),
    ]
    assert "<title>Mine &amp; yours &lt;all&gt;</title>" in text
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
