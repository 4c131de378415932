"""Where a document's language shows: the run summary, ``storyline show``, the article page
and its JSON, and the export (JSON and the documents table)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline.cli import main
from storyline.export.json_export import write_json
from storyline.store import Store
from storyline.web import create_app

from .articles import ENGLISH, FRENCH, GERMAN, TOO_SHORT


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("language")
    for name, text in [("fr", FRENCH), ("de", GERMAN), ("en", ENGLISH), ("ticker", TOO_SHORT)]:
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    db = root / "news.db"
    result = CliRunner().invoke(main, ["run", str(root), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db, result.output


def _id(db: Path, name: str) -> str:
    with Store(db, readonly=True) as store:
        sql = "SELECT id FROM documents WHERE source LIKE ?"
        (row,) = store.rows(sql, (f"%/{name}.txt",))
        return str(row[0])


@pytest.fixture(scope="module")
def client(built: tuple[Path, str]) -> Iterator[TestClient]:
    with TestClient(create_app(built[0]), base_url="http://localhost") as test_client:
        yield test_client


def test_run_summary_counts_languages_and_skips(built: tuple[Path, str]) -> None:
    output = built[1]
    assert "languages: " in output and "1 French" in output and "1 German" in output
    assert "1 unknown (processed as English)" in output
    assert "not in English: skipped by entities, quotes, events" in output
    assert "stage entities: 2 passed skipped 1 language fr, 1 language de" in output.replace(
        "1 language de, 1 language fr", "1 language fr, 1 language de"
    )
    assert "language-unknown" in output  # the unknown article's warning


def test_show_names_the_language_and_what_skipped_it(built: tuple[Path, str]) -> None:
    db = built[0]
    result = CliRunner().invoke(main, ["show", _id(db, "de"), "--db", str(db)])
    assert "language:" in result.output
    assert "German: not read by entities, quotes, events" in result.output
    unknown = CliRunner().invoke(main, ["show", _id(db, "ticker"), "--db", str(db)])
    assert "unknown (could not be decided): processed as English" in unknown.output


def test_article_page_flags_a_french_article(built: tuple[Path, str], client: TestClient) -> None:
    page = client.get(f"/documents/{_id(built[0], 'fr')}").text
    assert 'class="badge lang"' in page and "French" in page
    assert 'id="language-note"' in page and "not read by entities, quotes, events" in page
    assert "Not read: French." in page
    assert "No facts: entities, quotes, events did not read it (French)." in page
    english = client.get(f"/documents/{_id(built[0], 'en')}").text
    assert 'id="language-note"' not in english


def test_article_json_has_the_language(built: tuple[Path, str], client: TestClient) -> None:
    body = client.get(f"/api/documents/{_id(built[0], 'fr')}").json()
    data = body.get("data", body)
    assert data["language"] == "fr"
    assert data["skipped_stages"] == ["entities", "quotes", "events"]


def test_export_has_language_and_skipped_stages(built: tuple[Path, str], tmp_path: Path) -> None:
    out = io.StringIO()
    with Store(built[0], readonly=True) as store:
        write_json(store, out)
    documents = {Path(d["source"]).stem: d for d in json.loads(out.getvalue())["documents"]}
    assert documents["fr"]["language"] == "fr"
    assert documents["fr"]["skipped_stages"] == ["entities", "quotes", "events"]
    assert documents["en"]["skipped_stages"] == []
    assert documents["ticker"]["language"] == "und"
    assert "language-unknown" in documents["ticker"]["flags"]
    folder = tmp_path / "tables"
    result = CliRunner().invoke(
        main, ["export", "--db", str(built[0]), "--format", "csv", "-o", str(folder)]
    )
    assert result.exit_code == 0, result.output
    with (folder / "documents.csv").open(encoding="utf-8") as handle:
        rows = {Path(r["source"]).stem: r for r in csv.DictReader(handle)}
    assert rows["de"]["language"] == "de"
    assert rows["de"]["skipped_stages"] == "entities;quotes;events"
