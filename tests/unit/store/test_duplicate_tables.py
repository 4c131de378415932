"""``store.duplicates``: keys, buckets, links and groups written and read back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import numpy as np
import pytest

from storyline.dedup.keys import DocumentKeys
from storyline.model import Document
from storyline.store import Store
from storyline.store.duplicates import DatedDocument, DuplicateMark


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store(db) as opened:
        opened.save_documents(
            [
                Document(
                    id=doc_id,
                    source=f"{doc_id}.txt",
                    source_key=f"{doc_id}.txt",
                    format="txt",
                    raw_text=text,
                    text=text,
                    title=f"Title {doc_id}",
                    outlet=outlet,
                    published=date.fromisoformat(day) if day else None,
                )
                for doc_id, text, outlet, day in [
                    ("a", "first body", "Herald", "2025-03-02"),
                    ("b", "second body, longer", "Post", "2025-03-01"),
                    ("c", "third", "Wire", None),
                ]
            ]
        )
        yield opened


def keys(doc_id: str, exact: str, words: int = 3) -> DocumentKeys:
    return DocumentKeys(
        document_id=doc_id,
        exact_key=exact,
        words=words,
        shingles=words,
        near_signature=np.arange(4, dtype=np.uint32) + ord(doc_id),
        rewrite_signature=np.arange(6, dtype=np.uint32),
    )


def test_keys_and_buckets_round_trip(store: Store) -> None:
    assert store.duplicates.pending() == ["b", "a", "c"]  # publication order, undated last
    saved = [keys("a", "k1"), keys("b", "k2"), keys("c", "k1", words=0)]
    buckets = np.array([[10, 11], [11, 12], [13, 14]], dtype=np.int64)
    store.duplicates.save_keys(saved, buckets, "v1")

    assert store.duplicates.pending() == []
    found = store.duplicates.keys(["a", "c", "missing"])
    assert set(found) == {"a", "c"}
    assert found["a"].exact_key == "k1" and found["a"].words == 3
    assert np.array_equal(found["a"].near_signature, saved[0].near_signature)
    assert np.array_equal(found["c"].rewrite_signature, saved[2].rewrite_signature)
    # A document without words gets no buckets.
    assert sorted(store.duplicates.in_buckets([11, 13, 99])) == [(11, "a"), (11, "b")]
    assert sorted(store.duplicates.with_exact_keys(["k1"])) == [("k1", "a"), ("k1", "c")]


def test_forget_drops_keys_buckets_and_links_and_names_the_neighbours(store: Store) -> None:
    store.duplicates.save_keys(
        [keys("a", "k1"), keys("b", "k2")], np.array([[1], [1]], dtype=np.int64), "v1"
    )
    store.duplicates.save_links([("a", "b", "near", 0.8), ("b", "c", "exact", 1.0)], "v1")
    assert sorted(store.duplicates.links_of(["c"])) == [("b", "c", "exact", 1.0)]

    assert store.duplicates.forget(["b"]) == {"a", "c"}
    assert store.duplicates.links_of(["a", "b", "c"]) == []
    assert list(store.duplicates.in_buckets([1])) == [(1, "a")]
    assert set(store.duplicates.keys(["a", "b"])) == {"a"}
    assert store.duplicates.pending() == ["b", "c"]  # c never had keys


def test_marks_make_groups_and_clear_undoes_them(store: Store) -> None:
    assert store.duplicates.dated(["a", "b", "nope"]) == {
        "a": DatedDocument("a", "2025-03-02", None, len("first body")),
        "b": DatedDocument("b", "2025-03-01", None, len("second body, longer")),
    }
    store.duplicates.mark(
        [
            DuplicateMark("b", None, None, None, None),
            DuplicateMark("a", "b", "near", 0.9, "b"),
            DuplicateMark("c", "b", "rewrite", 0.4, "a"),
        ]
    )
    (group,) = store.duplicates.groups()
    assert group.canonical.id == "b" and group.size == 3
    assert [(m.id, m.kind, m.score, m.derived_from) for m in group.members] == [
        ("c", "rewrite", 0.4, "a"),  # undated first, as SQL sorts NULL
        ("a", "near", 0.9, "b"),
    ]
    assert store.document_place("a").duplicate_of == "b"  # type: ignore[union-attr]

    store.duplicates.clear()
    assert store.duplicates.groups() == []
    assert store.duplicates.pending() == ["b", "a", "c"]


def test_a_replaced_version_is_stale_and_leaves_its_group(store: Store) -> None:
    store.duplicates.save_keys([keys("a", "k1")], np.array([[1]], dtype=np.int64), "v1")
    store.duplicates.mark([DuplicateMark("a", "b", "near", 0.9, "b")])
    assert store.duplicates.stale() == []
    store.save_documents(
        [Document(id="a2", source="a.txt", source_key="a.txt", format="txt", raw_text="new")]
    )
    assert store.duplicates.stale() == ["a"]
    store.duplicates.clear_superseded()
    assert store.duplicates.groups() == []
