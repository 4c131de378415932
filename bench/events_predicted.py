"""``python -m bench events_predicted``: Storyline's own event mentions on ECB+, found and
linked end to end.

Two figures the gold-mention benchmark (``python -m bench events``) cannot give:

- mention detection: Storyline's triggers (``events.extract``, the types analysts track)
  against ECB+'s event mentions in the annotated sentences, matched on sentence and token
  span. ECB+ marks every event, "said" and states included, so recall is bounded by what
  Storyline sets out to find; precision says whether what it finds is an event.
- cross-document coreference with predicted mentions: the same linker and document clusters
  as the gold-mention rows, scored with MUC, B³ and CEAF-e against the gold chains; a
  mention found but not in the key counts as spurious, one missed as missed (as the
  reference scorer counts them). Published systems reach about 0.70 CoNLL F1 in this
  setting (Cattan et al. 2021), with far broader mention detection.

Train topics by default show the development figures; ``--topics dev`` for the dev topics.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench import corpora, ecbplus
from bench.events import score_predicted
from bench.measure import isolated
from bench.report import Row
from storyline.events.extract import extract_events
from storyline.runner import RunOptions, run
from storyline.store import Store

PACKAGES = ("storyline",)
NOTES: list[str] = [
    "ECB+ annotated sentences (ECBplus_coreference_sentences.csv). Detection: a predicted "
    "trigger is right when a gold event mention has the same sentence and token span. "
    "Coreference: Storyline's document clusters, gold chains as the key.",
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--topics", choices=("train", "dev"), action="append")
    parser.add_argument(
        "--speed",
        type=int,
        metavar="N",
        help="also time the events stage (time expressions, mentions, linking) on N dated "
        "Reuters articles, with 1 and 2 processes",
    )


def speed_rows(count: int) -> list[Row]:
    """``run --only events`` on a store of ``count`` Reuters-21578 articles (dated, so every
    relative expression is normalised), with one process and with both cores."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-events-") as folder:
        jsonl, db = Path(folder) / "reuters.jsonl", Path(folder) / "reuters.db"
        corpora.write_jsonl(corpora.reuters(count), jsonl)
        with Store(db) as store:
            run([str(jsonl)], store, RunOptions(workers=2))
            words = sum(
                len(r[0].split())
                for r in store.conn.execute(
                    "SELECT text FROM documents WHERE superseded_by IS NULL"
                )
            )
        for workers in (1, 2):
            result = isolated(
                "bench.entities:stage_alone", db=str(db), workers=workers, stage="events"
            )
            rows.append(
                Row(
                    "events stage",
                    "Reuters-21578",
                    f"events stage (`run --only events`), {workers} "
                    f"process{'es' if workers > 1 else ''}",
                    result.docs,
                    result.seconds,
                    result.peak_mb,
                    extra=(("words/s", f"{words / result.seconds:,.0f}"),),
                )
            )
    return rows


def predicted_mentions(topics: Sequence[int]) -> dict[str, list[tuple[int, int, int]]]:
    """``article id -> [(sentence, first token, last token)]`` of Storyline's triggers in
    the annotated sentences, the tokens joined by single spaces so offsets map back."""
    annotated = ecbplus.coreference_sentences()
    found: dict[str, list[tuple[int, int, int]]] = {}
    for article in ecbplus.read(topics):
        tokens = ecbplus.sentence_tokens(article)
        spans = found.setdefault(article.id, [])
        for sentence in sorted(annotated.get(article.id, frozenset())):
            words = tokens.get(sentence, [])
            starts, offset = [], 0
            for word in words:
                starts.append(offset)
                offset += len(word) + 1
            text = " ".join(words)
            for event in extract_events(text, [], [], None):
                if event.start in starts:
                    index = starts.index(event.start)
                    spans.append((sentence, index, index))
    return found


def main(args: argparse.Namespace) -> list[Row]:
    rows = []
    for split in args.topics or ("train", "dev"):
        topics = ecbplus.DEV_TOPICS if split == "dev" else ecbplus.train_topics()
        started = time.perf_counter()
        predicted = predicted_mentions(topics)
        seconds = time.perf_counter() - started
        gold = ecbplus.read_event_mentions(topics)
        gold_spans = {(m.document, m.sentence, m.tokens[0], m.tokens[-1]) for m in gold}
        spans = {(doc, *span) for doc, found in predicted.items() for span in found}
        right = len(spans & gold_spans)
        precision = right / len(spans) if spans else 0.0
        recall = right / len(gold_spans) if gold_spans else 0.0
        f1 = 2 * precision * recall / (precision + recall) if right else 0.0
        scores = score_predicted(predicted, topics)
        rows.append(
            Row(
                "event mentions + linking",
                f"ECB+ {split}",
                "storyline extract + link",
                len(predicted),
                seconds,
                None,
                extra=(
                    ("gold", str(len(gold_spans))),
                    ("found", str(len(spans))),
                    ("P", f"{precision:.3f}"),
                    ("R", f"{recall:.3f}"),
                    ("F1", f"{f1:.3f}"),
                    ("MUC", f"{scores.muc.f1:.3f}"),
                    ("B3", f"{scores.bcubed.f1:.3f}"),
                    ("CEAF-e", f"{scores.ceafe.f1:.3f}"),
                    ("CoNLL", f"{scores.conll_f1:.3f}"),
                ),
            )
        )
    if args.speed:
        rows += speed_rows(args.speed)
    return rows
