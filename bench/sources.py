"""Live sources on loopback (issue 20): feeds served on 127.0.0.1 whose entries link to pages
holding real wire text (Reuters-21578 bodies, served from memory at bench time).

Parts (``--part``, repeatable; default all):

- ``first``: ``--feeds`` feeds of ``--entries`` entries each, every entry a distinct page;
  one ``watch --once`` cycle: polled, fetched, stored and clustered (the whole pipeline).
  Articles per second from first poll to stories, CPU seconds beside wall time.
- ``idle``: the next cycle, in which nothing changed: conditional GETs only (304s).
- ``parse``: reading the same feed bodies with Storyline's ``read_listing`` against
  feedparser's own ``parse`` (what a user would otherwise call), in the same run.
- ``latency``: a watch left running (``--poll`` seconds between polls of each source, 60 by
  default) while new entries appear in random feeds; seconds from an entry appearing to its
  article having a story: p50 / p95. Runs for ``--minutes`` (10: the soak of issue 20), and
  also reports whether every new entry was stored exactly once, how the process's memory
  moved from the first third of the run to the last, and its open files.

Politeness is off for the bench (``host_delay`` 0, 8 requests per host): every feed is on one
loopback host, where the defaults (1 s between requests) would measure the delay, not the code.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from bench.report import Row

PARTS = ("first", "idle", "parse", "latency")
NOTES = [
    "Loopback server in the same process (its threads share the 2 cores); politeness off "
    "(host_delay 0, per_host 8); pages are Reuters-21578 bodies wrapped in HTML at bench time.",
]
PACKAGES = ("httpx", "feedparser", "warcio", "protego")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--part", action="append", choices=PARTS, help="parts to run")
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=4.0, help="latency part's length")
    parser.add_argument("--poll", type=float, default=60.0, help="latency part's poll interval")
    parser.add_argument("--latency-feeds", type=int, default=20)


def _server() -> object:
    # The tests' loopback server (standard library only) serves the bench too.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit" / "sources"))
    from newsserver import NewsServer

    return NewsServer()


def _page(article: dict[str, object]) -> str:
    text = str(article["text"])
    title = escape(text.split("\n", 1)[0][:90])
    paragraphs = "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{article["published"] or ""}">'
        f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def _feed(name: str, items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link><guid>{escape(link)}"
        f"</guid><pubDate>{when}</pubDate></item>"
        for link, title, when in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(name)}</title><link>http://127.0.0.1/</link>{entries}</channel></rss>"
    )


def _publish(server: object, articles: list[dict[str, object]], feeds: int, per: int) -> list[str]:
    """Serve ``feeds`` feeds of ``per`` pages each; their addresses."""
    urls = []
    for f in range(feeds):
        items = []
        for e in range(per):
            article = articles[(f * per + e) % len(articles)]
            path = f"/news/{f}/{e}-{article['id']}.html"
            server.put(path, _page(article))  # type: ignore[attr-defined]
            stamp = format_datetime(datetime.now(UTC))
            items.append((server.url(path), str(article["text"])[:60], stamp))  # type: ignore[attr-defined]
        server.put(f"/feeds/{f}.xml", _feed(f"Wire {f}", items), "application/rss+xml")  # type: ignore[attr-defined]
        urls.append(server.url(f"/feeds/{f}.xml"))  # type: ignore[attr-defined]
    return urls


def _watcher(store: object, poll: float = 900.0) -> object:
    from storyline.runner import RunOptions
    from storyline.sources.http import HttpSettings
    from storyline.sources.watch import Watcher, WatchSettings

    settings = WatchSettings(
        interval=poll,
        fetch_threads=8,
        max_pages=100_000,
        http=HttpSettings(host_delay=0.0, per_host=8, retries=0, timeout=30.0),
    )
    return Watcher(store, settings, RunOptions(workers=2))  # type: ignore[arg-type]


def main(args: argparse.Namespace) -> list[Row]:
    from bench.stories import reuters_by_date
    from storyline.store import Store

    parts = args.part or list(PARTS)
    rows: list[Row] = []
    needed = args.feeds * args.entries + 2_000
    articles = [a for a in reuters_by_date(needed) if len(str(a["text"]).split()) >= 40]
    corpus = f"{args.feeds} feeds x {args.entries} entries on loopback (Reuters bodies)"
    with tempfile.TemporaryDirectory(prefix="storyline-bench-sources-") as tmp, _server() as server:  # type: ignore[attr-defined]
        urls = _publish(server, articles, args.feeds, args.entries)
        db = Path(tmp) / "news.db"
        if {"first", "idle"} & set(parts):
            with Store(db) as store:
                with store.writing():
                    for url in urls:
                        store.followed.add(url, "new")
                with _watcher(store) as watcher:  # type: ignore[attr-defined]
                    cpu, wall = time.process_time(), time.perf_counter()
                    report = watcher.cycle(everything=True)
                    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                    stories = store.conn.execute(
                        "SELECT count(*) FROM documents WHERE story_id IS NOT NULL"
                    ).fetchone()[0]
                    pipeline_s = report.run.seconds if report.run else 0.0
                    rows.append(
                        Row(
                            "sources",
                            corpus,
                            "watch --once, first cycle (poll, fetch, store, "
                            "stories, entities, events)",
                            stories,
                            wall,
                            None,
                            extra=(
                                ("CPU s (main)", f"{cpu:.1f}"),
                                ("pages", str(report.pages)),
                                ("polling + fetching s", f"{wall - pipeline_s:.1f}"),
                                ("pipeline s", f"{pipeline_s:.1f}"),
                            ),
                        )
                    )
                    print(rows[-1], flush=True)
                    if "idle" in parts:
                        cpu, wall = time.process_time(), time.perf_counter()
                        idle = watcher.cycle(everything=True)
                        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                        rows.append(
                            Row(
                                "sources",
                                corpus,
                                "next cycle, nothing changed (conditional GETs: 304)",
                                idle.polled,
                                wall,
                                None,
                                extra=(
                                    ("CPU s (main)", f"{cpu:.2f}"),
                                    ("304s", str(idle.not_modified)),
                                    ("pages", str(idle.pages)),
                                ),
                            )
                        )
                        print(rows[-1], flush=True)
        if "parse" in parts:
            rows.extend(_parse(server, urls, corpus))
        if "latency" in parts:
            rows.append(_latency(server, articles[args.feeds * args.entries :], Path(tmp), args))
    return rows


def _parse(server: object, urls: list[str], corpus: str) -> list[Row]:
    import io

    import feedparser  # type: ignore[import-untyped]
    import httpx

    from storyline.sources.parse import read_listing

    bodies = [httpx.get(u).content for u in urls]
    entries = 0
    rows = []
    for system, read in (
        ("feedparser.parse (bytes)", lambda b, u: len(feedparser.parse(io.BytesIO(b)).entries)),
        (
            "storyline read_listing (feedparser + records)",
            lambda b, u: len(read_listing(b, "application/rss+xml", u).entries),
        ),
    ):
        cpu, wall = time.process_time(), time.perf_counter()
        entries = sum(read(b, u) for b, u in zip(bodies, urls, strict=True))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        rows.append(
            Row(
                "sources",
                corpus,
                system,
                entries,
                wall,
                None,
                extra=(("CPU s (main)", f"{cpu:.2f}"), ("feeds/s", f"{len(bodies) / wall:.0f}")),
            )
        )
        print(rows[-1], flush=True)
    return rows


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _open_files() -> int:
    return len(list(Path("/proc/self/fd").iterdir()))


def _latency(
    server: object, fresh: list[dict[str, object]], tmp: Path, args: argparse.Namespace
) -> Row:
    """A watch in a thread; new entries appear at random; seconds until each has a story."""
    from storyline.store import Store

    feeds = args.latency_feeds
    db = tmp / "latency.db"
    feed_items: dict[int, list[tuple[str, str, str]]] = {}
    urls = []
    for f in range(feeds):
        feed_items[f] = []
        path = f"/live/{f}.xml"
        server.put(path, _feed(f"Live {f}", []), "application/rss+xml")  # type: ignore[attr-defined]
        urls.append(server.url(path))  # type: ignore[attr-defined]
    with Store(db) as store, store.writing():
        for url in urls:
            store.followed.add(url, "new")
    stop = threading.Event()

    def watch() -> None:
        with Store(db) as store, _watcher(store, poll=args.poll) as watcher:  # type: ignore[attr-defined]
            watcher.stop = stop
            watcher.forever()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    samples: list[tuple[float, float, int]] = []  # (seconds in, RSS MB, open files)
    started = time.monotonic()
    appeared: dict[str, float] = {}
    storied: dict[str, float] = {}
    rng = random.Random(7)
    end = time.monotonic() + args.minutes * 60
    index = 0
    next_entry = time.monotonic() + 5
    with Store(db, readonly=True) as reader:
        while time.monotonic() < end or (
            len(storied) < len(appeared) and time.monotonic() < end + 2 * args.poll
        ):
            now = time.monotonic()
            if now >= next_entry and now < end and index < len(fresh):
                article = fresh[index]
                f = rng.randrange(feeds)
                path = f"/live/{f}/{index}.html"
                server.put(path, _page(article))  # type: ignore[attr-defined]
                link = server.url(path)  # type: ignore[attr-defined]
                feed_items[f].insert(
                    0, (link, str(article["text"])[:60], format_datetime(datetime.now(UTC)))
                )
                server.put(
                    f"/live/{f}.xml", _feed(f"Live {f}", feed_items[f][:20]), "application/rss+xml"
                )  # type: ignore[attr-defined]
                appeared[link] = time.monotonic()
                index += 1
                next_entry = now + rng.uniform(2, 8)
            for (key,) in reader.conn.execute(
                "SELECT source_key FROM documents WHERE story_id IS NOT NULL"
            ):
                if key in appeared and key not in storied:
                    storied[key] = time.monotonic()
            if not samples or now - started - samples[-1][0] >= 10:
                samples.append((now - started, _rss_mb(), _open_files()))
            time.sleep(0.5)
    stop.set()
    thread.join(timeout=600)
    with Store(db, readonly=True) as reader:
        places = [k for (k,) in reader.conn.execute("SELECT source_key FROM sources")]
        current = reader.conn.execute(
            "SELECT count(*) FROM documents WHERE superseded_by IS NULL"
        ).fetchone()[0]
    stored_once = sum(1 for k in appeared if places.count(k) == 1)
    # Flat: the last third of the run against the first third after a minute of warm-up.
    warm = [x for x in samples if x[0] >= 60] or samples
    third = max(1, len(warm) // 3)
    rss_growth = statistics.mean(x[1] for x in warm[-third:]) - statistics.mean(
        x[1] for x in warm[:third]
    )
    files = (min(x[2] for x in warm), max(x[2] for x in warm))
    waits = sorted(storied[k] - appeared[k] for k in storied)
    p50 = statistics.median(waits) if waits else float("nan")
    p95 = waits[min(len(waits) - 1, int(0.95 * len(waits)))] if waits else float("nan")
    row = Row(
        "sources",
        f"{feeds} live feeds, a new entry every 2-8 s for {args.minutes:g} min",
        f"watch, poll every {args.poll:g} s: entry appears -> its article has a story",
        len(waits),
        args.minutes * 60,
        None,
        extra=(
            ("p50 s", f"{p50:.1f}"),
            ("p95 s", f"{p95:.1f}"),
            ("never storied", str(len(appeared) - len(storied))),
            ("stored exactly once", f"{stored_once}/{len(appeared)} ({current} documents)"),
            ("RSS MB first third -> last", f"{rss_growth:+.1f}"),
            ("open files min-max", f"{files[0]}-{files[1]}"),
        ),
    )
    print(row, flush=True)
    return row
