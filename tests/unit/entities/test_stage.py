from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import REPO, Files
from storyline.cli import main
from storyline.entities.mentions import extract
from storyline.entities.tagger import EntityType, TaggedSpan
from storyline.export import write_json
from storyline.model import EntityMention
from storyline.runner import RunOptions, run
from storyline.store import Store

SCHEMA = json.loads((REPO / "docs" / "export.schema.json").read_text())


def export(store: Store) -> Any:
    out = io.StringIO()
    write_json(store, out)
    return json.loads(out.getvalue())


def _spans(text: str, *names: tuple[str, EntityType]) -> list[TaggedSpan]:
    """Spans as the tagger would give them, for each occurrence of each name."""
    spans = []
    for name, type_ in names:
        start = text.find(name)
        while start >= 0:
            spans.append(TaggedSpan(start, start + len(name), name, type_, 0.9))
            start = text.find(name, start + 1)
    return spans


def _by_text(mentions: list[EntityMention]) -> dict[str, EntityMention]:
    return {m.text: m for m in mentions}


def _with_surname(text: str, spans: list[TaggedSpan], word: str, after: str) -> None:
    start = text.index(word, text.index(after))
    spans.append(TaggedSpan(start, start + len(word), word, "PER", 0.9))


def test_surname_links_to_earlier_full_name() -> None:
    text = "Dutch Defence Minister Karel Smit met farmers. Later Smit said no."
    spans = _spans(text, ("Karel Smit", "PER"))
    _with_surname(text, spans, "Smit", "Later")
    karel, later = extract(text, spans)
    assert (karel.title, karel.country) == ("Defense Minister", "Netherlands")
    assert (later.name, later.key, later.title) == ("Karel Smit", karel.key, None)


def test_ambiguous_surname_stays_unlinked() -> None:
    text = "Karel Smit met Anna Smit. Karel Smit left. Later Smit said no."
    spans = _spans(text, ("Karel Smit", "PER"), ("Anna Smit", "PER"))
    _with_surname(text, spans, "Smit", "Later")
    karel, anna, _, later = extract(text, spans)
    assert karel.key != anna.key
    assert later.key not in {karel.key, anna.key}


def test_counterpart_copies_the_title_in_the_same_sentence() -> None:
    text = (
        "Chilean President Rosa Vidal arrived. "
        "Vidal later met her Peruvian counterpart Luis Quispe in Lima."
    )
    spans = _spans(text, ("Rosa Vidal", "PER"), ("Luis Quispe", "PER"))
    _with_surname(text, spans, "Vidal", "arrived")
    quispe = _by_text(extract(text, spans))["Luis Quispe"]
    assert (quispe.title, quispe.country) == ("President", "Peru")


def test_counterpart_without_a_clear_reference_stays_counterpart() -> None:
    text = "He met his Peruvian counterpart Luis Quispe."
    quispe = _by_text(extract(text, _spans(text, ("Luis Quispe", "PER"))))["Luis Quispe"]
    assert (quispe.title, quispe.country) == ("counterpart", "Peru")


def test_places_descriptions_and_metonyms() -> None:
    text = "Kiev said no. The talks in the Spanish capital ended; Kyiv is far."
    mentions = extract(text, _spans(text, ("Kiev", "LOC"), ("Kyiv", "LOC"), ("Spanish", "MISC")))
    found = {(m.text, m.name, m.is_metonym) for m in mentions}
    assert found == {
        ("Kiev", "Ukraine", True),
        ("the Spanish capital", "Madrid", False),
        ("Kyiv", "Kyiv", False),
    }


ARTICLE_A = (
    "Ministers meet on grain\n\n"
    "Danish Foreign Minister Lars Holm met Ivan Petrov in Kiev on Monday. "
    "Holm said the talks went well.\n"
)
ARTICLE_B = (
    "Grain talks go on\n\n"
    "Lars Holm, the Danish foreign minister, returned to Kyiv on Friday. "
    "Sara Holm, a farmer, was not there.\n"
)


def _write(files: Files) -> None:
    files.write("a.txt", ARTICLE_A)
    files.write("a.meta.json", json.dumps({"published": "2025-03-10"}))
    files.write("b.txt", ARTICLE_B)
    files.write("b.meta.json", json.dumps({"published": "2025-03-14"}))


def test_run_groups_entities_across_articles(files: Files, tmp_path: Path) -> None:
    _write(files)
    with Store(tmp_path / "news.db") as store:
        run([str(files.root)], store, RunOptions(workers=1))
        rows = {
            r["name"]: r for r in store.conn.execute("SELECT * FROM entities WHERE type != 'misc'")
        }
        assert "Kyiv" in rows
        assert "Kiev" in json.loads(rows["Kyiv"]["aliases"])
        holm = rows["Lars Holm"]
        assert json.loads(holm["roles"]) == [
            {"title": "Foreign Minister", "country": "Denmark", "organization": None}
        ]
        documents = store.conn.execute(
            "SELECT COUNT(DISTINCT document_id) FROM entity_mentions WHERE entity_id = ?",
            (holm["id"],),
        ).fetchone()[0]
        assert documents == 2
        # Same surname, other first name: another person.
        assert "Sara Holm" in rows
        data = export(store)
        jsonschema.validate(data, SCHEMA)
        exported = {e["name"]: e for e in data["entities"]}
        assert len(exported["Lars Holm"]["mentions"]) == 3

        # A second run over unchanged files adds nothing twice.
        before = store.conn.execute("SELECT COUNT(*) FROM entity_mentions").fetchone()[0]
        run([str(files.root)], store, RunOptions(workers=1))
        after = store.conn.execute("SELECT COUNT(*) FROM entity_mentions").fetchone()[0]
        assert before == after


def test_two_workers_store_what_one_does(files: Files, tmp_path: Path) -> None:
    _write(files)

    def mentions(workers: int) -> list[tuple[Any, ...]]:
        with Store(tmp_path / f"news-{workers}.db") as store:
            run([str(files.root)], store, RunOptions(workers=workers))
            return store.conn.execute(
                "SELECT d.source_key, m.start, m.end, m.type, m.entity_id, m.title, m.kind "
                "FROM entity_mentions m JOIN documents d ON d.id = m.document_id "
                "ORDER BY d.source_key, m.start, m.kind"
            ).fetchall()

    alone = mentions(1)
    assert alone and mentions(2) == alone


def test_new_version_replaces_mentions(files: Files, tmp_path: Path) -> None:
    _write(files)
    with Store(tmp_path / "news.db") as store:
        run([str(files.root)], store, RunOptions(workers=1))
        files.write("b.txt", ARTICLE_B.replace("Sara Holm, a farmer,", "Nobody else"))
        run([str(files.root)], store, RunOptions(workers=1))
        names = {r[0] for r in store.conn.execute("SELECT name FROM entities")}
        assert "Sara Holm" not in names
        stale = store.conn.execute(
            "SELECT COUNT(*) FROM entity_mentions m JOIN documents d ON d.id = m.document_id "
            "WHERE d.superseded_by IS NOT NULL"
        ).fetchone()[0]
        assert stale == 0


def test_cli_lists_and_shows_entities(files: Files, tmp_path: Path) -> None:
    _write(files)
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    assert (
        runner.invoke(main, ["run", str(files.root), "--db", db, "--workers", "1"]).exit_code == 0
    )
    listed = runner.invoke(main, ["entities", "--db", db, "--type", "person", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    people = {row["name"]: row for row in json.loads(listed.output)}
    assert people["Lars Holm"]["documents"] == 2
    assert people["Lars Holm"]["roles"] == ["Foreign Minister (Denmark)"]
    assert all(row["type"] == "person" for row in people.values())
    shown = runner.invoke(main, ["entity", "Kiev", "--db", db, "--json"])
    assert shown.exit_code == 0, shown.output
    detail = json.loads(shown.output)
    assert detail["name"] == "Kyiv"
    assert len(detail["documents"]) == 2
    holm = json.loads(runner.invoke(main, ["entity", "Lars Holm", "--db", db, "--json"]).output)
    assert holm["roles"][0]["first"] == "2025-03-10"
    assert holm["roles"][0]["last"] == "2025-03-14"
    # A surname finds the entity whose name ends in it; an alias written in the text wins.
    by_surname = runner.invoke(main, ["entity", "Petrov", "--db", db])
    assert by_surname.output.startswith("Ivan Petrov (person")
    by_alias = runner.invoke(main, ["entity", "Holm", "--db", db])
    assert by_alias.output.startswith("Lars Holm (person")
    missing = runner.invoke(main, ["entity", "Nobody", "--db", db])
    assert missing.exit_code == 2


def test_a_failing_document_is_reported_and_retried(
    files: Files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(files)

    def broken(text: str, spans: object) -> list[EntityMention]:
        raise ValueError("boom")

    with Store(tmp_path / "news.db") as store:
        monkeypatch.setattr("storyline.entities.stage.extract", broken)
        summary = run([str(files.root)], store, RunOptions(workers=1))
        assert summary.counters["entities"].failed == {"ValueError": 2}
        assert any(p.kind == "stage-failure" for p in summary.problems)
        monkeypatch.undo()
        # Unchanged files, but the documents were never read: the next run reads them.
        run([str(files.root)], store, RunOptions(workers=1))
        assert store.conn.execute("SELECT COUNT(*) FROM entity_documents").fetchone()[0] == 2
