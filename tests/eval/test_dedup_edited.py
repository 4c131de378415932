"""Edited copies fold at least as often as datasketch's MinHashLSH at its best (issue 18).

The set is :func:`bench.dedup_edited.build` (ECB+ topics 1-35 and Reuters-21578 from
``../shared/data``, built at test time): originals, an edited copy of each (a third of the
paragraphs cut, two swapped, 8 % of the words replaced) and a short version; different
articles of one ECB+ sub-topic and Reuters notices of different companies are the hard
negatives. Storyline's dedup decisions (keys, LSH candidates, verification, components) are
scored against MinHashLSH at threshold 0.3 over 3- and 5-word shingles, its best on this set
(``python -m bench dedup --part edited`` runs 0.1-0.7). Measured: F1 0.877 against 0.756;
same-event pairs folded 0.87 % on the ECB+ training topics (where the thresholds were
fitted); templates folded 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import dedup_compare, dedup_edited  # noqa: E402

F1_FLOOR = 0.86
SAME_EVENT_MAX = 0.01


@pytest.mark.eval
def test_edited_copies_fold_better_than_minhash_lsh(shared_data: Path) -> None:
    labelled = dedup_edited.build()
    texts = dedup_compare.clean_texts(labelled.documents)
    storyline = dedup_compare.storyline_results(texts)[-1]  # all links, as the stage folds
    baselines = dedup_compare.datasketch_results(texts, sizes=(3, 5), thresholds=(0.3,))
    ours = dedup_compare.score(labelled, storyline.pairs, None)
    best = max(dedup_compare.score(labelled, b.pairs, None).f1 for b in baselines)
    train = dedup_compare.score(labelled, storyline.pairs, "ecb-train")
    report = (
        f"F1 {ours.f1:.3f} (P {ours.precision:.3f} R {ours.recall:.3f}) against MinHashLSH "
        f"{best:.3f}; ECB+ train same event {train.folded_same_event}/{train.same_event}; "
        f"templates {ours.folded_templates}/{ours.templates}"
    )
    assert ours.f1 > best and ours.f1 >= F1_FLOOR, report
    assert train.folded_same_event <= SAME_EVENT_MAX * train.same_event, report
    assert ours.folded_templates <= 0.001 * ours.templates, report
