"""The tagger on modern news: recall of the names ECB+ annotates in its development topics.

CoNLL-2003 is Reuters 1996; ECB+ is 2008-2013 news from many outlets. Measured on
2026-11-24 (``python -m bench entities``): PER 0.839 of 441, ORG 0.675 of 114, LOC 0.868 of
38 found with the right type. The floors sit a little below.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import missing

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import ecbplus, entities_modern  # noqa: E402

from storyline.entities.tagger import load_tagger  # noqa: E402

FLOORS = {"PER": 0.80, "ORG": 0.62, "LOC": 0.80}

pytestmark = pytest.mark.eval


def test_names_in_modern_news_are_found(shared_data: Path) -> None:
    if not (shared_data / "ecbplus" / "ECB+").is_dir():
        missing(f"ECB+ not found in {shared_data}")
    found = entities_modern.recall(entities_modern.paths(ecbplus.DEV_TOPICS), load_tagger())
    shares = {kind: found.typed[kind] / found.gold[kind] for kind in FLOORS}
    assert all(shares[kind] >= floor for kind, floor in FLOORS.items()), shares


# Issue 22: the mentions the entity stage keeps (its rules after the tagger), measured on
# 2026-12-07: PER 0.855, ORG 0.675, LOC 0.842 (before the rules: 0.839, 0.675, 0.842).
# Second pass: PER 0.848, ORG 0.675, LOC 0.842. Title-case headlines (casing.py) found 11 more
# people on the train topics (0.881 -> 0.889) and 3 fewer on these unseen dev topics (0.855
# -> 0.848; not looked into, they are dev): the PER floor moves to 0.84 on purpose.
KEPT_FLOORS = {"PER": 0.84, "ORG": 0.67, "LOC": 0.84}


def test_kept_names_in_modern_news(shared_data: Path) -> None:
    if not (shared_data / "ecbplus" / "ECB+").is_dir():
        missing(f"ECB+ not found in {shared_data}")
    paths = entities_modern.paths(ecbplus.DEV_TOPICS)
    found = entities_modern.recall(paths, load_tagger(), kept=True)
    shares = {kind: found.typed[kind] / found.gold[kind] for kind in KEPT_FLOORS}
    assert all(shares[kind] >= floor for kind, floor in KEPT_FLOORS.items()), shares
