"""The quote stage over a store: rows in ``quotes``, speakers tied to entities, export."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema

from conftest import REPO, Files
from storyline.export import write_json
from storyline.model import FoundQuote
from storyline.quotes.stage import SpeakerMention, speaker_entity
from storyline.runner import RunOptions, run
from storyline.store import Store

SCHEMA = json.loads((REPO / "docs" / "export.schema.json").read_text())

ARTICLE = """Harbour talks stall

Danish Fisheries Minister Lars Holm met trawler owners in Esbjerg on Tuesday.

“We will not sign a deal that empties our harbours,” Holm said after the meeting.

He added, “the quotas must be set by scientists, not by lobbyists.”

“Nobody in the room expected an agreement today,” said one of the minister's advisers.
"""


def export(store: Store) -> Any:
    out = io.StringIO()
    write_json(store, out)
    return json.loads(out.getvalue())


def _quote(speaker: str, start: int) -> FoundQuote:
    return FoundQuote(
        0, 1, "direct", speaker=speaker, speaker_start=start, speaker_end=start + len(speaker)
    )


def test_speaker_entity_needs_the_mention_to_end_the_speaker_words() -> None:
    speaker = "Fisheries Minister Lars Holm"
    holm = SpeakerMention(speaker.index("Lars"), len(speaker), "holm", "person")
    assert speaker_entity(_quote(speaker, 0), [holm]) == "holm"
    assert (
        speaker_entity(_quote("Lars Holm, a minister", 0), [SpeakerMention(0, 9, "holm", "person")])
        == "holm"
    )
    assert (
        speaker_entity(_quote("Lars Holm's office", 0), [SpeakerMention(0, 9, "holm", "person")])
        is None
    )
    # "one of the Danish minister's advisers": a description, not the Danish entity.
    adviser = "one of the Danish minister's advisers"
    danish = SpeakerMention(adviser.index("Danish"), adviser.index(" minister"), "dk", "place")
    assert speaker_entity(_quote(adviser, 0), [danish]) is None
    assert speaker_entity(_quote(speaker, 0), [SpeakerMention(19, 28, "x", "misc")]) is None


def test_run_stores_quotes_with_speakers_and_exports_them(files: Files, tmp_path: Path) -> None:
    files.write("a.txt", ARTICLE)
    with Store(tmp_path / "news.db") as store:
        run([str(files.root)], store, RunOptions(workers=1))
        rows = list(store.conn.execute("SELECT * FROM quotes ORDER BY start"))
        assert [r["kind"] for r in rows] == ["direct", "direct", "direct"]
        holm, he, adviser = rows
        assert (holm["speaker_text"], he["speaker_text"]) == ("Holm", "He")
        assert holm["speaker_entity_id"] is not None
        # The pronoun resolves to the minister through the entity stage.
        assert he["speaker_entity_id"] == holm["speaker_entity_id"]
        assert adviser["speaker_text"] == "one of the minister's advisers"
        assert adviser["speaker_entity_id"] is None
        text = store.conn.execute("SELECT text FROM documents").fetchone()[0]
        for row in rows:
            assert text[row["start"] : row["end"]] == row["text"]
            assert text[row["speaker_start"] : row["speaker_end"]] == row["speaker_text"]
        data = export(store)
        jsonschema.validate(data, SCHEMA)
        assert len(data["quotes"]) == 3


def test_a_new_version_replaces_the_quotes(files: Files, tmp_path: Path) -> None:
    files.write("a.txt", ARTICLE)
    with Store(tmp_path / "news.db") as store:
        run([str(files.root)], store, RunOptions(workers=1))
        files.write("a.txt", ARTICLE.replace("said one of the minister's advisers", "he said"))
        run([str(files.root)], store, RunOptions(workers=1))
        stale = store.conn.execute(
            "SELECT COUNT(*) FROM quotes q JOIN documents d ON d.id = q.document_id "
            "WHERE d.superseded_by IS NOT NULL"
        ).fetchone()[0]
        assert stale == 0
        speakers = [r[0] for r in store.conn.execute("SELECT speaker_text FROM quotes")]
        assert "one of the minister's advisers" not in speakers
        assert store.conn.execute("SELECT COUNT(*) FROM quote_documents").fetchone()[0] == 1


def test_a_second_run_and_a_rebuild_keep_one_row_per_quote(files: Files, tmp_path: Path) -> None:
    files.write("a.txt", ARTICLE)
    with Store(tmp_path / "news.db") as store:
        run([str(files.root)], store, RunOptions(workers=1))
        first = sorted(r[0] for r in store.conn.execute("SELECT id FROM quotes"))
        run([str(files.root)], store, RunOptions(workers=1))
        run([str(files.root)], store, RunOptions(workers=1, only=("quotes",)))
        again = sorted(r[0] for r in store.conn.execute("SELECT id FROM quotes"))
        assert first == again and len(first) == 3


def test_two_workers_store_what_one_does(files: Files, tmp_path: Path) -> None:
    files.write("a.txt", ARTICLE)
    files.write("b.txt", ARTICLE.replace("Lars Holm", "Sara Berg").replace("Holm", "Berg"))

    def quotes(workers: int) -> list[tuple[Any, ...]]:
        with Store(tmp_path / f"news-{workers}.db") as store:
            run([str(files.root)], store, RunOptions(workers=workers))
            return store.conn.execute(
                "SELECT d.source_key, q.start, q.end, q.kind, q.speaker_entity_id, q.cue "
                "FROM quotes q JOIN documents d ON d.id = q.document_id "
                "ORDER BY d.source_key, q.start"
            ).fetchall()

    alone = quotes(1)
    assert alone and quotes(2) == alone


def test_a_failing_document_is_reported_and_the_others_kept(
    files: Files, tmp_path: Path, monkeypatch: Any
) -> None:
    import storyline.quotes.stage as stage

    real = stage.extract_counted

    def flaky(text: str) -> tuple[list[FoundQuote], Counter[str]]:
        if "BOOM" in text:
            raise ValueError("cannot read this one")
        return real(text)

    monkeypatch.setattr(stage, "extract_counted", flaky)
    files.write("good.txt", ARTICLE)
    files.write("bad.txt", ARTICLE.replace("on Tuesday", "on Tuesday BOOM"))
    with Store(tmp_path / "news.db") as store:
        summary = run([str(files.root)], store, RunOptions(workers=1))
        stored = store.conn.execute("SELECT count(DISTINCT document_id) FROM quotes").fetchone()[0]
        assert stored == 1
        assert any("cannot read this one" in p.message for p in summary.problems)
        # Not marked as read: a later run (with the problem fixed) tries it again.
        monkeypatch.setattr(stage, "extract_counted", real)
        run([str(files.root)], store, RunOptions(workers=1, only=()))
        read = store.conn.execute("SELECT count(*) FROM quote_documents").fetchone()[0]
        assert read == 2


def test_a_quote_in_the_headline_is_kept_with_its_field(files: Files, tmp_path: Path) -> None:
    article = ARTICLE.replace(
        "Harbour talks stall", "“We will not sign a deal that empties our harbours,” says Holm"
    )
    files.write("headline.txt", article)
    with Store(tmp_path / "news.db") as store:
        run([str(files.root)], store, RunOptions(workers=1))
        title = store.conn.execute("SELECT title FROM documents").fetchone()[0]
        rows = store.conn.execute(
            "SELECT q.start, q.end, q.text, q.speaker_text, e.name FROM quotes q "
            "LEFT JOIN entities e ON e.id = q.speaker_entity_id WHERE q.field = 'title'"
        ).fetchall()
        assert len(rows) == 1
        start, end, text, speaker, name = rows[0]
        assert title[start:end] == text and text.startswith("We will not sign")
        assert speaker == "Holm" and name == "Lars Holm"
        data = export(store)
        jsonschema.validate(data, SCHEMA)
        assert {q["field"] for q in data["quotes"]} == {"text", "title"}


def test_the_problems_of_a_text_are_counted_in_the_run_summary(
    files: Files, tmp_path: Path
) -> None:
    files.write(
        "a.txt",
        "Harbour talks stall\n\n"
        'The mayor said "we will rebuild the port this year and then the school.\n\n'
        "The council met on Tuesday to discuss the budget for the coming year.\n",
    )
    with Store(tmp_path / "news.db") as store:
        summary = run([str(files.root)], store, RunOptions(workers=1))
    assert summary.counters["quotes"].found["quote problem: quote never closed"] == 1
