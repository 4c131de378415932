from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.model import Document, Removal
from storyline.offsets import OffsetMap
from storyline.store import Store
from storyline.store.migrations import MIGRATIONS


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    """Every test here runs on both backends: a SQLite file, then a PostgreSQL database
    (``db`` in ``tests/conftest.py``)."""
    with Store(db) as opened:
        yield opened


def doc(id_: str = "a1", text: str = "Body text here.", key: str = "k1") -> Document:
    return Document(
        id=id_,
        source="in/a.txt",
        source_key=key,
        format="txt",
        raw_text="Title\n\n" + text,
        raw_title=None,
        outlet="Harbor Herald",
        authors=("Jana Novak",),
        published=date(2025, 3, 12),
        published_from="sidecar",
        title="Title",
        text=text,
        offset_map=OffsetMap.identity(len(text)),
        removals=(Removal("title-line", 0, 5, "Title", "first line is the headline"),),
        flags=("title-from-body",),
        stages=(("clean", "1"),),
    )


def test_migrations_are_named_recorded_and_idempotent(db: str) -> None:
    with Store(db) as store:
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]
        assert store.migrate() == []
        if not store.postgres:
            mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
            assert mode == "wal"


def test_document_round_trip(store: Store) -> None:
    original = doc()
    assert store.save_documents([original]).new == 1
    assert store.get_document("a1") == original
    assert store.get_document("a") == original  # unique prefix


def test_saving_again_is_a_no_op_and_a_new_stage_version_updates(store: Store) -> None:
    store.save_documents([doc()])
    assert store.save_documents([doc()]).unchanged == 1
    improved = replace(doc(), text="Better body.", stages=(("clean", "2"),))
    assert store.save_documents([improved]).updated == 1
    assert store.get_document("a1").text == "Better body."
    assert store.search.snippets("better")[0].id == "a1"
    assert store.search.snippets("body")[0].id == "a1"


def test_a_changed_article_at_the_same_place_is_a_new_version(store: Store) -> None:
    store.save_documents([doc("a1")])
    result = store.save_documents([doc("b2", text="Corrected body.")])
    assert (result.new, result.new_versions) == (1, 1)
    assert store.count_documents() == 1
    assert store.count_documents(include_superseded=True) == 2
    assert store.document_place("a1").superseded_by == "b2"  # type: ignore[union-attr]
    assert store.document_place("b2").previous_version == "a1"  # type: ignore[union-attr]
    assert [d.id for d in store.iter_documents()] == ["b2"]


def test_same_article_at_two_places_is_one_document(store: Store) -> None:
    result = store.save_documents([doc("a1", key="k1"), doc("a1", key="k2")])
    assert (result.new, result.unchanged, result.new_versions) == (1, 1, 0)
    assert store.conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 2


def test_a_failing_batch_leaves_nothing_half_written(store: Store) -> None:
    store.save_documents([doc("a1")])
    broken = replace(doc("c3", key="k3"), published_from=None)
    object.__setattr__(broken, "raw_text", None)  # NOT NULL violation mid-batch
    refused: type[Exception] = sqlite3.IntegrityError
    if store.postgres:
        import psycopg

        refused = psycopg.errors.IntegrityError
    with pytest.raises(refused):
        store.save_documents([doc("b2", key="k2"), broken])
    assert [d.id for d in store.iter_documents()] == ["a1"]
    assert store.conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 1


def test_unknown_and_ambiguous_ids(store: Store) -> None:
    store.save_documents([doc("ab1", key="1"), doc("ab2", key="2")])
    with pytest.raises(StoreError, match="no document"):
        store.get_document("zz")
    with pytest.raises(StoreError, match="several documents"):
        store.get_document("ab")


def test_bad_search_syntax_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="bad search query"):
        store.search.snippets('"unbalanced')
    reading = store.search.reading('"unbalanced AND')
    assert reading.as_words and reading.fts == '"unbalanced" "AND"'
    assert store.search.reading("strike AND port").fts == "strike AND port"


def test_readonly_open_of_missing_or_foreign_files(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.db", readonly=True)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(StoreError, match="not a Storyline store"):
        Store(other, readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(junk)


def test_runs_and_problems(store: Store) -> None:
    from storyline.model import Problem

    run_id = store.begin_run({"paths": ["x"]})
    store.add_problems(run_id, [Problem("x.txt", "empty", "is empty", "fill it")])
    store.finish_run(run_id, "finished", {"ok": True})
    (row,) = store.problems()
    assert (row.source, row.kind, row.hint) == ("x.txt", "empty", "fill it")
