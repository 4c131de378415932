"""``store.stories``: what the stories stage writes, read back as the stage and people read it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from storyline.errors import StoreError
from storyline.model import Document
from storyline.store import Store
from storyline.store.duplicates import DuplicateMark
from storyline.store.stories import Assignment, StoryArticle, StoryChange, StoryEvent


def document(doc_id: str, day: str | None, outlet: str = "Herald") -> Document:
    text = f"The body of {doc_id}."
    return Document(
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


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store(db) as opened:
        opened.save_documents(
            [
                document("a", "2025-03-01"),
                document("b", "2025-03-03", "Post"),
                document("c", None),
                document("copy", "2025-03-04", "Wire"),
            ]
        )
        opened.duplicates.mark([DuplicateMark("copy", "a", "near", 0.9, "a")])
        yield opened


def story(story_id: str, *terms: str, end: str | None = "2025-03-03") -> StoryChange:
    return StoryChange(story_id, "2025-03-01", end, 2, {"quota": 2.0, "fish": 1.0}, None, terms)


def test_the_stage_writes_a_block_and_reads_it_back(store: Store) -> None:
    assert store.stories.pending() == ["a", "b", "c"]  # canonical, by date, undated last
    store.stories.save_frequencies({"quota": 2, "fish": 1})
    store.stories.save([story("s1", "quota", "fish")], "v1")
    store.stories.assign(
        [
            Assignment("a", "s1", {"quota": 1.0}, 1.0),
            Assignment("b", "s1", {"quota": 1.0, "fish": 1.0}, 0.5),
        ]
    )
    store.stories.record([StoryEvent("created", "s1", document_id="a")])
    store.stories.follow_copies()

    assert store.stories.pending() == ["c"]
    assert store.stories.vector_count() == 2
    assert store.stories.frequencies(["quota", "fish", "new"]) == {"quota": 2, "fish": 1}
    stored = store.stories.get("s1")
    assert stored is not None and stored.centroid == {"quota": 2.0, "fish": 1.0}
    assert store.stories.get("s2") is None
    assert store.stories.recent_members("s1", 1) == [({"quota": 1.0, "fish": 1.0}, "2025-03-03")]
    assert sorted(store.stories.member_vectors("s1"), key=str) == sorted(
        [({"quota": 1.0}, "2025-03-01"), ({"quota": 1.0, "fish": 1.0}, "2025-03-03")], key=str
    )
    assert [m.id for m in store.stories.summary_members("s1", 5)] == ["a", "b"]
    assert store.document_place("copy").story_id == "s1"  # type: ignore[union-attr]


def test_candidates_are_found_by_term_within_the_window(store: Store) -> None:
    store.stories.save(
        [story("old", "quota", end="2025-01-01"), story("new", "quota", "fish")], "v"
    )
    assert store.stories.sharing_terms(["quota", "fish"], None, 10) == {"new": 2, "old": 1}
    assert store.stories.sharing_terms(["quota", "fish"], "2025-02-01", 10) == {"new": 2}
    assert store.stories.sharing_terms(["quota"], None, 1).keys() <= {"new", "old"}
    assert store.stories.sharing_terms([], None, 10) == {}
    # A merged story is found by no term, and its members move.
    store.stories.assign([Assignment("a", "old", {"quota": 1.0}, 1.0)])
    merged = StoryChange("old", None, None, 1, {"quota": 1.0}, "new", ())
    store.stories.save([merged], "v")
    store.stories.move_members("old", "new")
    assert store.stories.sharing_terms(["quota"], None, 10) == {"new": 1}
    assert store.document_place("a").story_id == "new"  # type: ignore[union-attr]


def test_detach_reshape_and_drop(store: Store) -> None:
    store.stories.save([story("s1", "quota")], "v")
    store.stories.assign([Assignment("a", "s1", {"quota": 1.0}, 1.0)])
    # The copy of "a" joined as a member by mistake: it is leaving.
    store.stories.assign([Assignment("copy", "s1", {"quota": 1.0}, 1.0)])
    assert store.stories.leaving() == ["copy"]
    assert store.stories.detach(["copy", "c"]) == {"s1"}
    store.stories.reshape("s1", 1, {"quota": 1.0}, "2025-03-01", "2025-03-01")
    stored = store.stories.get("s1")
    assert stored is not None and (stored.size, stored.end) == (1, "2025-03-01")
    store.stories.drop("s1")
    assert store.stories.get("s1") is None
    assert store.stories.sharing_terms(["quota"], None, 10) == {}


def test_what_people_read(store: Store) -> None:
    store.stories.save([story("s1abc", "quota"), story("s2abd", "fish")], "v")
    store.stories.assign(
        [
            Assignment("a", "s1abc", {"quota": 1.0}, 1.0),
            Assignment("b", "s1abc", {"quota": 1.0}, 0.5),
            Assignment("c", "s2abd", {"fish": 1.0}, 1.0),
        ]
    )
    store.stories.follow_copies()
    store.stories.describe("s1abc", "Quota deal", [("A deal.", "a", 0, 7)], ["Lisbon"])
    # s2abd merged into s1abc.
    store.stories.save([StoryChange("s2abd", None, None, 1, {}, "s1abc", ())], "v")
    store.stories.record([StoryEvent("merged", "s2abd", "s1abc", "b")])

    assert store.stories.resolve("s1ab") == "s1abc"
    assert store.stories.resolve("s2abd") == "s1abc"  # follows the merge
    with pytest.raises(StoreError, match="several stories"):
        store.stories.resolve("s")
    with pytest.raises(StoreError, match="no story"):
        store.stories.resolve("zz")
    head = store.stories.head("s1abc")
    assert head is not None and (head.title, head.names) == ("Quota deal", ("Lisbon",))
    assert store.stories.summary("s1abc") == (("A deal.", "a", 0, 7),)
    assert store.stories.articles("s1abc") == (
        StoryArticle(
            "a", "Title a", "Herald", "2025-03-01", (("copy", "Wire", "near", "2025-03-04"),)
        ),
        StoryArticle("b", "Title b", "Post", "2025-03-03", ()),
    )
    assert store.stories.merged_from("s1abc") == ("s2abd",)
    # Key entities need the entity stage (tests/unit/stories checks them on the demo corpus).
    assert store.stories.key_entities(["a", "b", "copy"]) == ()
    (row,) = store.stories.listing()
    assert (row.id, row.size, row.outlets) == ("s1abc", 3, 3)  # copies count


def test_clear_forgets_every_story(store: Store) -> None:
    store.stories.save([story("s1", "quota")], "v")
    store.stories.assign([Assignment("a", "s1", {"quota": 1.0}, 1.0)])
    store.stories.clear()
    assert store.stories.get("s1") is None
    assert store.stories.vector_count() == 0
    assert store.stories.pending() == ["a", "b", "c"]
