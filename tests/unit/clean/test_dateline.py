"""Datelines: place in capitals (or vouched for by a date or agency), a dash, a sentence."""

from __future__ import annotations

import pytest

from storyline.clean.dateline import find_dateline
from storyline.model import Dateline


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        (
            "WASHINGTON (AFP) – Officials said on Monday ...",
            Dateline("WASHINGTON (AFP) –", "Washington", "AFP", None),
        ),
        (
            "PARIS, March 11 (Reuters) - Ministers met.",
            Dateline("PARIS, March 11 (Reuters) -", "Paris", "Reuters", "March 11"),
        ),
        ("LONDON — The prime minister said.", Dateline("LONDON —", "London", None, None)),
        (
            "KYIV, Ukraine (AP) — Air raid sirens sounded.",
            Dateline("KYIV, Ukraine (AP) —", "Kyiv, Ukraine", "AP", None),
        ),
        (
            "SALVADOR, Feb 26 - Showers continued.",
            Dateline("SALVADOR, Feb 26 -", "Salvador", None, "Feb 26"),
        ),
        (
            "ROTTERDAM (CW) – The port strike ended.",
            Dateline("ROTTERDAM (CW) –", "Rotterdam", "CW", None),
        ),
        (
            "NEW YORK, March 3, 2025 (Reuters) - Stocks fell.",
            Dateline("NEW YORK, March 3, 2025 (Reuters) -", "New York", "Reuters", "March 3, 2025"),
        ),
        (
            "SANTA CRUZ, Calif., Feb 26 - Shares rose.",
            Dateline("SANTA CRUZ, Calif., Feb 26 -", "Santa Cruz, Calif.", None, "Feb 26"),
        ),
        (
            "WILKES-BARRE, Pa. (AP) — A fire broke out.",
            Dateline("WILKES-BARRE, Pa. (AP) —", "Wilkes-Barre, Pa.", "AP", None),
        ),
        (
            "Paris, March 11 (Reuters) - Ministers met.",
            Dateline("Paris, March 11 (Reuters) -", "Paris", "Reuters", "March 11"),
        ),
        ("THE HAGUE—Judges ruled on Tuesday.", Dateline("THE HAGUE—", "The Hague", None, None)),
        ("SÃO PAULO -- Traders were cautious.", Dateline("SÃO PAULO --", "São Paulo", None, None)),
        ("ROTTERDAM (CW) –", Dateline("ROTTERDAM (CW) –", "Rotterdam", "CW", None)),
    ],
)
def test_datelines(text: str, dateline: Dateline) -> None:
    found = find_dateline(text)
    assert found is not None
    rest, parsed = found
    assert parsed == dateline
    assert text[:rest].strip() == dateline.text


@pytest.mark.parametrize(
    "text",
    [
        "NATO - the alliance said it would send more ships.",
        "NATO - The alliance said it would send more ships.",
        "US President Donald Trump — who spoke on Monday — said talks would resume.",
        "Defense ministers from Europe's leading powers—France, Germany and Poland—met.",
        "Paris - the French capital - hosted the talks.",
        "Paris — The talks began on Monday.",
        "The port - closed since Monday - reopened.",
        "BREAKING — The strike is over.",
        "EXCLUSIVE - The minister resigned.",
        "Trump (R) - the former president said.",
        "In 2025 - a year of change - the port grew.",
        "Shr 34 cts vs 1.19 dlrs",
        "A SHORT HEADLINE IN CAPITALS WITH MANY MORE WORDS - then text",
        "WASHINGTON",
    ],
)
def test_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


def test_a_dated_dateline_gives_the_publication_date_over_the_file_name() -> None:
    from datetime import date

    from storyline.clean.stage import CleanStage
    from storyline.ingest.dates import date_from_dateline
    from storyline.model import Document

    text = "OSLO, June 4, 2025 (NTB) - Ministers met on Wednesday.\n\nThey agreed quotas."
    base = Document(id="d", source="x.txt", source_key="x.txt", format="txt", raw_text=text)
    dated = CleanStage().process(base)
    assert (dated.published, dated.published_from) == (date(2025, 6, 4), "dateline")
    # Metadata outranks a dateline; a dateline without its year gives nothing.
    from dataclasses import replace

    meta = replace(base, published=date(2025, 6, 5), published_from="sidecar")
    assert CleanStage().process(meta).published == date(2025, 6, 5)
    assert date_from_dateline("June 4") is None
    assert date_from_dateline("February 30, 2025") is None
