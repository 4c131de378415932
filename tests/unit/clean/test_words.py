"""Comparison keys, content words, names and outlets."""

from __future__ import annotations

import pytest

from storyline.clean.names import is_person_name, looks_like_outlet, parse_names
from storyline.clean.words import content_words, match_key, title_case
from storyline.text.sentences import ends_sentence


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Europe's chiefs", "Europe’s CHIEFS"),
        ("“Deal” – done", '"deal" - done'),
        ("  spaced \n out  ", "spaced out"),
        ("Headline.", "headline"),
        ("ﬁnal", "final"),
    ],
)
def test_match_key_unifies(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


def test_content_words_drop_stopwords_keep_numbers() -> None:
    assert content_words("The ministers met in Paris on 12 March, he said.") == {
        "ministers",
        "met",
        "paris",
        "12",
        "march",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KYIV", "Kyiv"),
        ("NEW YORK", "New York"),
        ("WILKES-BARRE", "Wilkes-Barre"),
        ("THE HAGUE", "The Hague"),
        ("RIO DE JANEIRO", "Rio de Janeiro"),
        ("SEÁN O'BRIEN", "Seán O'Brien"),
    ],
)
def test_title_case(text: str, expected: str) -> None:
    assert title_case(text) == expected


@pytest.mark.parametrize(
    ("text", "ends"),
    [("Done.", True), ("“Done.”", True), ("Done?", True), ("Not done", False), ("a,", False)],
)
def test_ends_sentence(text: str, ends: bool) -> None:
    assert ends_sentence(text) is ends


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Jana Novak", True),
        ("Tomás Ferreira", True),
        ("Ana de la Cruz", True),
        ("Jana", False),
        ("Lisbon Ledger", False),
        ("Staff Writer", False),
        ("Wednesday Evening", False),
        ("the minister", False),
        ("Jana Novak 2", False),
    ],
)
def test_person_names(text: str, person: bool) -> None:
    assert is_person_name(text) is person


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Lisbon Ledger", True),
        ("TROIB News", True),
        ("AFP", True),
        ("The Daily Record", True),
        ("Jana Novak", False),
        ("JANA NOVAK", False),
    ],
)
def test_outlets(text: str, outlet: bool) -> None:
    assert looks_like_outlet(text) is outlet


def test_parse_names_lists() -> None:
    assert parse_names("Jana Novak in Paris, Li Wei and Ana Costa") == (
        "Jana Novak",
        "Li Wei",
        "Ana Costa",
    )
    assert parse_names("Jana Novak and the harbour master") is None
