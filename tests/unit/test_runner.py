from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Files
from storyline.clean import CleanStage
from storyline.language import LanguageStage
from storyline.runner import RunOptions, run
from storyline.store import Store

STORY = (
    "Harbour cranes stand idle\n\n"
    "ROTTERDAM (CW) – Dock workers walked out on Monday, halting container traffic.\n\n"
    "The union said the strike would last until the employers improved their offer.\n\n"
    "By Jana Novak\n"
)


def options(**kwargs: object) -> RunOptions:
    kwargs.setdefault("workers", 1)
    return RunOptions(**kwargs)  # type: ignore[arg-type]


def snapshot(store: Store) -> list[tuple[object, ...]]:
    rows = store.conn.execute(
        "SELECT id, title, text, stages, superseded_by, updated_at FROM documents ORDER BY id"
    )
    return [tuple(r) for r in rows]


@pytest.fixture
def corpus(files: Files) -> Files:
    files.write("good/one.txt", STORY)
    files.write("good/one.meta.json", json.dumps({"published": "2025-03-10", "outlet": "CW"}))
    files.write("good/two.txt", STORY.replace("Monday", "Tuesday"))
    files.write(
        "good/feed.jsonl",
        json.dumps({"id": "f1", "title": "Cranes idle", "text": STORY, "outlet": "Daily"}) + "\n",
    )
    return files


def test_run_stores_cleaned_documents(corpus: Files, store: Store) -> None:
    summary = run([str(corpus.root)], store, options())
    assert summary.status == "finished"
    assert (summary.inputs, summary.new, summary.errors) == (3, 3, 0)
    assert summary.counters["clean"].passed == 3
    docs = {d.source_key.rsplit("/", 1)[-1]: d for d in store.iter_documents()}
    one = docs["one.txt"]
    assert one.title == "Harbour cranes stand idle"
    assert one.outlet == "CW" and one.published_from == "sidecar"
    assert dict(one.stages) == {"clean": CleanStage.version, "language": LanguageStage.version}
    assert one.language == "en"
    assert one.offset_map is not None
    for start in range(0, len(one.text), 7):
        raw_start, raw_end = one.raw_span(start, min(start + 7, len(one.text)))
        assert 0 <= raw_start <= raw_end <= len(one.raw_text)


def test_rerun_on_the_same_inputs_changes_nothing(corpus: Files, store: Store) -> None:
    run([str(corpus.root)], store, options())
    before = snapshot(store)
    again = run([str(corpus.root)], store, options())
    assert (again.inputs, again.new, again.files_unchanged) == (0, 0, 3)
    assert snapshot(store) == before
    # Touching files without changing them re-reads them but stores nothing new.
    for path in corpus.root.rglob("*.txt"):
        path.touch()
    touched = run([str(corpus.root)], store, options())
    assert (touched.new, touched.unchanged) == (0, 2)
    assert snapshot(store) == before


def test_a_changed_file_is_a_new_version(corpus: Files, store: Store) -> None:
    run([str(corpus.root)], store, options())
    corpus.write("good/two.txt", STORY.replace("Monday", "Wednesday"))
    summary = run([str(corpus.root)], store, options())
    assert (summary.new, summary.new_versions) == (1, 1)
    assert store.count_documents() == 3
    assert store.count_documents(include_superseded=True) == 4


BAD_INPUTS: list[tuple[str, bytes | str, str]] = [
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8, "binary"),
    (
        "malformed.jsonl",
        '{"text": "ok line one, a short article body"}\n{"text": broken\n',
        "malformed",
    ),
    ("nodate.txt", STORY, "bad-metadata"),
]


@pytest.mark.parametrize(("name", "content", "kind"), BAD_INPUTS)
def test_each_bad_input_is_reported_counted_and_skipped(
    corpus: Files, store: Store, name: str, content: bytes | str, kind: str
) -> None:
    run([str(corpus.root / "good")], store, options())
    stored = store.count_documents()
    bad = corpus.write(f"bad/{name}", content)
    if name == "nodate.txt":
        corpus.write("bad/nodate.meta.json", json.dumps({"published": "someday soon"}))
    summary = run([str(corpus.root)], store, options())
    assert summary.status == "finished"
    kinds = [p.kind for p in summary.problems]
    assert kind in kinds
    problem = next(p for p in summary.problems if p.kind == kind)
    assert bad.stem in problem.source and problem.message
    assert store.count_documents() >= stored  # nothing already stored is lost
    assert store.problems()[0].kind in kinds


def test_invalid_utf8_is_decoded_and_reported(files: Files, store: Store) -> None:
    files.write("legacy.txt", STORY.replace("Monday", "Monday (£4m loss)").encode("cp1252"))
    summary = run([str(files.root)], store, options())
    assert summary.new == 1
    (problem,) = summary.problems
    assert (problem.kind, problem.severity) == ("not-utf8", "warning")
    (document,) = store.iter_documents()
    assert "£4m" in document.text and document.encoding == "cp1252"


def test_fifty_megabyte_file_is_skipped_and_the_run_goes_on(corpus: Files, store: Store) -> None:
    big = corpus.root / "good" / "huge.txt"
    with big.open("wb") as out:
        chunk = b"The port was quiet again today. " * 32768  # 1 MiB
        for _ in range(50):
            out.write(chunk)
    summary = run([str(corpus.root)], store, options())
    assert summary.new == 3
    (problem,) = summary.problems
    assert problem.kind == "too-large" and "huge.txt" in problem.source


def test_unreadable_path_is_reported(files: Files, store: Store) -> None:
    summary = run([str(files.root / "missing-folder")], store, options())
    assert [p.kind for p in summary.problems] == ["unreadable"]
    assert summary.errors == 1


def test_a_file_with_errors_is_read_again_next_time(files: Files, store: Store) -> None:
    files.write("feed.jsonl", '{"text": "A fine short article about the port."}\n{oops\n')
    first = run([str(files.root)], store, options())
    second = run([str(files.root)], store, options())
    assert first.errors == second.errors == 1  # still reported, not silently skipped
    assert second.new == 0


def test_interrupted_run_leaves_whole_documents_and_resumes(
    corpus: Files, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(6):
        corpus.write(f"more/{i}.txt", STORY.replace("Monday", f"day {i}"))
    original = Store.save_documents
    calls = {"n": 0}

    def flaky(self: Store, documents: list) -> object:  # type: ignore[type-arg]
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return original(self, documents)

    monkeypatch.setattr(Store, "save_documents", flaky)
    with pytest.raises(KeyboardInterrupt):
        run([str(corpus.root)], store, options(batch_size=3))
    assert store.count_documents() == 3
    assert all(d.text and d.offset_map for d in store.iter_documents())
    status = store.conn.execute("SELECT status FROM runs ORDER BY id DESC").fetchone()[0]
    assert status == "interrupted"
    monkeypatch.setattr(Store, "save_documents", original)
    resumed = run([str(corpus.root)], store, options(batch_size=3))
    assert store.count_documents() == 9
    assert resumed.new == 6


def test_only_reruns_a_stage_over_the_store(corpus: Files, store: Store) -> None:
    run([str(corpus.root)], store, options())
    store.conn.execute("UPDATE documents SET text = 'stale', stages = '{\"clean\":\"0\"}'")
    summary = run([], store, options(only=("clean",)))
    assert summary.updated == 3
    assert all(d.text != "stale" for d in store.iter_documents())


def test_outdated_stage_versions_are_brought_up_to_date(corpus: Files, store: Store) -> None:
    run([str(corpus.root)], store, options())
    store.conn.execute('UPDATE documents SET stages = \'{"clean":"0"}\'')
    summary = run([str(corpus.root)], store, options())
    assert summary.updated == 3
    assert {dict(d.stages)["clean"] for d in store.iter_documents()} == {CleanStage.version}


def test_two_worker_processes_give_the_same_store(corpus: Files, tmp_path: Path) -> None:
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "two.db") as two:
        run([str(corpus.root)], one, options(workers=1))
        run([str(corpus.root)], two, options(workers=2))
        assert [d.text for d in one.iter_documents()] == [d.text for d in two.iter_documents()]
