"""The template check of the arrival benchmark (bench/stories_templates.py), on headlines
written for this test in the style of the wire: routine kinds, companies, and bundles."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.stories_templates import (  # noqa: E402
    Company,
    company_of,
    distinct_companies,
    label_bundles,
    routine,
    sample_multi,
    template_bundles,
)


@pytest.mark.parametrize(
    ("headline", "kind"),
    [
        ("ACME WIDGETS INC <ACMW> DECLARES QTLY DIVIDEND", "dividend"),
        ("NORTHFIELD BANCORP SETS REGULAR PAYOUT", "dividend"),
        ("ZEPHYR FOODS <ZFD> UPS QTRLY DIVS", "dividend"),
        ("HARBOUR TRUST FILES 150 MLN DLR NOTES", "debt issue"),
        ("BLUEWATER BANK ISSUES 75 MLN DLR FLOATING RATE NOTES", "debt issue"),
        ("KESTREL CORP LAUNCHES 200 MLN STG OFFERING", "debt issue"),
        ("GRANITE NATIONAL BANK RAISES PRIME TO 8 PCT", "rate change"),
        ("LAKESHORE UTILITY SEEKS RATE CUT", "rate change"),
        ("ORCHARD SYSTEMS INC <ORSY> 4TH QTR NET", "results"),
        ("<PINEWOOD HOLDINGS LTD> YEAR LOSS", "results"),
        ("TALLIS GROUP 1986 YEAR", "results"),
        ("ORCHARD SYSTEMS TO BUY LAKESHORE UTILITY", None),
        ("PRIME MOTORS <PRMX> OPENS NEW PLANT", None),
        ("DOMINION BANK CUTS PRIME TO 7-1/2 PCT", "rate change"),
        ("SOUTHLAND INTERBANK RATE RISES IN MAY", None),
        ("MINISTER SEES NO NEED TO ALTER EXPORT PACT", None),
        ("CABINET DISCUSSES TRADE ISSUE WITH PARTNERS", None),
        (None, None),
    ],
)
def test_routine_kinds(headline: str | None, kind: str | None) -> None:
    assert routine(headline) == kind


@pytest.mark.parametrize(
    ("headline", "name", "ticker"),
    [
        ("ACME WIDGETS INC <ACMW> DECLARES QTLY DIVIDEND", ("ACME", "WIDGETS"), "ACMW"),
        ("HARBOUR TRUST FILES 150 MLN DLR NOTES", ("HARBOUR", "TRUST"), None),
        ("<PINEWOOD HOLDINGS LTD> YEAR LOSS", ("PINEWOOD", "HOLDINGS"), None),
        ("FIRST QTR NET", (), None),
        ("FIRST CAPITOL CORP 1ST QTR NET", ("FIRST", "CAPITOL"), None),
        ("J.R. MILLS INTL INC <JRM ST> 2ND QTR LOSS", ("JR", "MILLS", "INTERNATIONAL"), "JRM.ST"),
        ("SMITH & SONS CO SETS QUARTERLY", ("SMITH", "AND", "SONS"), None),
        ("QTLY DIVIDEND", (), None),
        ("RPT-ORCHARD SYSTEMS INC <ORSY> 4TH QTR NET", ("ORCHARD", "SYSTEMS"), "ORSY"),
        ("BANK OF HARBOURTON FILES 50 MLN DLR NOTES", ("BANK", "OF", "HARBOURTON"), None),
        ("WESTLAND BANK MATCHES BASE RATE CUT", ("WESTLAND", "BANK"), None),
    ],
)
def test_company_of_a_headline(headline: str, name: tuple[str, ...], ticker: str | None) -> None:
    assert company_of(headline) == Company(name, ticker)


def test_same_company_by_ticker_then_by_name_prefix() -> None:
    full = company_of("FIRST UNION NATIONAL CORP <FUN> 4TH QTR NET")
    short = company_of("FIRST UNION FILES 100 MLN DLR NOTES")
    other = company_of("FIRST CITY BANCORP SETS QUARTERLY")
    assert full.same_as(short) is True
    assert short.same_as(other) is False
    assert company_of("ACME <ACM> QTLY DIV").same_as(company_of("ACME <ACX> QTLY DIV")) is False
    assert company_of("QTLY DIVIDEND").same_as(full) is None
    assert distinct_companies([full, short, other, company_of("QTLY DIVIDEND")]) == 2


def test_template_bundles_join_different_companies_not_one_company() -> None:
    headlines = {
        "1": "ACME WIDGETS INC <ACMW> DECLARES QTLY DIVIDEND",
        "2": "NORTHFIELD BANCORP SETS REGULAR PAYOUT",
        "3": "ACME WIDGETS INC <ACMW> 4TH QTR NET",
        "4": "ACME WIDGETS <ACMW> RAISES QTLY DIVIDEND",
        "5": "ORCHARD SYSTEMS TO BUY ACME WIDGETS",
        "6": "ORCHARD SYSTEMS INC <ORSY> 4TH QTR NET",
        "7": "TALLIS GROUP 1986 YEAR",
    }
    stories = {"1": "a", "2": "a", "3": "b", "4": "b", "5": "b", "6": "c", "7": "d"}
    found = template_bundles(stories, headlines)
    assert found.multi == 2
    assert found.stories == {"a": ["1", "2"]}  # b is one company's dividend, results, takeover
    assert found.by_kind["dividend"] == 1 and found.articles == 2


def test_label_bundles_and_country_bundles() -> None:
    labels: dict[str, dict[str, tuple[str, ...]]] = {
        "1": {"TOPICS": ("grain",), "PLACES": ("china",)},
        "2": {"TOPICS": ("ship",), "PLACES": ("china",)},
        "3": {"TOPICS": ("grain", "wheat"), "PLACES": ("usa",)},
        "4": {"TOPICS": ("wheat",), "PLACES": ("ussr",)},
        "5": {"TOPICS": ("money-fx",), "PEOPLE": ("a-minister",)},
        "6": {"TOPICS": ("trade",), "PEOPLE": ("a-minister",)},
        "7": {"TOPICS": ("cocoa",)},
        "8": {"TOPICS": ("gold",)},
        "9": {},
    }
    stories = {"1": "china", "2": "china", "3": "wheat", "4": "wheat", "5": "minister"}
    stories |= {"6": "minister", "7": "mixed", "8": "mixed", "9": "mixed"}
    found = label_bundles(stories, labels)
    assert found.multi == 4 and found.judged == 4
    assert set(found.bundles) == {"china", "mixed"}
    assert found.country == {"china"} and found.articles == 5
    assert found.topic_only == {"wheat"}  # wheat in the USA and in the USSR, nothing else


def test_sample_is_seeded_and_only_multi_article_stories() -> None:
    stories = {str(i): str(i // 2) for i in range(20)} | {"x": "alone"}
    first, again = sample_multi(stories, 4, seed=0), sample_multi(stories, 4, seed=0)
    assert first == again and len(first) == 4 and all(len(s) == 2 for s in first)
