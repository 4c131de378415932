"""Credit lines: who reported and wrote (authors), who edited (not authors), and the outlet."""

from __future__ import annotations

import pytest

from storyline.clean.credit import parse_credit, trailing_credit


@pytest.mark.parametrize(
    ("text", "authors", "outlet"),
    [
        ("Jessica Doe contributed to this report for Some News", ("Jessica Doe",), "Some News"),
        (
            "Mara Lindqvist contributed to this report for Northern Post.",
            ("Mara Lindqvist",),
            "Northern Post",
        ),
        ("Jana Novak contributed reporting.", ("Jana Novak",), None),
        ("Jana Novak and Li Wei contributed reporting from Kyiv.", ("Jana Novak", "Li Wei"), None),
        ("Jana Novak contributed to this report.", ("Jana Novak",), None),
        # A contributing agency is not the outlet that published the article.
        ("The Associated Press contributed to this report.", (), None),
        (
            "Associated Press writer Mara Lindqvist in Warsaw contributed to this report.",
            ("Mara Lindqvist",),
            None,
        ),
        ("AP reporters Jana Novak and Li Wei contributed.", ("Jana Novak", "Li Wei"), None),
        ("Additional reporting by Jana Novak and Li Wei", ("Jana Novak", "Li Wei"), None),
        ("Reporting by Ana Costa; Editing by Peter Hall", ("Ana Costa",), None),
        (
            "Reporting by Ana Costa in Paris; Writing by Li Wei; Editing by Peter Hall",
            ("Ana Costa", "Li Wei"),
            None,
        ),
        (
            "(Reporting by Ana Costa and Jana Novak; Editing by Peter Hall)",
            ("Ana Costa", "Jana Novak"),
            None,
        ),
        (
            "Reporting by Ana Costa in Paris and Li Wei in Beijing, Editing by Peter Hall",
            ("Ana Costa", "Li Wei"),
            None,
        ),
        ("Compiled by Jana Novak", ("Jana Novak",), None),
        ("Written by Jana Novak", ("Jana Novak",), None),
        ("Edited by Peter Hall", (), None),
        ("Reuter", (), "Reuters"),
        ("REUTER", (), "Reuters"),
        ("REUTER...", (), "Reuters"),
    ],
)
def test_credit_lines(text: str, authors: tuple[str, ...], outlet: str | None) -> None:
    credit = parse_credit(text)
    assert credit is not None
    assert (credit.authors, credit.outlet) == (authors, outlet)


@pytest.mark.parametrize(
    "text",
    [
        "The bill was passed by Congress.",
        "The report was written by three economists at the central bank.",
        "Reporting by local media suggested the talks had failed.",
        "Jana Novak contributed 2,000 euros to the fund.",
        "Edited by hand, the ledger showed the missing payments.",
        "Compiled by the port authority, the figures show a 4% fall.",
        "Reuters reported the deal on Monday.",
        "Writing by the minister was published in 2019.",
    ],
)
def test_not_credit_lines(text: str) -> None:
    assert parse_credit(text) is None


@pytest.mark.parametrize(
    ("text", "kept", "authors"),
    [
        (
            "The port reopened on Monday, officials said. (Reporting by Ana Costa; Editing by "
            "Peter Hall)",
            "The port reopened on Monday, officials said.",
            ("Ana Costa",),
        ),
        (
            "Talks will resume on Friday.\u201d (Additional reporting by Li Wei)",
            "Talks will resume on Friday.\u201d",
            ("Li Wei",),
        ),
        ("Revs 9.5 mln vs 12.9 mln.        REUTER", "Revs 9.5 mln vs 12.9 mln.", ()),
    ],
)
def test_trailing_credit(text: str, kept: str, authors: tuple[str, ...]) -> None:
    found = trailing_credit(text)
    assert found is not None
    start, credit = found
    assert text[:start].rstrip() == kept
    assert credit.authors == authors


@pytest.mark.parametrize(
    "text",
    [
        "The port reopened on Monday (the union had agreed to the offer).",
        "The report (written by economists at the bank) was published on Monday.",
        "(Reporting by Ana Costa; Editing by Peter Hall)",
        "Analysts were cautious about the Reuter",
    ],
)
def test_no_trailing_credit(text: str) -> None:
    assert trailing_credit(text) is None
