"""Issue 23: a document's language in the store (migration 0023), on both backends: saved,
read back, updated when the language stage runs again, and read by the fact stages'
bookkeeping (``ReadLedger.languages``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from storyline.model import Document
from storyline.offsets import OffsetMap
from storyline.store import Store


def doc(id_: str = "a1", key: str = "k1") -> Document:
    text = "Die Hafenarbeiter streiken seit Dienstag."
    return Document(
        id=id_,
        source="in/a.txt",
        source_key=key,
        format="txt",
        raw_text=text,
        title=None,
        text=text,
        offset_map=OffsetMap.identity(len(text)),
        stages=(("clean", "1"),),
    )


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store(db) as opened:
        yield opened


def test_language_round_trip_and_update(store: Store) -> None:
    french = replace(doc(), language="fr", stages=(("clean", "1"), ("language", "1")))
    store.save_documents([french])
    assert store.get_document("a1").language == "fr"
    # Detected again by another version of the stage: the document is updated in place.
    again = replace(french, language="und", stages=(("clean", "1"), ("language", "2")))
    assert store.save_documents([again]).updated == 1
    assert store.get_document("a1").language == "und"


def test_a_document_stored_before_the_stage_has_no_language(store: Store) -> None:
    store.save_documents([doc()])
    assert store.get_document("a1").language is None
    assert store.entities.languages(["a1", "missing"]) == {"a1": None}


def test_the_ledger_reads_languages_in_chunks(store: Store) -> None:
    documents = [
        replace(doc(f"d{i:04}", f"k{i}"), language="de" if i % 2 else "en") for i in range(1200)
    ]
    store.save_documents(documents)
    found = store.quotes.languages([d.id for d in documents])
    assert len(found) == 1200 and found["d0001"] == "de" and found["d0002"] == "en"
