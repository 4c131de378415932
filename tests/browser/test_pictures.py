"""The pictures drawn on the server, in a real browser: each is on its page, named for a
screen reader, readable as text too, and shown without a console error (the page's CSP
would report a blocked style or script there). Screenshots of each go to docs/screenshots/
with ``--update-golden``."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import shot_of

pytestmark = pytest.mark.browser


def _biggest_story(page: Any, base_url: str) -> str:
    page.goto(base_url + "/?from=2025-03-01")
    sizes = page.locator(".story-card .size").all_inner_texts()
    best = max(range(len(sizes)), key=lambda i: int(sizes[i].split()[0]))
    page.locator(".story-card a.story-title").nth(best).click()
    page.wait_for_url("**/stories/*")
    return str(page.url)


def test_story_cards_show_lead_and_key_people(page: Any, base_url: str) -> None:
    page.goto(base_url + "/?from=2025-03-01")
    cards = page.locator(".story-card")
    assert cards.locator(".story-lead").count() >= 5
    assert cards.locator(".story-people a").count() >= 3
    first = cards.filter(has=page.locator(".story-people")).first
    person = first.locator(".story-people a").first
    name = person.inner_text()
    person.click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text().startswith(name)
    assert page.problems == []


def test_story_page_coverage_and_event_charts(page: Any, base_url: str) -> None:
    _biggest_story(page, base_url)
    coverage = page.locator("svg.chart.coverage")
    assert coverage.count() == 1
    assert coverage.get_attribute("role") == "img"
    assert "Coverage per day" in (coverage.get_attribute("aria-label") or "")
    assert coverage.locator("rect title").count() >= 5
    legend = coverage.locator("text.legend").all_text_contents()
    assert any("Harbor Herald" in t for t in legend)
    # The text alternative: the same figures in a table.
    page.locator("details.as-table summary").click()
    assert page.locator("details.as-table tbody tr").count() >= 3
    shot_of(page.locator("section.picture").first, "story-coverage.png")

    events = page.locator("svg.chart.events")
    assert events.count() == 1
    assert events.locator(".mark.s-planned").count() >= 2  # one in the legend, one drawn
    assert events.locator("text.lane-label").count() >= 3
    # A mark links to its line in the list, which names the event type.
    href = events.locator("a").first.get_attribute("href") or ""
    assert href.startswith("#ev-")
    item = page.locator(f"li{href}")
    assert item.locator(".badge.etype").inner_text()
    shot_of(page.locator("figure.picture:has(svg.events)"), "story-timeline.png")
    assert (
        page.locator("ol.timeline .badge.etype").count()
        == page.locator("ol.timeline li.event").count()
    )
    assert page.problems == []


def test_entity_page_neighbour_graph(page: Any, base_url: str) -> None:
    story = _biggest_story(page, base_url)
    page.goto(story)
    page.locator("aside ul.entities li a").first.click()
    page.wait_for_url("**/entities/*")
    graph = page.locator("svg.chart.graph")
    assert graph.count() == 1
    listed = page.locator("aside ul.entities li").count()
    assert graph.locator("a circle.node").count() == listed
    assert graph.locator("line.link").count() >= 1
    name = page.locator("h1").inner_text().split("\n")[0].strip()
    assert name.split()[0] in (graph.get_attribute("aria-label") or "")
    shot_of(page.locator("section.picture:has(svg.graph)"), "entity-graph.png")
    graph.locator("a").first.click()
    page.wait_for_url("**/entities/*")
    assert page.problems == []


def test_story_page_place_map(page: Any, base_url: str) -> None:
    _biggest_story(page, base_url)  # the Rotterdam dock strike
    drawn = page.locator("svg.chart.map")
    assert drawn.count() == 1
    labels = drawn.locator("text.place-label").all_text_contents()
    assert {"Rotterdam", "Antwerp"} <= set(labels)
    assert drawn.locator("path.land").count() >= 3  # the Netherlands and its neighbours
    caption = page.locator("section.picture:has(svg.map) figcaption").inner_text()
    assert "Not on the map:" in caption and "Europe" in caption
    assert "GeoNames" in caption
    shot_of(page.locator("section.picture:has(svg.map)"), "story-map.png")
    assert page.problems == []
