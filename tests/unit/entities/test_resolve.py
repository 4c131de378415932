"""Issue 22: entity resolution inside an article, one regression case per rule. The
sentences are written for these tests, after the kind of sentence that went wrong in BBC
politics and Reuters copy (no article text is copied)."""

from __future__ import annotations

from functools import cache

import pytest

from storyline.entities.mentions import extract
from storyline.entities.resolve import honorific_split, spellings, within_document
from storyline.entities.tagger import TaggedSpan, Tagger, load_tagger
from storyline.model import EntityMention


@cache
def _tagger() -> Tagger:
    return load_tagger()


def _mentions(text: str) -> list[EntityMention]:
    return extract(text, _tagger().tag(text))


def _named(text: str, surface: str) -> EntityMention:
    found = [m for m in _mentions(text) if m.text == surface]
    assert found, [m.text for m in _mentions(text)]
    return found[-1]


@pytest.mark.parametrize(
    ("text", "surface", "key", "rule"),
    [
        # honorific + surname before the full name (issue 22: "Mr Howard" ... "Michael Howard")
        (
            "Mr Hollins said the plan was flawed. Peter Hollins is the Tory leader.",
            "Hollins",
            "person:peter hollins",
            "surname-forward",
        ),
        # the tagger took the honorific into the name ("Ms Roche")
        (
            "Ms Darrow, Labour MP for Thornbury, said so. Later Anne Darrow spoke again.",
            "Darrow",
            "person:anne darrow",
            "honorific",
        ),
        # an acronym the article defines ("the UK Independence Party (UKIP)")
        (
            "The UK Freedom Party (UKFP) won a seat. UKFP leader Tom Vane was pleased.",
            "UKFP",
            "organization:uk freedom party",
            "acronym",
        ),
        # an acronym spelled by initials ("RTEA" / "Rotterdam Terminal Employers' Association")
        (
            "The Antwerp Dock Workers' Association said talks failed. Later the ADWA "
            "said it would strike.",
            "ADWA",
            "organization:antwerp dock workers' association",
            "acronym",
        ),
        # a short form of the one long name ("the Commission" / "European Commission")
        (
            "The European Commission will rule on Friday. The Commission declined to comment.",
            "Commission",
            "organization:european commission",
            "short-form",
        ),
        # a company without its ending ("Mobil" / "Mobil Corp")
        (
            "Halvex Corp said it raised prices. Halvex said demand was strong.",
            "Halvex",
            "organization:halvex corp",
            "short-form",
        ),
        # two places around "of" are one ("Hook of Holland")
        (
            "Ships reached the Hook of Holland on Monday.",
            "Hook of Holland",
            "place:hook of holland",
            "place-of",
        ),
    ],
)
def test_issue_22_resolution_rules(text: str, surface: str, key: str, rule: str) -> None:
    mention = _named(text, surface)
    assert mention.key == key
    assert rule in mention.rule.split("+")


def test_issue_22_ticker_debris_is_cut_and_a_bare_ticker_dropped() -> None:
    mentions = _mentions("Halvex Corp <HLV> said it raised prices by two pct.")
    assert [m.text for m in mentions] == ["Halvex Corp"]
    assert all("<" not in m.name and ">" not in m.name for m in mentions)


def test_issue_22_a_sentence_opening_common_word_is_no_organisation() -> None:
    text = (
        "The Rotterdam Terminal Employers' Association said the strike would go on. "
        "Employers in Rotterdam said they would meet the union."
    )
    assert "Employers" not in [m.text for m in _mentions(text)]


def test_issue_22_one_name_is_never_a_person_and_an_organisation() -> None:
    text = (
        "Senator Ada Quist spoke first. Quist said the bill would pass. "
        "Later Quist told reporters she was confident."
    )
    types = {m.type for m in _mentions(text) if "quist" in m.key}
    assert types == {"person"}


@pytest.mark.parametrize(
    ("name", "cut"), [("Mr Howard", 3), ("Ms Roche", 3), ("Dr. Kelly", 4), ("Lord Hale", 0)]
)
def test_honorific_split(name: str, cut: int) -> None:
    assert honorific_split(name) == cut


def test_acronym_spellings() -> None:
    assert "UKIP" in spellings("UK Independence Party")
    assert "OSCE" in spellings("Organization for Security and Co-operation in Europe")
    assert spellings("Halvex") == set()


def test_issue_22_a_known_party_is_no_person() -> None:
    mention = EntityMention(0, 6, "Labour", "person", "person:labour", "Labour")
    resolved = within_document("Labour said so.", [mention])
    assert resolved[0].key == "organization:labour party"
    assert resolved[0].rule.endswith("known-name")


def test_a_known_place_after_in_tagged_as_an_organisation_is_the_place() -> None:
    # Reuters: "Employers in Rotterdam said ..." gave "Rotterdam" as an organisation.
    text = "Dock workers in Rotterdam went on strike on Monday."
    start = text.index("Rotterdam")
    spans = [TaggedSpan(start, start + len("Rotterdam"), "Rotterdam", "ORG", 0.6)]
    (found,) = extract(text, spans)
    assert (found.type, found.name) == ("place", "Rotterdam")
    assert found.rule == "crf+place-after-in"


def test_a_plural_word_after_the_tagged_as_a_person_is_a_team() -> None:
    # ECB+ sports copy: "... a 31-24 victory over the Jaguars on Thursday night" (Jaguars
    # tagged as a person).
    text = "The visitors sealed a 27-20 win over the Falcons on Sunday night."
    start = text.index("Falcons")
    spans = [TaggedSpan(start, start + len("Falcons"), "Falcons", "PER", 0.7)]
    (found,) = extract(text, spans)
    assert (found.type, found.name, found.rule) == ("organization", "Falcons", "crf+plural-team")
    # Not a person's name ending in s, nor one with a title.
    text = "Reporters asked Senator Hawkins about the vote."
    start = text.index("Hawkins")
    spans = [TaggedSpan(start, start + len("Hawkins"), "Hawkins", "PER", 0.9)]
    (found,) = extract(text, spans)
    assert found.type == "person"
