"""Event status (planned / happened / ongoing / hypothetical / negated) against the tense,
aspect, polarity and modality TimeBank and AQUAINT annotate, with pinned floors.

The reader, the gold mapping and the scoring are the benchmark's own (``python -m bench
event_status``), so the test and the benchmark measure the same thing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import missing

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.event_status import documents, predict  # noqa: E402

# A little below what `python -m bench event_status --no-append` measures (TimeBank 0.956,
# tuned on; AQUAINT 0.926, the blind check; the same before and after issue 22's rules,
# 3017/3156 and 1968/2125): raise them when it gets better.
FLOOR = {"TimeBank": 0.94, "AQUAINT": 0.91}
# Issue 22: of the events TimeML marks negated or hypothetical (and not "would", which
# accepts planned), the share read as happened: 7/468 on TimeBank and 5/262 on AQUAINT when
# measured (before and after the rules: these corpora seldom deny a plan in words, so the
# unit test tests/unit/events/test_issue22_status.py holds the cases the issue saw).
DENIED_AS_HAPPENED_CEILING = {"TimeBank": 0.02, "AQUAINT": 0.025}

pytestmark = pytest.mark.eval


@pytest.mark.parametrize("corpus", sorted(FLOOR))
def test_event_status_accuracy(shared_data: Path, corpus: str) -> None:
    if not (shared_data / "tempeval3" / "Training" / "TBAQ-cleaned" / corpus).is_dir():
        missing(f"TempEval-3 {corpus} not found in {shared_data}")
    results = [r for d in documents(corpus) for r in predict(d)]
    right = sum(status in event.accepted for event, status, _ in results)
    assert len(results) >= 1000
    assert right / len(results) >= FLOOR[corpus], f"{right}/{len(results)}"


@pytest.mark.parametrize("corpus", sorted(DENIED_AS_HAPPENED_CEILING))
def test_issue22_denied_or_hypothetical_events_seldom_read_as_happened(
    shared_data: Path, corpus: str
) -> None:
    if not (shared_data / "tempeval3" / "Training" / "TBAQ-cleaned" / corpus).is_dir():
        missing(f"TempEval-3 {corpus} not found in {shared_data}")
    results = [r for d in documents(corpus) for r in predict(d)]
    denied = [
        status
        for event, status, _ in results
        if "happened" not in event.accepted and event.accepted & {"negated", "hypothetical"}
    ]
    wrong = denied.count("happened")
    assert len(denied) >= 200
    assert wrong / len(denied) <= DENIED_AS_HAPPENED_CEILING[corpus], f"{wrong}/{len(denied)}"
