"""The entity_links stage: a later article of a story that says only "Mr Hartwell" or "the
Authority" names the full name an earlier article of the story used; incremental and the
same after a re-run (issue 22). The articles are written for the test, in the shape of a
BBC politics story followed over two days."""

from __future__ import annotations

from pathlib import Path

from conftest import Files
from storyline.entities.link_stage import EntityLinkStage
from storyline.pipeline import Counters
from storyline.runner import RunOptions, run
from storyline.store import Store

FIRST = """Shadow chancellor attacks budget plans

The shadow chancellor, Michael Hartwell, said on Sunday that the government's budget plans
would push council tax up in every region of England. Michael Hartwell told the Harbour
Pilots Authority conference in Bristol that the plans were unfair to pensioners and young
families.
"""

SECOND = """Budget row deepens as Hartwell steps up attack

The row over the government's budget plans deepened on Monday as Mr Hartwell accused
ministers of hiding a council tax rise from pensioners and young families in England.
Mr Hartwell said the Authority had warned the plans were unfair.
"""


def _linked(store: Store) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (r[0], r[1], r[2], r[3])
        for r in store.conn.execute(
            "SELECT m.text, COALESCE(e.name, '-'), m.story_rule, m.own_entity_id IS NOT NULL "
            "FROM entity_mentions m LEFT JOIN entities e ON e.id = m.entity_id "
            "WHERE m.kind = 'name' ORDER BY m.document_id, m.start"
        )
    ]


def _state(store: Store) -> tuple[object, ...]:
    return (
        _linked(store),
        sorted(tuple(r) for r in store.conn.execute("SELECT id, name, aliases FROM entities")),
    )


def _stored(files: Files, tmp_path: Path, *texts: tuple[str, str]) -> Store:
    for name, text in texts:
        files.write(name, text)
    store = Store(tmp_path / "news.db")
    run([str(files.root)], store, RunOptions(workers=1))
    return store


def test_a_later_article_names_the_story_full_name(files: Files, tmp_path: Path) -> None:
    with _stored(
        files, tmp_path, ("2025-03-02_first.txt", FIRST), ("2025-03-03_second.txt", SECOND)
    ) as store:
        assert len(store.entities.linked_stories()) == 1
        rows = _linked(store)
        assert ("Hartwell", "Michael Hartwell", "story-surname", 1) in rows
        assert ("Authority", "Harbour Pilots Authority", "story-short-form", 1) in rows
        # The short forms' own entities are gone: every mention moved.
        names = {r[0] for r in store.conn.execute("SELECT name FROM entities")}
        assert "Hartwell" not in names and "Authority" not in names
        # The provenance names the link's rule after the mention's.
        document = store.conn.execute(
            "SELECT document_id FROM entity_mentions WHERE story_rule IS NOT NULL"
        ).fetchone()[0]
        rules = {p.rule for p in store.articles.provenance(document)}
        assert "crf+honorific+story-surname" in rules
        # And so does the export.
        exported = {span.rule for e in store.exports.entities() for span in e.mentions}
        assert "crf+honorific+story-surname" in exported


def test_the_links_follow_the_story_and_a_rerun_changes_nothing(
    files: Files, tmp_path: Path
) -> None:
    # The second article alone: nothing to link to.
    with _stored(files, tmp_path, ("2025-03-03_second.txt", SECOND)) as store:
        assert all(r[2] is None for r in _linked(store))
        # The first arrives: the story changes and the second article's names follow it.
        files.write("2025-03-02_first.txt", FIRST)
        run([str(files.root)], store, RunOptions(workers=1))
        linked = _state(store)
        assert ("Hartwell", "Michael Hartwell", "story-surname", 1) in linked[0]  # type: ignore[operator]
        # Nothing new: nothing relinked.
        counters = Counters()
        stage = EntityLinkStage()
        stage.update(store, [], [], counters, [])
        assert counters["entity_links"].found["links"] == 0
        # Linking again from scratch gives the same mentions and entities.
        run([], store, RunOptions(workers=1, only=("entity_links",)))
        assert _state(store) == linked
        # Undone, then linked again by the stage alone.
        stage.reset(store)
        assert all(r[2] is None for r in _linked(store))
        stage.update(store, [], [], Counters(), [])
        assert _state(store) == linked
