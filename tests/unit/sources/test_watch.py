"""The watch end to end (issue 20): sources on a loopback news site, polled, their pages
fetched and stored, the archive replayed; what the store, ``store.followed`` and ``fetches``
hold after each cycle.

The site is :class:`newsserver.NewsServer` on 127.0.0.1; nothing here reaches any other
network. The helpers at the top (articles, feeds, settings) are shared with
``test_watch_faults.py`` and ``test_watch_cli.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from newsserver import NewsServer

from conftest import Files
from storyline.errors import StorylineError
from storyline.runner import RunOptions, run
from storyline.sources.archive import archive_folder
from storyline.sources.http import HttpSettings
from storyline.sources.urls import url_key
from storyline.sources.watch import Watcher, WatchSettings
from storyline.store import Store

# Settings that keep a cycle fast on loopback: no pacing, short timeouts, no retry waits.
HTTP = HttpSettings(host_delay=0, timeout=1, retries=0, backoff=0.01)
SETTINGS = WatchSettings(interval=600, fetch_threads=4, http=HTTP)
OPTIONS = RunOptions(workers=1)


# Articles: written for these tests (fictional towns, people and numbers).


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    paragraphs: tuple[str, ...]
    published: str  # ISO 8601
    author: str = "Mara Lind"
    outlet: str = "Portwell Courier"

    @property
    def path(self) -> str:
        return f"/news/{self.slug}"

    def url(self, site: NewsServer) -> str:
        return site.url(self.path)

    @property
    def summary(self) -> str:
        return self.paragraphs[0]

    def html(self, *, extra: str = "") -> str:
        body = "\n".join(f"    <p>{escape(p)}</p>" for p in self.paragraphs)
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{escape(self.title)} | {escape(self.outlet)}</title>
  <meta property="og:title" content="{escape(self.title)}">
  <meta property="article:published_time" content="{self.published}">
  <meta name="author" content="{escape(self.author)}">
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
  </header>
  <main>
  <article>
    <h1>{escape(self.title)}</h1>
    <p class="byline">By {escape(self.author)}</p>
{body}{extra}
  </article>
  </main>
  <footer><p>Portwell Courier, 12 Quay Street, Portwell.</p></footer>
</body>
</html>
"""


ARTICLES = {
    a.slug: a
    for a in (
        Article(
            "quay-wall",
            "Portwell quay wall finished ahead of the winter storms",
            (
                "PORTWELL - The new quay wall at Portwell harbour was finished on Monday, "
                "three weeks before the first winter storms are expected, the harbour board "
                "said.",
                "The wall, 420 metres of concrete and steel sheet piling, replaces the stone "
                "quay that partly collapsed in the gales of two winters ago. Work was held up "
                "for most of the summer by a shortage of steel.",
                "Harbour master Olav Brekke said the fishing fleet could moor along the whole "
                "length again from Thursday. The board put the final cost at 18.4 million "
                "euros, about two million more than planned.",
                "Traders on the quay welcomed the news. Fish merchant Ilse Voss said the "
                "closure had cost her business a third of its autumn sales.",
            ),
            "2025-03-10T08:00:00Z",
        ),
        Article(
            "ferry-fares",
            "Eastmere ferry fares to rise by six percent in April",
            (
                "EASTMERE - Fares on the Eastmere to Skerry Point ferry will rise by six "
                "percent from the first of April, the operator Coastline Ferries announced "
                "on Tuesday.",
                "A single adult ticket will cost 7.40 euros, up from 7.00. Season tickets for "
                "island residents are frozen for another year after a campaign by the Skerry "
                "Point community council.",
                "The company blamed the price of fuel and the cost of refitting its older "
                "vessel, the Marsk, which spent six weeks in dry dock this winter.",
                "Councillor Rena Holt said the rise was hard on day visitors but that "
                "keeping residents' tickets unchanged was the part that mattered most.",
            ),
            "2025-03-11T09:30:00Z",
            author="Tomas Reid",
        ),
        Article(
            "library",
            "Halden Bay library reopens after two-year renovation",
            (
                "HALDEN BAY - The town library reopened its doors on Saturday after a "
                "renovation that took two years and cost 5.2 million euros.",
                "The building, a former grain store from 1896, now has a children's floor, "
                "a reading room facing the bay and a workshop with sewing machines and "
                "3D printers that members can book by the hour.",
                "Chief librarian Agnes Moll said more than 1,100 people visited on the "
                "opening day, and 240 new members signed up before closing time.",
                "The council had considered closing the library in 2021 before a petition "
                "signed by four thousand residents persuaded it to renovate instead.",
            ),
            "2025-03-08T10:00:00Z",
        ),
        Article(
            "tram",
            "Council approves tram extension to Northfield",
            (
                "NORTHFIELD - The city council voted on Wednesday to extend tram line 3 by "
                "four kilometres to the Northfield housing estate, ending a debate that has "
                "run for more than a decade.",
                "The extension will add five stops, including one at Northfield hospital, "
                "and is due to open in 2028. The council put the cost at 96 million euros, "
                "of which the national government will pay half.",
                "Transport alderman Piet Vermeer said the vote passed by 27 to 12. The "
                "opposition argued that electric buses would serve the estate at a fraction "
                "of the price.",
            ),
            "2025-03-12T16:45:00Z",
            author="Saskia Brandt",
        ),
        Article(
            "mesh-protest",
            "Fishermen protest new mesh rules at Portwell market",
            (
                "PORTWELL - About sixty fishermen blocked the entrance to the Portwell fish "
                "market for two hours on Thursday morning in protest against new rules on "
                "the size of net meshes.",
                "The rules, which take effect in June, raise the smallest mesh allowed for "
                "cod and haddock from 100 to 120 millimetres. Skippers say they will lose "
                "a fifth of their catch and must buy new nets at their own expense.",
                "The fisheries inspectorate said the change was needed to let young fish "
                "escape and breed. Market manager Karl Dunn said auctions began late but "
                "every lot was sold by noon.",
            ),
            "2025-03-13T07:15:00Z",
        ),
        Article(
            "school-roof",
            "Eastmere school roof repairs delayed again",
            (
                "EASTMERE - Repairs to the leaking roof of St Brigid's primary school will "
                "not start before the summer holidays, the education board said on Friday, "
                "the second delay this year.",
                "Two classrooms have been closed since January, when water came through the "
                "ceiling during heavy rain. Their pupils are taught in the school hall and "
                "in a portable cabin in the playground.",
                "The board said the contractor it chose had pulled out. Parents' council "
                "chair Dana Okafor called the delay unacceptable and asked for a meeting "
                "with the board before Easter.",
            ),
            "2025-03-14T12:00:00Z",
            author="Tomas Reid",
        ),
        Article(
            "flood-barrier",
            "Flood barrier test closes the river Halde for six hours",
            (
                "HALDEN BAY - The river Halde was closed to shipping for six hours on Sunday "
                "while engineers tested the new flood barrier at its mouth for the first "
                "time under full load.",
                "The two steel gates, each forty metres wide, swung shut in eleven minutes, "
                "one minute faster than the design requires. The water authority said no "
                "faults were found.",
                "Barge skippers had been warned a month in advance. The authority plans a "
                "second test in the autumn, before the barrier goes into service.",
            ),
            "2025-03-09T06:00:00Z",
            author="Saskia Brandt",
        ),
        Article(
            "bakery",
            "Old Town bakery marks its hundredth year",
            (
                "PORTWELL - The Haas family bakery on Mill Lane celebrated its hundredth "
                "year on Saturday with free rye bread for the first hundred customers and a "
                "queue that reached the end of the street.",
                "Founded by Greta Haas in 1925, the bakery is now run by her great-grandson "
                "Jonas, who still uses her sourdough starter. He said the oven was replaced "
                "in 1978 but the recipe never was.",
                "The mayor presented the family with a plaque, and the town archive opened "
                "an exhibition of photographs of the shop through the decades.",
            ),
            "2025-03-15T11:00:00Z",
        ),
        Article(
            "wind-farm",
            "Skerry Point wind farm wins planning consent",
            (
                "SKERRY POINT - An offshore wind farm of 38 turbines twelve kilometres north "
                "of Skerry Point was granted planning consent on Monday after a two-year "
                "review.",
                "The developer, Northsea Breeze, says the farm will supply power to about "
                "300,000 homes from 2029. Construction work will be staged from the port of "
                "Eastmere, bringing an estimated 400 jobs.",
                "Island fishermen had objected that cables would cross their best grounds. "
                "The consent requires the cable route to be moved two kilometres to the "
                "east and buried at least one metre deep.",
            ),
            "2025-03-17T14:20:00Z",
            author="Tomas Reid",
        ),
        Article(
            "maternity-wing",
            "Northfield hospital opens new maternity wing",
            (
                "NORTHFIELD - Northfield hospital opened its new maternity wing on Tuesday, "
                "with twenty-four delivery rooms and a neonatal unit twice the size of the "
                "old one.",
                "The first baby born in the wing, a girl weighing 3.6 kilograms, arrived "
                "shortly after six in the morning, staff said.",
                "The hospital's director, Dr Ruth Akande, said the wing would let the "
                "hospital take mothers from the Eastmere district, whose own maternity "
                "ward closed last year. Midwives' union representative Hanne Sorensen said "
                "twelve more midwives would have to be hired to staff it fully.",
            ),
            "2025-03-18T09:00:00Z",
            author="Saskia Brandt",
        ),
    )
}


def put_articles(site: NewsServer, *slugs: str) -> list[Article]:
    found = [ARTICLES[s] for s in slugs]
    for article in found:
        site.put(article.path, article.html())
    return found


def rfc822(iso: str) -> str:
    """An RSS date: ``2025-03-10T08:00:00Z`` as ``Mon, 10 Mar 2025 08:00:00 GMT``."""
    return format_datetime(datetime.fromisoformat(iso.replace("Z", "+00:00")), usegmt=True)


def rss_item(
    site: NewsServer,
    article: Article | None = None,
    *,
    link: str | None = "",
    guid: str | None = "",
    title: str | None = None,
    summary: str | None = None,
    dated: bool = True,
) -> str:
    """An RSS ``<item>``: by default the article's title, page, summary and date."""
    parts = []
    title = title if title is not None else (article.title if article else None)
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    if link == "" and article is not None:
        link = site.url(article.path)
    if link:
        parts.append(f"<link>{escape(link)}</link>")
    if guid == "" and article is not None:
        guid = f"courier-{article.slug}"
    if guid:
        parts.append(f'<guid isPermaLink="false">{escape(guid)}</guid>')
    summary = summary if summary is not None else (article.summary if article else None)
    if summary:
        parts.append(f"<description>{escape(summary)}</description>")
    if dated and article is not None:
        parts.append(f"<pubDate>{rfc822(article.published)}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def rss(items: list[str], title: str = "Portwell Courier: Local news") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://127.0.0.1/</link>"
        "<description>News from Portwell and the coast</description>"
        + "".join(items)
        + "</channel></rss>"
    )


def put_feed(site: NewsServer, path: str, *articles: Article, title: str | None = None) -> str:
    """An RSS feed of these articles at ``path`` (pages served too); its URL."""
    for article in articles:
        site.put(article.path, article.html())
    items = [rss_item(site, a) for a in articles]
    site.put(path, rss(items, *([title] if title else [])), "application/rss+xml")
    return site.url(path)


# The store, as the tests look at it.


def stored(store: Store) -> dict[str, tuple[str | None, str | None, str]]:
    """Current documents: source key -> (url, title, format)."""
    rows = store.rows(
        "SELECT source_key, url, raw_title, format FROM documents WHERE superseded_by IS NULL"
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def places(store: Store) -> list[str]:
    """Every place an article was found at (the ``sources`` table), sorted."""
    return sorted(r[0] for r in store.rows("SELECT source_key FROM sources"))


def fetch_rows(store: Store, purpose: str | None = None) -> list[tuple[str, str, object]]:
    """``fetches`` in order: (url, purpose, status or error kind)."""
    rows = store.rows("SELECT url, purpose, status, error_kind FROM fetches ORDER BY id")
    return [
        (r[0], r[1], r[2] if r[3] is None else r[3])
        for r in rows
        if purpose is None or r[1] == purpose
    ]


def problem_set(store: Store) -> set[tuple[str, str, str]]:
    """The latest run's problems: (source, kind, severity)."""
    return {(p.source, p.kind, p.severity) for p in store.problems()}


def seconds_until(moment: str) -> float:
    return (datetime.fromisoformat(moment) - datetime.now(UTC)).total_seconds()


def integrity(db: Path) -> str:
    with Store(db) as store:
        return str(store.conn.execute("PRAGMA integrity_check").fetchone()[0])


@pytest.fixture
def site() -> Iterator[NewsServer]:
    with NewsServer() as server:
        yield server


@pytest.fixture
def watcher(store: Store) -> Iterator[Watcher]:
    with Watcher(store, SETTINGS, OPTIONS) as opened:
        yield opened


def follow(store: Store, *urls: str, kind: str = "new", interval: float | None = None) -> None:
    for url in urls:
        store.followed.add(url, kind, interval_s=interval)


# Feeds: new entries fetched once, an unchanged feed costs one 304, a changed entry a version.


def test_a_feed_is_read_once_then_only_its_new_and_changed_entries(
    site: NewsServer, store: Store, watcher: Watcher
) -> None:
    quay, ferry, library = put_articles(site, "quay-wall", "ferry-fares", "library")
    items = [rss_item(site, a) for a in (quay, ferry, library)]
    site.put("/feed.xml", rss(items), "application/rss+xml")
    feed = site.url("/feed.xml")
    follow(store, feed)

    first = watcher.cycle()
    assert (first.polled, first.entries, first.new, first.pages) == (1, 3, 3, 3)
    assert first.run is not None and first.run.new == 3
    assert stored(store) == {
        site.url(a.path): (site.url(a.path), a.title, "web") for a in (quay, ferry, library)
    }
    assert [site.hits(a.path) for a in (quay, ferry, library)] == [1, 1, 1]
    source = store.followed.get(feed)
    assert (source.kind, source.title, source.failures, source.last_error) == (
        "feed",
        "Portwell Courier: Local news",
        0,
        None,
    )
    resource = site.resource("/feed.xml")
    assert resource is not None and source.etag == resource.etag
    assert 560 < seconds_until(source.next_poll_at) <= 600
    assert fetch_rows(store) == [
        (feed, "poll", 200),
        *[(site.url(a.path), "page", 200) for a in (quay, ferry, library)],
    ]
    (doc_id,) = next(store.rows("SELECT id FROM documents WHERE url = ?", (quay.url(site),)))
    document = store.get_document(doc_id)
    assert (str(document.published), document.authors, document.external_id) == (
        "2025-03-10",
        ("Mara Lind",),
        "courier-quay-wall",
    )
    assert "Harbour master Olav Brekke said" in document.raw_text

    # Nothing changed: the feed answers 304 and no page is asked for.
    second = watcher.cycle(everything=True)
    assert (second.polled, second.not_modified, second.entries, second.pages) == (1, 1, 0, 0)
    assert second.run is None
    assert site.requests[-1].path == "/feed.xml"
    assert site.requests[-1].headers.get("if-none-match") == source.etag
    assert fetch_rows(store)[-1] == (feed, "poll", 304)
    assert [site.hits(a.path) for a in (quay, ferry, library)] == [1, 1, 1]
    assert store.count_documents(include_superseded=True) == 3

    # A new entry, and the ferry story updated (its page and its summary): those two only.
    tram = put_articles(site, "tram")[0]
    later = replace(
        ferry,
        paragraphs=(
            *ferry.paragraphs,
            "Update: the operator said on Wednesday that children under twelve will "
            "continue to travel free on all sailings.",
        ),
    )
    site.put(ferry.path, later.html())
    changed = rss_item(site, ferry, summary=ferry.summary + " Children still travel free.")
    items = [rss_item(site, tram), rss_item(site, quay), changed, rss_item(site, library)]
    site.put("/feed.xml", rss(items), "application/rss+xml")
    third = watcher.cycle(everything=True)
    assert (third.entries, third.new, third.pages) == (4, 2, 2)
    assert third.run is not None and (third.run.new, third.run.new_versions) == (2, 1)
    assert [site.hits(a.path) for a in (quay, ferry, library, tram)] == [1, 2, 1, 1]
    now = stored(store)
    assert sorted(now) == sorted(site.url(a.path) for a in (quay, ferry, library, tram))
    assert places(store) == sorted(now)
    versions = list(
        store.rows(
            "SELECT id, superseded_by, previous_version, raw_text FROM documents "
            "WHERE source_key = ? ORDER BY pk",
            (site.url(ferry.path),),
        )
    )
    assert len(versions) == 2
    old, new = versions
    assert old["superseded_by"] == new["id"] and new["previous_version"] == old["id"]
    assert "children under twelve" in new["raw_text"]
    assert "children under twelve" not in old["raw_text"]
    assert store.count_documents() == 4 and store.count_documents(include_superseded=True) == 5


def test_the_same_on_a_postgresql_store(
    site: NewsServer, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cycles above, on PostgreSQL (issue 21): one watch per store by an advisory lock,
    the archive under ``storyline-archive/`` in the folder the watch runs in."""
    monkeypatch.chdir(tmp_path)
    with Store(postgres_url) as store, Watcher(store, SETTINGS, OPTIONS) as watcher:
        test_a_feed_is_read_once_then_only_its_new_and_changed_entries(site, store, watcher)
        with Store(postgres_url) as again:
            second = Watcher(again, SETTINGS, replace(OPTIONS, wait=False))
            with watcher._watching(), pytest.raises(StorylineError, match="is watching"):
                second.cycle()
    (archive,) = (tmp_path / "storyline-archive").iterdir()
    assert archive.name.startswith("127.0.0.1-") and list(archive.glob("*.warc.gz"))


def test_one_article_in_two_feeds_is_fetched_once(
    site: NewsServer, store: Store, watcher: Watcher
) -> None:
    tram, bakery = put_articles(site, "tram", "bakery")
    site.put("/news/tram/amp", tram.html())  # the AMP edition of the same story
    campaign = tram.url(site) + "?utm_source=rss&utm_medium=feed"
    site.put(
        "/city.xml",
        rss([rss_item(site, tram, link=campaign), rss_item(site, bakery)], "City"),
        "application/rss+xml",
    )
    site.put(
        "/transport.xml",
        rss([rss_item(site, tram, link=site.url("/news/tram/amp"), guid="t-1")], "Transport"),
        "application/rss+xml",
    )
    follow(store, site.url("/city.xml"), site.url("/transport.xml"))

    report = watcher.cycle()
    assert (report.entries, report.new, report.pages) == (3, 2, 2)
    assert site.hits(tram.path) == 1 and site.hits("/news/tram/amp") == 0
    assert not [r for r in site.requests if "utm_" in r.path]
    assert stored(store) == {
        tram.url(site): (tram.url(site), tram.title, "web"),
        bakery.url(site): (bakery.url(site), bakery.title, "web"),
    }
    assert store.count_documents(include_superseded=True) == 2

    # A third feed, later, listing the AMP edition and the mobile site's address (m.): met
    # already, neither is fetched.
    mobile = tram.url(site).replace("://127.0.0.1:", "://m.127.0.0.1:")
    site.put(
        "/latest.xml",
        rss(
            [
                rss_item(site, tram, link=site.url("/news/tram/amp"), guid="l-1"),
                rss_item(site, tram, link=mobile, guid="l-2"),
            ],
            "Latest",
        ),
        "application/rss+xml",
    )
    follow(store, site.url("/latest.xml"))
    again = watcher.cycle()
    assert (again.polled, again.entries, again.new, again.run) == (1, 2, 0, None)
    assert site.hits("/news/tram/amp") == 0 and site.hits(tram.path) == 1
    assert [url for url, purpose, _ in fetch_rows(store) if purpose == "page"] == [
        tram.url(site),
        bakery.url(site),
    ]
    assert store.count_documents(include_superseded=True) == 2


def test_duplicate_guids_undated_entries_and_entries_without_a_link(
    site: NewsServer, store: Store, watcher: Watcher
) -> None:
    school, flood = put_articles(site, "school-roof", "flood-barrier")
    notice = (
        "The harbour office will be closed on Easter Monday. Mooring fees due that day can be "
        "paid on Tuesday without a late charge, the harbour board said."
    )
    tide = (
        "Spring tides are expected on Wednesday and Thursday. The harbour master asks owners "
        "of small boats on the east pontoon to check their mooring lines before nightfall."
    )
    items = [
        rss_item(site, school),
        rss_item(site, school),  # the same item twice
        rss_item(site, flood, dated=False),  # no date in the feed: the page's
        rss_item(
            site, None, link=None, guid="notice-17", title="Harbour office closed", summary=notice
        ),
        # Nothing but text: named by a hash of the entry.
        rss_item(site, None, link=None, guid=None, summary=tide),
        # The same guid again, with other text: one place, read once (the first).
        rss_item(
            site,
            None,
            link=None,
            guid="notice-17",
            title="Harbour office closed",
            summary="Changed text that a second copy of the entry carries.",
        ),
    ]
    site.put("/feed.xml", rss(items), "application/rss+xml")
    feed = site.url("/feed.xml")
    follow(store, feed)

    report = watcher.cycle()
    assert (report.entries, report.new, report.pages, report.from_entry) == (6, 4, 2, 2)
    assert (site.hits(school.path), site.hits(flood.path)) == (1, 1)
    notice_key = f"{feed}#id=notice-17"
    now = stored(store)
    (tide_key,) = [k for k in now if k.startswith(f"{feed}#id=") and k != notice_key]
    assert re.fullmatch(r"#id=[0-9a-f]{16}", tide_key.removeprefix(feed))
    assert now == {
        school.url(site): (school.url(site), school.title, "web"),
        flood.url(site): (flood.url(site), flood.title, "web"),
        notice_key: (None, "Harbour office closed", "feed"),
        tide_key: (None, None, "feed"),
    }
    assert places(store) == sorted(now)
    dates = dict(store.rows("SELECT source_key, published || ' ' || published_from FROM documents"))
    assert dates[school.url(site)] == "2025-03-14 web"  # the feed's date
    assert dates[flood.url(site)] == "2025-03-09 html-meta"  # the page's own
    (text,) = next(store.rows("SELECT raw_text FROM documents WHERE source_key = ?", (notice_key,)))
    assert text == notice
    (text,) = next(store.rows("SELECT raw_text FROM documents WHERE source_key = ?", (tide_key,)))
    assert text == tide
    met = store.followed.met([notice_key, tide_key])
    assert [met[k].state for k in (notice_key, tide_key)] == ["entry", "entry"]
    # Polled again, the feed rewritten in another order: nothing new.
    site.put("/feed.xml", rss([items[2], items[0], *items[3:], items[1]]), "application/rss+xml")
    again = watcher.cycle(everything=True)
    assert (again.entries, again.new, again.run) == (6, 0, None)
    assert store.count_documents(include_superseded=True) == 4


def test_entries_past_max_pages_wait_for_the_next_cycle(site: NewsServer, store: Store) -> None:
    articles = put_articles(site, "quay-wall", "ferry-fares", "library", "tram", "bakery")
    feed = put_feed(site, "/feed.xml", *articles)
    follow(store, feed)
    with Watcher(store, replace(SETTINGS, max_pages=2), OPTIONS) as watcher:
        done, lines = [], []
        for _ in range(3):
            report = watcher.cycle(everything=True)
            done.append((report.not_modified, report.new, report.pages, report.deferred))
            lines.append(report.line())
            # With entries left over the feed is asked for again in full, not with its ETag
            # (a 304 would not list them); once all are read, its ETag is kept.
            assert (store.followed.get(feed).etag is None) == (report.deferred > 0)
        last = watcher.cycle(everything=True)
    assert done == [(0, 5, 2, 3), (0, 3, 2, 1), (0, 1, 1, 0)]
    assert (
        "5 new: 2 pages fetched, 0 from the feed's own text, 3 left for the next cycle"
        in (lines[0])
    )
    assert "left for the next cycle" not in lines[2]
    assert (last.not_modified, last.new) == (1, 0)
    assert stored(store) == {a.url(site): (a.url(site), a.title, "web") for a in articles}
    assert [site.hits(a.path) for a in articles] == [1, 1, 1, 1, 1]


# Pages that cannot be fetched.


def test_an_unfetched_page_gives_way_to_the_entry_text(site: NewsServer, store: Store) -> None:
    quay, ferry, library, tram, bakery = put_articles(
        site, "quay-wall", "ferry-fares", "library", "tram", "bakery"
    )
    site.fault(quay.path, "status", status=404)
    site.fault(ferry.path, "status", status=410)
    site.fault(library.path, "status", status=500)
    site.fault(tram.path, "status", status=404)  # and its entry has no text of its own
    site.fault(bakery.path, "flaky", failures=1, status=503)  # no text either; back later
    items = [
        rss_item(site, quay),
        rss_item(site, ferry),
        rss_item(site, library),
        rss_item(site, tram, summary=""),
        rss_item(site, bakery, summary=""),
    ]
    site.put("/feed.xml", rss(items), "application/rss+xml")
    feed = site.url("/feed.xml")
    follow(store, feed)
    settings = replace(SETTINGS, page_retries=2)

    with Watcher(store, settings, OPTIONS) as watcher:
        first = watcher.cycle()
        assert (first.new, first.pages, first.from_entry) == (5, 0, 3)
        assert first.run is not None and first.run.new == 3
        assert stored(store) == {
            a.url(site): (a.url(site), a.title, "feed") for a in (quay, ferry, library)
        }
        texts = dict(store.rows("SELECT source_key, raw_text FROM documents"))
        assert texts[quay.url(site)] == quay.summary
        problems = {(p.source, p.kind, p.severity): p.message for p in store.problems()}
        assert problems == {
            (quay.url(site), "page-unfetched", "warning"): "page http-404: answered 404 Not "
            "Found; the feed entry's own text was read instead",
            (ferry.url(site), "page-unfetched", "warning"): "page http-410: answered 410 Gone; "
            "the feed entry's own text was read instead",
            (library.url(site), "page-unfetched", "warning"): "page http-500: answered 500 "
            "Internal Server Error; the feed entry's own text was read instead",
            (tram.url(site), "unfetched", "error"): "page http-404: answered 404 Not Found, "
            "and its entry has no text of its own",
            (bakery.url(site), "unfetched", "error"): "page http-503: answered 503 Service "
            "Unavailable, and its entry has no text of its own",
        }
        met = store.followed.met([url_key(a.url(site)) for a in (quay, library, tram, bakery)])
        assert {m.source_key: (m.state, m.source_id) for m in met.values()} == {
            quay.url(site): ("entry", 1),  # a 404: the page is not coming
            library.url(site): ("retry", 1),  # a 500: it may
            tram.url(site): ("failed", 1),
            bakery.url(site): ("failed", 1),
        }
        pages = fetch_rows(store, "page")
        assert sorted(pages) == sorted(
            [
                (quay.url(site), "page", "http-404"),
                (ferry.url(site), "page", "http-410"),
                (library.url(site), "page", "http-500"),
                (tram.url(site), "page", "http-404"),
                (bakery.url(site), "page", "http-503"),
            ]
        )
        # The source itself is fine: its pages failed, not the feed.
        assert store.followed.get(feed).failures == 0

        # The next cycles (the feed unchanged) try the pages that may still come: the
        # bakery's is back; the library's, once its server recovers, replaces the entry's
        # text as a new version; the tram's is tried page_retries times more, then left.
        second = watcher.cycle(everything=True)
        assert (second.new, second.pages) == (3, 1)
        assert bakery.url(site) in stored(store)
        assert stored(store)[bakery.url(site)] == (bakery.url(site), bakery.title, "web")
        assert [site.hits(a.path) for a in (quay, ferry, library, tram, bakery)] == [1, 1, 2, 2, 2]
        site.clear(library.path)
        third = watcher.cycle(everything=True)
        assert (third.new, third.pages) == (2, 1)
        assert stored(store)[library.url(site)] == (library.url(site), library.title, "web")
        fourth = watcher.cycle(everything=True)
        assert (fourth.new, fourth.pages, fourth.run) == (0, 0, None)
        assert site.hits(tram.path) == 3 and site.hits(library.path) == 3
        assert tram.url(site) not in stored(store)
        assert store.followed.met([url_key(tram.url(site))])[url_key(tram.url(site))].failures == 3
        # quay, ferry, bakery, and the library twice: its entry's text, then its page.
        assert store.count_documents(include_superseded=True) == 5


# Every kind of source.


def json_feed(site: NewsServer, *articles: Article, extra: list[dict[str, object]]) -> str:
    items: list[dict[str, object]] = [
        {
            "id": f"jf-{a.slug}",
            "url": a.url(site),
            "title": a.title,
            "summary": a.summary,
            "date_published": a.published,
            "authors": [{"name": a.author}],
        }
        for a in articles
    ]
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Eastmere Herald",
            "home_page_url": site.url("/"),
            "items": items + extra,
        }
    )


def atom(site: NewsServer, *articles: Article) -> str:
    entries = "".join(
        f"<entry><id>urn:herald:{a.slug}</id><title>{escape(a.title)}</title>"
        f'<link rel="alternate" href="{a.url(site)}"/><updated>{a.published}</updated>'
        f"<summary>{escape(a.summary)}</summary><author><name>{a.author}</name></author></entry>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<id>urn:herald</id><title>Halden Bay Herald</title><updated>2025-03-18T00:00:00Z"
        f"</updated>{entries}</feed>"
    )


def rdf(site: NewsServer, *articles: Article) -> str:
    items = "".join(
        f'<item rdf:about="{a.url(site)}"><title>{escape(a.title)}</title>'
        f"<link>{a.url(site)}</link><description>{escape(a.summary)}</description>"
        f"<dc:date>{a.published}</dc:date></item>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="{site.url("/rdf.xml")}"><title>Skerry Point Tidings</title>'
        "<link>http://127.0.0.1/</link><description>Island news</description></channel>"
        f"{items}</rdf:RDF>"
    )


def news_sitemap(site: NewsServer, *articles: Article) -> str:
    urls = "".join(
        f"<url><loc>{a.url(site)}</loc><news:news><news:publication><news:name>"
        f"{escape(a.outlet)}</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{a.published}</news:publication_date>"
        f"<news:title>{escape(a.title)}</news:title></news:news></url>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{urls}</urlset>"
    )


def sitemap_index(site: NewsServer, *paths: str) -> str:
    children = "".join(f"<sitemap><loc>{site.url(p)}</loc></sitemap>" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{children}</sitemapindex>"
    )


def test_every_kind_of_source_ends_in_stored_documents(
    site: NewsServer, store: Store, watcher: Watcher
) -> None:
    quay, ferry, library, tram, mesh, school, flood = put_articles(
        site,
        "quay-wall",
        "ferry-fares",
        "library",
        "tram",
        "mesh-protest",
        "school-roof",
        "flood-barrier",
    )
    linkless = {
        "id": "jf-notice-3",
        "title": "Ferry timetable for the Easter weekend",
        "content_html": "<p>Extra sailings leave Eastmere at 07:15 and 19:45 on Good Friday "
        "and Easter Monday. The last ferry from Skerry Point on Easter Sunday leaves at 18:00 "
        "instead of 21:30, Coastline Ferries said.</p>",
        "date_published": "2025-03-16T08:00:00Z",
    }
    site.put("/feed.json", json_feed(site, quay, extra=[linkless]), "application/feed+json")
    site.put("/atom.xml", atom(site, ferry), "application/atom+xml")
    site.put("/rdf.xml", rdf(site, library), "application/rdf+xml")
    site.put("/news-sitemap.xml", news_sitemap(site, tram), "application/xml")
    site.put("/sitemaps/a.xml", news_sitemap(site, mesh), "application/xml")
    site.put("/sitemaps/b.xml", news_sitemap(site, school), "application/xml")
    site.put(
        "/sitemap-index.xml",
        sitemap_index(site, "/sitemaps/a.xml", "/sitemaps/gone.xml", "/sitemaps/b.xml"),
        "application/xml",
    )
    sources = {
        "/feed.json": ("feed", "Eastmere Herald"),
        "/atom.xml": ("feed", "Halden Bay Herald"),
        "/rdf.xml": ("feed", "Skerry Point Tidings"),
        "/news-sitemap.xml": ("sitemap", None),
        "/sitemap-index.xml": ("sitemap", None),
        flood.path: ("page", None),
    }
    follow(store, *(site.url(p) for p in sources))

    report = watcher.cycle()
    assert (report.polled, report.failed, report.entries, report.new) == (6, 0, 8, 8)
    assert (report.pages, report.from_entry) == (7, 1)
    # A child sitemap that is gone is a warning; the index's other children are read.
    assert [(p.source, p.kind, p.severity) for p in report.problems] == [
        (site.url("/sitemaps/gone.xml"), "http-404", "warning")
    ]
    linkless_key = f"{site.url('/feed.json')}#id=jf-notice-3"
    assert stored(store) == {
        **{
            a.url(site): (a.url(site), a.title, "web")
            for a in (quay, ferry, library, tram, mesh, school, flood)
        },
        linkless_key: (None, "Ferry timetable for the Easter weekend", "feed"),
    }
    assert {
        path: (s.kind, s.title)
        for path, s in ((p, store.followed.get(site.url(p))) for p in sources)
    } == sources
    # Every page was asked for once, the page source once only (its poll is its fetch).
    assert [site.hits(a.path) for a in (quay, ferry, library, tram, mesh, school, flood)] == [1] * 7
    assert (site.hits("/sitemaps/a.xml"), site.hits("/sitemaps/b.xml")) == (1, 1)
    index = store.followed.get(site.url("/sitemap-index.xml")).id
    assert [r[1:3] for r in store.followed.fetches(index)][::-1] == [
        (site.url("/sitemap-index.xml"), "poll"),
        (site.url("/sitemaps/a.xml"), "poll"),
        (site.url("/sitemaps/gone.xml"), "poll"),
        (site.url("/sitemaps/b.xml"), "poll"),
        (mesh.url(site), "page"),
        (school.url(site), "page"),
    ]
    dates = dict(store.rows("SELECT source_key, published FROM documents"))
    assert dates[tram.url(site)] == "2025-03-12" and dates[linkless_key] == "2025-03-16"


def test_a_page_source_is_read_again_when_it_changes(
    site: NewsServer, store: Store, watcher: Watcher
) -> None:
    (wind,) = put_articles(site, "wind-farm")
    follow(store, wind.url(site))
    assert watcher.cycle().pages == 1
    unchanged = watcher.cycle(everything=True)
    assert (unchanged.not_modified, unchanged.pages, unchanged.run) == (1, 0, None)
    site.put(wind.path, wind.html())  # served again (a new ETag), the same page
    same = watcher.cycle(everything=True)
    assert (same.not_modified, same.new, same.run) == (0, 0, None)
    correction = (
        "\n    <p>Correction: an earlier version of this article said the farm would have 36 "
        "turbines. The consent is for 38.</p>"
    )
    site.put(wind.path, wind.html(extra=correction))
    updated = watcher.cycle(everything=True)
    assert (updated.new, updated.pages) == (1, 1)
    assert updated.run is not None and updated.run.new_versions == 1
    (text,) = next(store.rows("SELECT raw_text FROM documents WHERE superseded_by IS NULL"))
    assert "The consent is for 38." in text
    assert site.hits(wind.path) == 4
    assert store.count_documents() == 1 and store.count_documents(include_superseded=True) == 2


# Folders.


STORY = (
    "Portwell council sets its budget for 2025\n\n"
    "PORTWELL - The town council adopted a budget of 212 million euros for next year on "
    "Thursday evening, after a debate that ran past midnight.\n\n"
    "Spending on roads and the harbour rises by nine percent, while the library and the "
    "swimming pool keep last year's allowance. Property tax goes up by two percent.\n\n"
    "Finance alderman Joost Kramer said the harbour repairs left the council no choice, "
    "and promised that the rise would be the last for at least three years.\n"
)


def test_a_folder_source_and_a_folder_that_is_gone(
    site: NewsServer, store: Store, watcher: Watcher, files: Files
) -> None:
    budget = files.write("desk/budget.txt", STORY)
    files.write("desk/budget.meta.json", json.dumps({"id": "desk-1", "published": "2024-11-28"}))
    folder = str((files.root / "desk").resolve())
    feed = put_feed(site, "/feed.xml", ARTICLES["bakery"])
    follow(store, folder, kind="folder")
    follow(store, feed)

    first = watcher.cycle()
    assert (first.polled, first.failed, first.pages) == (2, 0, 1)
    assert first.run is not None and first.run.new == 2
    assert stored(store) == {
        str(budget): (None, None, "txt"),
        ARTICLES["bakery"].url(site): (
            ARTICLES["bakery"].url(site),
            ARTICLES["bakery"].title,
            "web",
        ),
    }
    source = store.followed.get(folder)
    assert (source.kind, source.failures, source.last_error) == ("folder", 0, None)
    assert source.last_success_at is not None

    # A new file in the folder is read; the old one is not read again.
    files.write(
        "desk/ferry.txt",
        ARTICLES["ferry-fares"].title + "\n\n" + "\n\n".join(ARTICLES["ferry-fares"].paragraphs),
    )
    second = watcher.cycle(everything=True)
    assert second.run is not None
    assert (second.run.new, second.run.files_unchanged) == (1, 1)

    # The folder is gone: the source fails (and stays followed); the feed is still read.
    for path in sorted((files.root / "desk").iterdir()):
        path.unlink()
    (files.root / "desk").rmdir()
    put_feed(site, "/feed.xml", ARTICLES["bakery"], ARTICLES["library"])
    third = watcher.cycle(everything=True)
    assert (third.polled, third.failed, third.pages) == (2, 1, 1)
    assert third.run is not None and third.run.new == 1
    assert ARTICLES["library"].url(site) in stored(store)
    gone = store.followed.get(folder)
    assert (gone.failures, gone.last_error) == (
        1,
        "the folder is gone (moved, deleted or unmounted)",
    )
    assert seconds_until(gone.next_poll_at) > 560
    assert (folder, "missing", "warning") in problem_set(store)
    assert store.count_documents() == 4  # what the folder brought stays


# The archive.


def test_every_response_is_archived_and_the_archive_replays(
    site: NewsServer, store: Store, watcher: Watcher, tmp_path: Path
) -> None:
    articles = put_articles(site, "quay-wall", "tram", "bakery")
    site.put("/feed.xml", rss([rss_item(site, a) for a in articles]), "application/rss+xml")
    site.fault("/news/gone", "status", status=404)
    follow(store, site.url("/feed.xml"), site.url("/news/gone"))
    watcher.cycle()
    watcher.close()
    folder = archive_folder(store.path)
    assert folder == Path(f"{store.path}.archive")
    (warc,) = sorted(folder.glob("*.warc.gz"))
    assert warc.name.startswith("storyline-") and warc.stat().st_size > 0
    # robots.txt, the feed, the 404 and the three pages: a response and a request each.
    assert watcher.archive.records == 6

    with Store(tmp_path / "replay.db") as fresh:
        summary = run([str(folder)], fresh, OPTIONS)
        assert summary.status == "finished" and summary.new == 3
        live = {
            r[0]: (r[1], r[2]) for r in store.rows("SELECT url, raw_text, published FROM documents")
        }
        replayed = {
            r[0]: (r[1], r[2]) for r in fresh.rows("SELECT url, raw_text, published FROM documents")
        }
        assert replayed == live
        assert sorted(live) == sorted(a.url(site) for a in articles)


def test_the_archive_begins_a_new_file_past_archive_bytes(site: NewsServer, store: Store) -> None:
    articles = put_articles(site, "quay-wall", "ferry-fares", "library", "tram")
    site.put("/feed.xml", rss([rss_item(site, a) for a in articles]), "application/rss+xml")
    follow(store, site.url("/feed.xml"))
    with Watcher(store, replace(SETTINGS, archive_bytes=500), OPTIONS) as watcher:
        watcher.cycle()
    # robots.txt, the feed and four pages, and the four records the run read, a file each:
    # every record passes 500 bytes.
    warcs = sorted(archive_folder(store.path).glob("*.warc.gz"))
    assert [w.name[-14:] for w in warcs] == [f"-{n:05d}.warc.gz" for n in range(1, 11)]
    assert all(w.stat().st_size > 500 for w in warcs)
    with Store(Path(store.path).parent / "replay.db") as fresh:
        assert run([str(archive_folder(store.path))], fresh, OPTIONS).new == 4


def test_a_replayed_page_keeps_its_document_id(
    site: NewsServer, store: Store, watcher: Watcher, tmp_path: Path
) -> None:
    (quay,) = put_articles(site, "quay-wall")
    follow(store, put_feed(site, "/feed.xml", quay))
    watcher.cycle()
    watcher.close()
    with Store(tmp_path / "replay.db") as fresh:
        run([str(archive_folder(store.path))], fresh, OPTIONS)
        ids = [sorted(r[0] for r in s.rows("SELECT id FROM documents")) for s in (store, fresh)]
    assert ids[0] == ids[1]


# A source that fails.


def listed(db: str) -> dict[str, dict[str, object]]:
    from click.testing import CliRunner

    from storyline.cli import main

    result = CliRunner().invoke(main, ["sources", "list", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    return {str(row["url"]): row for row in json.loads(result.stdout)}


def test_a_failing_source_backs_off_and_recovers(site: NewsServer, store: Store) -> None:
    (quay,) = put_articles(site, "quay-wall")
    feed = put_feed(site, "/feed.xml", quay)
    follow(store, feed, interval=100)
    site.fault("/feed.xml", "status", status=500)
    settings = replace(SETTINGS, http=replace(HTTP, retries=1))
    message = "http-500: answered 500 Internal Server Error"
    with Watcher(store, settings, OPTIONS) as watcher:
        waits = []
        for failures in (1, 2, 3):
            report = watcher.cycle(everything=True)
            assert (report.polled, report.failed, report.entries, report.run) == (1, 1, 0, None)
            source = store.followed.get(feed)
            assert (source.failures, source.last_error) == (failures, message)
            assert source.last_success_at is None and source.kind == "new"
            waits.append(seconds_until(source.next_poll_at))
            ((problem,),) = [store.problems()]
            assert (problem.source, problem.kind, problem.severity) == (
                feed,
                "http-500",
                "warning",
            )
            assert problem.message == "answered 500 Internal Server Error"
        assert site.hits("/feed.xml") == 6  # each poll retried once
        assert [round(w / 100, 1) for w in waits] == [1.0, 2.0, 4.0]  # doubled per failure
        assert fetch_rows(store) == [(feed, "poll", "http-500")] * 3
        assert [r[3] for r in store.followed.fetches()] == [500, 500, 500]
        assert store.followed.due(datetime.now(UTC)) == []
        row = listed(store.path)[feed]
        assert (row["status"], row["last_error"], row["last_success"]) == (
            "failing (3x)",
            message,
            None,
        )

        site.clear("/feed.xml")
        back = watcher.cycle(everything=True)
        assert (back.failed, back.pages) == (0, 1)
        source = store.followed.get(feed)
        assert (source.failures, source.kind) == (0, "feed")
        assert 80 < seconds_until(source.next_poll_at) <= 100
        row = listed(store.path)[feed]
        assert (row["status"], row["last_error"], row["day"]) == ("ok", None, 1)
        assert row["last_success"] == source.last_success_at
    assert stored(store) == {quay.url(site): (quay.url(site), quay.title, "web")}


def test_retry_after_puts_the_next_poll_off(site: NewsServer, store: Store) -> None:
    feed = put_feed(site, "/feed.xml", *put_articles(site, "tram"))
    follow(store, feed, interval=10)
    site.fault("/feed.xml", "status", status=429, retry_after="120")
    settings = replace(SETTINGS, http=replace(HTTP, retries=1))
    with Watcher(store, settings, OPTIONS) as watcher:
        report = watcher.cycle()
    assert report.failed == 1
    assert site.hits("/feed.xml") == 1  # 120 s is past max_backoff: not waited for here
    source = store.followed.get(feed)
    assert (source.failures, source.last_error) == (1, "http-429: answered 429 Too Many Requests")
    assert 100 < seconds_until(source.next_poll_at) <= 120
    assert store.followed.due(datetime.now(UTC)) == []
    assert store.count_documents() == 0


def test_a_replay_into_the_same_store_adds_nothing(
    site: NewsServer, store: Store, watcher: Watcher
) -> None:
    quay, ferry = put_articles(site, "quay-wall", "ferry-fares")
    follow(store, put_feed(site, "/feed.xml", quay, ferry))
    watcher.cycle()
    watcher.close()
    before = store.count_documents()
    summary = run([str(archive_folder(store.path))], store, OPTIONS)
    assert (summary.new, summary.updated, store.count_documents()) == (0, 0, before)
    assert len(summary.same_as) == 2  # "the same article as" the ones the watch stored


def test_a_cycle_that_fails_does_not_end_the_watch(
    site: NewsServer, store: Store, watcher: Watcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.errors import StoreError

    (quay,) = put_articles(site, "quay-wall")
    follow(store, put_feed(site, "/feed.xml", quay))
    said: list[str] = []
    watcher.say = said.append
    real = watcher.cycle
    calls = 0

    def cycle(everything: bool = False) -> object:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise StoreError("the disk holding the store news.db is full", hint="free space")
        watcher.stop.set()  # the second cycle is the last
        return real(everything=True)

    monkeypatch.setattr(watcher, "cycle", cycle)
    monkeypatch.setattr(watcher.stop, "wait", lambda _seconds: False)
    assert watcher.forever() == 2
    assert said[0].startswith("error: the disk holding the store news.db is full")
    assert said[0].endswith("the next cycle tries again")
    assert "stored 1 new" in said[1] and store.count_documents() == 1


def test_a_cycle_fetching_leaves_the_store_to_other_runs(site: NewsServer, tmp_path: Path) -> None:
    import threading
    import time

    from storyline.store.lock import StoreBusy, WriterLock

    quay, ferry = put_articles(site, "quay-wall", "ferry-fares")
    site.fault(ferry.path, "slow", seconds=1.5)
    db = tmp_path / "news.db"
    with Store(db) as store:
        follow(store, put_feed(site, "/feed.xml", quay, ferry))
    reports = []

    def watch() -> None:
        with (
            Store(db) as store,
            Watcher(store, replace(SETTINGS, http=replace(HTTP, timeout=5)), OPTIONS) as w,
        ):
            reports.append(w.cycle())

    cycle = threading.Thread(target=watch)
    cycle.start()
    deadline = time.monotonic() + 10
    while site.hits(ferry.path) == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    # The cycle is waiting for a page: another run may write the store meanwhile...
    writer = WriterLock(str(db))
    writer.acquire(wait=False)
    writer.release()
    # ... but a second watch may not poll it at once.
    with pytest.raises(StoreBusy, match="is watching"):
        WriterLock(str(db), suffix=".watch.lock", doing="is watching").acquire(wait=False)
    cycle.join(timeout=60)
    (report,) = reports
    assert (report.pages, report.run is not None and report.run.new) == (2, 2)
