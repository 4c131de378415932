from __future__ import annotations

import pytest

from storyline.entities.aliases import canonical, descriptions, fold, name_key, previous_word
from storyline.entities.countries import by_demonym, by_name, countries


def test_fold_removes_accents() -> None:
    assert fold("Erdoğan") == "erdogan"
    assert name_key("Sébastien Lecornu’s") == "sebastien lecornu"


@pytest.mark.parametrize("form", ["Britain", "UK", "U.K.", "United Kingdom", "Great Britain"])
def test_united_kingdom_short_forms(form: str) -> None:
    found = canonical(form, "place")
    assert (found.name, found.key) == ("United Kingdom", "place:united kingdom")


@pytest.mark.parametrize("form", ["US", "U.S.", "USA", "United States", "America"])
def test_united_states_short_forms(form: str) -> None:
    assert canonical(form, "place").name == "United States"


@pytest.mark.parametrize(
    ("form", "name"),
    [
        ("NATO", "NATO"),
        ("North Atlantic Treaty Organization", "NATO"),
        ("EU", "European Union"),
        ("UN", "United Nations"),
    ],
)
def test_organisation_short_forms(form: str, name: str) -> None:
    found = canonical(form, "organization")
    assert (found.name, found.type) == (name, "organization")


def test_transliterations_share_a_key() -> None:
    assert canonical("Kiev", "place").key == canonical("Kyiv", "place").key
    assert canonical("Kiev", "place").name == "Kyiv"
    keys = {canonical(n, "person").key for n in ("Zelensky", "Zelenskyy", "Zelenskiy")}
    assert len(keys) == 1
    assert canonical("Erdoğan", "person").key == canonical("Erdogan", "person").key


def test_capital_as_subject_of_saying_is_a_metonym() -> None:
    found = canonical("Moscow", "place", next_word="said")
    assert (found.name, found.is_metonym) == ("Russia", True)
    found = canonical("Moscow", "place", next_word="on")
    assert (found.name, found.is_metonym) == ("Moscow", False)
    # "ministers in Moscow said": the ministers speak, Moscow is where.
    found = canonical("Moscow", "place", next_word="said", previous_word="in")
    assert (found.name, found.is_metonym) == ("Moscow", False)


def test_descriptions_name_capitals() -> None:
    text = "They met in the German capital, then flew to the Japanese capital."
    assert [(d.text, d.place) for d in descriptions(text)] == [
        ("the German capital", "Berlin"),
        ("the Japanese capital", "Tokyo"),
    ]
    assert descriptions("the Martian capital") == []
    assert [d.place for d in descriptions("The Italian capital was calm.")] == ["Rome"]


def test_country_table_covers_un_members() -> None:
    assert len(countries()) == 193
    assert by_demonym()["french"].name == "France"
    assert by_demonym()["british"].name == "United Kingdom"
    assert by_name()["turkiye"].name == "Turkey"


def test_previous_word() -> None:
    assert previous_word("talks in Moscow", len("talks in ")) == "in"
    assert previous_word("talks. Moscow", len("talks. ")) == ""
