"""The JSON API: every endpoint, its filters and paging, and its errors in one envelope."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.store import Store
from storyline.stories.report import story_detail
from storyline.web.envelope import plain


def data(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"data", "meta"}
    return body


def first_story(client: TestClient) -> dict[str, Any]:
    stories: list[dict[str, Any]] = data(client, "/api/stories?limit=1")["data"]
    return stories[0]


# The envelope --------------------------------------------------------------------------------


def test_success_envelope_is_data_and_meta_with_paging(client: TestClient) -> None:
    body = data(client, "/api/stories?limit=2&offset=1")
    assert body["meta"]["limit"] == 2
    assert body["meta"]["offset"] == 1
    assert body["meta"]["total"] >= 3
    assert len(body["data"]) == 2


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/stories/s000000000000", 404, "no story"),
        ("/api/documents/ffffffffffff", 404, "no document"),
        ("/api/entities/Nobody%20Ever", 404, "no entity"),
        ("/api/stories?limit=0", 422, "limit"),
        ("/api/stories?limit=1000", 422, "limit"),
        ("/api/documents?offset=-1", 422, "offset"),
        ("/api/documents?from=2025-02-30", 422, "bad date"),
        ("/api/search?q=strike&to=yesterday", 422, "bad date"),
        ("/api/entities?type=animal", 422, "unknown type"),
        ("/api/search", 422, "q"),
        ("/api/stories?entity=Nobody%20Ever", 404, "no entity"),
        ("/api/nothing-here", 404, "no such page"),
    ],
)
def test_errors_are_4xx_in_the_error_envelope(
    client: TestClient, url: str, status: int, words: str
) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message", "hint"}
    assert body["error"]["status"] == status
    assert words in body["error"]["message"]


# Each endpoint ----------------------------------------------------------------------------------


def test_stats_counts_the_store(client: TestClient) -> None:
    stats = data(client, "/api/stats")["data"]
    assert stats["documents"] == 40  # 39 example articles and the hostile one
    assert stats["stories"] >= 5
    assert stats["entities"] > 0 and stats["quotes"] > 0
    assert stats["last_run"]["status"] == "finished"


def test_stories_newest_first_with_coverage(client: TestClient) -> None:
    stories = data(client, "/api/stories")["data"]
    ends = [s["end"] for s in stories if s["end"]]
    assert ends == sorted(ends, reverse=True)
    top = stories[0]
    assert top["documents"] >= top["articles"] >= 1
    assert 0 < sum(n for _, n in top["per_day"]) <= top["documents"]  # undated ones have no day
    assert top["outlets"]


def test_stories_filters(client: TestClient) -> None:
    all_stories = data(client, "/api/stories")["meta"]["total"]
    early = data(client, "/api/stories?to=2025-01-31")
    assert early["meta"]["filters"] == {"to": "2025-01-31"}
    assert 1 <= early["meta"]["total"] < all_stories
    outlet = data(client, "/api/stories?outlet=Harbor%20Herald")["data"]
    assert outlet and all("Harbor Herald" in s["outlets"] for s in outlet)


def test_story_detail(client: TestClient) -> None:
    story_id = first_story(client)["id"]
    body = data(client, f"/api/stories/{story_id}")
    story = body["data"]
    assert story["id"] == story_id
    assert story["articles"] and story["summary"]
    assert body["meta"]["coverage"]
    # A unique prefix is enough.
    assert data(client, f"/api/stories/{story_id[:8]}")["data"]["id"] == story_id


def test_documents_list_and_filters(client: TestClient) -> None:
    body = data(client, "/api/documents?limit=5")
    assert body["meta"]["total"] == 40
    assert len(body["data"]) == 5
    dates = [d["published"] for d in body["data"]]
    assert dates == sorted(dates, reverse=True)
    day = data(client, "/api/documents?from=2025-03-12&to=2025-03-12&limit=200")["data"]
    assert day and all(d["published"].startswith("2025-03-12") for d in day)
    story_id = first_story(client)["id"]
    members = data(client, f"/api/documents?story={story_id}&limit=200")["data"]
    assert members and all(d["story_id"] == story_id for d in members)


def test_document_has_text_spans_removals_and_copies(client: TestClient) -> None:
    copy = next(d for d in data(client, "/api/documents?limit=200")["data"] if d["duplicate_of"])
    doc = data(client, f"/api/documents/{copy['id']}")["data"]
    assert doc["canonical"]["id"] == copy["duplicate_of"]
    text = doc["text"]
    for span in doc["entities"] + doc["time_expressions"]:
        assert text[span["start"] : span["end"]] == span["text"]
    canonical = data(client, f"/api/documents/{copy['duplicate_of']}")["data"]
    assert copy["id"] in {c["id"] for c in canonical["copies"]}
    assert any(d["removed"] for d in [doc, canonical])


def test_entities_list_entity_detail_and_co_occurring(client: TestClient) -> None:
    people = data(client, "/api/entities?type=person&limit=3")
    assert people["meta"]["total"] >= 3
    assert all(e["type"] == "person" for e in people["data"])
    top = people["data"][0]
    entity = data(client, f"/api/entities/{top['id']}")["data"]
    assert entity["name"] == top["name"]
    assert entity["documents"] and entity["co_occurring"]
    assert top["id"] not in {n["id"] for n in entity["co_occurring"]}
    # By name too; a name two entities share is a 409 naming both ids.
    by_name = client.get(f"/api/entities/{top['name']}").json()
    if "data" in by_name:
        assert by_name["data"]["id"] == top["id"]
    else:
        assert by_name["error"]["status"] == 409 and top["id"] in by_name["error"]["message"]


def test_a_timeline_without_a_filter_is_the_stores(client: TestClient) -> None:
    body = data(client, "/api/events/timeline?limit=5")
    assert len(body["data"]) == 5 and body["meta"]["total"] == 5


def test_quotes_filters_and_total(client: TestClient) -> None:
    body = data(client, "/api/quotes?limit=5")
    assert body["meta"]["total"] > 5 and len(body["data"]) == 5
    story_id = first_story(client)["id"]
    in_story = data(client, f"/api/quotes?story={story_id}&limit=200")
    assert 0 < in_story["meta"]["total"] < body["meta"]["total"]


def test_timeline_of_a_story(client: TestClient) -> None:
    story_id = data(client, "/api/stories?limit=200")["data"]
    timelines = [data(client, f"/api/events/timeline?story={s['id']}") for s in story_id]
    events = [e for t in timelines for e in t["data"]]
    assert events, "the example corpus has dated events"
    assert all(e["status"] for e in events)


def test_search_ranked_highlighted_and_filtered(client: TestClient) -> None:
    body = data(client, "/api/search?q=strike")
    hits = body["data"]
    assert hits and body["meta"]["total"] >= len(hits)
    assert [h["rank"] for h in hits] == sorted(h["rank"] for h in hits)
    assert any("<mark>" in h["snippet_html"] for h in hits)
    assert all("\ue000" not in h["snippet"] for h in hits)
    narrowed = data(client, "/api/search?q=strike&outlet=Harbor%20Herald")["data"]
    assert narrowed and all(h["outlet"] == "Harbor Herald" for h in narrowed)
    assert len(narrowed) <= len(hits)


def test_search_snippet_escapes_article_markup(client: TestClient) -> None:
    hits = data(client, "/api/search?q=harbour%20board")["data"]
    hostile = next(h for h in hits if "script" in (h["title"] or ""))
    assert "<script>" not in hostile["title_html"]
    assert "&lt;script&gt;" in hostile["title_html"]


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = set(data_free(client, "/openapi.json")["paths"])
    assert {
        "/api/stats",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/quotes",
        "/api/events/timeline",
        "/api/search",
    } <= paths


def data_free(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def test_quote_totals_match_the_listing(client: TestClient) -> None:
    story_id = first_story(client)["id"]
    for query in ("", f"story={story_id}", "speaker=Hartmann"):
        body = data(client, f"/api/quotes?limit=200&{query}")
        total, shown = body["meta"]["total"], len(body["data"])
        assert total == shown if shown < 200 else total >= shown
        assert total > 0


def test_the_api_story_is_story_detail(client: TestClient, web_db: Path) -> None:
    """The API (and the page) serve what ``storyline story`` and ``storyline report`` read:
    stories.report.story_detail, for every story, merged ones by their new story."""
    with Store(web_db, readonly=True) as store:
        ids = [r[0] for r in store.conn.execute("SELECT id FROM stories")]
        assert len(ids) >= 5
        for story_id in ids:
            served = data(client, f"/api/stories/{story_id}")["data"]
            assert served == plain(story_detail(store, story_id))


@pytest.mark.parametrize(
    ("q", "words"),
    [
        ('"unclosed strike', '"unclosed" "strike"'),
        ("AND OR", '"AND" "OR"'),
        ("nosuchcolumn:strike", '"nosuchcolumn" "strike"'),
    ],
)
def test_a_query_that_is_not_fts5_is_searched_as_its_words(
    client: TestClient, q: str, words: str
) -> None:
    as_words = client.get("/api/search", params={"q": q})
    assert as_words.status_code == 200, as_words.text
    assert words in as_words.json()["meta"]["note"]
    plain = client.get("/api/search", params={"q": words}).json()
    assert as_words.json()["data"] == plain["data"] and "note" not in plain["meta"]


def test_a_query_with_no_words_finds_nothing_and_says_why(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": '"*'}).json()
    assert body["data"] == [] and body["meta"]["total"] == 0
    assert "no words" in body["meta"]["note"]


def test_a_reversed_date_range_is_read_the_right_way_round(client: TestClient) -> None:
    right = client.get("/api/documents?from=2025-03-01&to=2025-03-12").json()
    reversed_ = client.get("/api/documents?from=2025-03-12&to=2025-03-01").json()
    assert reversed_["data"] == right["data"] and right["data"]
    assert "read as 2025-03-01 to 2025-03-12" in reversed_["meta"]["note"]
    assert reversed_["meta"]["filters"] == right["meta"]["filters"]
