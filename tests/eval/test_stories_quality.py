"""Story clustering on the ECB+ development topics, against the floor in stories_baseline.json.

Each ECB+ sub-topic is one story (``bench/ecbplus.py``). The documents of the development
topics go through ``storyline run`` as one shuffled stream without dates, as in
``python -m bench stories``; the B-cubed F1 of the stories must stay at or above the pinned
floor. The reader and the scoring are the benchmark's own (``bench/``), so that the test and
the benchmark measure the same thing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import missing

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    # bench/ sits beside src/ and is not installed: plain `pytest` does not see it.
    sys.path.insert(0, str(REPO))

from bench import ecbplus  # noqa: E402
from bench.stories import evaluate_storyline, pairwise  # noqa: E402

BASELINE = json.loads((Path(__file__).with_name("stories_baseline.json")).read_text("utf-8"))

pytestmark = pytest.mark.eval


def test_ecbplus_dev_stories(shared_data: Path, tmp_path: Path) -> None:
    if not (shared_data / "ecbplus" / "ECB+").is_dir():
        missing(f"ECB+ not found in {shared_data}")
    articles = ecbplus.read(ecbplus.DEV_TOPICS)
    result = evaluate_storyline(articles, tmp_path, isolated=False)
    floor = BASELINE["ecbplus_dev"]
    assert result.bcubed.f1 >= floor["bcubed_f1"], f"B-cubed P/R/F1 {result.bcubed}"
    assert result.pairwise.f1 >= floor["pairwise_f1"], f"pairwise P/R/F1 {result.pairwise}"


@pytest.mark.parametrize("run_size", [10, 50])
def test_ecbplus_dev_stories_fed_a_few_at_a_time(
    shared_data: Path, tmp_path: Path, run_size: int
) -> None:
    """Issue 18: a monitor receives articles a few at a time; its stories must be as good as
    those of one batch, and the same stories (pairwise agreement with the batch)."""
    if not (shared_data / "ecbplus" / "ECB+").is_dir():
        missing(f"ECB+ not found in {shared_data}")
    articles = ecbplus.read(ecbplus.DEV_TOPICS)
    streamed = evaluate_storyline(articles, tmp_path, isolated=False, run_size=run_size, seed=2)
    batch = evaluate_storyline(articles, tmp_path, isolated=False, seed=2)
    floor = BASELINE["ecbplus_dev_streamed"]
    assert streamed.bcubed.f1 >= floor["bcubed_f1"], f"B-cubed P/R/F1 {streamed.bcubed}"
    agreement = pairwise(streamed.predicted, batch.predicted)
    assert agreement.f1 >= floor["agreement_f1"], f"agreement with the batch {agreement}"
