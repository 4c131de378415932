"""Agents and patients read next to the trigger (``storyline.events.roles``), and the
linker keeping apart mentions whose agents or patients are different people."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import entity_spans
from storyline.events.link import EventCandidate, link
from storyline.events.roles import compatible, roles


def _roles(
    text: str, trigger: str, nominal: bool, names: dict[str, str]
) -> tuple[str | None, str | None]:
    start = text.index(trigger)
    return roles(text, start, start + len(trigger), nominal, entity_spans(text, names))


@pytest.mark.parametrize(
    ("text", "trigger", "nominal", "names", "expected"),
    [
        # Active verb: subject before (auxiliaries and adverbs between), object after.
        (
            "Senator Ada Moreno has repeatedly attacked Governor Paul Ridge over the budget.",
            "attacked",
            False,
            {"Ada Moreno": "person", "Paul Ridge": "person"},
            ("person:Ada Moreno", "person:Paul Ridge"),
        ),
        # Passive: the subject is the patient, "by" names the agent.
        (
            "Tomas Bell was arrested by Inspector Nora Quill on the harbour road.",
            "arrested",
            False,
            {"Tomas Bell": "person", "Nora Quill": "person"},
            ("person:Nora Quill", "person:Tomas Bell"),
        ),
        # A progressive is active, not passive.
        (
            "Lena Ortiz is taking over the council's planning portfolio next month.",
            "taking over",
            False,
            {"Lena Ortiz": "person"},
            ("person:Lena Ortiz", None),
        ),
        # A noun's possessor is its agent...
        (
            "Mayor Ruth Penn's budget proposals drew fire from the unions.",
            "proposals",
            True,
            {"Ruth Penn": "person"},
            ("person:Ruth Penn", None),
        ),
        # ... unless the noun is something done to the possessor.
        (
            "Jonah Reed's arrest last week angered his neighbours in the valley.",
            "arrest",
            True,
            {"Jonah Reed": "person"},
            (None, "person:Jonah Reed"),
        ),
        # "of / on / against X" after a noun names its patient.
        (
            "The fatal shooting of Marcus Doyle near the depot is under investigation.",
            "shooting",
            True,
            {"Marcus Doyle": "person"},
            (None, "person:Marcus Doyle"),
        ),
        # "X's dismissal of Y": X did it, to Y.
        (
            "Governor Ruth Penn's dismissal of Tom Hale surprised the council.",
            "dismissal",
            True,
            {"Ruth Penn": "person", "Tom Hale": "person"},
            ("person:Ruth Penn", "person:Tom Hale"),
        ),
        # A one-line sentence full of names is not a title; an irregular past is a verb.
        (
            "Vera Lind beat Anna Sol in Oslo on Friday.",
            "beat",
            False,
            {"Vera Lind": "person", "Anna Sol": "person"},
            ("person:Vera Lind", "person:Anna Sol"),
        ),
        # The subject of "died" is the one it happened to.
        (
            "Former mayor Tom Reyes died at his home on Sunday.",
            "died",
            False,
            {"Tom Reyes": "person"},
            (None, "person:Tom Reyes"),
        ),
        # A resolved possessive pronoun is a possessor too.
        (
            "Asked about the plan, Elena Varga said her tax proposals would help families.",
            "proposals",
            True,
            {"Elena Varga": "person", "her": "person"},
            ("person:her", None),
        ),
        # A subject across a clause set off by commas or dashes; the clause's own "was"
        # does not make the verb passive.
        (
            "Lena Ortiz, who was a nurse, was shot outside the clinic.",
            "shot",
            False,
            {"Lena Ortiz": "person"},
            (None, "person:Lena Ortiz"),
        ),
        (
            "Ivo Brandt, 52 - a teacher who coached the school choir - was arrested.",
            "arrested",
            False,
            {"Ivo Brandt": "person"},
            (None, "person:Ivo Brandt"),
        ),
        (
            "Mara Quist, who was in Lyon at the time, attacked Hugo Lenz in a speech.",
            "attacked",
            False,
            {"Mara Quist": "person", "Hugo Lenz": "person"},
            ("person:Mara Quist", "person:Hugo Lenz"),
        ),
        (
            "On Friday, Sergeant Carl Penn, who struck 19-year-old Rui Sato last month, "
            "was charged.",
            "charged",
            False,
            {"Carl Penn": "person", "Rui Sato": "person"},
            (None, "person:Carl Penn"),
        ),
        # "who" takes its antecedent as the subject; an age before the object is skipped.
        (
            "On Friday, Sergeant Carl Penn, who struck 19-year-old Rui Sato last month, "
            "was charged.",
            "struck",
            False,
            {"Carl Penn": "person", "Rui Sato": "person"},
            ("person:Carl Penn", "person:Rui Sato"),
        ),
        # A set-off subject must open its sentence: here the name is an object.
        (
            "Police questioned Ana Roth, who was at home, and arrested a neighbour.",
            "arrested",
            False,
            {"Ana Roth": "person"},
            (None, None),
        ),
    ],
)
def test_arguments_where_english_puts_them(
    text: str,
    trigger: str,
    nominal: bool,
    names: dict[str, str],
    expected: tuple[str | None, str | None],
) -> None:
    assert _roles(text, trigger, nominal, names) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "names"),
    [
        # A name after a preposition is not the subject: the cables are.
        (
            "Undersea cables off Marseille were cut late on Monday night.",
            "cut",
            {"Marseille": "place"},
        ),
        # Coordinated subjects are not one agent.
        (
            "Police said Alma Ruiz and Dina Holt were found unharmed in the old mill.",
            "found",
            {"Alma Ruiz": "person", "Dina Holt": "person"},
        ),
        # A name that modifies the next noun is not the object.
        ("Gunmen killed a Harwick teacher on the school road.", "killed", {"Harwick": "person"}),
        # What follows a reporting verb is the speaker's clause, not an object.
        (
            "The spokesman told reporters that Ivo Stan had resigned in protest.",
            "told",
            {"Ivo Stan": "person"},
        ),
        # The object of a verb in a relative clause is not the subject of the next verb.
        (
            "The man who shot Dale Cooper was arrested on Friday night.",
            "arrested",
            {"Dale Cooper": "person"},
        ),
        # "her" before a noun is a possessive.
        ("Police arrested her brother at the depot.", "arrested", {"her": "person"}),
        # A title in title case: its capitals are not names.
        (
            "Harbour Police Arrest Second Suspect In Dock Robbery",
            "Arrest",
            {"Harbour Police": "person", "Second Suspect": "person"},
        ),
    ],
)
def test_no_argument_where_the_name_is_something_else(
    text: str, trigger: str, names: dict[str, str]
) -> None:
    assert _roles(text, trigger, False, names) == (None, None)


def test_only_people_are_arguments() -> None:
    """Organisation and place names are too often titles or settings to tell events apart."""
    text = "The Harbour Authority closed the northern pier on Friday."
    assert _roles(text, "closed", False, {"Harbour Authority": "organization"}) == (None, None)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("person:Keith Lamont Scott", "person:Scott", True),
        ("person:Terence Crutcher", "person:Keith Lamont Scott", False),
        ("person:Mr. Ford", "person:Phil Ford", True),
        ("person:Klitschko", "organization:Klitschko Brothers", True),
        ("person:Ada Moreno", "organization:City Council", True),  # types the tagger mixes up
    ],
)
def test_compatible_roles(a: str, b: str, same: bool) -> None:
    assert compatible(a, b) is same
    assert compatible(b, a) is same


def _shooting(document: str, sentence: str, patient: str | None) -> EventCandidate:
    return EventCandidate(
        key=document,
        document_id=document,
        group="story-1",
        trigger="shot",
        lemma="",
        sentence=sentence,
        patient=patient,
    )


def test_different_victims_are_different_shootings() -> None:
    first = _shooting("a", "Officers shot Dan Ruiz near the depot on Friday.", "person:Dan Ruiz")
    second = _shooting("b", "Officers shot Omar Lake near the depot on Friday.", "person:Omar Lake")
    assert link([first, second]) == [0, 1]
    # The same victim named two ways, or a victim unknown on one side, still links.
    assert link([first, replace(second, patient="person:Ruiz")]) == [0, 0]
    assert link([first, replace(second, patient=None)]) == [0, 0]


def test_different_victims_are_never_joined_however_much_else_links_them() -> None:
    # Average linkage would join the two victims' mentions through the unnamed ones, were
    # different patients only a penalty.
    named = [
        _shooting("a", "Officers shot Dan Ruiz near the depot on Friday.", "person:Dan Ruiz"),
        _shooting("b", "Officers shot Omar Lake near the depot on Friday.", "person:Omar Lake"),
    ]
    unnamed = [_shooting(k, "Officers shot a man near the depot on Friday.", None) for k in "cdef"]
    labels = link([*named, *unnamed])
    assert labels[0] != labels[1]
