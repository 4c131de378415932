"""Quotes read back: `storyline quotes` filters, and a story brief's quotes by speaker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import Files
from storyline.cli import main
from storyline.errors import StoreError
from storyline.quotes.report import list_quotes
from storyline.runner import RunOptions, run
from storyline.store import Store
from storyline.stories.report import html_page, markdown, story_detail

FIRST = """Harbour talks stall in Esbjerg

Danish Fisheries Minister Lars Holm met trawler owners in Esbjerg on Tuesday.

“We will not sign a deal that empties our harbours,” Holm said after the meeting.

“Nobody in the room expected an agreement today,” said one of the minister's advisers.
"""

SECOND = """Esbjerg trawler owners reject quota plan

Trawler owners in Esbjerg rejected the quota plan of Danish Fisheries Minister Lars Holm on
Wednesday, a day after their talks with him stalled.

“The plan would tie up half of our boats,” said Mette Lund, who heads the owners' association.

Holm said the quotas would be reviewed in the spring.
"""


@pytest.fixture
def store(files: Files, tmp_path: Path) -> Store:
    files.write("2025-03-11_talks.txt", FIRST)
    files.write("2025-03-12_owners.txt", SECOND)
    opened = Store(tmp_path / "news.db")
    run([str(files.root)], opened, RunOptions(workers=1))
    return opened


def test_filters_by_speaker_entity_and_story(store: Store) -> None:
    everything = list_quotes(store)
    assert {q.speaker for q in everything} >= {"Lars Holm", "Mette Lund"}
    holm = list_quotes(store, speaker="Holm")
    assert holm and all(q.speaker == "Lars Holm" for q in holm)
    entity = holm[0].speaker_entity_id
    assert entity is not None
    assert list_quotes(store, entity=entity) == list_quotes(store, entity="Lars Holm")
    story = store.conn.execute(
        "SELECT story_id FROM documents WHERE id = ?", (holm[0].document_id,)
    ).fetchone()[0]
    in_story = list_quotes(store, story=story)
    assert in_story and all(
        store.conn.execute(
            "SELECT story_id FROM documents WHERE id = ?", (q.document_id,)
        ).fetchone()[0]
        == story
        for q in in_story
    )
    for quote in everything:
        text = store.get_document(quote.document_id).text
        assert text[quote.start : quote.end] == quote.text
    with pytest.raises(StoreError):
        list_quotes(store, entity="Nobody Atall")


def test_brief_groups_quotes_by_speaker(store: Store) -> None:
    story = list_quotes(store, speaker="Holm")[0]
    story_id = store.conn.execute(
        "SELECT story_id FROM documents WHERE id = ?", (story.document_id,)
    ).fetchone()[0]
    detail = story_detail(store, story_id)
    speakers = [group.speaker for group in detail.quotes]
    assert "Lars Holm" in speakers
    assert all(q.kind != "indirect" for group in detail.quotes for q in group.quotes)
    assert any(group.entity_id is None for group in detail.quotes)  # the unnamed adviser
    brief = markdown(detail)
    assert "## Who said what" in brief and "**Lars Holm**" in brief
    assert "(unnamed source)" in brief
    assert "<h2>Who said what</h2>" in html_page(detail)


def test_cli_lists_quotes(store: Store) -> None:
    result = CliRunner().invoke(
        main, ["quotes", "--db", str(store.path), "--speaker", "Lund", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(r["speaker"] == "Mette Lund" for r in rows)


def test_entity_shows_its_stories_and_what_it_said(store: Store) -> None:
    from storyline.entities.report import entity_detail, text

    detail = entity_detail(store, "Lars Holm")
    assert detail.stories and detail.stories[0][2] == 2  # both articles, one story
    assert any("empties our harbours" in quoted for _, _, quoted in detail.quotes)
    shown = text(detail)
    assert "stories:" in shown and "quotes:" in shown


def test_speaker_filter_matches_whole_words_and_pages(store: Store) -> None:
    assert list_quotes(store, speaker="Hol") == []
    holm = list_quotes(store, speaker="lars holm")
    assert holm and all(q.speaker == "Lars Holm" for q in holm)
    everything = list_quotes(store)
    assert list_quotes(store, limit=1, offset=1) == everything[1:2]
