"""Headline detection and repeated headlines."""

from __future__ import annotations

import pytest

from storyline.clean.title import headline_repeat, looks_like_headline, looks_like_row


@pytest.mark.parametrize(
    "text",
    [
        "Port strike ends after two weeks",
        "Europe's defence chiefs back Ukraine's army",
        "$1m payoff for former harbour boss",
        "iPhone sales slow in Europe",
        "'My years at the port...'",
        "Will the strike spread to Antwerp?",
        "“We will not go back,” say dockers",
        "PORT STRIKE ENDS",
    ],
)
def test_headlines(text: str) -> None:
    assert looks_like_headline(text)


@pytest.mark.parametrize(
    "text",
    [
        "The port strike ended on Monday.",
        "Port",
        "and then the cranes stopped",
        "Officials said the strike, which began two weeks ago,",
        "Reporting follows:",
        " ".join(["word"] * 30),
        "Military chiefs from 30 countries are meeting in Paris on Tuesday, eager to provide "
        "security guarantees.",
        "1,234 5,678",
    ],
)
def test_not_headlines(text: str) -> None:
    assert not looks_like_headline(text)


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("Shr 34 cts vs 1.19 dlrs", True),
        ("Pay May 12", True),
        ("Two-for-one stock split", True),
        ("Port strike ends after two weeks", True),
        ("Port strike ends", False),
        ("The port said revenue rose 4%.", False),
    ],
)
def test_table_rows(text: str, row: bool) -> None:
    assert looks_like_row(text) is row


@pytest.mark.parametrize(
    ("title", "text", "repeat"),
    [
        ("Port strike ends", "Port strike ends", True),
        ("Europe's chiefs back Ukraine", "Europe’s chiefs back Ukraine", True),
        ("Port strike ends", "PORT STRIKE ENDS.", True),
        (
            "Port strike ends after two weeks | Harbor Herald",
            "Port strike ends after two weeks",
            True,
        ),
        ("Port strike ends after two weeks", "Port strike ends after two week", True),
        ("Port strike ends after two weeks", "Port strike spreads to Antwerp", False),
        (
            "Port strike ends",
            "Port strike ends after the union accepted a pay offer on Monday.",
            False,
        ),
    ],
)
def test_headline_repeat(title: str, text: str, repeat: bool) -> None:
    assert (headline_repeat(title, text) is not None) is repeat
