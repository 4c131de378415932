"""Non-English articles through a whole run: stored, deduplicated and clustered like any
other, skipped by the English extractors with the reason counted, and flagged; an article
whose language cannot be told is processed as English and flagged."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import Files
from storyline.language import LanguageStage
from storyline.language.stage import NOT_ENGLISH_FLAG, UNKNOWN_FLAG
from storyline.model import Document
from storyline.pipeline import Counters
from storyline.runner import RunOptions, RunSummary, run
from storyline.stages import registry, skipped_by
from storyline.store import Store

from .articles import ENGLISH, FRENCH, GERMAN, TOO_SHORT


def _run(files: Files, store: Store) -> RunSummary:
    files.write("fr.txt", FRENCH)
    files.write("fr-copy.txt", FRENCH + "\nMis à jour à 18 heures.\n")
    files.write("de.txt", GERMAN)
    files.write("en.txt", ENGLISH)
    files.write("ticker.txt", TOO_SHORT)
    return run([str(files.root)], store, RunOptions(workers=1))


def _document(store: Store, name: str) -> str:
    rows = list(store.rows("SELECT id FROM documents WHERE source LIKE ?", (f"%/{name}",)))
    return str(rows[0][0])


def _count(store: Store, table: str, document_id: str) -> int:
    sql = f"SELECT count(*) FROM {table} WHERE document_id = ?"
    return int(next(store.rows(sql, (document_id,)))[0])


def test_each_document_stores_its_language(files: Files, store: Store) -> None:
    _run(files, store)
    languages = {
        row["source"].rsplit("/", 1)[-1]: (row["language"], row["flags"])
        for row in store.rows("SELECT source, language, flags FROM documents")
    }
    assert languages["fr.txt"][0] == "fr"
    assert languages["de.txt"][0] == "de"
    assert languages["en.txt"][0] == "en"
    assert languages["ticker.txt"][0] == "und"
    assert NOT_ENGLISH_FLAG in languages["de.txt"][1]
    assert UNKNOWN_FLAG in languages["ticker.txt"][1]
    assert NOT_ENGLISH_FLAG not in languages["en.txt"][1]


def test_english_extractors_skip_other_languages_and_count_it(files: Files, store: Store) -> None:
    summary = _run(files, store)
    for stage in ("entities", "quotes", "events"):
        skipped = summary.counters[stage].skipped
        assert skipped == {"language fr": 2, "language de": 1}, stage
    assert summary.counters["language"].found == {"fr": 2, "de": 1, "en": 1, "und": 1}
    assert summary.as_dict()["stages"]["entities"]["skipped"] == {
        "language fr": 2,
        "language de": 1,
    }


def test_french_quote_is_not_stored_without_a_speaker(files: Files, store: Store) -> None:
    _run(files, store)
    french = _document(store, "fr.txt")
    assert _count(store, "quotes", french) == 0
    assert _count(store, "entity_mentions", french) == 0
    english = _document(store, "en.txt")
    speakers = [r[0] for r in store.rows("SELECT speaker_text FROM quotes")]
    assert _count(store, "quotes", english) >= 1 and "Karl Brenner" in speakers


def test_german_dienstag_is_no_place_and_die_no_death(files: Files, store: Store) -> None:
    _run(files, store)
    german = _document(store, "de.txt")
    places = [r[0] for r in store.rows("SELECT text FROM entity_mentions")]
    assert "Dienstag" not in places
    assert _count(store, "event_mentions", german) == 0
    assert _count(store, "time_expressions", german) == 0
    deaths = list(store.rows("SELECT text FROM event_mentions WHERE lower(text) = 'die'"))
    assert deaths == []


def test_other_languages_are_still_deduplicated_and_clustered(files: Files, store: Store) -> None:
    _run(files, store)
    french, copy = _document(store, "fr.txt"), _document(store, "fr-copy.txt")
    rows = {
        r["id"]: (r["duplicate_of"], r["story_id"])
        for r in store.rows("SELECT id, duplicate_of, story_id FROM documents")
    }
    assert french in (rows[copy][0], copy) or rows[french][0] == copy
    assert rows[french][1] is not None and rows[french][1] == rows[copy][1]


def test_unknown_language_is_processed_as_english_and_flagged(files: Files, store: Store) -> None:
    summary = _run(files, store)
    ticker = _document(store, "ticker.txt")
    read = list(store.rows("SELECT document_id FROM entity_documents"))
    assert ticker in {r[0] for r in read}
    assert "language-unknown" in {p.kind for p in summary.problems if p.severity == "warning"}


def test_a_second_run_reads_nothing_again(files: Files, store: Store) -> None:
    _run(files, store)
    again = run([str(files.root)], store, RunOptions(workers=1))
    assert again.counters["entities"].skipped == {}
    assert again.counters["entities"].passed == 0


def test_skipped_by_names_the_english_only_stages() -> None:
    assert skipped_by("fr") == ["entities", "quotes", "events"]
    assert skipped_by("en") == []
    assert skipped_by("und") == []
    assert skipped_by(None) == []


def test_language_stage_is_keyed_into_the_english_stages() -> None:
    keys = registry()
    assert "language=" in keys.key("entities")
    assert "language=" not in keys.key("dedup")


def test_running_the_stage_again_does_not_repeat_flags_or_warnings() -> None:
    document = Document("d1", "t.txt", "t.txt", "text", TOO_SHORT, text=TOO_SHORT)
    stage = LanguageStage()
    once = stage.process(document)
    twice = stage.process(replace(once))
    assert twice.flags.count(UNKNOWN_FLAG) == 1
    assert [w.kind for w in twice.warnings] == ["language-unknown"]
    counters = Counters()
    list(stage.run([document], counters, []))
    assert counters["language"].found == {"und": 1}


@pytest.mark.parametrize("text", [FRENCH, GERMAN])
def test_languages_of_the_test_articles(text: str) -> None:
    document = Document("d1", "t.txt", "t.txt", "text", text, text=text)
    assert LanguageStage().process(document).language in {"fr", "de"}


def test_skips_are_counted_when_entities_start_ahead_on_two_workers(
    files: Files, store: Store
) -> None:
    """With two workers the entity stage reads ahead while dedup and stories run
    (``FactStage.start_ahead``): it skips the same documents, counted the same way."""
    files.write("fr.txt", FRENCH)
    files.write("de.txt", GERMAN)
    files.write("en.txt", ENGLISH)
    summary = run([str(files.root)], store, RunOptions(workers=2))
    assert summary.counters["entities"].skipped == {"language fr": 1, "language de": 1}
    assert summary.counters["entities"].passed == 1
    german = _document(store, "de.txt")
    assert _count(store, "entity_mentions", german) == 0
    read = {r[0] for r in store.rows("SELECT document_id FROM entity_documents")}
    assert german in read  # marked read: the next run does not try it again
