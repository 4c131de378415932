"""Entity tagging on CoNLL-2003 dev, against a pinned floor.

conlleval-style scoring: a mention counts when its exact token span and its type match the
gold one. The data is read from ``../shared/data/conll2003``; the test skips without it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import missing
from storyline.entities import conll
from storyline.entities.tagger import load_tagger

# F1 floors a little below what the shipped model measures (src/storyline/entities/data/
# model.json): raise them when a better model ships, never lower them to make a test pass.
FLOOR = {"overall": 0.925, "PER": 0.95, "ORG": 0.88, "LOC": 0.955, "MISC": 0.875}

pytestmark = pytest.mark.eval


def test_conll_dev_entities(shared_data: Path) -> None:
    path = shared_data / "conll2003" / "conllpp_dev.txt"
    if not path.is_file():
        missing(f"CoNLL-2003 dev not found at {path}")
    tagger = load_tagger()
    pairs = []
    for document in conll.read(path):
        predicted = tagger.tag_tokens([s.tokens for s in document])
        pairs += [(s.tags, p) for s, p in zip(document, predicted, strict=True)]
    scores = conll.score(pairs)
    report = {k: round(s.f1, 4) for k, s in scores.items()}
    for kind, minimum in FLOOR.items():
        assert scores[kind].f1 >= minimum, f"{kind} F1 {scores[kind].f1:.4f} < {minimum}: {report}"


# Issue 22: what the entity stage keeps of the tagger's PER/ORG/LOC (its resolution rules
# after the tagger; MISC set aside), bench/entities.py ``mention_quality``. Measured on
# 2026-12-07: 0.9427 overall (PER 0.9623, ORG 0.8891, LOC 0.9620); before the rules 0.9420
# (PER 0.9612, ORG 0.8886, LOC 0.9617). The rules must not cost accuracy: floors at those.
# Second pass (title-case, place-after-in, plural-team): 0.9429 (PER 0.9623, ORG 0.8894, LOC
# 0.9623); floors raised to it.
KEPT_FLOOR = {"overall": 0.942, "PER": 0.962, "ORG": 0.889, "LOC": 0.962}


def test_conll_dev_kept_mentions(shared_data: Path) -> None:
    if not (shared_data / "conll2003" / "conllpp_dev.txt").is_file():
        missing(f"CoNLL-2003 dev not found in {shared_data}")
    repo = str(Path(__file__).resolve().parents[2])
    if repo not in sys.path:
        sys.path.insert(0, repo)
    from bench.entities import mention_quality

    scores = mention_quality()
    report = {k: round(s.f1, 4) for k, s in scores.items()}
    for kind, minimum in KEPT_FLOOR.items():
        assert scores[kind].f1 >= minimum, f"{kind} F1 {scores[kind].f1:.4f} < {minimum}: {report}"
