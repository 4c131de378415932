"""Quote extraction floors on PolNeAR dev (skipped when the data is absent).

Scored as ``python -m bench quotes --split dev``: gold direct quotes are the quoted
stretches (3+ words) inside annotated attribution Contents, with their Source. Measured on
2026-11-24: content P 0.960, R 0.955, F1 0.958 (762 gold quotes), source accuracy 0.919 (727
matched quotes with a Source); attribution recall 0.424, indirect-attribution recall 0.287.

Issue 22 (2026-12-07): indirect speech only after verbs of saying with a clause, no negated
or hoping/expecting/agreeing-to verbs, speakers that can speak. Before -> after on dev:
indirect precision 0.717 -> 0.829, indirect recall 0.287 -> 0.214 (PolNeAR annotates
beliefs and intentions, "hopes to", "urged X to", as attributions: the issue excludes them),
attribution recall 0.425 -> 0.371; direct quotes unchanged (F1 0.958, source 0.924). The
word lists were read off PolNeAR train's errors; no threshold was fitted on dev. The
floors sit a little below the after-figures; the issue's targets (F1 >= 0.97, source >=
0.95, indirect P >= 0.90 at recall >= 0.287) are not reached yet.

Issue 22, second pass (2026-12-07; rules read off PolNeAR train only): quoted words with no
verb of saying are partial quotes, '' opens a sentence, chained and interrupted cues give
their speaker, indirect speech with the cue between commas, 'according to' anywhere,
reported questions. Dev: content P/R/F1 0.960/0.955/0.958 -> 0.954/0.980/0.967, source
accuracy 0.926 -> 0.923 (of 745 matched quotes, 727 before), indirect P 0.832 -> 0.850,
indirect R 0.214 -> 0.237, attribution recall 0.371 -> 0.392. Still short of the targets:
see docs/benchmarks.md for how much of each gap is PolNeAR's convention.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import missing

REPO = Path(__file__).resolve().parents[2]
# The reader and the scoring live in bench/ (one definition for the benchmark and the gate).
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.quotes import evaluate, read  # noqa: E402

pytestmark = pytest.mark.eval

FLOORS = {
    "f1": 0.96,
    "precision": 0.945,
    "recall": 0.97,
    "source_accuracy": 0.915,
    "attribution_recall": 0.38,
    "indirect_recall": 0.23,
    "indirect_precision": 0.84,
}


def test_quote_quality_floors_on_polnear_dev(shared_data: Path) -> None:
    if not (shared_data / "polnear" / "dev").is_dir():
        missing(f"PolNeAR not found at {shared_data / 'polnear'}")
    score = evaluate(read("dev"))
    measured = {
        "f1": score.f1,
        "precision": score.precision,
        "recall": score.recall,
        "source_accuracy": score.source_accuracy,
        "attribution_recall": score.attributions_found / score.attributions,
        "indirect_recall": score.indirect_found / score.indirect_gold,
        "indirect_precision": score.indirect_correct / max(1, score.indirect_predicted),
    }
    report = ", ".join(f"{name} {value:.3f}" for name, value in measured.items())
    assert score.documents >= 80 and score.gold >= 700, report
    for name, floor in FLOORS.items():
        assert measured[name] >= floor, f"{name} below {floor}: {report}"
