"""A story's history and why its articles are in it, as people ask (issue 18, items 2 and
7): ``store.stories.history``, ``storyline story ID --history`` and ``--why``.

Two stories (a strike at one mill, a takeover bid by another company) are joined later by
articles naming both: the second story is merged into the first, and its id keeps resolving.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.runner import RunOptions, run
from storyline.store import Store

STRIKE = [
    (
        "2025-03-03_strike-1.txt",
        "Halvard Mills workers strike at Dunmore plant",
        "Workers at the Halvard Mills plant in Dunmore walked out on Monday over pay, the "
        "Dunmore Weavers Union said. Union leader Petra Ashcombe said 640 weavers joined the "
        "strike at Halvard Mills.",
    ),
    (
        "2025-03-04_strike-2.txt",
        "Dunmore strike at Halvard Mills enters second day",
        "The strike at the Halvard Mills plant in Dunmore entered its second day on Tuesday. "
        "Petra Ashcombe of the Dunmore Weavers Union said the 640 weavers would stay out until "
        "Halvard Mills improved its pay offer.",
    ),
    (
        "2025-03-05_strike-3.txt",
        "Halvard Mills offers Dunmore weavers new pay deal",
        "Halvard Mills offered the striking Dunmore weavers a new pay deal on Wednesday. Petra "
        "Ashcombe, who leads the Dunmore Weavers Union, said the 640 weavers would vote on the "
        "Halvard Mills offer.",
    ),
]
BID = [
    (
        "2025-03-03_bid-1.txt",
        "Orrin Textiles weighs takeover bid",
        "Orrin Textiles is weighing a takeover bid for a rival weaver, chief executive Lionel "
        "Farrant told analysts in Leeds. Farrant said Orrin Textiles had set aside 90 million "
        "pounds for the purchase.",
    ),
    (
        "2025-03-04_bid-2.txt",
        "Orrin Textiles chief Farrant confirms bid plan",
        "Lionel Farrant, chief executive of Orrin Textiles, confirmed on Tuesday that the "
        "company plans a 90 million pound takeover bid. Orrin Textiles shares rose in Leeds.",
    ),
    (
        "2025-03-05_bid-3.txt",
        "Orrin Textiles bid plan lifts shares again",
        "Shares in Orrin Textiles rose again on Wednesday after Lionel Farrant repeated that "
        "the company would bid 90 million pounds for a rival weaver, Leeds analysts said.",
    ),
]
BOTH = [
    (
        "2025-03-06_both-1.txt",
        "Orrin Textiles bids for strike-hit Halvard Mills",
        "Orrin Textiles bid 90 million pounds for Halvard Mills on Thursday, as the strike at "
        "the Halvard Mills plant in Dunmore went on. Lionel Farrant said Orrin Textiles would "
        "settle with Petra Ashcombe and the Dunmore Weavers Union. The 640 weavers welcomed the "
        "Orrin Textiles bid.",
    ),
    (
        "2025-03-06_both-2.txt",
        "Halvard Mills weighs Orrin Textiles bid during Dunmore strike",
        "Halvard Mills said it would weigh the 90 million pound bid from Orrin Textiles. Lionel "
        "Farrant of Orrin Textiles met Petra Ashcombe of the Dunmore Weavers Union in Dunmore, "
        "where 640 weavers are on strike at Halvard Mills.",
    ),
    (
        "2025-03-07_both-3.txt",
        "Orrin Textiles and Halvard Mills agree deal, Dunmore strike ends",
        "Halvard Mills accepted the 90 million pound Orrin Textiles bid on Friday, and the "
        "Dunmore strike ended. Petra Ashcombe said the 640 weavers of the Dunmore Weavers Union "
        "would return to Halvard Mills. Lionel Farrant of Orrin Textiles said pay would rise.",
    ),
]
# Far from both (another place, people and subject): a story of its own.
OTHER = (
    "2025-03-04_ferry.txt",
    "Kestrel Bay ferry service suspended by gales",
    "The Kestrel Bay ferry service was suspended on Tuesday as gales reached 70 knots, the "
    "operator Brannock Lines said. Harbour master Ines Calloway said sailings could resume "
    "on Thursday.",
)


@dataclass(frozen=True, slots=True)
class Merged:
    db: Path
    ids: dict[str, str]  # file name -> document id
    strike_story: str  # before the merge
    bid_story: str


def write(root: Path, articles: list[tuple[str, str, str]]) -> None:
    for name, title, body in articles:
        (root / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Merged:
    root = tmp_path_factory.mktemp("merge")
    corpus = root / "corpus"
    corpus.mkdir()
    db = root / "news.db"
    write(corpus, [*STRIKE, *BID, OTHER])
    # A lightly edited copy of the first strike article (an exact one is the same document).
    _, title, body = STRIKE[0]
    write(corpus, [("2025-03-03_strike-1-copy.txt", title, body.replace("on Monday", "Monday"))])
    with Store(db) as store:
        run([str(corpus)], store, RunOptions(workers=1))
        ids = {
            key.rsplit("/", 1)[-1]: doc
            for key, doc in store.conn.execute("SELECT source_key, id FROM documents")
        }
        before = store.stories.stories_of([ids[STRIKE[0][0]], ids[BID[0][0]]])
        write(corpus, BOTH)
        run([str(corpus)], store, RunOptions(workers=1))
        ids = {
            key.rsplit("/", 1)[-1]: doc
            for key, doc in store.conn.execute("SELECT source_key, id FROM documents")
        }
    strike, bid = before[ids[STRIKE[0][0]]], before[ids[BID[0][0]]]
    assert strike and bid and strike != bid
    return Merged(db, ids, strike, bid)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def story_now(merged: Merged) -> str:
    with Store(merged.db, readonly=True) as store:
        return store.stories.resolve(merged.strike_story)


def test_the_bridging_articles_merge_the_two_stories(merged: Merged) -> None:
    with Store(merged.db, readonly=True) as store:
        strike = store.stories.resolve(merged.strike_story)
        assert store.stories.resolve(merged.bid_story) == strike
        members = {a.id for a in store.stories.articles(strike)}
    assert {merged.ids[n] for n, _, _ in [*STRIKE, *BID, *BOTH]} == members


def test_history_follows_the_ids_merged_in(merged: Merged) -> None:
    with Store(merged.db, readonly=True) as store:
        live = store.stories.resolve(merged.strike_story)
        lines = store.stories.history(live)
        # Asked by the old id, the same history.
        assert store.stories.history(store.stories.resolve(merged.bid_story)) == lines
    merged_away = {merged.strike_story, merged.bid_story} - {live}
    assert len(merged_away) == 1
    (gone,) = merged_away
    kinds = [(line.kind, line.story_id) for line in lines]
    assert ("created", live) in kinds and ("created", gone) in kinds
    merge = next(line for line in lines if line.kind == "merged")
    assert (merge.story_id, merge.other_id, merge.story_now) == (gone, live, live)
    assert merge.detail == "3 articles"
    # Oldest first: both stories were created before they merged.
    assert kinds.index(("merged", gone)) > kinds.index(("created", gone))
    created = next(line for line in lines if line.kind == "created" and line.story_id == gone)
    assert created.document_title in {t for _, t, _ in BID}


def test_story_history_command_text_and_json(merged: Merged) -> None:
    live = story_now(merged)
    gone = ({merged.strike_story, merged.bid_story} - {live}).pop()
    code, out, _ = invoke("story", gone[:8], "--history", "--db", str(merged.db))
    assert code == 0
    assert out.startswith(f"History of story {live}")
    assert f"story {gone} (now {live}) merged into {live} (3 articles)" in out
    code, out, _ = invoke("story", live, "--history", "--json", "--db", str(merged.db))
    assert code == 0
    body = json.loads(out)
    assert body["id"] == live
    assert [h["kind"] for h in body["history"]].count("created") == 2
    assert {"at", "kind", "story_id", "other_id", "document_id", "story_now"} <= set(
        body["history"][0]
    )


def test_story_json_carries_its_history(merged: Merged) -> None:
    code, out, _ = invoke("story", story_now(merged), "--json", "--db", str(merged.db))
    assert code == 0
    assert any(h["kind"] == "merged" for h in json.loads(out)["history"])


def test_why_two_members_by_prefix(merged: Merged) -> None:
    first, second = merged.ids[STRIKE[0][0]], merged.ids[STRIKE[1][0]]
    code, out, _ = invoke(
        "story", story_now(merged), "--why", first[:8], second[:8], "--db", str(merged.db)
    )
    assert code == 0, out
    assert out.startswith("In one story")
    assert "shared names:" in out and "halvard" in out.lower()
    code, out, _ = invoke(
        "story", story_now(merged), "--why", first, second, "--json", "--db", str(merged.db)
    )
    body = json.loads(out)
    assert body["articles"] == [first, second]
    assert body["pair"]["first_story"] == body["pair"]["second_story"] == story_now(merged)


def test_why_a_copy_is_explained_with_its_original(merged: Merged) -> None:
    copy, original = merged.ids["2025-03-03_strike-1-copy.txt"], merged.ids[STRIKE[0][0]]
    with Store(merged.db, readonly=True) as store:
        place = store.document_place(copy)
        if place is not None and place.duplicate_of is None:  # the other one was kept
            copy, original = original, copy
    code, out, _ = invoke(
        "story", story_now(merged), "--why", copy, "--json", "--db", str(merged.db)
    )
    assert code == 0, out
    body = json.loads(out)
    assert body["articles"][0] == original
    assert any("copy of" in note and original in note for note in body["notes"])


def test_why_one_member_names_its_closest_fellow(merged: Merged) -> None:
    member = merged.ids[BOTH[0][0]]
    code, out, _ = invoke("story", story_now(merged), "--why", member, "--db", str(merged.db))
    assert code == 0, out
    assert out.startswith(f"{member} is in story {story_now(merged)}; its closest fellow")
    assert "In one story" in out


def test_why_a_non_member_says_why_not(merged: Merged) -> None:
    ferry = merged.ids[OTHER[0]]
    code, out, _ = invoke(
        "story", story_now(merged), "--why", ferry, "--json", "--db", str(merged.db)
    )
    assert code == 0, out
    body = json.loads(out)
    assert body["says"].startswith(f"{ferry} is not in story {story_now(merged)}")
    assert "Not in one story" in body["says"]
    assert body["articles"][1] in {merged.ids[n] for n, _, _ in [*STRIKE, *BID, *BOTH]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--why", "ffffffffff"), "no document with id 'ffffffffff'"),
        (("--why", "a", "b", "c"), "--why takes one or two article ids"),
        (("--history", "--why", "a"), "--history and --why"),
        (("a",), "add --why"),
    ],
)
def test_why_errors_name_the_input(merged: Merged, args: tuple[str, ...], message: str) -> None:
    code, _, err = invoke("story", story_now(merged), *args, "--db", str(merged.db))
    assert code == 2
    assert message in err


def test_unknown_story_is_an_error(merged: Merged) -> None:
    code, _, err = invoke("story", "szzzz", "--history", "--db", str(merged.db))
    assert code == 2
    assert "no story with id 'szzzz'" in err and "storyline stories" in err
