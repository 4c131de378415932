"""The Sources view (issue 20): health of every followed source, one source's requests, and
the link from an article to the source it came from; the same in the JSON API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.model import Document
from storyline.store import Store
from storyline.store.followed import Fetch, Met
from storyline.web import create_app

FEED = "https://harbour.example/rss.xml"
PAGE = "https://harbour.example/news/dock-strike"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    db = tmp_path / "news.db"
    with Store(db) as store, store.writing():
        store.save_documents(
            [
                Document(
                    id="d1f00d",
                    source=PAGE,
                    source_key=PAGE,
                    format="web",
                    raw_text="Dock workers in Castlerock will strike for two days next week.",
                    text="Dock workers in Castlerock will strike for two days next week.",
                    title="Dock strike called",
                    url=PAGE,
                )
            ]
        )
        good, _ = store.followed.add(FEED, "new")
        bad, _ = store.followed.add("https://closed.example/feed", "new")
        soon = datetime.now(UTC) + timedelta(minutes=15)
        store.followed.polled(good, ok=True, next_poll=soon, kind="feed", title="Harbour Wire")
        store.followed.polled(bad, ok=False, next_poll=soon, error="http-410: answered 410 Gone")
        store.followed.log(
            [
                Fetch(good.id, FEED, "poll", 200, 2_048, 0.12),
                Fetch(good.id, PAGE, "page", 200, 9_000, 0.3),
                Fetch(
                    bad.id,
                    "https://closed.example/feed",
                    "poll",
                    410,
                    0,
                    0.05,
                    "http-410",
                    "answered 410 Gone",
                ),
            ]
        )
        store.followed.remember(
            [Met("harbour.example/news/dock-strike", PAGE, good.id, "f", "page")]
        )
    return TestClient(create_app(db, allowed_hosts=None))


def test_the_sources_page_shows_health(client: TestClient) -> None:
    page = client.get("/sources").text
    assert "Harbour Wire" in page and "st-ok" in page
    assert "failing (1×)" in page and "http-410: answered 410 Gone" in page
    assert '<svg class="spark"' in page  # a day's volume


def test_one_source_lists_its_requests(client: TestClient) -> None:
    page = client.get("/sources/1").text
    assert PAGE in page and "9000" in page
    failing = client.get("/sources/2").text
    assert "Last error" in failing and "410" in failing
    assert client.get("/sources/99").status_code == 404


def test_an_article_links_to_its_source(client: TestClient) -> None:
    page = client.get("/documents/d1f00d").text
    assert 'from <a href="/sources/1">Harbour Wire</a>' in page


def test_the_api_answers_the_same(client: TestClient) -> None:
    body = client.get("/api/sources").json()
    assert [r["status"] for r in body["data"]] == ["ok", "failing"]
    assert body["data"][0]["articles_day"] == 1 and body["data"][1]["failures"] == 1
    one = client.get("/api/sources/1").json()["data"]
    assert {f["purpose"] for f in one["fetches"]} == {"poll", "page"}
    assert client.get("/api/sources/99").json()["error"]["status"] == 404


def test_a_store_from_before_sources_shows_none(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as store:
        store.conn.execute("DROP TABLE followed")
    client = TestClient(create_app(db, allowed_hosts=None))
    assert "No sources followed yet" in client.get("/sources").text
    assert client.get("/api/sources").json()["data"] == []
