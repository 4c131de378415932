"""Browser tests: a store from examples/corpus, the app on a free loopback port, Chromium.

The browser is Debian's Chromium (``apt-get install -y chromium``; ``make test`` installs it
when run as root), driven by Playwright's Python package; a browser is never downloaded.
Without Chromium the tests skip saying so, except under CI, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "screenshots"

HOSTILE = (
    "Harbour board <script>alert('title')</script> meets\n\n"
    "The harbour board met on Tuesday. <script>alert('body')</script> "
    'Its chair said the <img src=x onerror="alert(1)"> budget was "fully spent".\n'
)


def _need(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        _need(
            "browser tests skipped: Debian's Chromium is not installed "
            "(run `make test` as root, or `apt-get install -y chromium`)"
        )
    assert path is not None
    return path


@pytest.fixture(scope="session")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser-store")
    corpus = root / "corpus"
    shutil.copytree(REPO / "examples" / "corpus", corpus)
    hostile = corpus / "hostile" / "2025-01-02_harbour-board.txt"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE, encoding="utf-8")
    path = root / "news.db"
    subprocess.run(
        [sys.executable, "-m", "storyline.cli", "run", str(corpus), "--db", str(path), "-q"],
        check=True,
        cwd=REPO,
    )
    return path


@pytest.fixture(scope="session")
def base_url(db: Path) -> Iterator[str]:
    """The app served by uvicorn in a thread on a free loopback port, stopped at the end."""
    import uvicorn

    from storyline.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            pytest.fail("the web app did not start within 20 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed: pip install -e '.[dev]'"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path,
            headless=True,
            # Chromium refuses its sandbox as root (CI runs as root).
            args=["--no-sandbox"] if os.geteuid() == 0 else [],
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    opened = context.new_page()
    opened.problems = []  # console errors (CSP violations show here) and dialogs
    opened.on("console", lambda m: opened.problems.append(m.text) if m.type == "error" else None)
    opened.on("dialog", lambda d: (opened.problems.append("dialog: " + d.message), d.dismiss()))
    opened.on("pageerror", lambda e: opened.problems.append(str(e)))
    try:
        yield opened
    finally:
        context.close()


# Where screenshots go: docs/screenshots/ with `pytest --update-golden` (refresh them, then
# look at them), a temporary folder otherwise, so a test run leaves the tree unchanged.
_TARGET: list[Path] = []


@pytest.fixture(autouse=True)
def _screenshot_folder(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    update = bool(request.config.getoption("--update-golden"))
    _TARGET[:] = [SCREENSHOTS if update else tmp_path_factory.getbasetemp() / "screenshots"]


def shot(page: Any, name: str) -> None:
    folder = _TARGET[0]
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=True)


def shot_of(element: Any, name: str) -> None:
    """A screenshot of one element (a picture on a page)."""
    folder = _TARGET[0]
    folder.mkdir(parents=True, exist_ok=True)
    element.screenshot(path=str(folder / name))
