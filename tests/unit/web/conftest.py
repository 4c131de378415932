"""A store built once per session from the example corpus plus one hostile article."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.store import Store
from storyline.web import create_app

REPO = Path(__file__).resolve().parents[3]

# Markup in an article must reach the page as text. Dated before the corpus, so it sorts last.
HOSTILE_TITLE = "Harbour board <script>alert('title')</script> meets"
HOSTILE_BODY = (
    "The harbour board met on Tuesday. <script>alert('body')</script> "
    'Its chair said the <img src=x onerror="alert(1)"> budget was "fully spent" last year.\n\n'
    "Nothing else was decided, the board said in a statement.\n"
)


def build_store(root: Path) -> Path:
    """``storyline run`` over a copy of examples/corpus and the hostile article."""
    db = root / "news.db"
    if db.exists():
        return db
    corpus = root / "corpus"
    shutil.copytree(REPO / "examples" / "corpus", corpus)
    hostile = corpus / "hostile" / "2025-01-02_harbour-board.txt"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE_TITLE + "\n\n" + HOSTILE_BODY, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "storyline.cli", "run", str(corpus), "--db", str(db), "-q"],
        check=True,
        cwd=REPO,
    )
    return db


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.getbasetemp() / "web-store"
    root.mkdir(exist_ok=True)
    return build_store(root)


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_db), base_url="http://localhost") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def hostile_id(web_db: Path) -> str:
    """The id of the article whose text holds markup."""
    with Store(web_db, readonly=True) as store:
        row = store.conn.execute("SELECT id FROM documents WHERE text LIKE '%<script>%'").fetchone()
    assert row is not None
    return str(row[0])
