"""The shipped tagger on sentences written for these tests: offsets, behaviours, bad input."""

from __future__ import annotations

import pytest

from storyline.entities.tagger import ENTITY_TYPES, TaggedSpan, load_tagger


def tag(text: str) -> list[TaggedSpan]:
    spans = load_tagger().tag(text)
    for span in spans:
        # The evidence contract: the mention is exactly these characters of the input.
        assert text[span.start : span.end] == span.text
        assert span.type in ENTITY_TYPES
        assert 0.0 <= span.confidence <= 1.0
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    return spans


def found(text: str) -> set[tuple[str, str]]:
    return {(s.text, s.type) for s in tag(text)}


SENTENCE = (
    "On Tuesday, French Defence Minister Sébastien Lecornu met Keir Starmer in Kyiv, "
    "where officials of NATO and the European Union joined them."
)


def test_people_places_and_organisations() -> None:
    got = found(SENTENCE)
    assert ("Sébastien Lecornu", "PER") in got
    assert ("Keir Starmer", "PER") in got
    assert ("Kyiv", "LOC") in got
    assert ("NATO", "ORG") in got
    assert ("European Union", "ORG") in got
    assert ("French", "MISC") in got


def test_offsets_point_into_the_original_text() -> None:
    text = "  \n“We will not give up,” said Recep Tayyip Erdoğan’s spokesman in Ankara.\n"
    spans = tag(text)
    by_text = {s.text: s for s in spans}
    assert "Recep Tayyip Erdoğan" in by_text
    assert by_text["Recep Tayyip Erdoğan"].type == "PER"
    assert ("Ankara", "LOC") in {(s.text, s.type) for s in spans}


def test_the_possessive_is_not_part_of_the_name() -> None:
    assert ("Zelenskyy", "PER") in found(
        "Volodymyr Zelenskyy's call was answered by Zelenskyy's rivals."
    )


def test_a_surname_alone_keeps_the_type_of_the_full_name() -> None:
    text = (
        "German Defence Minister Boris Pistorius spoke first. Later, Pistorius said "
        "the plan would take years."
    )
    assert ("Pistorius", "PER") in found(text)


def test_the_us_abbreviation_is_a_place() -> None:
    assert ("U.S.", "LOC") in found("Ukraine agreed to a U.S. proposal in Jeddah, Saudi Arabia.")


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", ".", "—", "1234 5678"])
def test_empty_or_nameless_text(text: str) -> None:
    assert tag(text) == []


def test_all_caps_headline_gives_few_plausible_mentions() -> None:
    spans = tag("PRIME MINISTER VISITS PARIS AS TALKS WITH BERLIN STALL OVER BUDGET")
    assert len(spans) <= 4
    assert all(len(s.text.split()) <= 3 for s in spans)


def test_sports_results_table() -> None:
    table = "\n".join(
        [
            "Results of Sunday's matches:",
            "Northfield Rovers 2 Eastbay United 1",
            "Kingsport City 0 Westmere Athletic 0",
            "Standings (played, won, drawn, lost, points):",
            "Northfield Rovers 12 8 2 2 26",
            "Eastbay United 12 7 3 2 24",
        ]
    )
    spans = tag(table)
    assert 0 < len(spans) <= 10
    assert all(not any(c.isdigit() for c in s.text) for s in spans)
    assert all(s.type in {"ORG", "LOC", "PER", "MISC"} for s in spans)


def test_list_of_names() -> None:
    text = "Present: Keir Starmer, Emmanuel Macron, Friedrich Merz, Giorgia Meloni, Donald Tusk."
    spans = tag(text)
    people = {s.text for s in spans if s.type == "PER"}
    assert len(spans) <= 6
    assert (
        len(
            people
            & {"Keir Starmer", "Emmanuel Macron", "Friedrich Merz", "Giorgia Meloni", "Donald Tusk"}
        )
        >= 4
    )


def test_text_in_another_language_is_not_tagged_as_a_pile_of_names() -> None:
    german = (
        "Die Verteidigungsminister der großen Militärmächte Europas haben sich am Mittwoch "
        "in der Hauptstadt getroffen, um über die Unterstützung der Armee und die Sicherheit "
        "des Kontinents zu beraten. Die Gespräche sollen in der nächsten Woche weitergehen."
    )
    assert tag(german) == []


def test_a_very_long_name_is_not_one_huge_mention() -> None:
    text = "The winner was " + " ".join(f"Name{i}" for i in range(300)) + " of Zurich."
    assert all(len(s.text) <= 100 for s in tag(text))
    long_token = "A" + "b" * 5000
    assert all(len(s.text) <= 100 for s in tag(f"Yesterday {long_token} arrived in Paris."))


def test_text_without_capitals_gives_few_mentions() -> None:
    text = (
        "the ministers met in the capital on wednesday and agreed to spend more on defence, "
        "said one of the aides, adding that talks would go on next week."
    )
    assert len(tag(text)) <= 1


def test_mixed_language_document_keeps_the_english_names() -> None:
    text = (
        "Keir Starmer met Emmanuel Macron in London on Monday.\n\n"
        "Die Minister haben sich am Mittwoch in der Hauptstadt getroffen, um über die Lage "
        "der Armee zu beraten."
    )
    got = found(text)
    assert ("Keir Starmer", "PER") in got
    assert all(s[0] not in {"Die", "Minister", "Mittwoch", "Hauptstadt", "Armee"} for s in got)
