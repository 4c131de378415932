"""The HTML pages: each renders, links onward, escapes article text, and stays read-only."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient


def html(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_stories_page_lists_stories_with_sparklines(client: TestClient) -> None:
    page = html(client, "/")
    assert page.count('class="story-card"') >= 5
    assert '<svg class="spark"' in page
    assert re.search(r'href="/stories/s[0-9a-f]+"', page)


def test_story_page_has_summary_timeline_quotes_people_and_articles(client: TestClient) -> None:
    story_id = client.get("/api/stories?limit=1").json()["data"][0]["id"]
    page = html(client, f"/stories/{story_id}")
    for heading in ("Summary", "Timeline", "Who said what", "Articles", "People", "Organisations"):
        assert f"<h2>{heading}</h2>" in page
    assert 'href="/documents/' in page
    assert "duplicate" in page  # the largest story folds copies under their article


def test_article_page_highlights_spans(client: TestClient) -> None:
    copy = next(
        d
        for d in client.get("/api/documents?limit=200").json()["data"]
        if d["duplicate_of"] and d["story_id"]
    )
    page = html(client, f"/documents/{copy['duplicate_of']}")
    assert 'class="hl hl-entity' in page
    assert 'class="hl hl-quote' in page
    assert 'class="hl hl-time' in page
    assert "What cleaning removed" in page
    assert "Duplicates of this article" in page


def test_article_markup_is_shown_as_text(client: TestClient, hostile_id: str) -> None:
    page = html(client, f"/documents/{hostile_id}")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=" in page


def test_entity_pages(client: TestClient) -> None:
    listing = html(client, "/entities?type=person")
    entity_id = re.search(r'href="/entities/(ent_[0-9a-f]+)"', listing)
    assert entity_id
    page = html(client, f"/entities/{entity_id.group(1)}")
    for heading in ("Roles over time", "Stories", "Articles", "Appears with"):
        assert f"<h2>{heading}</h2>" in page


def test_search_page_full_and_partial(client: TestClient) -> None:
    page = html(client, "/search?q=strike&outlet=Harbor+Herald")
    assert "<mark>" in page and "match <strong>strike</strong>" in page
    partial = client.get("/search?q=strike", headers={"HX-Request": "true"}).text
    assert "<html" not in partial and "<mark>" in partial
    as_words = html(client, "/search?q=%22strike")
    assert "is not FTS5 syntax; searched for the words" in as_words and "<mark>" in as_words


@pytest.mark.parametrize(
    "url", ["/stories/s0000000", "/documents/ffffffff", "/entities/Nobody%20Ever", "/nowhere"]
)
def test_unknown_ids_are_404_pages(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text


def test_bad_filter_is_a_4xx_page(client: TestClient) -> None:
    response = client.get("/?from=March")
    assert response.status_code == 422
    assert "bad date" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/app.py",
        "/static/..%2f..%2fpyproject.toml",
        "/static//etc/passwd",
    ],
)
def test_static_files_come_from_the_package_only(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 404


def test_vendored_htmx_is_served(client: TestClient) -> None:
    response = client.get("/static/htmx-2.0.11.min.js")
    assert response.status_code == 200 and "htmx" in response.text[:200]


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_serving_never_writes_the_store(client: TestClient, web_db: Path) -> None:
    before = hashlib.sha256(web_db.read_bytes()).hexdigest()
    for url in ("/", "/api/stats", "/search?q=strike", "/api/documents?limit=3"):
        client.get(url)
    assert hashlib.sha256(web_db.read_bytes()).hexdigest() == before
