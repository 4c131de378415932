"""Groups from verified links: the canonical article, duplicate_of, kind and lineage.

Documents here get hand-picked ids, dates and lengths, so each rule of the canonical order
is tested on its own (ids from content hashes would make ties pass or fail by chance).
"""

from __future__ import annotations

from datetime import date

import pytest

from storyline.dedup.groups import regroup
from storyline.model import Document
from storyline.store import Store

Spec = tuple[str, str | None, str | None, int]  # id, published, published_at, text length


def add_documents(store: Store, *specs: Spec) -> None:
    store.save_documents(
        [
            Document(
                id=doc_id,
                source=f"{doc_id}.txt",
                source_key=f"{doc_id}.txt",
                format="txt",
                raw_text="x" * length,
                text="x" * length,
                published=date.fromisoformat(published) if published else None,
                published_at=published_at,
            )
            for doc_id, published, published_at, length in specs
        ]
    )


def add_links(store: Store, *links: tuple[str, str, str, float]) -> None:
    store.conn.executemany(
        "INSERT INTO dedup_links (a, b, kind, score, stage_version) VALUES (?, ?, ?, ?, '1')",
        [(min(a, b), max(a, b), kind, score) for a, b, kind, score in links],
    )


def duplicates(store: Store) -> dict[str, tuple[object, ...]]:
    rows = store.conn.execute(
        "SELECT id, duplicate_of, duplicate_kind, duplicate_score, derived_from FROM documents"
    )
    return {row[0]: tuple(row[1:]) for row in rows}


@pytest.mark.parametrize(
    ("specs", "canonical"),
    [
        ([("a", "2025-05-09", None, 900), ("z", "2025-05-08", None, 100)], "z"),
        (
            [
                ("a", "2025-05-08", "2025-05-08T10:00:00Z", 900),
                ("z", "2025-05-08", "2025-05-08T09:00:00Z", 100),
            ],
            "z",
        ),
        ([("a", "2025-05-08", None, 100), ("z", "2025-05-08", None, 900)], "z"),
        ([("a", "2025-05-08", None, 500), ("z", "2025-05-08", None, 500)], "a"),
        ([("a", None, None, 900), ("z", "2025-05-10", None, 100)], "z"),
    ],
    ids=[
        "earliest-day",
        "same-day-earliest-time",
        "same-day-longest",
        "then-smallest-id",
        "dated-first",
    ],
)
def test_canonical_is_earliest_then_longest(
    store: Store, specs: list[Spec], canonical: str
) -> None:
    add_documents(store, *specs)
    add_links(store, ("a", "z", "near", 0.9))
    assert regroup(store, ["a"]) == [2]
    other = "a" if canonical == "z" else "z"
    assert duplicates(store) == {
        canonical: (None, None, None, None),
        other: (canonical, "near", 0.9, canonical),
    }


def test_a_copy_of_a_copy_derives_from_the_copy_it_is_closest_to(store: Store) -> None:
    add_documents(
        store,
        ("orig", "2025-05-08", None, 1000),
        ("copy", "2025-05-09", None, 900),
        ("copy2", "2025-05-10", None, 890),
    )
    add_links(
        store,
        ("orig", "copy", "near", 0.8),
        ("copy", "copy2", "near", 0.95),
        ("orig", "copy2", "near", 0.75),
    )
    regroup(store, ["copy2"])
    assert duplicates(store) == {
        "orig": (None, None, None, None),
        "copy": ("orig", "near", 0.8, "orig"),
        "copy2": ("orig", "near", 0.95, "copy"),
    }


def test_a_stronger_kind_of_link_beats_a_higher_score(store: Store) -> None:
    add_documents(
        store,
        ("orig", "2025-05-08", None, 1000),
        ("rewrite", "2025-05-09", None, 900),
        ("copy", "2025-05-10", None, 990),
    )
    add_links(
        store,
        ("orig", "rewrite", "rewrite", 0.7),
        ("rewrite", "copy", "rewrite", 0.99),
        ("orig", "copy", "near", 0.6),
    )
    regroup(store, ["orig"])
    assert duplicates(store)["copy"] == ("orig", "near", 0.6, "orig")


def test_lineage_never_points_to_a_later_document(store: Store) -> None:
    add_documents(
        store,
        ("orig", "2025-05-08", None, 1000),
        ("copy", "2025-05-09", None, 900),
        ("later", "2025-05-10", None, 900),
    )
    # "copy" is closest to "later", but "later" was published after it.
    add_links(store, ("orig", "copy", "near", 0.6), ("copy", "later", "exact", 1.0))
    regroup(store, ["later"])
    assert duplicates(store)["copy"] == ("orig", "near", 0.6, "orig")
    assert duplicates(store)["later"] == ("orig", "exact", 1.0, "copy")


def test_superseded_versions_are_not_members(store: Store) -> None:
    add_documents(
        store,
        ("old", "2025-05-07", None, 1000),
        ("orig", "2025-05-08", None, 1000),
        ("copy", "2025-05-09", None, 900),
    )
    add_links(store, ("old", "copy", "exact", 1.0), ("orig", "copy", "near", 0.8))
    store.conn.execute("UPDATE documents SET superseded_by = 'orig' WHERE id = 'old'")
    assert regroup(store, ["copy"]) == [2]
    found = duplicates(store)
    assert found["copy"] == ("orig", "near", 0.8, "orig")
    assert found["old"] == (None, None, None, None)


def test_a_document_left_alone_loses_its_duplicate_fields(store: Store) -> None:
    add_documents(store, ("orig", "2025-05-08", None, 1000), ("copy", "2025-05-09", None, 900))
    add_links(store, ("orig", "copy", "near", 0.8))
    regroup(store, ["copy"])
    store.conn.execute("DELETE FROM dedup_links")
    assert regroup(store, ["copy", "orig"]) == [1, 1]
    assert set(duplicates(store).values()) == {(None, None, None, None)}
