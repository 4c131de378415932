"""Feeds and web archives for the ingest tests, written for them (no real outlet's text)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STRIKE_HTML = (
    "<p>Dock workers in Rotterdam walked out on Monday, halting container traffic at the "
    "biggest port in Europe.</p>"
    "<p>The union said the strike would last until employers improved their offer on pay "
    "and on night shifts.</p>"
    "<p>Talks are set to resume on Thursday, a spokeswoman for the port authority said.</p>"
)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <description>News from the docks</description>
  <item>
    <title>Cranes stand idle &amp; ships wait</title>
    <link>https://gazette.example/2025/cranes-idle</link>
    <guid isPermaLink="false">hg-101</guid>
    <pubDate>Mon, 10 Mar 2025 23:30:00 -0500</pubDate>
    <dc:creator>Jana Novak</dc:creator>
    <description>Dock workers walked out.</description>
    <content:encoded><![CDATA[{STRIKE_HTML}]]></content:encoded>
  </item>
  <item>
    <title>Ferry fares to rise</title>
    <link>https://gazette.example/2025/ferry-fares</link>
    <pubDate>Tue, 11 Mar 2025 08:00:00 +0000</pubDate>
    <author>desk@gazette.example (Ana Costa)</author>
    <description>Ferry fares go up by &lt;b&gt;six percent&lt;/b&gt; in April.</description>
  </item>
  <item>
    <title>Photo of the day</title>
    <link>https://gazette.example/2025/photo</link>
    <description><![CDATA[<img src="https://gazette.example/p.jpg">]]></description>
  </item>
  <item>
    <title>Pilots vote on new rota</title>
    <guid isPermaLink="false">hg-104</guid>
    <pubDate>sometime next week</pubDate>
    <description>Harbour pilots vote on Friday on a new rota.</description>
  </item>
</channel>
</rss>
"""

_ESCAPED_STRIKE = STRIKE_HTML.replace("<", "&lt;").replace(">", "&gt;")

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Continental &lt;i&gt;Wire&lt;/i&gt;</title>
  <id>urn:uuid:5c0e7a52-feed-4e3a-9d4b-000000000001</id>
  <updated>2025-03-12T10:00:00Z</updated>
  <entry>
    <title>Strike halts port traffic</title>
    <id>urn:cw:2025:0311:strike</id>
    <link rel="alternate" href="https://wire.example/strike"/>
    <published>2025-03-11T09:00:00+02:00</published>
    <updated>2025-03-12T10:00:00Z</updated>
    <author><name>Ana Costa</name></author>
    <author><name>Piet Visser</name></author>
    <summary>A short summary that is not the body.</summary>
    <content type="html">{_ESCAPED_STRIKE}</content>
  </entry>
  <entry>
    <title>Ferries back on schedule</title>
    <id>urn:cw:2025:0312:ferries</id>
    <updated>2025-13-45T10:00:00Z</updated>
    <summary type="text">Ferries ran on schedule again on Wednesday.</summary>
  </entry>
  <entry>
    <title>Untitled draft</title>
    <id>urn:cw:2025:0312:draft</id>
    <updated>2025-03-12T11:00:00Z</updated>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://tidings.example/">
    <title>Lowland Tidings</title>
    <link>https://tidings.example/</link>
    <description>Regional news</description>
  </channel>
  <item rdf:about="https://tidings.example/dyke">
    <title>Dyke repairs finished early</title>
    <link>https://tidings.example/dyke</link>
    <description>Repairs to the sea dyke near Harlingen finished two weeks early.</description>
    <dc:date>2025-03-09T08:00:00Z</dc:date>
    <dc:creator>Kim de Vries</dc:creator>
  </item>
  <item rdf:about="https://tidings.example/ferry">
    <title>Ferry crew honoured</title>
    <link>https://tidings.example/ferry</link>
    <description>The crew of the night ferry received a bravery award.</description>
    <dc:date>last Tuesday</dc:date>
  </item>
  <item rdf:about="https://tidings.example/blank">
    <title>Blank</title>
    <link>https://tidings.example/blank</link>
    <description>   </description>
  </item>
</rdf:RDF>
"""

DATED_PAGE = """<html><head><title>Lock gates reopen | Canal Courier</title>
<meta property="og:title" content="Lock gates reopen after repairs">
<meta name="author" content="Sem Bakker">
<meta property="article:published_time" content="2025-02-20T07:30:00+01:00">
<meta property="og:site_name" content="Canal Courier"></head>
<body><nav><a href="/">Home</a> <a href="/region">Region</a></nav>
<article><h1>Lock gates reopen after repairs</h1>
<p>The lock gates at the harbour mouth reopened to barges on Thursday after weeks of repairs.</p>
<p>Skippers had queued for days outside the lock, and the water board apologised for the delay.</p>
<p>“The new gates should last forty years,” the board's chief engineer told reporters.</p>
</article><footer>© Canal Courier</footer></body></html>"""

UNDATED_PAGE = """<html><head><title>Quay wall study | Canal Courier</title>
<meta property="og:site_name" content="Canal Courier"></head>
<body><article><h1>Engineers study the old quay wall</h1>
<p>Engineers began a study of the old quay wall, which has sagged along its northern stretch.</p>
<p>The city council wants to know whether the wall can carry the weight of a new tram line.</p>
<p>Residents along the canal were told to expect survey boats and divers for several weeks.</p>
</article></body></html>"""

CRAWL_DATE = "2025-06-01T12:00:00Z"


@dataclass(frozen=True)
class Record:
    """One WARC record to write: an HTTP response, unless ``kind`` says otherwise."""

    uri: str
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    kind: str = "response"


# Records 2 and 5 are the two article pages; the others are not articles.
RECORDS = [
    Record("https://courier.example/locks", kind="request"),
    Record("https://courier.example/locks", DATED_PAGE.encode("utf-8")),
    Record("https://courier.example/img/lock.jpg", b"\xff\xd8\xff\xe0JFIF" * 40, "image/jpeg"),
    Record("https://courier.example/missing", b"<html>Not found</html>", status="404 Not Found"),
    Record("https://courier.example/quay-wall", UNDATED_PAGE.encode("utf-8"), "text/html"),
]


def warc_bytes(records: list[Record], *, gzip: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for record in records:
        headers = {"WARC-Date": CRAWL_DATE}
        if record.kind == "request":
            http = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "courier.example")], is_http_request=True
            )
            built = writer.create_warc_record(
                record.uri, "request", http_headers=http, warc_headers_dict=headers
            )
        else:
            http = StatusAndHeaders(
                record.status, [("Content-Type", record.content_type)], protocol="HTTP/1.1"
            )
            built = writer.create_warc_record(
                record.uri,
                "response",
                payload=io.BytesIO(record.body),
                http_headers=http,
                warc_headers_dict=headers,
            )
        writer.write_record(built)
    return out.getvalue()


def write_warc(path: Path, records: list[Record] = RECORDS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(warc_bytes(records, gzip=path.name.endswith(".gz")))
    return path


def record_offsets(data: bytes) -> list[int]:
    """Where each record starts, as warcio reports it."""
    offsets = []
    records = ArchiveIterator(io.BytesIO(data))
    for _ in records:
        offsets.append(records.get_record_offset())
    return offsets
