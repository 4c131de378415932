"""Short names resolved across the articles of one story (``entities.story_links``, issue 22).

The shapes come from BBC politics and Reuters stories, rewritten: a later article says only
"Mr Varo" after an earlier one named "Piet Varo"; "the PRA" after "People's Reform
Alliance"; "the Authority" after "Harbour Pilots Authority".
"""

from __future__ import annotations

import random

from storyline.entities import rules
from storyline.entities.story_links import story_links
from storyline.store.entities import StoryLink, StoryName


def _person(document: str, name: str, text: str | None = None, rule: str = "crf") -> StoryName:
    return StoryName(document, f"person:{name.lower()}", name, "person", text or name, rule)


def _org(
    document: str, name: str, text: str | None = None, rule: str = "crf", *, the: bool = False
) -> StoryName:
    key = f"organization:{name.lower()}"
    return StoryName(document, key, name, "organization", text or name, rule, after_the=the)


def _targets(links: list[StoryLink]) -> dict[tuple[str, str], tuple[str, str]]:
    return {(link.document_id, link.entity): (link.target, link.rule) for link in links}


def test_honorific_surname_in_a_later_article_takes_the_full_name() -> None:
    # a: "Piet Varo, the shadow chancellor, said ..."; b: "Mr Varo told the Commons ..."
    names = [_person("a", "Piet Varo"), _person("b", "Varo", "Varo", "crf+honorific")]
    assert _targets(story_links(names)) == {
        ("b", "person:varo"): ("person:piet varo", rules.STORY_SURNAME.name)
    }


def test_two_full_names_with_the_surname_leave_it_alone() -> None:
    names = [_person("a", "Piet Varo"), _person("b", "Anna Varo"), _person("c", "Varo")]
    assert story_links(names) == []


def test_a_full_name_starting_with_the_word_blocks_the_link() -> None:
    # "Howard Dean" and "Michael Howard" in one story: a bare "Howard" could be either.
    names = [_person("a", "Michael Howard"), _person("b", "Howard Dean"), _person("c", "Howard")]
    assert story_links(names) == []


def test_full_names_are_never_merged() -> None:
    names = [_person("a", "Piet Varo"), _person("b", "Pieter Varo")]
    assert story_links(names) == []


def test_an_acronym_defined_in_one_article_links_in_another() -> None:
    # a: "the People's Reform Alliance (PRA) said ..."; b: "the PRA's leader ..."
    names = [
        _org("a", "People's Reform Alliance"),
        StoryName(
            "a", "organization:people's reform alliance", "People's Reform Alliance",
            "organization", "PRA", "crf+acronym",
        ),
        _org("b", "PRA"),
    ]  # fmt: skip
    assert _targets(story_links(names)) == {
        ("b", "organization:pra"): (
            "organization:people's reform alliance",
            rules.STORY_ACRONYM.name,
        )
    }


def test_an_acronym_spelled_by_one_long_name_links() -> None:
    names = [_org("a", "Rotterdam Terminal Employers Association"), _org("b", "RTEA")]
    assert _targets(story_links(names))[("b", "organization:rtea")][1] == "story-acronym"


def test_a_short_form_takes_the_one_longer_name() -> None:
    names = [
        _org("a", "Harbour Pilots Authority"),
        _org("b", "Authority", the=True),
        _org("c", "Mobil Corp"),
        _org("c", "Mobil", the=True),
    ]
    found = _targets(story_links(names))
    assert found[("b", "organization:authority")] == (
        "organization:harbour pilots authority",
        rules.STORY_SHORT_FORM.name,
    )
    assert found[("c", "organization:mobil")][0] == "organization:mobil corp"


def test_two_longer_names_leave_the_short_form_alone() -> None:
    names = [
        _org("a", "European Commission"),
        _org("b", "Trade Commission"),
        _org("c", "Commission", the=True),
    ]
    assert story_links(names) == []


def test_a_short_form_not_written_after_the_is_another_name() -> None:
    # BBC politics: "told Radio 4's Today programme" in a story that names "BBC Radio";
    # "the campaign group Fathers 4 Justice" beside "the Lord Chief Justice".
    names = [_org("a", "BBC Radio"), _org("b", "Radio"), _org("b", "Justice")]
    names.append(_org("a", "Lord Chief Justice"))
    assert story_links(names) == []


def test_a_known_place_or_a_metonym_is_not_a_short_form() -> None:
    names = [
        _org("a", "Bank of France"),
        _org("b", "France"),
        StoryName("b", "place:france", "France", "place", "Paris", "crf", True),
    ]
    assert story_links(names) == []


def test_the_links_do_not_depend_on_the_order_of_the_articles() -> None:
    names = [
        _person("a", "Piet Varo"),
        _person("b", "Varo"),
        _org("a", "Harbour Pilots Authority"),
        _org("c", "Authority", the=True),
        _org("c", "HPA"),
    ]
    expected = story_links(names)
    assert len(expected) == 3
    for seed in range(5):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        assert story_links(shuffled) == expected


def test_a_place_tagged_as_a_person_and_another_s_office_are_not_linked() -> None:
    # BBC politics: "Shrewsbury, Dorset and Torbay" beside "North Dorset", both tagged as
    # people; "the Treasury forecasts" beside "Lib Dem Treasury spokesman".
    names = [
        _person("a", "North Dorset"),
        _person("b", "Dorset"),
        _org("a", "Lib Dem Treasury"),
        _org("b", "Treasury", the=True),
        _org("c", "SNP Holyrood"),
        _org("d", "Holyrood", the=True),
    ]
    assert story_links(names) == []


def test_a_country_before_the_long_name_does_not_make_it_another_s() -> None:
    # Reuters: "tax payments to the Treasury department" in a story naming "U.S. Treasury".
    names = [_org("a", "U.S. Treasury"), _org("b", "Treasury", the=True)]
    assert _targets(story_links(names)) == {
        ("b", "organization:treasury"): ("organization:u.s. treasury", "story-short-form")
    }
