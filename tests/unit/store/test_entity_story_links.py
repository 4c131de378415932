"""The entity_links stage's store calls on both backends (``store.entities``): the story's
names with the word before each, links made and undone, and the record of what was linked
(issue 22)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from storyline.model import Document
from storyline.offsets import OffsetMap
from storyline.store import Store
from storyline.store.entities import EntityMentionRecord, StoryLink

FIRST = "Shadow chancellor Piet Varo spoke to the Harbour Pilots Authority."
SECOND = "Mr Varo said the Authority agreed."


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store(db) as opened:
        yield opened


def _document(id_: str, text: str) -> Document:
    return Document(
        id=id_, source=f"in/{id_}.txt", source_key=id_, format="txt", raw_text=text,
        published=date(2025, 3, 2), title=None, text=text,
        offset_map=OffsetMap.identity(len(text)), stages=(("clean", "1"),),
    )  # fmt: skip


def _name(
    document_id: str, text: str, words: str, entity_id: str, type_: str
) -> EntityMentionRecord:
    start = text.index(words)
    return EntityMentionRecord(
        document_id, start, start + len(words), words, type_, entity_id, words,
        None, None, None, False, 0.9, "5",
    )  # fmt: skip


def test_links_are_made_undone_and_recorded(store: Store) -> None:
    store.save_documents([_document("d1", FIRST), _document("d2", SECOND)])
    store.entities.add_mentions(
        [
            _name("d1", FIRST, "Piet Varo", "ent_piet", "person"),
            _name("d1", FIRST, "Harbour Pilots Authority", "ent_hpa", "organization"),
            _name("d2", SECOND, "Varo", "ent_varo", "person"),
            _name("d2", SECOND, "Authority", "ent_auth", "organization"),
        ]
    )
    names = {(n.document_id, n.text): n for n in store.entities.story_names(["d1", "d2"])}
    assert names["d2", "Authority"].after_the and not names["d2", "Varo"].after_the
    assert not names["d1", "Piet Varo"].after_the  # at the text's start, too
    touched = store.entities.link(
        [StoryLink("d2", "ent_varo", "ent_piet", "Piet Varo", "story-surname")]
    )
    assert touched == {"ent_varo", "ent_piet"}
    assert store.entities.people_named("d2") == [("Piet Varo", "ent_piet")]
    # The story's names read the entity the entity stage gave, not the link.
    assert {n.entity for n in store.entities.story_names(["d2"])} == {"ent_varo", "ent_auth"}
    store.entities.record_story("s1", "d1 d2")
    assert store.entities.linked_stories() == {"s1": "d1 d2"}
    assert store.entities.unlink(["d2"]) == {"ent_varo", "ent_piet"}
    assert store.entities.people_named("d2") == [("Varo", "ent_varo")]
    store.entities.relink_stories_of(["d1"])  # d1 is in no story: its own, "doc:d1"
    assert store.entities.linked_stories() == {"s1": "d1 d2"}
    store.entities.drop_story_records()
    assert store.entities.linked_stories() == {}
