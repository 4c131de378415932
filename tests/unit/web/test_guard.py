"""Who may ask the web app (issue 19): the Host header is checked, a token guards a server
beyond loopback, HEAD is answered, a 405 says what is allowed, and only web addresses
become links."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.runner import RunOptions, run
from storyline.store import Store
from storyline.web import create_app


def test_a_host_the_server_does_not_answer_to_gets_400(client: TestClient) -> None:
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    answer = client.get("/api/stories", headers={"host": "rebound.example:8000"})
    assert answer.status_code == 400 and answer.json()["error"]["status"] == 400
    for host in ("localhost", "127.0.0.1:8000", "[::1]:8000"):
        assert client.get("/api/stories", headers={"host": host}).status_code == 200, host


def test_head_is_get_without_a_body(client: TestClient) -> None:
    for path in ("/", "/api/stories"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]


def test_a_405_says_which_methods_are_allowed(client: TestClient) -> None:
    answer = client.post("/api/stories")
    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET, HEAD"


def test_with_a_token_every_request_needs_it(web_db: Path) -> None:
    app = create_app(web_db, token="s3cret")
    with TestClient(app, base_url="http://localhost") as client:
        assert client.get("/").status_code == 401
        refused = client.get("/api/stories")
        assert refused.status_code == 401 and "Bearer" in refused.json()["error"]["hint"]
        assert refused.headers["www-authenticate"].startswith("Bearer")
        bearer = {"authorization": "Bearer s3cret"}
        assert client.get("/api/stories", headers=bearer).status_code == 200
        assert (
            client.get("/api/stories", headers={"authorization": "Bearer nope"}).status_code == 401
        )
        # A browser signs in once at /login and carries a cookie.
        assert "<form" in client.get("/login").text
        wrong = client.post("/login", data={"token": "nope"}, follow_redirects=False)
        assert wrong.status_code == 401
        right = client.post("/login", data={"token": "s3cret"}, follow_redirects=False)
        assert right.status_code == 303 and "HttpOnly" in right.headers["set-cookie"]
        assert client.get("/").status_code == 200  # the client kept the cookie


def test_only_web_addresses_become_links(tmp_path: Path) -> None:
    records = [
        {
            "id": f"u{n}",
            "url": url,
            "title": f"Harbour wall number {n}",
            "text": (
                f"The council of Portmere agreed on Tuesday to repair harbour wall number {n} "
                "before the winter storms, after a debate on who would pay for the work."
            ),
        }
        for n, url in enumerate(
            ["javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "https://ok.example/a"]
        )
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "news.db"
    with Store(db) as store:
        run([str(source)], store, RunOptions(workers=1))
        ids = dict(store.conn.execute("SELECT external_id, id FROM documents"))
    with TestClient(create_app(db), base_url="http://localhost") as client:
        for external, linked in (("u0", False), ("u1", False), ("u2", True)):
            answer = client.get(f"/documents/{ids[external]}")
            assert answer.status_code == 200, external
            page = answer.text
            assert ('rel="noreferrer noopener">original</a>' in page) is linked, external
            assert 'href="javascript:' not in page and 'href="data:' not in page
