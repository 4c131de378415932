"""/api lists the endpoints; /api/docs is the vendored Swagger UI, allowed by the page's CSP."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.web.apidocs import SWAGGER_UI, endpoints

STATIC = Path(__file__).resolve().parents[3] / "src" / "storyline" / "web" / "static"


def test_api_lists_every_operation_as_json(client: TestClient) -> None:
    answer = client.get("/api")
    assert answer.status_code == 200
    body = answer.json()
    paths = {(e["method"], e["path"]) for e in body["data"]}
    assert ("GET", "/api/stories/{story_id}") in paths
    assert len(paths) == len(client.get("/openapi.json").json()["paths"])
    assert body["meta"]["docs"] == "/api/docs"
    stories = next(e for e in body["data"] if e["path"] == "/api/stories")
    assert "limit" in stories["parameters"]


def test_api_lists_operations_as_html_for_a_browser(client: TestClient) -> None:
    answer = client.get("/api", headers={"accept": "text/html,application/xhtml+xml,*/*"})
    assert answer.headers["content-type"].startswith("text/html")
    assert "/api/stories/{story_id}" in answer.text


def test_docs_page_loads_swagger_ui_from_the_package_only(client: TestClient) -> None:
    answer = client.get("/api/docs")
    assert answer.status_code == 200
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    sources = re.findall(r'(?:src|href)="([^"]+)"', answer.text)
    assert all(s.startswith("/") for s in sources), sources
    assert "<script>" not in answer.text  # no inline script: the CSP would block it
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        served = client.get(f"/static/{SWAGGER_UI}/{name}")
        assert served.status_code == 200, name
    assert client.get("/static/api-docs.js").status_code == 200


def test_vendored_files_match_the_recorded_checksums() -> None:
    readme = (STATIC / "README.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"`([\w./-]+)`[^|]*\|\s*`?([0-9a-f]{64})`?", readme))
    assert f"{SWAGGER_UI}/swagger-ui-bundle.js" in recorded
    for name, digest in recorded.items():
        assert hashlib.sha256((STATIC / name).read_bytes()).hexdigest() == digest, name


def test_endpoints_reads_operations_in_path_order() -> None:
    schema = {
        "paths": {
            "/api/b": {"get": {"summary": "B", "parameters": [{"name": "limit"}]}},
            "/api/a": {"get": {"summary": "A"}, "parameters": []},
        }
    }
    listed = endpoints(schema)
    assert [(e.path, e.summary, e.parameters) for e in listed] == [
        ("/api/a", "A", ()),
        ("/api/b", "B", ("limit",)),
    ]
