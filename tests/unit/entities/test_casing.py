"""Headlines in title case are read as sentences before tagging (``entities.casing``, issue 22).

ECB+'s web headlines ("Lindsay Lohan Checks Into Rehab At Betty Ford Center", "Female
Employee Yvonne Hiller Kills Two In Kraft Shooting") were tagged as one organisation; the
headlines here are written for the test in the same shape.
"""

from __future__ import annotations

from storyline.entities.casing import as_sentence, is_title_case
from storyline.entities.mentions import extract
from storyline.entities.tagger import load_tagger


def _words(line: str) -> list[str]:
    return line.split(" ")


KNOWN = frozenset({"Singer", "Springs", "Clinic", "checks", "into", "at", "Desert", "Marco"})


def test_a_title_case_headline_reads_as_a_sentence() -> None:
    words = _words("Singer Mara Quillen Checks Into Rehab At Desert Springs Clinic")
    assert is_title_case(words)
    assert as_sentence(words, KNOWN) == (
        _words("Singer Mara Quillen checks into Rehab at Desert Springs Clinic")
    )


def test_a_list_of_names_and_a_plain_sentence_are_left_alone() -> None:
    roster = _words("Midfielders - Marco Bode , Heath Streak , Paul Strang")
    assert not is_title_case(roster)
    assert as_sentence(roster, KNOWN) == roster
    plain = _words("Tony Blair met Gordon Brown in London on Monday")
    assert as_sentence(plain, KNOWN) == plain


def test_the_person_in_a_title_case_headline_is_tagged_alone() -> None:
    text = "Kraft Worker Ivy Tolland Charged With Two Counts Of Murder\n\nPolice said so."
    spans = {(s.text, s.type) for s in load_tagger().tag(text)}
    assert ("Ivy Tolland", "PER") in spans
    assert not any("Tolland" in name and len(name) > len("Ivy Tolland") for name, _ in spans)


def test_a_mention_from_a_title_case_headline_records_the_rule() -> None:
    text = "Kraft Worker Ivy Tolland Charged With Two Counts Of Murder\n\nPolice said so."
    found = {m.text: m.rule for m in extract(text, load_tagger().tag(text))}
    assert found["Ivy Tolland"] == "crf+title-case"
