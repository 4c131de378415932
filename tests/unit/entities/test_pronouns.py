from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, Files
from storyline.entities.pronouns import GENDER, resolve
from storyline.entities.report import entity_detail, list_entities
from storyline.export import write_json
from storyline.model import EntityMention
from storyline.runner import RunOptions, run
from storyline.store import Store

SCHEMA = json.loads((REPO / "docs" / "export.schema.json").read_text())


def _people(text: str, *names: str, same: dict[str, str] | None = None) -> list[EntityMention]:
    """Person mentions at every occurrence of each name, as ``mentions.extract`` gives them;
    ``same`` maps a short form to the full name it stands for ("Kern" -> "Peter Kern")."""
    same = same or {}
    spans: list[tuple[int, int, str]] = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            spans.append((start, start + len(name), name))
            start = text.find(name, start + 1)
    # A short form inside a longer name ("Kern" in "Peter Kern") is not a mention of its own.
    kept = [
        (start, end, name)
        for start, end, name in spans
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)
    ]
    found = []
    for start, end, name in sorted(kept):
        full = same.get(name, name)
        found.append(EntityMention(start, end, name, "person", "person:" + full.lower(), full))
    return found


def _export(store: Store) -> Any:
    out = io.StringIO()
    write_json(store, out)
    return json.loads(out.getvalue())


def _resolved(text: str, people: list[EntityMention]) -> list[tuple[str, str]]:
    """(pronoun as written, the name it stands for) in text order."""
    return [(p.text, p.antecedent.name) for p in resolve(text, people)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anna Berg met Tomas Ode in Oslo on Monday. She said the deal was close.",
            [("She", "Anna Berg")],
        ),
        (
            "Anna Berg met Tomas Ode in Oslo on Monday. He said the deal was close.",
            [("He", "Tomas Ode")],
        ),
        # A title says the gender where the given name is missing.
        (
            "Mrs Lund thanked Mr Kern for the report. He smiled.",
            [("He", "Mr Kern")],
        ),
        # So does a kinship word beside the name.
        (
            "Chris Vale came with his wife, Sam Okoro. She spoke first.",
            [("his", "Chris Vale"), ("She", "Sam Okoro")],
        ),
    ],
)
def test_gender_agreement(text: str, expected: list[tuple[str, str]]) -> None:
    names = ["Anna Berg", "Tomas Ode", "Mrs Lund", "Mr Kern", "Chris Vale", "Sam Okoro"]
    assert _resolved(text, _people(text, *names)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Two men named side by side and nothing else to tell them apart.
        "Tomas Ode and Peter Kern met in Oslo on Monday. He said the talks went well.",
        # One told the other: either could be the one resigning.
        "Tomas Ode told Peter Kern that he would resign.",
    ],
)
def test_two_equally_likely_people_leave_the_pronoun_open(text: str) -> None:
    assert _resolved(text, _people(text, "Tomas Ode", "Peter Kern")) == []


def test_the_subject_is_preferred_when_the_pronoun_opens_the_next_sentence() -> None:
    text = "Tomas Ode visited the factory in Lyon with reporters on Friday. He left at noon."
    assert _resolved(text, _people(text, "Tomas Ode")) == [("He", "Tomas Ode")]


def test_possessives_and_object_pronouns() -> None:
    text = (
        "Maria Lopez lost her passport at the airport. Her brother found it later. "
        "Tomas Ode beat Peter Kern in the final, knocking him down twice."
    )
    people = _people(text, "Maria Lopez", "Tomas Ode", "Peter Kern")
    assert _resolved(text, people) == [
        ("her", "Maria Lopez"),
        ("Her", "Maria Lopez"),
        ("him", "Peter Kern"),
    ]


def test_a_surname_after_the_full_name_is_the_same_person() -> None:
    text = "Coach Peter Kern arrived late. Kern thanked the fans. He then left the stadium."
    people = _people(text, "Peter Kern", "Kern", same={"Kern": "Peter Kern"})
    [(pronoun, name)] = _resolved(text, people)
    assert (pronoun, name) == ("He", "Peter Kern")
    # The antecedent is the latest naming: the surname in the sentence before.
    assert resolve(text, people)[0].antecedent.start == text.index("Kern thanked")


def test_chains_of_pronouns_carry_the_person_along() -> None:
    text = "Anna Berg opened the bakery in 1990. She ran it alone. The town grew. She hired staff."
    assert _resolved(text, _people(text, "Anna Berg")) == [
        ("She", "Anna Berg"),
        ("She", "Anna Berg"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Nobody named before the pronoun (a reader would wait for the name).
        "He said the plan had failed. Tomas Ode agreed.",
        # The only person was named too long ago.
        "Tomas Ode arrived. The rain fell. The wind rose. The roads closed. He left.",
        # Gender disagrees with the only candidate.
        "Tomas Ode arrived at noon. She left at once.",
    ],
)
def test_no_antecedent_leaves_the_pronoun_out(text: str) -> None:
    assert _resolved(text, _people(text, "Tomas Ode")) == []


def test_a_tagger_slip_is_not_taken_for_a_person() -> None:
    text = "The Grand Jury met on Monday. He was not there."
    assert _resolved(text, _people(text, "Grand Jury")) == []


def test_a_named_speaker_right_before_the_pronoun_is_its_person() -> None:
    text = "Tomas Ode told reporters in Oslo that Peter Kern said he would resign."
    assert _resolved(text, _people(text, "Tomas Ode", "Peter Kern")) == [("he", "Peter Kern")]


def test_an_unnamed_speaker_takes_the_pronoun() -> None:
    # "he" is most likely the coroner, who is not named: left open.
    text = "Peter Kern was found dead on Monday. The coroner said he had been ill for years."
    assert _resolved(text, _people(text, "Peter Kern")) == []


def test_a_title_inside_the_name_is_the_same_person() -> None:
    # The tagger may take "Ms." into the name: "Ms. Vale" is still Anna Vale, not a rival.
    text = "Voters cheered Anna Vale in Leeds, and Ms. Vale thanked her party."
    people = _people(text, "Anna Vale", "Ms. Vale")
    [pronoun] = resolve(text, people)
    assert (pronoun.text, pronoun.antecedent.text) == ("her", "Ms. Vale")


def test_a_name_in_a_quotation_counts_less_than_the_narrative() -> None:
    text = "“I thank my friend Lucy Hale,” Anna Berg said in Leeds. Her speech was printed."
    assert _resolved(text, _people(text, "Anna Berg", "Lucy Hale")) == [("Her", "Anna Berg")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The speaker says "I": "he" in the quotation is someone else, here left open.
        ('Tomas Ode said: "He will have to explain the cuts."', []),
        ('Tomas Ode spoke first. "He will have to explain the cuts," Ode said.', []),
        # ... or the person the speaker names inside the quotation.
        (
            'Tomas Ode said: "Mr Kern has had a year. He must be judged on it."',
            [("He", "Mr Kern")],
        ),
    ],
)
def test_inside_a_quotation_he_is_not_its_speaker(
    text: str, expected: list[tuple[str, str]]
) -> None:
    people = _people(text, "Tomas Ode", "Ode", "Mr Kern", same={"Ode": "Tomas Ode"})
    assert _resolved(text, people) == expected


def test_a_slip_in_a_headline_is_not_a_person() -> None:
    # Not everyday words, but only ever seen in a headline: not taken for a person.
    text = "Vehicular Manslaughter Charge For Driver\n\nPolice said he was driving too fast."
    assert _resolved(text, _people(text, "Vehicular Manslaughter")) == []


def test_offsets_point_at_the_pronoun() -> None:
    text = (
        "“It is over,” said Anna Berg.\n\nSHE LEFT. Her car was outside, and she drove "
        "herself home. Tomas Ode’s brother said his sister-in-law was fine; hers was the "
        "last car. He himself stayed."
    )
    found = resolve(text, _people(text, "Anna Berg", "Tomas Ode"))
    assert found
    for pronoun in found:
        assert text[pronoun.start : pronoun.end] == pronoun.text
        assert pronoun.text.lower() in GENDER
        assert pronoun.gender == GENDER[pronoun.text.lower()]
        assert pronoun.antecedent.end <= pronoun.start
        assert pronoun.entity_id == pronoun.antecedent.entity_id


NAMES = ("Anna Berg", "Tomas Ode", "Mr Kern", "Grand Jury")
PIECES = st.sampled_from(
    [*NAMES, "he", "He", "his", "She", "her", "herself", "HIM", "met", "said", "the", "and",
     "“", "”", ",", ".", ". ", ".\n\n", "wife", "Mrs", "told", "in", "Oslo"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_every_resolution_points_back_into_the_text(pieces: list[str]) -> None:
    text = " ".join(pieces)
    people = _people(text, *NAMES)
    for pronoun in resolve(text, people):
        assert text[pronoun.start : pronoun.end] == pronoun.text
        assert pronoun.text.lower() in GENDER
        assert pronoun.antecedent in people
        assert pronoun.antecedent.end <= pronoun.start


ARTICLE = (
    "Bakery wins prize\n\n"
    "Anna Berg opened her bakery in Lyon in 1990. She still bakes every morning. "
    "Tomas Ode, the mayor, gave Berg the prize on Monday.\n"
)


def test_stage_stores_pronouns_without_inflating_counts(files: Files, tmp_path: Path) -> None:
    files.write("a.txt", ARTICLE)
    with Store(tmp_path / "news.db") as store:
        run([str(files.root)], store, RunOptions(workers=1))
        rows = store.conn.execute(
            "SELECT m.start, m.end, m.text, m.kind, e.name FROM entity_mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE m.kind = 'pronoun' ORDER BY m.start"
        ).fetchall()
        text = store.conn.execute("SELECT text FROM documents").fetchone()[0]
        assert [(r["text"], r["name"]) for r in rows] == [
            ("her", "Anna Berg"),
            ("She", "Anna Berg"),
        ]
        assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
        anna = next(e for e in list_entities(store) if e.name == "Anna Berg")
        assert anna.mentions == 2  # "Anna Berg" and "Berg": the pronouns are not counted
        detail = entity_detail(store, "Anna Berg")
        assert "She" not in detail.aliases and "her" not in detail.aliases
        assert [d.mentions for d in detail.documents] == [2]
        data = _export(store)
        jsonschema.validate(data, SCHEMA)
        exported = next(e for e in data["entities"] if e["name"] == "Anna Berg")
        assert len(exported["mentions"]) == 2
        assert [p["text"] for p in exported["pronouns"]] == ["her", "She"]
