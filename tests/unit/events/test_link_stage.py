"""The events stage (per-document extraction) and the event_links stage (per story) apart:
``run --only events`` re-extracts and relinks; a document re-read (another results version
upstream) relinks its story and only it."""

from __future__ import annotations

from pathlib import Path

from conftest import Files
from storyline.events.link_stage import EventLinkStage
from storyline.events.report import timeline
from storyline.events.stage import EventStage
from storyline.pipeline import Counters
from storyline.runner import RunOptions, run
from storyline.store import Store

PLAN = """Nordic ministers to meet on fishing quotas

Fisheries ministers from Norway, Iceland and Denmark will meet in Oslo on Wednesday to
settle this year's cod quotas, Norway's fisheries ministry said.
"""

OUTCOME = """Nordic ministers agree cod quotas in Oslo

Fisheries ministers from Norway, Iceland and Denmark met in Oslo on Wednesday and agreed
new cod quotas for the coming year.
"""


def _stored(files: Files, tmp_path: Path) -> Store:
    files.write("2025-06-02_plan.txt", PLAN)
    files.write("2025-06-04_outcome.txt", OUTCOME)
    store = Store(tmp_path / "news.db")
    run([str(files.root)], store, RunOptions(workers=1))
    return store


def _stories(store: Store) -> list[str]:
    return sorted(store.events.story_members())


def test_only_events_re_extracts_and_relinks(files: Files, tmp_path: Path) -> None:
    with _stored(files, tmp_path) as store:
        story = _stories(store)[0]
        before = timeline(store, story=story, include_all=True)
        assert before
        summary = run([], store, RunOptions(workers=1, only=("events",)))
        assert summary.counters["events"].passed == 2
        assert summary.counters["event_links"].found["events"] == store.events.count()
        assert timeline(store, story=story, include_all=True) == before


def test_a_document_read_again_relinks_its_story(files: Files, tmp_path: Path) -> None:
    with _stored(files, tmp_path) as store:
        linked = store.events.linked_members()
        assert set(linked) == set(_stories(store))
        counts = store.events.count()
        extract, links = EventStage(), EventLinkStage()
        extract.key = "upstream-changed"  # e.g. a new entity version: every document re-read
        counters: Counters = Counters()
        extract.update(store, [], [], counters, [])
        assert counters["events"].passed == 2
        assert store.events.linked_members() == {}  # their stories' link records dropped
        links.update(store, [], [], counters, [])
        assert store.events.linked_members() == linked
        assert counters["event_links"].found["events"] == counts == store.events.count()
        # Nothing changed since: nothing is read or relinked.
        counters = Counters()
        extract.update(store, [], [], counters, [])
        links.update(store, [], [], counters, [])
        assert counters["events"].passed == 0 and counters["event_links"].found["events"] == 0
