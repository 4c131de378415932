from __future__ import annotations

import pytest

from storyline.entities.roles import COUNTERPART, role_at
from storyline.model import Role


def _role(sentence: str, name: str) -> Role | None:
    start = sentence.index(name)
    return role_at(sentence, start, start + len(name))


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        (
            "On Monday, Spanish Foreign Minister Ana Robles met farmers.",
            "Ana Robles",
            Role("Foreign Minister", "Spain"),
        ),
        (
            "Canadian Prime Minister Paul Martel said no.",
            "Paul Martel",
            Role("Prime Minister", "Canada"),
        ),
        (
            "The talks ended when Kenyan President Joseph Otieno left.",
            "Joseph Otieno",
            Role("President", "Kenya"),
        ),
        (
            "US Secretary of State Mary Lane flew in.",
            "Mary Lane",
            Role("Secretary of State", "United States"),
        ),
        (
            "Hans Weber, the Austrian defence minister, disagreed.",
            "Hans Weber",
            Role("Defense Minister", "Austria"),
        ),
        (
            "Later the head of NATO, Piet de Vries, spoke.",
            "Piet de Vries",
            Role("Head", None, "NATO"),
        ),
        (
            "He called his Polish counterpart Adam Nowicki.",
            "Adam Nowicki",
            Role(COUNTERPART, "Poland"),
        ),
        ("President Ada Mensah arrived late.", "Ada Mensah", Role("President")),
        (
            "The Minister of Fisheries Ola Berg spoke.",
            "Ola Berg",
            Role("Minister of Fisheries"),
        ),
        (
            "EU Secretary-General Lena Roth spoke.",
            "Lena Roth",
            Role("Secretary-General", None, "European Union"),
        ),
    ],
)
def test_roles_from_modifiers_and_appositions(sentence: str, name: str, expected: Role) -> None:
    assert _role(sentence, name) == expected


def test_no_role_without_a_title() -> None:
    assert _role("Yesterday Ada Mensah arrived late.", "Ada Mensah") is None


def test_lower_case_word_is_not_a_country() -> None:
    # "us" is a pronoun here, not the United States.
    assert _role("He told us President Ada Mensah left.", "Ada Mensah") == Role("President")


def test_role_does_not_cross_a_sentence() -> None:
    assert _role("He is French. Ada Mensah left.", "Ada Mensah") is None


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("Sen. Dana Whitcombe voted against it.", "Dana Whitcombe", Role("Senator")),
        (
            "Montana Gov. Carl Ostrander signed the bill.",
            "Carl Ostrander",
            Role("Governor of Montana", "United States"),
        ),
        (
            "Iowa Sen. Ruth Ballard objected.",
            "Ruth Ballard",
            Role("Senator from Iowa", "United States"),
        ),
        (
            "Nora Pike, the former Nevada governor, endorsed him.",
            "Nora Pike",
            Role("former Governor of Nevada", "United States"),
        ),
        ("FBI Director Owen Tull testified.", "Owen Tull", Role("Director", None, "FBI")),
        (
            "Tory leader Hugh Marland spoke first.",
            "Hugh Marland",
            Role("Leader", None, "Conservative Party"),
        ),
        (
            "Ivo Strand, the Harbourtown police chief, said so.",
            "Ivo Strand",
            Role("Police Chief"),
        ),
        ("The coach said Rafa Mendel would start.", "Rafa Mendel", None),
        # A full stop after an abbreviated title does not end the sentence.
        ("He thanked Lt. Gov. Jo Amber.", "Jo Amber", Role("Lieutenant Governor")),
        # Georgia the country unless the title is a US state's.
        (
            "Georgian President Tamar Kvirikashvili arrived.",
            "Tamar Kvirikashvili",
            Role("President", "Georgia"),
        ),
    ],
)
def test_titles_of_us_offices_teams_and_parties(
    sentence: str, name: str, expected: Role | None
) -> None:
    assert _role(sentence, name) == expected


def test_a_title_the_tagger_took_into_the_name_is_split_off() -> None:
    from storyline.entities.roles import leading_role, person_inside

    assert leading_role("Ohio Gov. Mae Roper") == (
        len("Ohio Gov. "),
        Role("Governor of Ohio", "United States"),
    )
    assert leading_role("Mae Roper") is None
    assert person_inside("U.S. Supreme Court Justice Alma Venn") == (
        len("U.S. Supreme Court Justice "),
        Role("Justice"),
    )
    assert person_inside("European Court of Justice") is None


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        # issue 22: "shadow home secretary" was stored as "Home Secretary"
        (
            "Shadow home secretary Martin Greaves said the bill was wrong.",
            "Martin Greaves",
            Role("Shadow Home Secretary"),
        ),
        # issue 22: a title before and after the name ("Senator X, the minority leader")
        (
            "Senator Paula Reyes, the minority leader, objected to the vote.",
            "Paula Reyes",
            Role("Senator, Minority Leader"),
        ),
    ],
)
def test_issue_22_roles(sentence: str, name: str, expected: Role) -> None:
    assert _role(sentence, name) == expected
