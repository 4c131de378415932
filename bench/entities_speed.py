"""``python -m bench entities_speed``: the entity tagger's speed, this tree against another
revision, on the same Reuters articles in the same benchmark run (issue 21).

``load_tagger().tag(text)`` on the first N Reuters-21578 articles (default 1,000; raw text:
tokenising, sentence splitting and both CRF passes included), one process. The other
revision (``--against``, default the last commit before issue 21's faster tagger) is
extracted with ``git archive`` into a temporary folder and imported from there; each tree
runs in a fresh interpreter, alternately (``--repeat``), so a busy machine slows both alike.
Loading the model is not timed. ``CPU s`` is the process's user + system time: on a shared
machine wall time also counts waiting for a core. ``mentions`` digests every mention (offsets,
type, confidence): equal digests, equal output.

    python -m bench entities_speed --repeat 3 --against 1767ba0
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from bench import ecbplus, entities_modern
from bench.corpora import data_dir, reuters
from bench.measure import run_tree, tree_at
from bench.report import REPO, Row
from storyline.entities import conll
from storyline.entities.tagger import Tagger, data_folder

NOTES = [
    "Input: the first N Reuters-21578 articles with a body (dateline and body), raw text "
    "in, mentions with offsets out; one process, a fresh interpreter per row, the model "
    "loaded before the clock starts (its word cache starts empty).",
    "`CPU s`: user + system seconds of the tagging; `ms/article` is wall time. `mentions`: "
    "count and digest of every mention's offsets, type and confidence.",
    "Quality rows (this tree, 2 passes against pass 1 alone): CoNLL-2003 dev, gold tokens, "
    "conlleval exact typed spans (the model was tuned on dev); ECB+ dev topics, the share "
    "of annotated names a span of the right type overlaps (recall only: ECB+ does not "
    "annotate every name). Never the CoNLL test split nor ECB+ topics 36-45.",
]
PACKAGES = ["python-crfsuite"]
BEFORE = "1767ba0"

# Run in a fresh interpreter with the tree's src/ first on the path.
_CHILD = """
import hashlib, json, sys, time
from storyline.entities.tagger import Tagger, data_folder

texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
tagger = Tagger(data_folder(), stacked=sys.argv[2] == "2")
wall, cpu = time.perf_counter(), time.process_time()
found = [tagger.tag(text) for text in texts]
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
spans = [[(s.start, s.end, s.type, s.confidence) for s in spans] for spans in found]
digest = hashlib.sha1(json.dumps(spans).encode()).hexdigest()[:12]
print(json.dumps({"docs": len(texts), "seconds": wall, "cpu": cpu,
                  "mentions": sum(map(len, spans)), "digest": digest}))
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--against", default=BEFORE, metavar="REV", help=f"git revision (default {BEFORE})"
    )
    parser.add_argument("--repeat", type=int, default=2, help="runs of each tree (default 2)")


def main(args: argparse.Namespace) -> list[Row]:
    limit = args.limit or 1000
    rows = []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-tagger-") as tmp:
        folder = Path(tmp)
        texts = folder / "texts.json"
        texts.write_text(json.dumps([a["text"] for a in reuters(limit)]), encoding="utf-8")
        before = tree_at(args.against, folder / "before")
        systems = (
            (f"tagger, 2 passes @ {args.against}", before, 2),
            ("tagger, 2 passes @ this tree", REPO / "src", 2),
            ("tagger, pass 1 only @ this tree", REPO / "src", 1),
        )
        for _ in range(args.repeat):
            for system, src, passes in systems:
                result = run_tree(_CHILD, src, str(texts), str(passes), what="entities_speed")
                docs, seconds = int(str(result["docs"])), float(str(result["seconds"]))
                extra = (
                    ("ms/article", f"{1000 * seconds / docs:.2f}"),
                    ("CPU s", f"{float(str(result['cpu'])):.2f}"),
                    ("mentions", f"{result['mentions']} ({result['digest']})"),
                )
                rows.append(
                    Row("tagger speed", "Reuters-21578", system, docs, seconds, None, extra=extra)
                )
    return rows + quality()


def quality() -> list[Row]:
    """Whether pass 1 alone tags as well as both passes (issue 21: switch only if equal)."""
    documents = conll.read(data_dir("conll2003") / "conllpp_dev.txt")
    names = entities_modern.paths(ecbplus.DEV_TOPICS)
    rows = []
    for passes in (2, 1):
        tagger = Tagger(data_folder(), stacked=passes == 2)
        started = time.perf_counter()
        pairs = []
        for document in documents:
            predicted = tagger.tag_tokens([s.tokens for s in document])
            pairs += [(s.tags, p) for s, p in zip(document, predicted, strict=True)]
        seconds = time.perf_counter() - started
        scores = conll.score(pairs)
        extra = (
            ("F1", f"{scores['overall'].f1:.4f}"),
            *((f"{kind} F1", f"{scores[kind].f1:.4f}") for kind in conll.TYPES),
        )
        system = f"tagger, {'2 passes' if passes == 2 else 'pass 1 only'} @ this tree"
        rows.append(
            Row(
                "tagger quality",
                "CoNLL-2003 dev",
                system,
                len(documents),
                seconds,
                None,
                extra=extra,
            )
        )
        started = time.perf_counter()
        found = entities_modern.recall(names, tagger)
        seconds = time.perf_counter() - started
        gold = sum(found.gold.values())
        extra = (
            ("typed recall", f"{sum(found.typed.values()) / gold:.4f}"),
            *(
                (f"{kind} recall", f"{found.typed[kind] / found.gold[kind]:.4f}")
                for kind in entities_modern.GOLD_KINDS
            ),
        )
        rows.append(
            Row(
                "tagger quality",
                "ECB+ dev topics, names",
                system,
                len(names),
                seconds,
                None,
                extra=extra,
            )
        )
    return rows
