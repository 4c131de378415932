"""The stage registry: one chain, checked before anything runs; keys and invalidation derived
from what each stage needs (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import storyline.dedup.stage
from conftest import Files
from storyline.dedup import DedupStage
from storyline.errors import PipelineError
from storyline.pipeline import GlobalStage
from storyline.runner import RunOptions, run
from storyline.stages import Registry, plan, registry
from storyline.store import Store
from storyline.stories import StoryStage

STORY = (
    "Harbour workers in Velmora walked out on Monday over a pay offer, halting the port's "
    "container traffic for the first time in a decade. The union said the strike would last "
    "until the port authority returned to talks, and ships were diverted to Castel Bay.\n\n"
    "The port authority called the walkout unlawful and said it would seek an injunction. "
    "Shipping lines warned of delays of up to a week for goods bound for the interior."
)
OTHER = (
    "The city council of Orlen approved a new cycle lane along the river on Tuesday after a "
    "two-year debate. Work on the lane starts in spring, and the council expects it to open "
    "before the summer festival.\n\nShop owners on the embankment had opposed the plan, "
    "saying they would lose parking spaces; the council promised a new car park nearby."
)


class _Global(GlobalStage):
    def reset(self, store: Store) -> None:
        pass

    def update(self, *args: object) -> None:
        pass


def _stage(name: str, needs: set[str], provides: set[str], version: str = "1") -> type:
    attributes = {
        "name": name,
        "version": version,
        "needs": frozenset(needs),
        "provides": frozenset(provides),
    }
    return type(name.title(), (_Global,), attributes)


def test_the_chain_is_checked_before_anything_runs() -> None:
    first = _stage("first", {"raw"}, {"a"})
    second = _stage("second", {"a"}, {"b"})
    Registry([first, second])
    with pytest.raises(PipelineError, match="needs \\['a'\\]"):
        Registry([second, first])
    with pytest.raises(PipelineError, match="twice"):
        Registry([first, first])


def test_keys_carry_the_versions_of_every_input() -> None:
    first = _stage("first", {"raw"}, {"a"}, "3")
    second = _stage("second", {"a"}, {"b"}, "2")
    third = _stage("third", {"raw", "b"}, {"c"}, "1")
    keys = Registry([first, second, third])
    assert keys.key("second") == "2;first=3"
    assert keys.key("third") == "1;second=(2;first=3)"
    bumped = _stage("first", {"raw"}, {"a"}, "4")
    assert Registry([bumped, second, third]).key("third") == "1;second=(2;first=4)"


def test_only_selects_the_stage_and_everything_downstream() -> None:
    assert registry().downstream(["dedup"])[:2] == ["dedup", "stories"]
    assert "entities" not in registry().downstream(["dedup"])
    assert plan(("dedup",)).rebuild >= {"dedup", "stories"}
    assert plan(("entities",)).rebuild >= {"entities", "quotes", "events"}
    # The per-document stage comes with --only clean; the global stages then update for
    # the documents whose text changed, as for any changed document.
    assert plan(("clean",)).document_stages == ("clean", "language")
    # --only language re-detects languages; the stages that read them rebuild, dedup not.
    assert plan(("language",)).document_stages == ("language",)
    assert "entities" in plan(("language",)).rebuild
    assert "dedup" not in plan(("language",)).rebuild
    with pytest.raises(PipelineError, match="unknown"):
        plan(("nope",))


def test_every_registered_stage_declares_its_contract() -> None:
    for name, info in registry().info.items():
        assert info.version and info.provides, name
        assert "+" not in info.version, f"{name}: a version chained by hand ({info.version})"


def _write(files: Files, name: str, text: str, outlet: str) -> None:
    files.write(f"news/{name}.txt", text)
    meta = {"outlet": outlet, "title": f"{name} title", "published": "2025-05-08"}
    files.write(f"news/{name}.meta.json", json.dumps(meta))


def _rows(store: Store) -> dict[str, tuple[str | None, str | None]]:
    """(duplicate_of, story_id) by file name, ids shown as file names."""
    rows = store.conn.execute(
        "SELECT id, source, duplicate_of, story_id FROM documents WHERE superseded_by IS NULL"
    ).fetchall()
    names = {doc_id: Path(source).stem for doc_id, source, _, _ in rows}
    return {names[d]: (names.get(of, of), story) for d, _, of, story in rows}


def _no_copies(*args: object) -> None:
    return None


@pytest.mark.parametrize("how", ["only", "version"])
def test_a_former_copy_is_clustered_again(
    files: Files, store: Store, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Issue 17: b is a copy of a and inherits a's story. When dedup no longer finds the
    copy (``--only dedup``, or a new dedup version), b is no copy and gets a story of its
    own making: it must not keep the story it inherited and go unclustered forever."""
    _write(files, "a", STORY, "Coast Herald")
    _write(files, "b", STORY, "Island Times")
    _write(files, "c", OTHER, "Orlen Post")
    options = RunOptions(workers=1)
    run([str(files.root)], store, options)
    before = _rows(store)
    assert before["b"][0] == "a"
    assert before["b"][1] == before["a"][1] is not None

    monkeypatch.setattr(storyline.dedup.stage, "verify", _no_copies)
    if how == "version":
        monkeypatch.setattr(DedupStage, "version", DedupStage.version + "-no-copies")
        summary = run([str(files.root)], store, options)
    else:
        summary = run([], store, RunOptions(workers=1, only=("dedup",)))
    assert summary.status == "finished"
    after = _rows(store)
    assert after["b"][0] is None
    assert _clustered(store) == {"a", "b", "c"}


def _clustered(store: Store) -> set[str]:
    """The documents the story stage has clustered (a copy only inherits its story)."""
    rows = store.conn.execute(
        "SELECT d.source FROM story_vectors v JOIN documents d ON d.id = v.document_id "
        "WHERE d.superseded_by IS NULL"
    )
    return {Path(source).stem for (source,) in rows}


def test_an_interrupted_rebuild_is_finished_by_the_next_run(
    files: Files, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every stage to rebuild is marked stale before the first one starts: a run stopped
    after dedup still rebuilds the stories next time, without ``--only``."""
    _write(files, "a", STORY, "Coast Herald")
    _write(files, "b", STORY, "Island Times")
    run([str(files.root)], store, RunOptions(workers=1))
    monkeypatch.setattr(storyline.dedup.stage, "verify", _no_copies)

    def stop(self: GlobalStage, *args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(StoryStage, "update", stop)
    with pytest.raises(KeyboardInterrupt):
        run([], store, RunOptions(workers=1, only=("dedup",)))
    monkeypatch.undo()
    monkeypatch.setattr(storyline.dedup.stage, "verify", _no_copies)
    run([str(files.root)], store, RunOptions(workers=1))
    assert _rows(store)["b"][0] is None
    assert _clustered(store) == {"a", "b"}


def test_the_architecture_page_shows_the_registry_graph() -> None:
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "scripts" / "stage_graph.py"
    spec = importlib.util.spec_from_file_location("stage_graph", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, "run: python scripts/stage_graph.py"
