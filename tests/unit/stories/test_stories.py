"""The stories stage through `storyline run`, on the example corpus and small inputs."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import EXAMPLES, Files
from storyline.runner import RunOptions, run
from storyline.store import Store
from storyline.stories.features import term_counts
from storyline.stories.report import html_page, list_stories, markdown, story_detail

EXPECTED = json.loads((EXAMPLES / "EXPECTED.json").read_text())


def stories_by_path(store: Store) -> dict[str, str]:
    return {
        row[0].split("examples/corpus/", 1)[-1]: row[1]
        for row in store.conn.execute(
            "SELECT source_key, story_id FROM documents WHERE superseded_by IS NULL"
        )
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("stories") / "news.db")
    run([str(EXAMPLES)], store, RunOptions(workers=1))
    return store


def test_every_document_has_a_story_and_no_story_mixes_two_happenings(demo: Store) -> None:
    story_of = stories_by_path(demo)
    assert all(story_of.values())
    expected_of = {path: name for name, paths in EXPECTED["stories"].items() for path in paths}
    names_in_story: dict[str, set[str]] = defaultdict(set)
    for path, story in story_of.items():
        names_in_story[story].add(expected_of[path])
    assert all(len(names) == 1 for names in names_in_story.values()), names_in_story


def test_duplicates_ride_along_with_their_canonical(demo: Store) -> None:
    rows = demo.conn.execute(
        "SELECT d.story_id, c.story_id FROM documents d JOIN documents c ON c.id = d.duplicate_of"
    ).fetchall()
    assert rows and all(a == b for a, b in rows)


def test_story_ids_are_stable_when_articles_are_added(demo: Store, files: Files) -> None:
    before = {r.id for r in list_stories(demo, limit=1000)}
    files.write(
        "late.txt",
        "Rotterdam port clears last of strike backlog\n\nThe last container ships held up by "
        "the Rotterdam dockworkers' strike left the port on Sunday, the port authority said, "
        "as terminals returned to normal shifts after the walkout over pay.\n",
    )
    run([str(files.root)], demo, RunOptions(workers=1))
    after = {r.id for r in list_stories(demo, limit=1000)}
    assert before <= after | {
        r[0] for r in demo.conn.execute("SELECT id FROM stories WHERE merged_into IS NOT NULL")
    }
    for story_id in before:
        assert demo.stories.resolve(story_id)


def test_summary_sentences_point_into_member_documents(demo: Store) -> None:
    for row in list_stories(demo, limit=100):
        detail = story_detail(demo, row.id)
        assert detail.title
        assert 1 <= len(detail.summary) <= 5
        for text, document_id, start, end in detail.summary:
            body = demo.get_document(document_id).text
            assert body[start:end] == text


def test_briefs_render_and_escape(demo: Store) -> None:
    detail = story_detail(demo, list_stories(demo, limit=1)[0].id)
    assert markdown(detail).startswith(f"# {detail.title}")
    page = html_page(detail)
    assert page.startswith("<!doctype html>") and "<h2>Summary</h2>" in page


def test_key_entities_are_those_several_articles_mention(demo: Store) -> None:
    for row in list_stories(demo, limit=100):
        detail = story_detail(demo, row.id)
        members = {
            r[0]
            for r in demo.conn.execute(
                "SELECT id FROM documents WHERE story_id = ? AND superseded_by IS NULL", (row.id,)
            )
        }
        for entity in detail.entities:
            mentioned = {
                r[0]
                for r in demo.conn.execute(
                    "SELECT document_id FROM entity_mentions WHERE entity_id = ?", (entity.id,)
                )
            }
            assert len(mentioned & members) == entity.articles
            assert entity.articles >= (2 if len(members) >= 3 else 1)
    po = story_detail(demo, story_of(demo, "dm-po-rising.txt"))
    assert "Boretto" in [e.name for e in po.of_type("place")]
    assert "## Places" in markdown(po) and "<h2>Places</h2>" in html_page(po)


def story_of(store: Store, file_name: str) -> str:
    """The story of the example article read from ``file_name`` (titles change with the
    summary; the articles a story holds do not)."""
    return str(
        store.conn.execute(
            "SELECT story_id FROM documents WHERE source LIKE ? AND superseded_by IS NULL",
            (f"%{file_name}",),
        ).fetchone()[0]
    )


def test_script_in_a_title_is_escaped_in_html(files: Files, tmp_path: Path) -> None:
    files.write("x.txt", "<script>alert(1)</script> hits port\n\nA strike hit the port today.\n")
    with Store(tmp_path / "x.db") as store:
        run([str(files.root)], store, RunOptions(workers=1))
        page = html_page(story_detail(store, list_stories(store)[0].id))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_seeds_form_one_story(seeds_dir: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "seeds.db") as store:
        run([str(seeds_dir)], store, RunOptions(workers=1))
        stories = {r[0] for r in store.conn.execute("SELECT story_id FROM documents")}
    assert len(stories) == 1


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Talks resumed in Lisbon on Monday. The ministers met again.", "n:lisbon"),
        ("He met Tara Reid at the clinic.", "n:tara reid"),
        ("He met Tara Reid at the clinic. Reid left on Monday.", "n:reid"),
        ("Officials from Paris, Berlin and Rome met.", "n:berlin"),
    ],
)
def test_names_are_runs_of_capitalised_words(text: str, name: str) -> None:
    assert name in term_counts(None, text)


def test_a_names_last_word_is_a_name_only_where_written_alone() -> None:
    """The "Resources" of "Murgold Resources" is no name: hundreds of companies end with it."""
    counts = term_counts(None, "The shares of Murgold Resources rose after the assays.")
    assert "n:murgold resources" in counts and "n:resources" not in counts


def test_sentence_starts_and_punctuation_do_not_make_names() -> None:
    counts = term_counts(None, "The talks failed. Officials left Paris, Berlin stayed calm.")
    assert "n:the" not in counts and "n:paris berlin" not in counts
    assert "y:2008" in term_counts(None, "The 2008 quake killed 12 people.")


def test_story_json_serialises_stories_with_copies(demo: Store) -> None:
    """`storyline story ID --json` on a story whose articles have copies."""
    from dataclasses import asdict

    with_copies = [
        row.id
        for row in list_stories(demo, limit=100)
        if any(a.copies for a in story_detail(demo, row.id).articles)
    ]
    assert with_copies
    detail = story_detail(demo, with_copies[0])
    data = json.loads(json.dumps(asdict(detail)))
    assert any(a["copies"] for a in data["articles"])


def test_a_summary_sentence_counts_as_term_counts_would() -> None:
    """``sentence_counts`` skips splitting a candidate sentence again: it must give exactly
    ``term_counts(None, sentence)`` for every candidate of real articles."""
    from conftest import EXAMPLES
    from storyline.stories.features import MAX_CHARS, sentence_counts, term_counts
    from storyline.stories.summary import _candidate_spans

    checked = 0
    for path in sorted(EXAMPLES.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")[:MAX_CHARS]
        for start, end in _candidate_spans(text):
            sentence = text[start:end]
            assert sentence_counts(sentence) == term_counts(None, sentence), sentence
            checked += 1
    assert checked > 50


def test_kept_summary_candidates_give_the_summary_the_text_gives(demo: Store) -> None:
    """The stage keeps each summarised member's candidates (``story_sentences``); a summary
    made from them is the one made from the texts, sentence for sentence."""
    from dataclasses import replace

    from storyline.stories.features import normalise
    from storyline.stories.summary import summarise

    kept = next(demo.rows("SELECT count(*) FROM story_sentences"))[0]
    assert kept > 0
    frequencies = {t: 1 for (t,) in demo.rows("SELECT term FROM term_df")}
    compared = 0
    for (story_id,) in demo.rows("SELECT id FROM stories WHERE size > 1 LIMIT 10"):
        members = demo.stories.summary_members(story_id, 20)
        assert all(m.candidates is not None for m in members)
        centroid = normalise(demo.stories.get(story_id).centroid)  # type: ignore[union-attr]
        from_texts = [replace(m, candidates=None) for m in members]
        assert summarise(members, centroid, frequencies, 100) == summarise(
            from_texts, centroid, frequencies, 100
        )
        compared += 1
    assert compared > 0
