"""``store.listing`` and ``store.search``: the web's listings, counts and full-text search."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from storyline.errors import StoreError
from storyline.model import Document
from storyline.store import Store
from storyline.store.duplicates import DuplicateMark
from storyline.store.listing import DocumentFilter
from storyline.store.stories import Assignment, StoryChange


def document(doc_id: str, day: str, outlet: str, text: str) -> Document:
    return Document(
        id=doc_id,
        source=f"{doc_id}.txt",
        source_key=f"{doc_id}.txt",
        format="txt",
        raw_text=text,
        text=text,
        title=f"Title {doc_id}",
        outlet=outlet,
        published=date.fromisoformat(day),
    )


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store(db) as opened:
        opened.save_documents(
            [
                document("a", "2025-03-01", "Herald", "Fishermen strike in Peniche."),
                document("b", "2025-03-05", "Post", "The strike ends with a quota deal."),
                document("copy", "2025-03-06", "Wire", "Fishermen strike in Peniche."),
                document("c", "2025-04-10", "Herald", "A festival opens in Lisbon."),
            ]
        )
        opened.duplicates.mark([DuplicateMark("copy", "a", "exact", 1.0, "a")])
        stories = opened.stories
        stories.save(
            [
                StoryChange("s1", "2025-03-01", "2025-03-05", 2, {}, None, ()),
                StoryChange("s2", "2025-04-10", "2025-04-10", 1, {}, None, ()),
            ],
            "v",
        )
        stories.assign(
            [
                Assignment("a", "s1", {}, 1.0),
                Assignment("b", "s1", {}, 1.0),
                Assignment("c", "s2", {}, 1.0),
            ]
        )
        stories.follow_copies()
        yield opened


def test_story_cards_newest_first_with_coverage(store: Store) -> None:
    cards, total = store.listing.story_cards(DocumentFilter(), limit=10, offset=0)
    assert total == 2 and [c.id for c in cards] == ["s2", "s1"]
    s1 = cards[1]
    assert (s1.articles, s1.documents) == (2, 3)  # the copy is folded under its original
    assert set(s1.outlets) == {"Herald", "Post", "Wire"}
    assert s1.per_day == (("2025-03-01", 1), ("2025-03-05", 1), ("2025-03-06", 1))


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (DocumentFilter(start="2025-04-01"), ["s2"]),
        (DocumentFilter(end_exclusive="2025-03-02"), ["s1"]),
        (DocumentFilter(outlet="Wire"), ["s1"]),  # through the copy's original
        (DocumentFilter(story_id="s2"), ["s2"]),
        (DocumentFilter(entity_id="nobody"), []),
    ],
)
def test_story_cards_narrowed(store: Store, where: DocumentFilter, expected: list[str]) -> None:
    cards, total = store.listing.story_cards(where, limit=10, offset=0)
    assert [c.id for c in cards] == expected and total == len(expected)


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (DocumentFilter(), ["c", "copy", "b", "a"]),
        (DocumentFilter(start="2025-03-05", end_exclusive="2025-03-07"), ["copy", "b"]),
        (DocumentFilter(outlet="Herald"), ["c", "a"]),
        (DocumentFilter(story_id="s1"), ["copy", "b", "a"]),
    ],
)
def test_documents_newest_first(store: Store, where: DocumentFilter, expected: list[str]) -> None:
    rows, total = store.listing.documents(where, limit=10, offset=0)
    assert [r.id for r in rows] == expected and total == len(expected)
    page, _ = store.listing.documents(where, limit=1, offset=1)
    assert [r.id for r in page] == expected[1:2]


def test_counts_and_outlets(store: Store) -> None:
    stats = store.listing.stats()
    assert (stats["documents"], stats["duplicates"], stats["stories"]) == (4, 1, 2)
    assert (stats["first_published"], stats["last_published"]) == ("2025-03-01", "2025-04-10")
    assert stats["last_run"] is None
    run = store.begin_run({})
    assert store.listing.stats()["last_run"]["id"] == run
    assert store.listing.outlets() == ["Herald", "Post", "Wire"]
    assert store.listing.count_quotes(story_id="s1", entity_id=None) == 0


def test_search_ranks_marks_and_narrows(store: Store) -> None:
    matches, total = store.search.matches(
        "strike", DocumentFilter(), marks=("<", ">"), words=4, limit=10, offset=0
    )
    assert total == 3 and {m.id for m in matches} == {"a", "b", "copy"}
    assert all("<strike>" in m.snippet_marked.lower() for m in matches)
    narrowed, total = store.search.matches(
        "strike", DocumentFilter(outlet="Post"), marks=("<", ">"), words=4, limit=10, offset=0
    )
    assert [m.id for m in narrowed] == ["b"] and total == 1
    assert [s.id for s in store.search.snippets("festival")] == ["c"]
    with pytest.raises(StoreError, match="bad search query"):
        store.search.snippets('"unbalanced')
    with pytest.raises(StoreError, match="bad search query"):
        store.search.matches("AND", DocumentFilter(), marks=("<", ">"), words=4, limit=10, offset=0)
