"""Repeated leads (identical or paraphrased) and repeated paragraphs."""

from __future__ import annotations

import pytest

from storyline.clean.repeats import lead_similarity, repeated_leads, repeated_paragraphs

LEAD_A = (
    "On Monday in Rotterdam, dock workers from the three largest unions—FNV, CNV and "
    "the Harbour Guild—voted to end their strike over pay and night shifts."
)
LEAD_B = (
    "Dock workers from the three largest unions—FNV, CNV and the Harbour Guild—decided in "
    "Rotterdam on Monday to end their strike over pay and night shifts."
)
SECOND_PARAGRAPH = (
    "The unions said FNV, CNV and the Harbour Guild members would return to the terminals "
    "in Rotterdam on Tuesday morning, after the port authority raised its pay offer."
)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (LEAD_A, LEAD_B),
        (LEAD_B, LEAD_B),
        # A standfirst that the lead contains.
        (
            "Dock workers from the three largest unions voted in Rotterdam to end their strike.",
            "On Monday, dock workers from the three largest unions voted in Rotterdam to end "
            "their two-week strike over pay, ending the worst stoppage in a decade.",
        ),
    ],
)
def test_same_lead(first: str, second: str) -> None:
    assert repeated_leads([first, second])


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Two different opening paragraphs about the same event share names, not sentences.
        (LEAD_B, SECOND_PARAGRAPH),
        (
            "Defence ministers from France, Germany and Poland met in Paris on Wednesday to "
            "discuss support for Ukraine.",
            "The ministers said France, Germany and Poland would fund new air defence systems "
            "for Ukraine by June.",
        ),
        # Same words, different figures.
        (
            "The port handled 12 million containers last year, up from 10 million.",
            "The port handled 14 million containers last year, up from 10 million.",
        ),
        # Lists of the same names in a different order.
        (
            "Ajax v Feyenoord; PSV v Utrecht; Twente v Vitesse; Groningen v Heerenveen.",
            "Feyenoord v PSV; Utrecht v Ajax; Vitesse v Groningen; Heerenveen v Twente.",
        ),
        # Table rows are not leads.
        (
            "Oper shr profit six cts vs loss two cts and revenue up nine pct",
            "Oper shr profit 12 cts vs loss two cts and revenue up nine pct",
        ),
        # Too short to tell.
        ("The strike ended.", "The strike ended."),
    ],
)
def test_different_paragraphs(first: str, second: str) -> None:
    assert repeated_leads([first, second]) == []


def test_lead_similarity_scores() -> None:
    scores = lead_similarity(LEAD_A, LEAD_B)
    assert scores is not None
    overlap, jaccard = scores
    assert overlap >= 0.75 and jaccard >= 0.5


def test_earlier_lead_is_the_one_removed() -> None:
    repeats = repeated_leads(["Headline words", LEAD_A, "Headline words", LEAD_B])
    assert [(r.removed, r.kept) for r in repeats] == [(1, 3)]


def test_leads_are_only_looked_for_near_the_top() -> None:
    filler = [
        f"Paragraph number {i} says something else about the port entirely." for i in range(8)
    ]
    assert repeated_leads([*filler, LEAD_A, LEAD_B]) == []


def test_repeated_paragraphs_keep_the_first_copy() -> None:
    body = [LEAD_B, SECOND_PARAGRAPH, "Short line.", SECOND_PARAGRAPH.upper(), "Short line."]
    repeats = repeated_paragraphs(body)
    assert [(r.removed, r.kept) for r in repeats] == [(3, 1)]


def test_repeated_table_headers_are_kept() -> None:
    header = "Average deposit rates of city, trust and long-term banks"
    assert repeated_paragraphs([header, "1.2 1.3", header, "1.4 1.5"]) == []
