"""Stories on a stream (issue 18): the same stories however the articles arrive, routine
notices of different companies kept apart, the history of every change, and why two
articles are (or are not) in one story."""

from __future__ import annotations

import random
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import EXAMPLES, Files
from storyline.runner import RunOptions, run
from storyline.store import Store
from storyline.stories.explain import explain_pair, nearest_elsewhere


def partition(store: Store) -> set[frozenset[str]]:
    """The stories as sets of source paths (ids differ between stores; members do not)."""
    groups: defaultdict[str, set[str]] = defaultdict(set)
    for key, story in store.conn.execute(
        "SELECT source_key, story_id FROM documents WHERE superseded_by IS NULL"
    ):
        groups[story].add(key.split("corpus/", 1)[-1])
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("batch") / "news.db")
    run([str(EXAMPLES)], store, RunOptions(workers=1))
    return store


@pytest.mark.parametrize("seed", [1, 2])
def test_a_few_articles_at_a_time_give_the_stories_of_one_batch(
    batch: Store, tmp_path: Path, seed: int
) -> None:
    files = [p for p in EXAMPLES.rglob("*") if p.is_file() and p.name != "EXPECTED.json"]
    random.Random(seed).shuffle(files)
    corpus = tmp_path / "corpus"
    with Store(tmp_path / "stream.db") as store:
        for start in range(0, len(files), 4):
            for path in files[start : start + 4]:
                target = corpus / path.relative_to(EXAMPLES)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            run([str(corpus)], store, RunOptions(workers=1))
        assert partition(store) == partition(batch)


def test_routine_notices_of_different_companies_are_different_stories(
    files: Files, tmp_path: Path
) -> None:
    # Different figures and dates, so that they are not copies of one another (dedup's
    # concern): the same template, four companies.
    notices = [
        ("Brenco", 15, "April 1", "March 15", "unchanged from"),
        ("Halvard Mills", 22, "May 4", "April 10", "up from 20 cts in"),
        ("Orrin Textiles", 8, "June 30", "June 2", "down from 10 cts in"),
        ("Quenby Foods", 31, "April 20", "March 31", "against 28 cts in"),
    ]
    for company, cents, paid, record, change in notices:
        files.write(
            f"{company.split()[0].lower()}.txt",
            f"{company.upper()} INC DECLARES QTLY DIVIDEND\n\n"
            f"{company} Inc declared a quarterly dividend of {cents} cts a share, payable "
            f"{paid} to holders of record {record}, {change} the prior quarter, the company "
            "said.\n",
        )
    with Store(tmp_path / "news.db") as store:
        run([str(files.root)], store, RunOptions(workers=1))
        assert len(partition(store)) == 4


def test_a_split_or_merge_is_recorded_and_old_ids_resolve(batch: Store) -> None:
    kinds = {row[0] for row in batch.conn.execute("SELECT kind FROM story_events")}
    assert "created" in kinds
    for story_id, _into in batch.conn.execute(
        "SELECT id, merged_into FROM stories WHERE merged_into IS NOT NULL"
    ):
        assert batch.stories.resolve(story_id) != story_id


def test_why_two_articles_share_a_story_names_their_evidence(batch: Store) -> None:
    members: defaultdict[str, list[str]] = defaultdict(list)
    for document_id, story in batch.conn.execute(
        "SELECT id, story_id FROM documents WHERE duplicate_of IS NULL AND superseded_by IS NULL"
    ):
        members[story].append(document_id)
    story = max(members.values(), key=len)
    why = explain_pair(batch, story[0], story[1])
    assert why.first_story == why.second_story
    assert why.says.startswith("In one story")
    assert why.shared_names or why.shared_words
    other = next(m for m in members.values() if m is not story)
    apart = explain_pair(batch, story[0], other[0])
    assert apart.says.startswith("Not in one story")


def test_the_nearest_other_story_says_why_not(batch: Store) -> None:
    ids = [r[0] for r in batch.conn.execute("SELECT id FROM documents WHERE duplicate_of IS NULL")]
    found = [n for n in (nearest_elsewhere(batch, i) for i in ids) if n is not None]
    assert found
    assert all(n.first_story != n.second_story for n in found)
    assert all(n.says.startswith("Not in one story") for n in found)
