"""Dedup quality floors on a fixed sample of real articles (skipped when the data is absent).

The sample is :func:`bench.dedup_data.ci_sets`: the real repeats in Reuters-21578
``reut2-003..005`` and BBC ``tech`` with 300 other articles of those, 60 reprints, 60
rewrites, six ECB+ topics (same-event pairs) and 60 shared-boilerplate pairs, built from
``../shared/data`` at test time. Each set runs through ``storyline run`` as in
``python -m bench dedup``; the floors in ``dedup_baseline.json`` sit slightly below what was
measured, as trafilatura's ``eval_baseline`` does: raise them when Storyline gets better.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The sample and the scoring live in bench/ (one definition for the benchmark and the gate);
# ``python -m pytest`` puts the repository on the path, a bare ``pytest`` does not.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import dedup_data  # noqa: E402
from bench.dedup import describe, run_storyline, score  # noqa: E402

BASELINE = Path(__file__).with_name("dedup_baseline.json")


@pytest.mark.eval
def test_dedup_quality_floors(shared_data: Path, tmp_path: Path) -> None:
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))
    groupings = {s.name: (s, run_storyline(s, tmp_path)) for s in dedup_data.ci_sets()}
    results = {name: score(s, grouping) for name, (s, grouping) in groupings.items()}
    copies = {
        name: score(groupings[name][0], groupings[name][1].copies())
        for name in ("a-real", "b-reprint")
    }
    ab = results["a-real"].plus(results["b-reprint"], "(a)+(b)")
    ab_copies = copies["a-real"].plus(copies["b-reprint"], "(a)+(b), copies")
    rewrites = results["c-rewrite"]
    negatives = [results["d-same-event"], results["d-shared-boilerplate"]]
    folded = sum(r.folded for r in negatives)
    total = sum(r.labelled for r in negatives)
    report = "\n".join(f"{name}: {describe(r)}" for name, r in results.items())
    report += f"\n(a)+(b), exact + near links: {describe(ab_copies)}"

    assert ab.labelled >= 250 and rewrites.labelled >= 50 and total >= 1000, report
    assert ab.f1 >= floors["ab_f1"], report
    assert ab_copies.f1 >= floors["ab_copies_f1"], report
    assert rewrites.f1 >= floors["c_f1"], report
    assert folded / total <= floors["d_wrong_fold_rate_max"], report
