from __future__ import annotations

import pytest

from storyline.entities.gender import first_names, genders
from storyline.model import EntityMention


def _gender(text: str, name: str) -> str | None:
    start = text.index(name)
    mention = EntityMention(start, start + len(name), name, "person", "person:x", name)
    return genders(text, [mention]).get("person:x")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Mrs Okoro spoke first.", "Okoro", "f"),
        ("Mr. Okoro spoke first.", "Okoro", "m"),
        # The tagger may take the title into the name.
        ("Then Ms Okoro spoke.", "Ms Okoro", "f"),
        ("The actress Lee Okoro arrived.", "Lee Okoro", "f"),
        ("He came with his wife Sam Okoro.", "Sam Okoro", "f"),
        ("Lee Okoro, her husband, stayed home.", "Lee Okoro", "m"),
        ("Lee Okoro, a 59-year-old grandmother, was hurt.", "Lee Okoro", "f"),
        # The word belongs to someone else.
        ("Lee Okoro, whose wife was hurt, stayed home.", "Lee Okoro", None),
        # The given-name table, when the text says nothing.
        ("Peter Okoro spoke first.", "Peter Okoro", "m"),
        ("Maria Okoro spoke first.", "Maria Okoro", "f"),
        # A name used for both is not guessed; nor is a bare surname.
        ("Robin Okoro spoke first.", "Robin Okoro", None),
        ("Okoro spoke first.", "Okoro", None),
    ],
)
def test_gender_from_the_text_then_the_name(text: str, name: str, expected: str | None) -> None:
    assert _gender(text, name) == expected


def test_mixed_evidence_is_no_evidence() -> None:
    text = "Mr Lee Okoro met the press. Later the actress Lee Okoro left."
    first = text.index("Lee Okoro")
    second = text.index("Lee Okoro", first + 1)
    people = [
        EntityMention(s, s + 9, "Lee Okoro", "person", "person:lee okoro", "Lee Okoro")
        for s in (first, second)
    ]
    assert genders(text, people) == {}


def test_the_name_table_is_one_gender_per_name() -> None:
    names = first_names()
    assert len(names) > 600
    assert set(names.values()) == {"m", "f"}
    assert names["Peter"] == "m" and names["Maria"] == "f"
