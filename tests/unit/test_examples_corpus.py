"""The bundled example corpus goes through the whole pipeline as `make demo` runs it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, REPO
from storyline.export import write_json
from storyline.rules import parse
from storyline.runner import RunOptions, run
from storyline.store import Store

EXPECTED = json.loads((EXAMPLES / "EXPECTED.json").read_text())


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("demo") / "news.db")
    summary = run([str(EXAMPLES)], store, RunOptions(workers=2))
    assert summary.status == "finished"
    assert summary.errors == 0, [str(p) for p in summary.problems]
    return store


def by_path(store: Store) -> dict[str, object]:
    found = {}
    for document in store.iter_documents():
        key = document.source_key.split("examples/corpus/", 1)[-1]
        found[key] = document
    return found


def test_every_article_is_stored_with_a_title(demo_store: Store) -> None:
    articles = list(EXAMPLES.rglob("*.txt")) + list(EXAMPLES.rglob("*.html"))
    jsonl_lines = sum(1 for line in (EXAMPLES / "feeds" / "wire_feed.jsonl").open() if line.strip())
    documents = list(demo_store.iter_documents())
    assert len(documents) == len(articles) + jsonl_lines
    assert all(d.title and d.text for d in documents)


def test_dates_come_from_where_the_corpus_puts_them(demo_store: Store) -> None:
    documents = by_path(demo_store)
    for path in EXPECTED["undated"]:
        assert documents[path].published is None, path  # type: ignore[attr-defined]
    sources = {d.published_from for d in documents.values()}  # type: ignore[attr-defined]
    assert {"sidecar", "filename", "jsonl", "html-meta"} <= sources


def test_cleaning_finds_what_the_corpus_was_written_with(demo_store: Store) -> None:
    kinds = {r.kind for d in demo_store.iter_documents() for r in d.removals}
    assert {
        "byline",
        "credit",
        "dateline",
        "boilerplate",
        "repeated-headline",
        "repeated-lead",
    } <= kinds
    datelines = [d.dateline for d in demo_store.iter_documents() if d.dateline]
    assert any(d.place == "Rotterdam" for d in datelines)


def test_export_of_the_demo_validates(demo_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    with target.open("w") as out:
        write_json(demo_store, out)
    schema = json.loads((REPO / "docs" / "export.schema.json").read_text())
    data = json.loads(target.read_text())
    jsonschema.validate(data, schema)
    for document in data["documents"]:
        assert document["text"].strip() == document["text"]


def test_duplicate_groups_match_what_the_corpus_was_written_with(demo_store: Store) -> None:
    documents = by_path(demo_store)
    by_id = {d.id: path for path, d in documents.items()}  # type: ignore[attr-defined]
    row = {
        r["id"]: r
        for r in demo_store.rows(
            "SELECT id, duplicate_of, duplicate_kind FROM documents WHERE superseded_by IS NULL"
        )
    }
    expected_members = set()
    for group in EXPECTED["duplicates"]:
        canonical = documents[group["canonical"]].id  # type: ignore[attr-defined]
        assert row[canonical]["duplicate_of"] is None, group["canonical"]
        expected_members.add(group["canonical"])
        for copy in group["copies"]:
            member = row[documents[copy["path"]].id]  # type: ignore[attr-defined]
            assert by_id.get(member["duplicate_of"]) == group["canonical"], copy["path"]
            # Cleaning can turn a near copy into an exact one (only boilerplate differed).
            allowed = {"exact", "near"} if copy["kind"] == "near" else {copy["kind"]}
            assert member["duplicate_kind"] in allowed, copy["path"]
            expected_members.add(copy["path"])
    for path, document in documents.items():
        if path not in expected_members:
            assert row[document.id]["duplicate_of"] is None, path  # type: ignore[attr-defined]


def test_every_rule_a_fact_names_is_in_the_rule_catalogue(demo_store: Store) -> None:
    stored = {
        fact.rule
        for document in demo_store.iter_documents()
        for fact in demo_store.articles.provenance(document.id)
    }
    kinds = {part.fact for rule in stored for part in parse(rule)}  # UnknownRule if unlisted
    assert kinds == {"entity", "quote", "time", "event"}
    assert "" not in stored
