"""The story's history and "why here" on the web: the page section, the why page computed
for one article on request, and the API (issue 18, items 2 and 7)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def get(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    return response


def biggest_story(client: TestClient) -> dict[str, Any]:
    stories = get(client, "/api/stories?limit=50").json()["data"]
    story_id = max(stories, key=lambda s: s["documents"])["id"]
    detail: dict[str, Any] = get(client, f"/api/stories/{story_id}").json()["data"]
    return detail


def test_the_story_document_carries_its_history(client: TestClient) -> None:
    story = biggest_story(client)
    assert story["history"]
    first = story["history"][0]
    assert {"at", "kind", "story_id", "other_id", "document_id", "detail", "story_now"} <= set(
        first
    )
    assert any(h["kind"] == "created" for h in story["history"])


def test_story_page_has_history_and_a_why_link_per_article(client: TestClient) -> None:
    story = biggest_story(client)
    page = get(client, f"/stories/{story['id']}").text
    assert "<h2>History</h2>" in page
    assert "created with article" in page
    for article in story["articles"]:
        assert f'href="/stories/{story["id"]}/why?a={article["id"]}"' in page


def test_why_page_explains_one_article_with_its_closest_fellow(client: TestClient) -> None:
    story = biggest_story(client)
    article = story["articles"][0]["id"]
    page = get(client, f"/stories/{story['id']}/why?a={article[:8]}").text
    assert "<h1>Why here?</h1>" in page
    assert f"{article} is in story {story['id']}; its closest fellow article is" in page
    assert "<th>Shared names</th>" in page


def test_why_page_of_an_unknown_article_is_a_404_page(client: TestClient) -> None:
    story = biggest_story(client)
    response = client.get(f"/stories/{story['id']}/why?a=ffffffffff")
    assert response.status_code == 404
    assert "no document with id" in response.text


def test_api_why_for_a_pair_and_for_one(client: TestClient) -> None:
    story = biggest_story(client)
    first, second = story["articles"][0]["id"], story["articles"][1]["id"]
    pair = get(client, f"/api/stories/{story['id']}/why?a={first}&b={second}").json()["data"]
    assert pair["articles"] == [first, second]
    assert pair["says"].startswith("In one story")
    assert pair["pair"]["first_story"] == story["id"]
    one = get(client, f"/api/stories/{story['id']}/why?a={first}").json()["data"]
    assert one["says"].startswith(f"{first} is in story {story['id']}")


def test_api_why_of_a_non_member_and_of_a_copy(client: TestClient) -> None:
    story = biggest_story(client)
    others = get(client, "/api/documents?limit=200").json()["data"]
    outsider = next(d for d in others if d["story_id"] and d["story_id"] != story["id"])
    outside = get(client, f"/api/stories/{story['id']}/why?a={outsider['id']}").json()["data"]
    assert outside["says"].startswith(f"{outsider['id']} is not in story {story['id']}")
    copy = next(c for a in story["articles"] for c in a["copies"])
    copied = get(client, f"/api/stories/{story['id']}/why?a={copy[0]}").json()["data"]
    assert any("copy of" in note for note in copied["notes"])


def test_api_why_errors_are_4xx_in_the_envelope(client: TestClient) -> None:
    story = biggest_story(client)
    unknown = client.get(f"/api/stories/{story['id']}/why?a=ffffffffff")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["hint"]
    assert client.get(f"/api/stories/{story['id']}/why").status_code == 422
    assert client.get("/api/stories/szzzz/why?a=0").status_code == 404


def test_openapi_lists_the_why_endpoint(client: TestClient) -> None:
    assert "/api/stories/{story_id}/why" in get(client, "/openapi.json").json()["paths"]
