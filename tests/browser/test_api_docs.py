"""The API pages in a real browser: /api/docs renders Swagger UI from the package, under the
page's own content security policy, with no request leaving the server."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import shot

pytestmark = pytest.mark.browser


def test_api_docs_renders_operations_offline(page: Any, base_url: str) -> None:
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: foreign.append(r.url) if not r.url.startswith(base_url) else None,
    )
    page.goto(base_url + "/api/docs")
    page.locator(".opblock").first.wait_for(timeout=15000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/stories" in p for p in paths)
    assert page.locator(".opblock").count() >= 10
    # Opening an operation shows its parameters.
    page.locator(".opblock:has(.opblock-summary-path[data-path='/api/stories'])").click()
    parameters = page.locator("table.parameters")
    parameters.wait_for()
    assert "limit" in parameters.inner_text()
    shot(page, "api-docs.png")
    assert foreign == []
    assert page.problems == []


def test_api_index_lists_endpoints(page: Any, base_url: str) -> None:
    page.goto(base_url + "/api")
    rows = page.locator("table.endpoints tbody tr")
    assert rows.count() >= 10
    assert "/api/stories/{story_id}" in page.locator("table.endpoints").inner_text()
    assert page.problems == []
