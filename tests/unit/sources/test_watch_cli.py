"""``storyline sources``, ``storyline watch`` and ``storyline fetch`` as a user types them
(issue 20): what each prints, its exit code, and what the store holds after it.

Feeds and pages come from :class:`newsserver.NewsServer` on 127.0.0.1."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from newsserver import NewsServer
from test_watch import put_articles, put_feed, seconds_until, stored

from conftest import Files
from storyline.cli import main
from storyline.sources.archive import archive_folder
from storyline.store import Store

FAST = ["--workers", "1", "--host-delay", "0", "--timeout", "1", "--retries", "0"]


@pytest.fixture
def site() -> Iterator[NewsServer]:
    with NewsServer() as server:
        yield server


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "news.db")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def followed(db: str) -> dict[str, tuple[int, str]]:
    with Store(db) as store:
        return {s.url: (s.id, s.kind) for s in store.followed.all()}


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="Local">
      <outline type="rss" text="Portwell Courier" xmlUrl="{a}"/>
      <outline type="rss" text="Eastmere Herald" title="Eastmere Herald" xmlUrl="{b}"/>
    </outline>
    <outline text="A folder of links, not a feed" htmlUrl="https://example.org/"/>
  </body>
</opml>
"""


# sources add / list / remove / export.


def test_sources_add_addresses_and_again(site: NewsServer, db: str) -> None:
    a, b = site.url("/feed.xml"), site.url("/other.xml")
    added = invoke("sources", "add", a, b + "?utm_source=newsletter#top", "--db", db)
    assert added.exit_code == 0, added.output
    assert added.stdout.splitlines() == [f"added: 1 {a}", f"added: 2 {b}"]
    assert followed(db) == {a: (1, "new"), b: (2, "new")}
    again = invoke("sources", "add", a, "--db", db, "--interval", "60")
    assert again.exit_code == 0
    assert again.stdout.splitlines() == [f"already followed: 1 {a}"]
    with Store(db) as store:
        source = store.followed.get(a)
        assert (source.interval_s, source.failures, source.last_poll_at) == (60.0, 0, None)
        assert seconds_until(source.next_poll_at) <= 0  # due at once


def test_sources_add_refuses_what_is_not_an_address(site: NewsServer, db: str) -> None:
    bad = invoke("sources", "add", "not-a-url", "--db", db)
    assert bad.exit_code == 2
    assert bad.stderr.strip() == (
        "storyline: error: not-a-url is not an http or https address (for a folder use "
        "--folder DIR)"
    )
    passwd = invoke("sources", "add", "file:///etc/passwd", site.url("/feed.xml"), "--db", db)
    assert passwd.exit_code == 2  # the good one is added, the bad one named
    assert passwd.stdout.splitlines() == [f"added: 1 {site.url('/feed.xml')}"]
    assert "file:///etc/passwd is not an http or https address" in passwd.stderr
    nothing = invoke("sources", "add", "--db", db)
    assert nothing.exit_code == 2
    assert "give an address, --opml FILE or --folder DIR" in nothing.stderr
    assert list(followed(db)) == [site.url("/feed.xml")]


def test_sources_add_opml_and_export_round_trip(
    site: NewsServer, db: str, files: Files, tmp_path: Path
) -> None:
    a, b = site.url("/courier.xml"), site.url("/herald.xml")
    opml = files.write("feeds.opml", OPML.format(a=a, b=b))
    added = invoke("sources", "add", "--opml", str(opml), "--db", db)
    assert added.exit_code == 0, added.output
    assert added.stdout.splitlines() == [f"added: 1 {a}", f"added: 2 {b}"]

    exported = invoke("sources", "export", "--opml", "--db", db)
    assert exported.exit_code == 0
    assert exported.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version')
    out = tmp_path / "out.opml"
    assert invoke("sources", "export", "--opml", "-o", str(out), "--db", db).exit_code == 0
    assert out.read_text(encoding="utf-8") == exported.stdout
    other = str(tmp_path / "other.db")
    back = invoke("sources", "add", "--opml", str(out), "--db", other)
    assert back.exit_code == 0, back.output
    assert followed(other) == followed(db) == {a: (1, "new"), b: (2, "new")}


def test_sources_add_opml_that_is_not_opml(db: str, files: Files) -> None:
    feed = files.write("notopml.xml", '<?xml version="1.0"?><rss version="2.0"></rss>')
    wrong = invoke("sources", "add", "--opml", str(feed), "--db", db)
    assert wrong.exit_code == 2
    (line,) = wrong.stderr.strip().splitlines()
    assert line.startswith(f"storyline: error: {feed}: is not OPML (its root element is <rss>)")
    broken = files.write("broken.opml", "<opml><body><outline xmlUrl='http://a.example/f'>")
    cut = invoke("sources", "add", "--opml", str(broken), "--db", db)
    assert cut.exit_code == 2
    (line,) = cut.stderr.strip().splitlines()
    assert line.startswith(f"storyline: error: {broken}: is not OPML: not well-formed XML")
    missing = invoke("sources", "add", "--opml", str(files.root / "gone.opml"), "--db", db)
    assert missing.exit_code == 2
    assert f"{files.root / 'gone.opml'}: cannot be read" in missing.stderr
    assert not Path(db).exists() or followed(db) == {}


def test_sources_add_folder(db: str, files: Files) -> None:
    folder = files.root / "desk"
    folder.mkdir(parents=True)
    added = invoke("sources", "add", "--folder", str(folder), "--db", db)
    assert added.exit_code == 0, added.output
    assert followed(db) == {str(folder.resolve()): (1, "folder")}
    missing = invoke("sources", "add", "--folder", str(files.root / "nowhere"), "--db", db)
    assert missing.exit_code == 2
    assert "is not a folder" in missing.stderr


def test_sources_list_remove_and_watch_once(site: NewsServer, db: str) -> None:
    feed = put_feed(site, "/feed.xml", *put_articles(site, "quay-wall", "tram"))
    site.fault("/down.xml", "status", status=503)
    assert invoke("sources", "add", feed, site.url("/down.xml"), "--db", db).exit_code == 0

    fresh = json.loads(invoke("sources", "list", "--db", db, "--format", "json").stdout)
    assert [(r["id"], r["kind"], r["status"], r["last_success"]) for r in fresh] == [
        (1, "new", "new", None),
        (2, "new", "new", None),
    ]

    watched = invoke("watch", "--once", "--db", db, *FAST)
    assert watched.exit_code == 0, watched.output
    (line,) = watched.stdout.splitlines()
    assert line.startswith(
        "polled 2 sources (0 unchanged, 1 failing); 2 entries, 2 new: 2 pages fetched, "
        "0 from the feed's own text; stored 2 new, 0 updated in "
    )
    assert line.endswith(" s")
    assert f"warning: {site.url('/down.xml')}: answered 503 Service Unavailable" in watched.stderr

    rows = json.loads(invoke("sources", "list", "--db", db, "--format", "json").stdout)
    assert [sorted(r) for r in rows] == [
        sorted(
            [
                "id",
                "kind",
                "url",
                "title",
                "status",
                "last_success",
                "day",
                "week",
                "next_poll",
                "last_error",
                "fetches_day",
                "errors_day",
            ]
        )
    ] * 2
    ok, down = rows
    assert (ok["url"], ok["kind"], ok["status"], ok["day"], ok["week"]) == (
        feed,
        "feed",
        "ok",
        2,
        2,
    )
    assert (ok["title"], ok["last_error"], ok["fetches_day"], ok["errors_day"]) == (
        "Portwell Courier: Local news",
        None,
        3,
        0,
    )
    assert ok["last_success"] is not None and 860 < seconds_until(ok["next_poll"]) <= 900
    assert (down["kind"], down["status"], down["last_success"], down["day"]) == (
        "new",
        "failing (1x)",
        None,
        0,
    )
    assert down["last_error"] == "http-503: answered 503 Service Unavailable"
    assert (down["fetches_day"], down["errors_day"]) == (1, 1)
    table = invoke("sources", "list", "--db", db)
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].split() == [
        "ID",
        "KIND",
        "URL",
        "STATUS",
        "LAST_SUCCESS",
        "DAY",
        "WEEK",
        "NEXT_POLL",
        "LAST_ERROR",
    ]

    removed = invoke("sources", "remove", "2", "--db", db)
    assert removed.exit_code == 0
    assert removed.stdout.strip() == f"removed: 2 {site.url('/down.xml')}"
    by_address = invoke("sources", "remove", feed, "--db", db)
    assert by_address.stdout.strip() == f"removed: 1 {feed}"
    unknown = invoke("sources", "remove", "7", "--db", db)
    assert unknown.exit_code == 2
    assert unknown.stderr.strip().startswith("storyline: error: no followed source '7'")
    with Store(db) as store:
        assert store.followed.all() == []
        assert store.count_documents() == 2  # what they brought stays


def test_watch_without_sources_is_a_usage_error(db: str) -> None:
    result = invoke("watch", "--once", "--db", db, *FAST)
    assert result.exit_code == 2
    assert "no sources to watch: add some with `storyline sources add`" in result.stderr


# fetch.


def test_fetch_stores_the_page(site: NewsServer, db: str) -> None:
    (library,) = put_articles(site, "library")
    result = invoke("fetch", library.url(site) + "?utm_campaign=spring", "--db", db, *FAST)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"fetched 1 of 1 page; stored 1 new, 0 updated in \d+\.\d s\n", result.stdout
    )
    with Store(db) as store:
        assert stored(store) == {library.url(site): (library.url(site), library.title, "web")}
        assert store.followed.all() == []
        assert [
            tuple(r) for r in store.rows("SELECT source_id, url, purpose, status FROM fetches")
        ] == [(None, library.url(site), "page", 200)]
    assert len(list(archive_folder(db).glob("*.warc.gz"))) == 1
    # Fetched again (fetch follows nothing and always reads): the same document.
    again = invoke("fetch", library.url(site), "--db", db, *FAST)
    assert again.exit_code == 0, again.output
    assert "; stored 0 new, 0 updated in " in again.stdout
    assert site.hits(library.path) == 2
    with Store(db) as store:
        assert store.count_documents(include_superseded=True) == 1


def test_fetch_of_a_missing_page_exits_1(site: NewsServer, db: str) -> None:
    result = invoke("fetch", site.url("/news/nothing-here"), "--db", db, *FAST)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {site.url('/news/nothing-here')}: page http-404: answered 404 Not Found "
        "(the page is gone; a feed that keeps failing this way should be removed)"
    ]
    assert re.fullmatch(r"fetched 0 of 1 page in \d+\.\d s\n", result.stdout)
    bad = invoke("fetch", "javascript:alert(1)", "--db", db, *FAST)
    assert bad.exit_code == 1
    assert bad.stderr.splitlines() == [
        "error: javascript:alert(1): not a fetchable web address (only http and https "
        "addresses are fetched): 'javascript:alert(1)' (give an http or https address)"
    ]
    with Store(db) as store:
        assert store.count_documents() == 0
        assert [tuple(r) for r in store.rows("SELECT url, status, error_kind FROM fetches")] == [
            (site.url("/news/nothing-here"), 404, "http-404")
        ]
