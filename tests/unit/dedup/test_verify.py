"""Verdicts on candidate pairs, and the per-document keys they are made from."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.dedup import lsh
from storyline.dedup.align import REWRITE_SCORE
from storyline.dedup.keys import DocumentKeys, bucket_keys, compute_keys
from storyline.dedup.minhash import NUM_PERM
from storyline.dedup.shingles import shingle_hashes
from storyline.dedup.verify import NEAR_JACCARD, Verdict, shingle_overlap, verify

from .articles import (
    EXACT_REPRINT,
    INDEPENDENT_REPORT,
    NEAR_REPRINT,
    ORIGINAL,
    REWRITE,
    TRIMMED_COPY,
    UNRELATED,
)

# A reprint that only adds a line of boilerplate and trims the last paragraph.
BOILERPLATE_REPRINT = (
    ORIGINAL.rsplit("\n\n", 1)[0] + "\n\nThis article first appeared in the Coast Herald."
)


def keyed(a: str, b: str) -> tuple[DocumentKeys, DocumentKeys]:
    one, other = compute_keys([("a", a), ("b", b)])
    return one, other


def verdict(a: str, b: str) -> Verdict | None:
    keys_a, keys_b = keyed(a, b)
    return verify(keys_a, keys_b, a, b)


@pytest.mark.parametrize(
    ("other", "kind"),
    [
        (EXACT_REPRINT, "exact"),
        (BOILERPLATE_REPRINT, "near"),
        (NEAR_REPRINT, "near"),
        (TRIMMED_COPY, "near"),
        (REWRITE, "rewrite"),
        (INDEPENDENT_REPORT, None),
        (UNRELATED, None),
    ],
    ids=["exact", "boilerplate-reprint", "near", "trimmed", "rewrite", "independent", "unrelated"],
)
def test_verdict_against_the_original(other: str, kind: str | None) -> None:
    found = verdict(ORIGINAL, other)
    assert (found.kind if found else None) == kind
    # The verdict does not depend on which document is "a".
    assert verdict(other, ORIGINAL) == found


def test_an_exact_copy_scores_one() -> None:
    assert verdict(ORIGINAL, EXACT_REPRINT) == Verdict("exact", 1.0)


def test_a_near_copy_scores_its_exact_shingle_jaccard() -> None:
    keys_a, keys_b = keyed(ORIGINAL, BOILERPLATE_REPRINT)
    found = verify(keys_a, keys_b, ORIGINAL, BOILERPLATE_REPRINT)
    similarity, _ = shingle_overlap(ORIGINAL, BOILERPLATE_REPRINT)
    one = set(shingle_hashes(ORIGINAL).tolist())
    other = set(shingle_hashes(BOILERPLATE_REPRINT).tolist())
    assert similarity == len(one & other) / len(one | other)
    assert found == Verdict("near", round(similarity, 4))
    assert similarity >= NEAR_JACCARD


def test_a_trimmed_copy_is_found_by_containment_not_jaccard() -> None:
    keys_a, keys_b = keyed(ORIGINAL, TRIMMED_COPY)
    similarity, containment = shingle_overlap(ORIGINAL, TRIMMED_COPY)
    assert similarity < NEAR_JACCARD <= containment  # the Jaccard test alone would miss it
    assert verify(keys_a, keys_b, ORIGINAL, TRIMMED_COPY) == Verdict("near", round(similarity, 4))


def test_a_rewrite_scores_its_sentence_alignment() -> None:
    found = verdict(ORIGINAL, REWRITE)
    assert found is not None and found.kind == "rewrite" and found.score >= REWRITE_SCORE


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("", ""),
        ("", ORIGINAL),
        ("— … —", "— … —"),  # no words: same exact key, still no copy
        ("12.5 13.1", ""),
    ],
)
def test_texts_without_words_are_never_copies(a: str, b: str) -> None:
    assert verdict(a, b) is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Ferry fire contained.", "FERRY FIRE CONTAINED", Verdict("exact", 1.0)),
        ("Ferry fire contained.", "Library opens Saturday.", None),
        # Too short to be judged a rewrite, however similar the words.
        ("Ferry fire contained quickly.", "Quickly, the ferry fire was contained.", None),
    ],
)
def test_short_texts(a: str, b: str, expected: Verdict | None) -> None:
    assert verdict(a, b) == expected


def test_keys_of_a_batch_equal_keys_one_at_a_time() -> None:
    texts = [("o", ORIGINAL), ("e", ""), ("s", "Ferry fire contained."), ("r", REWRITE)]
    batch = compute_keys(texts)
    for keys, item in zip(batch, texts, strict=True):
        (alone,) = compute_keys([item])
        assert (keys.document_id, keys.exact_key, keys.words, keys.shingles) == (
            alone.document_id,
            alone.exact_key,
            alone.words,
            alone.shingles,
        )
        assert np.array_equal(keys.near_signature, alone.near_signature)
        assert np.array_equal(keys.rewrite_signature, alone.rewrite_signature)
    assert [(k.words, k.shingles) for k in batch[1:3]] == [(0, 0), (3, 1)]


def test_bucket_keys_are_near_then_rewrite_then_lead_bands() -> None:
    keys = compute_keys([("o", ORIGINAL), ("r", REWRITE)])
    width = lsh.NEAR.bands + lsh.REWRITE.bands + lsh.LEAD.bands
    buckets = bucket_keys(keys)
    assert buckets.shape == (2, width)
    near = lsh.NEAR.keys(np.stack([k.near_signature for k in keys]))
    rewrite = lsh.REWRITE.keys(np.stack([k.rewrite_signature for k in keys]))
    lead = lsh.LEAD.keys(np.stack([k.lead_signature for k in keys]))
    assert np.array_equal(buckets, np.hstack([near, rewrite, lead]))
    assert bucket_keys([]).shape == (0, width)
    assert keys[0].near_signature.shape == (NUM_PERM,)


def test_three_sentences_are_too_little_evidence_for_a_rewrite() -> None:
    short = (
        "The harbour board of Port Ellan approved a new ferry timetable on Monday. "
        "Crossings to Kell Island will run every forty minutes from June. "
        "The board said fares would stay at 4.20 pounds."
    )
    retold = (
        "A new ferry timetable was approved by Port Ellan's harbour board on Monday. "
        "From June, crossings to Kell Island will run every forty minutes. "
        "Fares would remain at 4.20 pounds, the board said."
    )
    assert verdict(short, retold) is None


def test_a_template_filled_with_other_figures_is_no_rewrite() -> None:
    def report(amount: str, rate: str, day: str, total: str) -> str:
        return (
            f"The Kell Reserve Bank added {amount} million crowns to the money market on {day}. "
            f"It bought bills at a rate of {rate} percent, dealers in Port Ellan said. "
            f"The bank had forecast a shortage of {total} million crowns for the day. "
            "Dealers said the market was expected to stay short of funds this week. "
            "The central bank publishes its next estimate of the shortage at noon. "
            "Traders in Port Ellan described conditions in the money market as tight."
        )

    one = report("310", "5.25", "Monday", "450")
    other = report("180", "5.50", "Tuesday", "600")
    assert verdict(one, other) is None


def test_a_first_take_keeps_its_figures_inside_the_full_story() -> None:
    first_take = (
        "The Kell Reserve Bank raised its lending rate to 5.75 percent from 5.25 percent, "
        "effective June 3, with 120 million crowns of new lending, a spokesman said."
    )
    full = first_take + (
        "\n\nThe increase, the first since 2019, follows inflation of 6.1 percent in April. "
        "Economists had expected a rise to 5.50 percent. The bank said it would review "
        "the rate again in September, after new figures on wages and prices."
    )
    found = verdict(first_take, full)
    assert found is not None and found.kind == "near"
