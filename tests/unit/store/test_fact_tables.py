"""Round trips through the store's fact families on a temporary store: ``store.entities``,
``store.quotes``, ``store.times``, ``store.events``, ``store.articles``, ``store.exports``,
and the read marks every fact stage keeps (``ReadLedger``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from storyline.errors import StoreError
from storyline.model import Document
from storyline.offsets import OffsetMap
from storyline.store import Store
from storyline.store.entities import EntityMentionRecord, EntityRecord
from storyline.store.events import EventMentionRecord as EventMention
from storyline.store.events import EventRecord
from storyline.store.quotes import QuoteRecord
from storyline.store.times import TimeRecord, TimeSpan

TEXT = "Minister Lars Holm met owners in Esbjerg on Tuesday. He said: “No deal.”"


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    """Every test here runs on both backends: a SQLite file, then a PostgreSQL database
    (``db`` in ``tests/conftest.py``)."""
    with Store(db) as opened:
        yield opened


def document(id_: str, key: str | None = None, published: date | None = None) -> Document:
    return Document(
        id=id_,
        source=f"in/{id_}.txt",
        source_key=key or id_,
        format="txt",
        raw_text=TEXT,
        published=published or date(2025, 3, 12),
        title=f"Title of {id_}",
        text=TEXT,
        offset_map=OffsetMap.identity(len(TEXT)),
        stages=(("clean", "1"),),
    )


def name(document_id: str, text: str, entity_id: str, type_: str = "person") -> EntityMentionRecord:
    start = TEXT.index(text)
    return EntityMentionRecord(
        document_id, start, start + len(text), text, type_, entity_id, text, "Minister"
        if entity_id == "ent_holm" else None, None, None, False, 0.9, "2",
    )  # fmt: skip


@pytest.fixture
def stored(store: Store) -> Store:
    store.save_documents([document("d1"), document("d2", published=date(2025, 3, 13))])
    return store


# Read marks (ReadLedger) -------------------------------------------------------------------


def test_read_marks_find_unread_and_outdated_documents(stored: Store) -> None:
    ledger = stored.entities
    assert ledger.unread() == ["d1", "d2"]
    with stored.transaction():
        ledger.mark_read(["d1"], "v1")
    assert ledger.unread() == ["d2"] and ledger.read_count() == 1
    assert ledger.outdated("v1") == [] and ledger.outdated("v2") == ["d1"]
    stored.save_documents([document("d1-new", key="d1")])  # a newer version replaces d1
    assert ledger.outdated("v1") == ["d1"]
    assert [t.id for t in ledger.texts(["d2", "d1-new"])] == ["d2", "d1-new"]
    text = next(ledger.texts(["d2"]))
    assert (text.source, text.title, text.text, text.published) == (
        "in/d2.txt", "Title of d2", TEXT, "2025-03-13",
    )  # fmt: skip


# Entities ----------------------------------------------------------------------------------


def test_entity_mentions_and_rows_round_trip(stored: Store) -> None:
    entities = stored.entities
    with stored.transaction():
        entities.add_mentions(
            [
                name("d1", "Lars Holm", "ent_holm"),
                name("d1", "Esbjerg", "ent_esbjerg", "place"),
                name("d2", "Lars Holm", "ent_holm"),
                EntityMentionRecord("d1", 53, 55, "He", "person", "ent_holm", "Lars Holm", None,
                              None, None, False, None, "2", "pronoun"),
            ]
        )  # fmt: skip
        holm = EntityRecord(
            "ent_holm", "Lars Holm", "person", ("Holm",),
            ({"title": "Minister", "country": None, "organization": None},), "entities", "2",
        )  # fmt: skip
        entities.put(holm)
        entities.put(EntityRecord("ent_esbjerg", "Esbjerg", "place", (), (), "entities", "2"))
    assert entities.get("ent_holm") == holm and entities.get("ent_nobody") is None
    assert [e.id for e in entities.all()] == ["ent_esbjerg", "ent_holm"]
    assert entities.names(["ent_holm", "ent_nobody"]) == {"ent_holm": "Lars Holm"}
    assert entities.ids_starting("ent_h") == ["ent_holm"]
    assert entities.places() == [("ent_esbjerg", "Esbjerg")]
    assert entities.people_named("d1") == [("Lars Holm", "ent_holm")]
    assert [(m.entity_id, m.kind) for m in entities.spans("d1")] == [
        ("ent_holm", "name"), ("ent_esbjerg", "name"), ("ent_holm", "pronoun"),
    ]  # fmt: skip
    assert [n.text for n in entities.names_of("ent_holm")] == ["Lars Holm", "Lars Holm"]
    top = entities.most_named()
    assert [(e.id, e.mentions, e.documents) for e in top] == [
        ("ent_holm", 2, 2), ("ent_esbjerg", 1, 1),
    ]  # fmt: skip
    assert entities.most_named(type_="place")[0].id == "ent_esbjerg"
    assert entities.count_named() == 2 and entities.count_named("place") == 1
    assert entities.count() == 2
    assert [r.title for r in entities.roles_seen("ent_holm")] == ["Minister"]
    assert [(d.id, d.mentions) for d in entities.documents_naming("ent_holm")] == [
        ("d1", 1), ("d2", 1),
    ]  # fmt: skip
    assert [(n.id, n.articles) for n in entities.co_occurring("ent_holm", 5)] == [
        ("ent_esbjerg", 1)
    ]
    assert entities.entity_ids_in(["d1"]) == {"ent_holm", "ent_esbjerg"}
    assert sorted((n.id, n.aliases) for n in entities.named()) == [
        ("ent_esbjerg", ()), ("ent_holm", ("Holm",)),
    ]  # fmt: skip

    with stored.transaction():
        entities.mark_read(["d1", "d2"], "2")
        entities.forget(["d1"])
    assert entities.spans("d1") == [] and entities.unread() == ["d1"]
    entities.clear()
    assert entities.count() == 0 and entities.spans("d2") == [] and entities.read_count() == 0


# Quotes and times ----------------------------------------------------------------------------


def quote(document_id: str, field: str = "text") -> QuoteRecord:
    start = TEXT.index("“")
    return QuoteRecord(
        f"q-{document_id}-{field}", document_id, start, len(TEXT), TEXT[start:], "direct",
        "ent_holm", "He", 53, 55, "said", "quotes", "3", field,
    )  # fmt: skip


def test_quotes_round_trip(stored: Store) -> None:
    with stored.transaction():
        stored.quotes.add([quote("d1"), quote("d2"), quote("d2", "title")])
        stored.entities.put(EntityRecord("ent_holm", "Lars Holm", "person", (), (), "e", "2"))
    assert stored.quotes.spans("d1") == [(TEXT.index("“"), len(TEXT))]
    assert stored.quotes.count() == 3
    newest_first = stored.quotes.listing()
    assert [q.document_id for q in newest_first] == ["d2", "d2", "d1"]
    assert newest_first[0].speaker == "Lars Holm"
    assert len(stored.quotes.listing(limit=1, offset=1)) == 1
    assert stored.quotes.listing(speaker_entity_id="ent_other") == []
    assert [q.document_id for q in stored.quotes.said_by("ent_holm")] == ["d1", "d2", "d2"]
    assert stored.quotes.of_story("no-story") == []
    with stored.transaction():
        stored.quotes.forget(["d2"])
    assert [q.id for q in stored.quotes.listing()] == ["q-d1-text"]


def test_time_expressions_round_trip(stored: Store) -> None:
    start = TEXT.index("Tuesday")
    with stored.transaction():
        stored.times.add(
            [TimeRecord("d1", start, start + 7, "Tuesday", "DATE", "2025-03-11", "2025-03-12",
                        "events", "4")]
        )  # fmt: skip
    assert stored.times.of_document("d1") == [
        TimeSpan(start, start + 7, "Tuesday", "DATE", "2025-03-11")
    ]
    [exported] = stored.exports.time_expressions()
    assert exported["anchor"] == "2025-03-12" and exported["value"] == "2025-03-11"


# Events --------------------------------------------------------------------------------------


def event_mention(document_id: str, status: str = "happened") -> EventMention:
    start = TEXT.index("met")
    return EventMention(
        document_id, start, start + 3, "met", "meet", "meeting", status, 0, 52, "2025-03-11",
        44, 51, "2025-03-11", "2025-03-11", "ent_esbjerg", 33, 40, ("ent_holm",),
        "person:Lars Holm", None, "events", "4",
    )  # fmt: skip


def test_event_mentions_link_and_read_back(stored: Store) -> None:
    events = stored.events
    with stored.transaction():
        events.add_mentions([event_mention("d1"), event_mention("d2", "reported")])
        stored.entities.put(EntityRecord("ent_esbjerg", "Esbjerg", "place", (), (), "e", "2"))
    assert events.story_members() == {"doc:d1": ["d1"], "doc:d2": ["d2"]}
    mentions = events.to_link(["d2", "d1"], vectors=False)
    assert [m.document_id for m in mentions] == ["d1", "d2"]  # publication order
    assert mentions[0].sentence == TEXT[:52] and mentions[0].trigger_at == TEXT.index("met")
    assert mentions[0].participant_entity_ids == ("ent_holm",)
    record = EventRecord(
        "evt_1", "meeting", "A meeting", "2025-03-11", "ent_esbjerg", ("ent_holm",),
        "event_links", "1", "doc:d1", "happened", "2025-03-11", "2025-03-11", 2,
    )  # fmt: skip
    with stored.transaction():
        events.put(record, [m.id for m in mentions])
        events.record_linked("doc:d1", "embeddings: d1")
        events.set_vectors([(mentions[0].id, b"\x00" * 8)])
    assert events.linked_members() == {"doc:d1": "embeddings: d1"}
    assert events.linked_with_embeddings()
    assert events.to_link(["d1"], vectors=True)[0].trigger_vector == b"\x00" * 8
    [row] = events.timeline(story_id="doc:d1")
    assert (row.id, row.place, row.participant_entity_ids) == ("evt_1", "Esbjerg", ("ent_holm",))
    assert [e.id for e in events.timeline(entity_id="ent_holm")] == ["evt_1"]
    assert [m.status for m in events.mentions_of("evt_1")] == ["happened", "reported"]
    assert events.mentions_of("evt_1")[0].time_text == "Tuesday"
    assert events.count() == 1
    [exported] = stored.exports.events()
    assert exported["id"] == "evt_1" and len(exported["mentions"]) == 2

    # Re-reading a document drops the link record of the stories its mentions were in.
    with stored.transaction():
        events.mark_read(["d1", "d2"], "4")
        events.forget(["d2"])
    assert events.linked_members() == {} and events.unread() == ["d2"]
    with stored.transaction():
        events.drop_story("doc:d1")
    assert events.count() == 0 and events.to_link(["d1"], vectors=False)[0].id == mentions[0].id
    events.clear_links()
    assert not events.linked_with_embeddings()
    events.clear()
    assert events.to_link(["d1"], vectors=False) == [] and events.read_count() == 0


# Articles and exports ------------------------------------------------------------------------


def test_article_reads(stored: Store) -> None:
    with stored.transaction():
        stored.entities.add_mentions([name("d1", "Lars Holm", "ent_holm")])
        stored.quotes.add([quote("d1")])
        stored.conn.execute(
            "UPDATE documents SET duplicate_of = 'd1', duplicate_kind = 'exact' WHERE id = 'd2'"
        )
    [span] = stored.articles.entity_spans("d1")
    assert (span.name, span.role) == ("Lars Holm", "Minister")  # the mention's name: no row
    assert [q.id for q in stored.articles.quote_spans("d1")] == ["q-d1-text"]
    assert [c.id for c in stored.articles.copies("d1")] == ["d2"]
    copy = stored.articles.copy("d2")
    assert copy is not None and copy.kind == "exact" and copy.text == TEXT
    assert stored.articles.story_title("no-story") is None
    with pytest.raises(StoreError, match="no story"):
        stored.stories.resolve("s_missing")


def test_export_streams(stored: Store) -> None:
    with stored.transaction():
        stored.entities.add_mentions([name("d1", "Lars Holm", "ent_holm")])
        stored.entities.put(EntityRecord("ent_holm", "Lars Holm", "person", (), (), "e", "2"))
        stored.quotes.add([quote("d1", "title"), quote("d1")])
    links = stored.exports.document_links("d1")
    assert links is not None and links.duplicate_of is None
    assert stored.exports.document_links("nope") is None
    [entity] = stored.exports.entities()
    assert [m.text for m in entity.mentions] == ["Lars Holm"] and entity.pronouns == ()
    assert [q["field"] for q in stored.exports.quotes()] == ["title", "text"]
    assert list(stored.exports.stories()) == []
