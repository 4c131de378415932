"""Paragraphs and whitespace: blank-line, one-per-line and hard-wrapped layouts."""

from __future__ import annotations

import pytest

from storyline.clean.layout import clean_inline, normalize, split_paragraphs, sub_paragraph

WRAPPED_INDENTED = (
    "The port authority said on Monday that container traffic\n"
    "fell by four pct in the first quarter as the strike\n"
    "spread to the northern terminals.\n"
    "    Officials said the backlog would take two weeks to\n"
    "clear once the dockers return to work on the night shift\n"
    "and the cranes are inspected by the harbour engineers.\n"
    "    The union has called a ballot for Friday.\n"
    " Reuter\n"
)

WRAPPED_PLAIN = (
    "Port strike ends after two weeks\n"
    "The strike at the northern container terminals ended on\n"
    "Monday after the union accepted a pay offer of 4.5 per\n"
    "cent, the port authority said in a statement.\n"
    "Ships that waited at anchor began to berth in the evening,\n"
    "and officials expect the queue to clear by the weekend.\n"
)


def texts(raw: str) -> list[str]:
    return [p.text for p in split_paragraphs(raw)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("One.\n\nTwo.\n\n\nThree.", ["One.", "Two.", "Three."]),
        ("One.\r\n\r\nTwo.\r\nThree.", ["One.", "Two.", "Three."]),
        ("One.\rTwo.", ["One.", "Two."]),
        ("  \n\nOnly one.\n\n  ", ["Only one."]),
        ("", []),
        ("\n \t\n\u200b\n", []),
        # One paragraph per line (HTML extractors), with short and long lines mixed.
        (
            "Headline here\nA first paragraph that is a long sentence about the port strike "
            "and the talks that ended it on Monday evening.\nAnother one follows here.",
            [
                "Headline here",
                "A first paragraph that is a long sentence about the port strike and the talks "
                "that ended it on Monday evening.",
                "Another one follows here.",
            ],
        ),
        # A block holding a headline line and a long lead line (scraped pages).
        (
            "Title line\n\nLead one is here.\n\nTitle line\nLead two is a much longer line that "
            "goes on and on about the same meeting in Paris on Wednesday.",
            [
                "Title line",
                "Lead one is here.",
                "Title line",
                "Lead two is a much longer line that goes on and on about the same meeting in "
                "Paris on Wednesday.",
            ],
        ),
        # A sentence plainly cut in two lines is one paragraph even in one-per-line text.
        (
            "The ministers met in Paris and\nagreed to meet again in May.",
            ["The ministers met in Paris and agreed to meet again in May."],
        ),
        # U+2029 is a paragraph separator; U+2028 a line separator.
        ("One.\u2029Two.", ["One.", "Two."]),
    ],
)
def test_paragraph_layouts(raw: str, expected: list[str]) -> None:
    assert texts(raw) == expected


def test_hard_wrapped_text_with_indented_paragraphs() -> None:
    assert texts(WRAPPED_INDENTED) == [
        "The port authority said on Monday that container traffic fell by four pct in the "
        "first quarter as the strike spread to the northern terminals.",
        "Officials said the backlog would take two weeks to clear once the dockers return to "
        "work on the night shift and the cranes are inspected by the harbour engineers.",
        "The union has called a ballot for Friday.",
        "Reuter",
    ]


def test_hard_wrapped_text_without_indents_breaks_where_a_word_would_have_fitted() -> None:
    assert texts(WRAPPED_PLAIN) == [
        "Port strike ends after two weeks",
        "The strike at the northern container terminals ended on Monday after the union "
        "accepted a pay offer of 4.5 per cent, the port authority said in a statement.",
        "Ships that waited at anchor began to berth in the evening, and officials expect the "
        "queue to clear by the weekend.",
    ]


def test_wrapped_first_line_shortened_by_a_cut_dateline_is_not_a_paragraph() -> None:
    raw = (
        "Harbor Holdings Ltd, formerly Harbor\n"
        "Marine Inc, said it will report a 17 mln dlr gain before\n"
        "taxes this year from the sale of its shipping division,\n"
        "which was sold effective January one.\n"
    )
    assert len(texts(raw)) == 1


def test_standalone_lines_are_split_from_wrapped_text() -> None:
    raw = (
        "The port authority said on Monday that container traffic\n"
        "fell by four pct in the first quarter as the strike spread.\n"
        "Advertisement\n"
        "Officials said the backlog would take two weeks to clear\n"
        "once the dockers return to work on the night shift.\n"
    )
    result = [p.text for p in split_paragraphs(raw, standalone=lambda t: t == "Advertisement")]
    assert result[1] == "Advertisement"
    assert len(result) == 3


def test_standalone_word_inside_a_wrapped_sentence_stays_in_it() -> None:
    raw = (
        "The port authority said on Monday that the company's\n"
        "share\n"
        "price fell by four pct in the first quarter as the strike\n"
        "spread to the northern terminals of the port on Friday.\n"
    )
    result = texts(raw)
    standalone = [p.text for p in split_paragraphs(raw, standalone=lambda t: t == "share")]
    assert standalone == result
    assert len(result) == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a  b\t\tc", "a b c"),
        ("a\u00a0b", "a b"),
        ("a \u00a0 \n b", "a b"),
        ("zero\u200bwidth", "zerowidth"),
        ("soft\u00adhyphen", "softhyphen"),
        ("ctrl\x03\x07chars", "ctrlchars"),
        ("bom\ufeff here", "bom here"),
        ("\u200b lead and trail \u200b", "lead and trail"),
        # Evidence is kept as written: quotes, dashes, letters.
        ("“Quoted” – ‘single’ — «guillemets» Zürich", "“Quoted” – ‘single’ — «guillemets» Zürich"),
    ],
)
def test_whitespace_and_invisible_characters(raw: str, expected: str) -> None:
    assert clean_inline(raw) == expected


def test_paragraph_offsets_point_into_raw() -> None:
    raw = "  Alpha \t beta\u200bgamma\n  delta  "
    paragraph = normalize(raw)
    assert paragraph is not None
    assert paragraph.text == "Alpha betagamma delta"
    assert raw[paragraph.raw_start : paragraph.raw_end] == "Alpha \t beta\u200bgamma\n  delta"
    start = paragraph.text.index("beta")
    assert raw[paragraph.raw_start_of(start) : paragraph.raw_end_of(start + 4)] == "beta"
    word = paragraph.text.index("delta")
    assert raw[slice(*paragraph.raw_span(word, word + 5))] == "delta"


def test_sub_paragraph_is_renormalised() -> None:
    raw = "PARIS -   Ministers   met."
    paragraph = normalize(raw)
    assert paragraph is not None
    rest = sub_paragraph(raw, paragraph, 8, len(paragraph.text))
    assert rest is not None
    assert rest.text == "Ministers met."
    assert raw[rest.raw_start : rest.raw_end] == "Ministers   met."
