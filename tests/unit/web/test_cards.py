"""Story cards say what the story is about and who is in it; the timeline names each
event's type; the story and entity pages carry their pictures."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_story_cards_show_the_lead_and_key_people(client: TestClient) -> None:
    page = client.get("/?from=2025-03-01").text
    cards = page.split('<li class="story-card">')[1:]
    assert len(cards) >= 5
    assert all('class="story-lead"' in card for card in cards)
    rotterdam = next(c for c in cards if "Rotterdam dockworkers" in c)
    assert "Container terminals in Rotterdam face their first full stoppage" in rotterdam
    people = re.findall(r'<a href="/entities/[^"]+">([^<]+)</a>', rotterdam)
    assert people[:2] == ["Ruud Kersten", "Pieter de Wit"]


def test_story_page_has_its_pictures_and_event_types(client: TestClient) -> None:
    page = client.get("/?from=2025-03-01").text
    story = re.search(r'href="(/stories/[^"]+)">Rotterdam dockworkers', page)
    assert story is not None
    page = client.get(story.group(1)).text
    for kind in ("coverage", "events", "map"):
        assert f'<svg class="chart {kind}" role="img"' in page, kind
    events = page.count('<li class="event ')
    assert events >= 5 and page.count('class="badge etype"') == events
    assert 'id="ev-' in page and 'href="#ev-' in page


def test_entity_page_has_the_neighbour_graph(client: TestClient) -> None:
    page = client.get("/entities?type=person").text
    first = re.search(r'href="(/entities/ent_[^"]+)"', page)
    assert first is not None
    page = client.get(first.group(1)).text
    assert '<svg class="chart graph" role="img"' in page
