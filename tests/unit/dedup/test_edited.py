"""Edited copies, short versions and templated notices (issue 18): what is folded, what not."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.dedup import lsh
from storyline.dedup import verify as verify_module
from storyline.dedup.align import Alignment
from storyline.dedup.keys import bucket_keys, compute_keys
from storyline.dedup.subject import lead_figures, same_subject, subject
from storyline.dedup.verify import Verdict, shingle_overlap, verify

from .articles import INDEPENDENT_REPORT, ORIGINAL, ORIGINAL_PARAGRAPHS

# A third of the paragraphs cut (2 of 7), two of the rest swapped, and about one word in
# sixteen changed by a copy desk.
_EDITS = (
    ("suspended", "halted"),
    ("broke out", "started"),
    ("passengers", "travellers"),
    ("praised", "thanked"),
    ("lucky", "fortunate"),
    ("examined", "inspected"),
    ("expected", "likely"),
    ("apologised", "said sorry"),
)


def _edited() -> str:
    kept = [ORIGINAL_PARAGRAPHS[i] for i in (0, 3, 2, 5, 6)]
    text = "\n\n".join(kept)
    for old, new in _EDITS:
        text = text.replace(old, new, 1)
    return text


EDITED_COPY = _edited()
FIRST_TAKE = ORIGINAL_PARAGRAPHS[0]


def verdict(a: str, b: str) -> Verdict | None:
    one, other = compute_keys([("a", a), ("b", b)])
    return verify(one, other, a, b)


def test_an_edited_copy_is_found_past_the_near_bounds_without_an_alignment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    jaccard, containment = shingle_overlap(ORIGINAL, EDITED_COPY)
    assert jaccard < 0.5 and containment < 0.8  # not near by the shingle bounds
    # Found from the shingles and content words: a short text is not aligned first.
    monkeypatch.setattr(verify_module, "align_texts", _no_alignment)
    found = verdict(ORIGINAL, EDITED_COPY)
    assert found == Verdict("rewrite", round(containment, 4))


def _no_alignment(a: str, b: str) -> Alignment:
    raise AssertionError("aligned")


def test_an_independent_report_of_the_same_event_is_still_not_folded() -> None:
    assert verdict(ORIGINAL, INDEPENDENT_REPORT) is None
    assert verdict(EDITED_COPY, INDEPENDENT_REPORT) is None


def test_a_first_take_shares_a_lead_bucket_with_its_original() -> None:
    keys = compute_keys([("o", ORIGINAL), ("t", FIRST_TAKE), ("r", INDEPENDENT_REPORT)])
    lead = bucket_keys(keys)[:, -lsh.LEAD.bands :]
    assert np.intersect1d(lead[0], lead[1]).size > 0
    assert np.intersect1d(lead[0], lead[2]).size == 0
    found = verify(keys[0], keys[1], ORIGINAL, FIRST_TAKE)
    assert found is not None and found.kind == "near"


# Two notices from one wire template: every word but the issuer's name and a few figures.
_NOTICE = (
    "{name} is raising 150 mln dlrs through an offering of subordinated debentures due 2017 "
    "with a {coupon} pct coupon and par pricing, said lead manager Dorsey Wells and Co.\n\n"
    "Non-callable for five years, the issue is rated B-1 by Moody's Investors Service and "
    "BB-minus by Standard and Poor's Corp, the underwriters said on Tuesday.\n\n"
    "Proceeds will be used to repay bank debt and for general corporate purposes, the "
    "company said in a statement filed with the Securities and Exchange Commission.\n\n"
    "The debentures were priced to yield {spread} basis points more than comparable "
    "Treasury securities, a spokesman for Dorsey Wells and Co said.\n\n"
    "Dorsey Wells and Co said the offering was increased from 100 mln dlrs because of "
    "strong demand from insurance companies and pension funds.\n"
)
HARWICK = _NOTICE.format(name="Harwick Mills Inc", coupon="9-1/4", spread="185")
HARWICK_REWRITE = (
    "Harwick Mills Inc is raising 150 mln dlrs through subordinated debentures due 2017 "
    "carrying a 9-1/4 pct coupon at par, lead manager Dorsey Wells and Co said.\n\n"
    "The issue, which cannot be called for five years, carries ratings of B-1 from Moody's "
    "Investors Service and BB-minus from Standard and Poor's Corp, underwriters said.\n\n"
    "The company told the Securities and Exchange Commission it would use the proceeds to "
    "repay bank debt and for general corporate purposes.\n\n"
    "The yield was 185 basis points above comparable Treasury securities, said a Dorsey "
    "Wells and Co spokesman.\n\n"
    "Strong demand from pension funds and insurance companies lifted the offering from "
    "100 mln dlrs, Dorsey Wells and Co said.\n"
)
# The same notice told in other words, for another company (as a rewrite would tell it).
BELLAMY = HARWICK_REWRITE.replace("Harwick Mills Inc", "Bellamy Foods Corp")


def test_the_subject_is_the_first_name_of_the_lead() -> None:
    assert subject(HARWICK) == {"harwick", "mills", "inc"}
    assert subject("NEW YORK, March 2 - " + BELLAMY) == {"bellamy", "foods", "corp"}
    assert subject("The Bank of Carrow said on Monday ...") == {"bank", "carrow"}
    assert {"150", "2017"} <= lead_figures(HARWICK)
    # A capital only for starting the sentence is no name; the name comes after.
    assert subject("Talks at Port Ellan broke down, Westerly Ferries said.") == {
        "port",
        "ellan",
    }


def test_a_template_filled_in_for_another_company_is_no_rewrite() -> None:
    assert not same_subject(HARWICK, BELLAMY)
    assert verdict(HARWICK, BELLAMY) is None


def test_a_rewrite_about_the_same_company_is_still_found() -> None:
    assert same_subject(HARWICK, HARWICK_REWRITE)
    found = verdict(HARWICK, HARWICK_REWRITE)
    assert found is not None and found.kind in {"near", "rewrite"}


def test_a_follow_up_that_changes_the_lead_figures_is_no_rewrite() -> None:
    larger = HARWICK_REWRITE.replace("raising 150 mln", "raising 200 mln", 1)
    assert not same_subject(HARWICK, larger)
