"""Bylines: whole short paragraphs naming people (and maybe the outlet), never sentences."""

from __future__ import annotations

import pytest

from storyline.clean.byline import parse_byline


@pytest.mark.parametrize(
    ("text", "authors", "outlet"),
    [
        ("By Jana Novak", ("Jana Novak",), None),
        ("By Jana Novak and Li Wei", ("Jana Novak", "Li Wei"), None),
        ("By Jana Novak, Li Wei and Ana Costa", ("Jana Novak", "Li Wei", "Ana Costa"), None),
        ("By Jana Novak & Li Wei", ("Jana Novak", "Li Wei"), None),
        ("By Tomás Ferreira, Lisbon Ledger", ("Tomás Ferreira",), "Lisbon Ledger"),
        ("BY JANA NOVAK", ("Jana Novak",), None),
        ("BY JANA NOVAK AND LI WEI", ("Jana Novak", "Li Wei"), None),
        ("By Jana Novak for The Lisbon Ledger", ("Jana Novak",), "The Lisbon Ledger"),
        ("By Jana Novak | Harbor Herald", ("Jana Novak",), "Harbor Herald"),
        ("By Jana Novak, Staff Writer", ("Jana Novak",), None),
        ("By Jana Novak, Political Correspondent, Harbor Herald", ("Jana Novak",), "Harbor Herald"),
        ("By Ana de la Cruz", ("Ana de la Cruz",), None),
        ("By Omar al-Hassan", ("Omar al-Hassan",), None),
        ("By J. R. Okafor", ("J. R. Okafor",), None),
        ("By Seán O'Brien", ("Seán O'Brien",), None),
        ("By Jana Novak in Rotterdam", ("Jana Novak",), None),
        ("By Martin Luther King Jr.", ("Martin Luther King Jr.",), None),
        ("By AFP", (), "AFP"),
        ("By Reuters Staff", (), "Reuters"),
    ],
)
def test_bylines(text: str, authors: tuple[str, ...], outlet: str | None) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert (byline.authors, byline.outlet) == (authors, outlet)


@pytest.mark.parametrize(
    "text",
    [
        "The bill was passed by Congress.",
        "By 2025, 40% of homes will have fibre, says a study.",
        "By early afternoon the talks had collapsed.",
        "By Wednesday Evening",
        "By the time the ministers arrived, the port was closed.",
        "By far the biggest change is the new quota.",
        "By contrast, Rotterdam stayed open.",
        "By then",
        "By Royal Decree.",
        "Bypass roads were closed.",
        "by jana novak",
        "By Jana Novak and the harbour master went to the quay on Monday to inspect the cranes "
        "that failed during the storm last week",
    ],
)
def test_not_bylines(text: str) -> None:
    assert parse_byline(text) is None
