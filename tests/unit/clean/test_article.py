"""clean_article end to end on small articles: what is removed, what is recorded."""

from __future__ import annotations

import time

import pytest

from storyline.clean import clean_article
from storyline.model import Dateline

BODY = (
    "The strike at the northern container terminals ended on Monday after the union "
    "accepted a pay offer, the port authority said."
)
MORE = "Ships that waited at anchor began to berth in the evening, officials said."


def kinds(raw: str, title: str | None = None) -> list[str]:
    return [r.kind for r in clean_article(raw, title).removals]


def test_title_from_first_paragraph() -> None:
    cleaned = clean_article(f"Port strike ends\n\n{BODY}\n\n{MORE}")
    assert cleaned.title == "Port strike ends"
    assert cleaned.text == f"{BODY}\n\n{MORE}"
    assert [(r.kind, r.text) for r in cleaned.removals] == [("title-line", "Port strike ends")]
    assert cleaned.flags == ("title-from-body",)


def test_no_title_when_the_first_paragraph_is_a_sentence() -> None:
    cleaned = clean_article(f"{BODY}\n\n{MORE}")
    assert cleaned.title is None
    assert cleaned.removals == ()
    assert cleaned.text == f"{BODY}\n\n{MORE}"


def test_no_title_from_a_lone_paragraph() -> None:
    assert clean_article("Port strike ends").title is None


def test_given_title_is_cleaned_and_repeated_headline_removed() -> None:
    cleaned = clean_article(f"Port strike ends\n\n{BODY}", raw_title="  Port   strike ends\n")
    assert cleaned.title == "Port strike ends"
    assert cleaned.text == BODY
    assert kinds(f"Port strike ends\n\n{BODY}", "Port strike ends") == ["repeated-headline"]


def test_given_title_with_site_name() -> None:
    cleaned = clean_article(f"Port strike ends\n\n{BODY}", raw_title="Port strike ends | Herald")
    assert cleaned.title == "Port strike ends | Herald"
    assert cleaned.text == BODY


def test_blank_given_title_falls_back_to_the_body() -> None:
    assert clean_article(f"Port strike ends\n\n{BODY}", raw_title=" \n").title == (
        "Port strike ends"
    )


def test_repeated_headline_and_lead() -> None:
    lead_a = (
        "On Monday in Rotterdam, dock workers from the three largest unions—FNV, CNV and the "
        "Harbour Guild—voted to end their strike over pay and night shifts."
    )
    lead_b = (
        "Dock workers from the three largest unions—FNV, CNV and the Harbour Guild—decided in "
        "Rotterdam on Monday to end their strike over pay and night shifts."
    )
    raw = f"Dockers end strike\n\n{lead_a}\n\nDockers end strike\n{lead_b}\n\n{MORE}"
    cleaned = clean_article(raw)
    assert cleaned.title == "Dockers end strike"
    assert cleaned.text == f"{lead_b}\n\n{MORE}"
    assert [r.kind for r in cleaned.removals] == [
        "title-line",
        "repeated-lead",
        "repeated-headline",
    ]
    lead_removal = cleaned.removals[1]
    assert lead_removal.text == lead_a
    assert "overlap" in lead_removal.reason and "Dock workers" in lead_removal.reason
    assert cleaned.flags == ("title-from-body", "repeated-headline", "repeated-lead")


def test_two_different_leads_are_both_kept() -> None:
    first = (
        "Defence ministers from France, Germany and Poland met in Paris on Wednesday to "
        "discuss support for Ukraine."
    )
    second = (
        "The ministers said France, Germany and Poland would fund new air defence systems "
        "for Ukraine by June."
    )
    cleaned = clean_article(f"Ministers meet in Paris\n\n{first}\n\n{second}")
    assert cleaned.text == f"{first}\n\n{second}"


def test_byline_dateline_and_credit() -> None:
    raw = (
        "Port strike ends\n\nBy Tomás Ferreira, Lisbon Ledger\n\n"
        f"ROTTERDAM (CW) – {BODY}\n\n{MORE}\n\n"
        "Jana Novak contributed reporting from Antwerp."
    )
    cleaned = clean_article(raw)
    assert cleaned.text == f"{BODY}\n\n{MORE}"
    assert cleaned.authors == ("Tomás Ferreira", "Jana Novak")
    assert cleaned.outlet == "Lisbon Ledger"
    assert cleaned.dateline == Dateline("ROTTERDAM (CW) –", "Rotterdam", "CW", None)
    assert cleaned.flags == ("title-from-body", "byline", "credit", "dateline")
    assert [(r.kind, r.text) for r in cleaned.removals] == [
        ("title-line", "Port strike ends"),
        ("byline", "By Tomás Ferreira, Lisbon Ledger"),
        ("dateline", "ROTTERDAM (CW) –"),
        ("credit", "Jana Novak contributed reporting from Antwerp."),
    ]


def test_trailing_parenthetical_credit_keeps_the_sentence() -> None:
    raw = f"{BODY}\n\n{MORE} (Reporting by Ana Costa; Editing by Peter Hall)"
    cleaned = clean_article(raw)
    assert cleaned.text == f"{BODY}\n\n{MORE}"
    assert cleaned.authors == ("Ana Costa",)
    assert [(r.kind, r.text) for r in cleaned.removals] == [
        ("credit", "(Reporting by Ana Costa; Editing by Peter Hall)")
    ]


def test_wire_signature() -> None:
    raw = f"{BODY}\n    {MORE}\n Reuter\n\x03"
    cleaned = clean_article(raw)
    assert cleaned.text == f"{BODY}\n\n{MORE}"
    assert cleaned.outlet == "Reuters"
    assert [(r.kind, r.text) for r in cleaned.removals] == [("credit", "Reuter")]


def test_authors_are_deduplicated_in_order() -> None:
    raw = f"By Jana Novak and Li Wei\n\n{BODY}\n\nAdditional reporting by Li Wei and Ana Costa"
    assert clean_article(raw).authors == ("Jana Novak", "Li Wei", "Ana Costa")


def test_boilerplate_lines_in_scraped_text() -> None:
    raw = "\n".join(
        [
            "Advertisement",
            "Port strike ends",
            "Share this article",
            BODY,
            "Advertisement",
            MORE,
            "Read more: Antwerp braces for walkout",
            "© 2025 Harbor Herald. All rights reserved.",
        ]
    )
    cleaned = clean_article(raw)
    assert cleaned.title == "Port strike ends"
    assert cleaned.text == f"{BODY}\n\n{MORE}"
    assert [r.kind for r in cleaned.removals].count("boilerplate") == 5


@pytest.mark.parametrize(
    "sentence",
    [
        "The bill was passed by Congress.",
        "Shares in the company fell 3% after the strike.",
        "The ministers will follow up next week.",
        "NATO - the alliance said it would send more ships.",
        "US President Donald Trump said the talks would resume.",
        "By 2025, 40% of the port's cranes will be electric.",
    ],
)
def test_ordinary_sentences_stay(sentence: str) -> None:
    raw = f"{sentence}\n\n{BODY}\n\n{MORE} {sentence}"
    cleaned = clean_article(raw)
    assert cleaned.removals == ()
    assert cleaned.text == raw


def test_repeated_paragraph_anywhere() -> None:
    filler = [f"The union said shift {i} would start at the usual time." for i in range(7)]
    raw = "\n\n".join([BODY, MORE, *filler, MORE, "The union will vote again in June."])
    cleaned = clean_article(raw)
    assert [r.kind for r in cleaned.removals] == ["repeated-paragraph"]
    assert cleaned.removals[0].raw_start == raw.rindex(MORE)
    assert cleaned.text == "\n\n".join([BODY, MORE, *filler, "The union will vote again in June."])


def test_repeated_lead_keeps_the_later_copy() -> None:
    raw = f"{MORE}\n\n{BODY}\n\n{MORE}"
    cleaned = clean_article(raw)
    assert [(r.kind, r.raw_start) for r in cleaned.removals] == [("repeated-lead", 0)]
    assert cleaned.text == f"{BODY}\n\n{MORE}"


def test_empty_and_furniture_only_input() -> None:
    assert clean_article("").text == ""
    cleaned = clean_article("Advertisement\n\nShare this article\n")
    assert cleaned.text == ""
    assert cleaned.flags == ("boilerplate",)


def test_clean_text_maps_back_to_raw() -> None:
    raw = f"Port\u00a0strike ends\r\n\r\nBy Jana Novak\r\n\r\nLONDON — {BODY}\r\n{MORE}\r\n"
    cleaned = clean_article(raw)
    start = cleaned.text.index("Ships")
    raw_start, raw_end = cleaned.offset_map.to_raw(start, start + len("Ships that waited"))
    assert raw[raw_start:raw_end] == "Ships that waited"
    for removal in cleaned.removals:
        assert raw[removal.raw_start : removal.raw_end] == removal.text


def test_long_article_is_linear() -> None:
    paragraph = (
        "Officials said the cranes on the northern quay, idle since the start of the "
        "stoppage, would be inspected before the first ships are loaded on Tuesday."
    )
    words = 0
    paragraphs = []
    index = 0
    while words < 50_000:
        paragraphs.append(f"{paragraph} Shift {index} begins.")
        words += len(paragraphs[-1].split())
        index += 1
    raw = "Port strike ends\n\n" + "\n\n".join(paragraphs)
    started = time.perf_counter()
    cleaned = clean_article(raw)
    elapsed = time.perf_counter() - started
    assert cleaned.text.count("\n\n") == len(paragraphs) - 1
    # A few tenths of a second on a laptop; a generous bound so that only quadratic
    # behaviour fails it.
    assert elapsed < 3.0
