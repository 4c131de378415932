"""``neighbour_pairs``: the edges between an entity's neighbours, counted only in the
articles that name the entity, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from storyline.model import Document
from storyline.offsets import OffsetMap
from storyline.store import Store
from storyline.store.cooccurrence import neighbour_pairs
from storyline.store.entities import EntityMentionRecord

TEXT = "Minister Lars Holm met Piet Varo and the mayor in Esbjerg on Tuesday."


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store(db) as opened:
        yield opened


def document(id_: str) -> Document:
    return Document(
        id=id_, source=f"in/{id_}.txt", source_key=id_, format="txt", raw_text=TEXT,
        published=date(2025, 3, 12), title=id_, text=TEXT,
        offset_map=OffsetMap.identity(len(TEXT)), stages=(("clean", "1"),),
    )  # fmt: skip


def name(document_id: str, text: str, entity_id: str, metonym: bool = False) -> EntityMentionRecord:
    start = TEXT.index(text)
    return EntityMentionRecord(
        document_id, start, start + len(text), text, "person", entity_id, text, None, None,
        None, metonym, 0.9, "2",
    )  # fmt: skip


def test_pairs_count_only_articles_naming_the_entity(store: Store) -> None:
    store.save_documents([document("d1"), document("d2"), document("d3")])
    with store.transaction():
        store.entities.add_mentions(
            [
                name("d1", "Lars Holm", "ent_holm"),
                name("d1", "Piet Varo", "ent_varo"),
                name("d1", "Esbjerg", "ent_esbjerg"),
                name("d2", "Lars Holm", "ent_holm"),
                name("d2", "Piet Varo", "ent_varo"),
                name("d2", "Esbjerg", "ent_esbjerg", metonym=True),  # "Esbjerg said"
                name("d3", "Piet Varo", "ent_varo"),  # no Holm: not counted
                name("d3", "Esbjerg", "ent_esbjerg"),
            ]
        )
    assert neighbour_pairs(store, "ent_holm", ["ent_varo", "ent_esbjerg"]) == [
        ("ent_esbjerg", "ent_varo", 1)
    ]
    assert neighbour_pairs(store, "ent_holm", ["ent_varo"]) == []
