from __future__ import annotations

import datetime as _dt
import re
import sys
from pathlib import Path

import pytest

import storyline
from conftest import REPO
from storyline.config import SETTINGS
from storyline.errors import StoreError, StorylineError
from storyline.records import Records
from unit.export.corpus import write_corpus


def test_exported_members_exist() -> None:
    for name in storyline.__all__:
        assert hasattr(storyline, name), name
    assert sorted(storyline.__all__) == storyline.__all__


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    for setting in SETTINGS:
        assert re.search(rf"`{setting.name}`", readme), f"README does not document {setting.name}"


# The Python API (issue 23): storyline.open / storyline.run ---------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def news_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The small corpus of tests/unit/export, run with storyline.run on each backend."""
    root = tmp_path_factory.mktemp("api")
    write_corpus(root / "in")
    if request.param == "sqlite":
        db = str(root / "news.db")
    else:
        db = request.getfixturevalue("postgres_cluster").new_database()
    seen: list[storyline.RunProgress] = []
    summary = storyline.run(
        [str(root / "in")], db=db, options=storyline.RunOptions(workers=1), progress=seen.append
    )
    assert summary.status == "finished" and summary.new == 4
    stages = [p.stage for p in seen]
    assert stages[0] == "read" and seen[0].total == 4
    assert {"dedup", "stories", "entities", "quotes", "events"} <= set(stages)
    assert all(p.done <= p.total for p in seen if p.total is not None)
    return db


def test_listings_are_typed_records(news_db: str) -> None:
    with storyline.open(news_db) as news:
        documents = news.documents()
        assert isinstance(documents, Records) and len(documents) == 4
        assert {d.outlet for d in documents} == {"Coastal Courier", "Veldhaven Gazette"}
        stories = news.stories()
        assert stories.total == 2 and [s.articles for s in stories] == [2, 1]
        people = news.entities(type="person")
        assert {"Tomas Brede", "Ilse Varga", "Petra Holm"} <= {e.name for e in people}
        assert all(e.type == "person" for e in people)
        holm = news.entity("Holm")  # by surname, as the CLI finds it
        assert holm.name == "Petra Holm" and holm.roles[0].title == "Minister"
        brede = news.quotes(speaker="Brede")
        assert brede and all(q.speaker == "Tomas Brede" for q in brede)
        pilots = next(s for s in stories if "pilots" in s.title.lower())
        story = news.story(pilots.id[:8])  # a unique prefix, as the CLI takes
        assert story.id == pilots.id and len(story.articles) == 2
        assert {e.name for e in story.entities} >= {"Tomas Brede", "Ilse Varga"}
        timeline = news.timeline(story=pilots.id)
        assert timeline and all(e.story_id == pilots.id for e in timeline)
        assert len(news.events()) >= len(news.timeline())
        assert news.timeline(entity="Petra Holm")[0].date == "2025-04-15"
        hits = news.search("frost")
        assert hits.total == 1 and "[frost]" in hits[0].snippet_marked.lower()
        assert len(news.duplicates()) == 1
        assert news.document(documents[0].id[:6]).id == documents[0].id
        members = [a.id for a in story.articles]
        assert news.why(pilots.id, members[0]).says
        assert news.why(pilots.id, members[0], members[1]).pair is not None
        assert news.brief(pilots.id).startswith("# ")
        assert "<html" in news.brief(pilots.id, format="html")


def test_filters_are_the_cli_and_web_filters(news_db: str) -> None:
    with storyline.open(news_db) as news:
        assert {d.published for d in news.documents(start="2025-04-09")} == {
            "2025-04-09",
            "2025-04-10",
        }
        assert len(news.documents(end=_dt.date(2025, 4, 7))) == 2
        assert {d.outlet for d in news.documents(outlet="Veldhaven Gazette")} == {
            "Veldhaven Gazette"
        }
        assert len(news.documents(entity="Petra Holm")) == 1
        frost = news.search("frost")[0].story_id
        assert frost is not None
        assert len(news.documents(story=frost)) == 1
        assert news.stories(entity="Tomas Brede").total == 1
        assert news.stories(start="2025-04-10").total == 1
        assert len(news.documents(limit=1, offset=1)) == 1
        assert news.search("pilots", outlet="Veldhaven Gazette").total == 1
        assert all(q.document_id for q in news.quotes(story=frost))


def test_to_pandas_and_to_arrow(news_db: str) -> None:
    import pyarrow as pa

    with storyline.open(news_db) as news:
        assert len(news.entities()[:2].to_pandas()) == 2  # a slice keeps the methods
        frame = news.entities().to_pandas()
        assert list(frame.columns) == ["id", "name", "type", "mentions", "documents", "roles"]
        assert len(frame) == len(news.entities())
        table = news.timeline().to_arrow()
        assert table.schema.field("mentions").type.value_type.field("start").type == pa.int64()
        assert table.num_rows == len(news.timeline())
        cards = news.stories().to_arrow()
        assert cards.schema.field("outlets").type == pa.list_(pa.string())
        # An empty listing keeps its columns and types.
        empty = news.quotes(speaker="Nobody Here")
        assert empty == [] and list(empty.to_pandas().columns)[:3] == [
            "id",
            "document_id",
            "published",
        ]
        assert empty.to_arrow().schema.field("start").type == pa.int64()


def test_without_pandas_one_error_names_the_extra(
    news_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with storyline.open(news_db) as news, pytest.raises(StorylineError) as err:
        news.entities().to_pandas()
    assert "pip install 'storyline[analysis]'" in str(err.value)


def test_asked_wrongly_the_api_says_what_the_cli_says(news_db: str) -> None:
    with storyline.open(news_db) as news:
        with pytest.raises(StoreError, match="no entity named 'Nobody'"):
            news.entity("Nobody")
        with pytest.raises(StoreError, match="no story"):
            news.story("zzzz")
        with pytest.raises(StorylineError, match="bad date '2025-13-01' for start"):
            news.documents(start="2025-13-01")
        with pytest.raises(StorylineError, match="unknown entity type 'thing'"):
            news.entities(type="thing")
        hits = news.search('"unbalanced')
        assert hits.note and "searched for the words" in hits.note


def test_a_missing_store_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        storyline.open(tmp_path / "nothing.db")


def test_run_keeps_the_runner_signature(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in")
    with storyline.Store(tmp_path / "news.db") as store:
        summary = storyline.run([str(tmp_path / "in")], store, storyline.RunOptions(workers=1))
    assert summary.new == 4
    with pytest.raises(StorylineError, match="give the store"):
        storyline.run([str(tmp_path / "in")])


def test_the_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's worked example, as it is, on the bundled corpus."""
    readme = (REPO / "README.md").read_text()
    section = readme.split("\n## Python\n", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "examples").symlink_to(REPO / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    tables = tmp_path / "tables"
    assert (tables / "manifest.json").exists() and (tables / "quotes.parquet").exists()
