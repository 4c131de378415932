"""The co-occurrence graph opens in networkx with the counts the store holds."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

from storyline.export.formats import export
from storyline.runner import RunOptions, run
from storyline.store import Store

from .corpus import write_corpus


def add_mention(store: Store, document: str, entity: str, *, metonym: int = 0) -> None:
    store.conn.execute(
        "INSERT INTO entity_mentions (document_id, start, end, text, type, entity_id, name, "
        "is_metonym, stage_version, rule) VALUES (?, 0, 1, 'x', 'person', ?, ?, ?, '1', 'crf')",
        (document, entity, entity, metonym),
    )


def add_document(store: Store, doc: str, story: str, duplicate_of: str | None = None) -> None:
    store.conn.execute(
        "INSERT INTO documents (id, source, source_key, format, raw_text, text, title, stages, "
        "ingested_at, updated_at, story_id, duplicate_of) "
        "VALUES (?, ?, ?, 'txt', '', 'x', 't', '{}', '2025-01-01', '2025-01-01', ?, ?)",
        (doc, doc, doc, story, duplicate_of),
    )


def test_edges_count_shared_stories_and_articles(db: str, tmp_path: Path) -> None:
    """a and b share two stories (both named in d1, and in different articles of s2); c
    appears only with a, in one story; the copy d4 and the metonym add nothing."""
    with Store(db) as store:
        for doc, story in (("d1", "s1"), ("d2", "s2"), ("d3", "s2"), ("d5", "s3")):
            add_document(store, doc, story)
        add_document(store, "d4", "s3", duplicate_of="d5")
        store.conn.execute(
            "INSERT INTO entities (id, name, type, aliases, roles, stage, stage_version) VALUES "
            "('a', 'Anna Berg', 'person', '[]', "
            '\'[{"title": "Minister", "country": null, "organization": null}]\', '
            "'entities', '1'), ('b', 'Borsa', 'organization', '[]', '[]', 'entities', '1'), "
            "('c', 'Carlstad', 'place', '[]', '[]', 'entities', '1')"
        )
        for doc, entity in (("d1", "a"), ("d1", "b"), ("d2", "a"), ("d3", "b"), ("d3", "c")):
            add_mention(store, doc, entity)
        add_mention(store, "d3", "a")
        add_mention(store, "d4", "a")  # a copy: left out
        add_mention(store, "d4", "c")
        add_mention(store, "d5", "b", metonym=1)  # "Borsa said": left out
        add_mention(store, "d5", "c")
    target = tmp_path / "graph.graphml"
    with Store(db, readonly=True) as store:
        counts = export(store, "graphml", target)
    graph = nx.read_graphml(target)
    assert counts == {"nodes": 3, "edges": 3}
    assert graph.nodes["a"] == {
        "label": "Anna Berg",
        "type": "person",
        "roles": "Minister",
        "mentions": 3,
        "articles": 3,
        "stories": 2,
    }
    assert graph.edges["a", "b"] == {"weight": 2.0, "articles": 2}
    assert graph.edges["a", "c"] == {"weight": 1.0, "articles": 1}
    assert graph.edges["b", "c"] == {"weight": 1.0, "articles": 1}


def test_the_graph_of_a_run_opens_in_networkx(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in")
    with Store(tmp_path / "news.db") as store:
        run([str(tmp_path / "in")], store, RunOptions(workers=1))
        out = io.StringIO()
        export(store, "graphml", "-", stdout=out)
    graph = nx.read_graphml(io.StringIO(out.getvalue()))
    names = {data["label"]: node for node, data in graph.nodes(data=True)}
    brede, varga = names["Tomas Brede"], names["Ilse Varga"]
    assert graph.nodes[brede]["type"] == "person"
    assert graph.edges[brede, varga]["weight"] >= 1
    # The two stories share nobody: Petra Holm (the frost story) never meets Tomas Brede.
    assert not graph.has_edge(names["Petra Holm"], brede)


@pytest.mark.parametrize("name", ["Zoë \x07Ngata & <Co>", 'O\'Hara "Junior"'])
def test_names_that_need_escaping_stay_valid_xml(tmp_path: Path, name: str) -> None:
    with Store(tmp_path / "news.db") as store:
        add_document(store, "d1", "s1")
        store.conn.execute(
            "INSERT INTO entities (id, name, type, aliases, roles, stage, stage_version) "
            "VALUES ('a', ?, 'person', '[]', '[]', 'entities', '1')",
            (name,),
        )
        add_mention(store, "d1", "a")
        export(store, "graphml", tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert graph.nodes["a"]["label"] == name.replace("\x07", "")
