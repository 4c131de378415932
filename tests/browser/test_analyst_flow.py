"""What an analyst does every morning, in a real browser: stories → story → article →
entity, then a search; a screenshot of each page (to docs/screenshots/ with
`--update-golden`)."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import shot

pytestmark = pytest.mark.browser


def test_stories_to_story_to_article_to_entity(page: Any, base_url: str) -> None:
    # March 2025: the example corpus, without the hostile test article of January.
    page.goto(base_url + "/?from=2025-03-01")
    cards = page.locator(".story-card")
    assert cards.count() >= 5
    assert page.locator(".story-card svg.spark").count() >= 5
    shot(page, "stories.png")

    first = cards.first.locator("a.story-title")
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").inner_text() == title
    assert page.locator("ol.timeline li.event").count() >= 1
    assert page.locator(".speaker").count() >= 1
    assert page.locator("details.copies").count() >= 1
    shot(page, "story.png")
    story_url = page.url

    # The article with the most copies folded under it.
    page.locator("ol.articles > li:has(details.copies) > a").first.click()
    page.wait_for_url("**/documents/*")
    body = page.locator("article.body")
    assert body.locator("a.hl-entity").count() >= 3
    assert body.locator("mark.hl-quote").count() >= 1
    assert body.locator("mark.hl-time").count() >= 1
    assert page.locator("section.dups").count() == 1
    shot(page, "article.png")

    # The legend hides a layer of highlights.
    page.locator('input[data-layer="quote"]').uncheck()
    assert "hide-quote" in (page.locator("body").get_attribute("class") or "")
    page.locator('input[data-layer="quote"]').check()

    person = body.locator("a.hl-entity.e-person").first
    name = person.get_attribute("title") or ""
    person.click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text().startswith(name.split(" (")[0])
    assert page.locator("text=Roles over time").count() == 1
    assert page.locator("aside ul.entities li").count() >= 1

    # The screenshot shows someone the articles give a role, from the story's people.
    page.goto(story_url)
    page.locator("aside ul.entities li:has(.role) a").first.click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h2:has-text('Roles over time') + table tbody tr").count() >= 1
    shot(page, "entity.png")
    assert page.problems == []


def test_search_updates_in_place_with_highlights(page: Any, base_url: str) -> None:
    page.goto(base_url + "/search")
    box = page.locator("form.filters input[name=q]")
    box.fill("strike")
    page.locator("ol.hits li").first.wait_for(timeout=5000)
    assert page.url.endswith("/search") or "q=strike" in page.url
    assert page.locator("ol.hits mark").count() >= 1
    count = page.locator("ol.hits li").count()
    page.locator("select[name=outlet]").select_option("Harbor Herald")
    page.locator("form.filters button").click()
    page.wait_for_url("**outlet=Harbor+Herald**")
    narrowed = page.locator("ol.hits li")
    assert 1 <= narrowed.count() <= count
    for text in narrowed.locator(".meta").all_inner_texts():
        assert text.startswith("Harbor Herald")
    page.locator("form.filters input[name=q]").fill("strike AND Rotterdam")
    page.locator("form.filters button").click()
    page.wait_for_url("**q=strike+AND+Rotterdam**")
    page.locator("ol.hits li").first.wait_for()
    shot(page, "search.png")

    page.locator("form.filters input[name=q]").fill('"strike')
    page.locator("form.filters button").click()
    assert "searched for the words" in page.locator(".note").inner_text()
    assert page.problems == []


def test_article_markup_renders_as_text(page: Any, base_url: str) -> None:
    page.goto(base_url + "/search?q=harbour+board")
    page.locator("ol.hits a.hit-title").first.click()
    page.wait_for_url("**/documents/*")
    text = page.locator("article.body").inner_text()
    assert "<script>alert('body')</script>" in text
    assert '<img src=x onerror="alert(1)">' in text
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    assert page.locator("article.body script, article.body img").count() == 0
    assert page.problems == []


def test_story_history_and_why_here(page: Any, base_url: str) -> None:
    page.goto(base_url + "/?from=2025-03-01")
    page.locator(".story-card a.story-title").first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("ol.story-history li").count() >= 1
    story_url = page.url
    page.locator("ol.articles a.why-link").nth(1).click()
    page.wait_for_url("**/why?a=*")
    assert page.locator("h1").inner_text() == "Why here?"
    assert "closest fellow article" in page.locator(".why-says").inner_text()
    assert page.locator("table.why tr").count() >= 6
    page.locator(".crumbs a").nth(1).click()
    page.wait_for_url(story_url)
    assert page.problems == []
