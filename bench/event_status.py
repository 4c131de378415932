"""``python -m bench event_status``: is an event planned, happened, ongoing, hypothetical or
negated? Measured on the TimeML event annotations of the TempEval-3 training data.

TimeBank and AQUAINT annotate every event with tense, aspect, polarity and modality
(``MAKEINSTANCE``), written by people reading the sentence. They map onto Storyline's
statuses without a judgement call for most events:

- polarity NEG -> negated;
- a modal (could, may, might, can, should, must) -> hypothetical; "would" is future-in-the-
  past as often as it is a hypothesis, so either planned or hypothetical counts as right;
- tense FUTURE -> planned;
- tense PAST (not progressive), or PRESENT PERFECTIVE ("has signed") -> happened;
- PRESENT PROGRESSIVE ("are meeting") -> ongoing.

Some AQUAINT files mark nearly every event negative (an annotation fault: 2,112 of its 4,431
events, against 246 of 6,675 in TimeBank); in a file where most events are negative,
polarity is ignored. Other events (infinitives, participles, nouns without tense) have no
gold status and are not scored. Each scored event goes through ``events.status.status_of``
with the same inputs the product gives it: the sentence's tokens, the trigger's position and
its form read from the word itself (never the gold tense or part of speech), the publication
date (DCT) and no attached time. The "reported" status is Storyline's "no evidence" answer,
so it counts as wrong. Baseline: every event "happened" (the majority class in news).

Development protocol: tune on TimeBank (``--corpus TimeBank --errors``); AQUAINT is the blind
check and its errors are never printed by default.
"""

from __future__ import annotations

import argparse
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench import timeml
from bench.corpora import data_dir
from bench.report import Row
from storyline.events.lexicon import TRIGGERS
from storyline.events.status import Clause, status_of
from storyline.text.sentences import sentences
from storyline.text.tokens import tokenize

PACKAGES = ("storyline",)
NOTES: list[str] = [
    "TempEval-3 training data (TBAQ-cleaned) events with a tense, aspect, polarity or "
    "modality that maps to a status; accuracy = right / scored. 'would' accepts planned or "
    "hypothetical. Tuned on TimeBank; AQUAINT is the blind check.",
]
CORPORA = ("TimeBank", "AQUAINT")
_MODALS = frozenset({"could", "may", "might", "can", "should", "must", "cannot", "ca"})
_IRREGULAR_PAST = frozenset(
    """
    met held took made said came went began gave saw told found left put struck won lost
    fell rose sent spent brought thought led ran stood kept broke chose drove spoke wrote
    sat got did was were had hit cut set paid sold bought fought caught taught built meant
    heard felt shot quit bid cost hurt let read shut spread sought became blew flew grew
    laid chosen beaten upheld written thrown taken broken known shown given done gone seen
    spoken stolen driven fallen risen begun drawn worn torn sworn frozen hidden ridden
    forgotten withdrawn overthrown arisen slain dealt lent bent fled won swore drew
    """.split()  # noqa: SIM905 (a word list reads best as text)
)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    start: int
    end: int
    accepted: frozenset[str]  # the statuses that count as right


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    published: date
    events: tuple[GoldEvent, ...]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", choices=CORPORA, action="append", help="default: both")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="print the mistakes on TimeBank (AQUAINT's are never printed)",
    )


def gold_status(instance: dict[str, str]) -> frozenset[str] | None:
    tense = instance.get("tense", "NONE")
    aspect = instance.get("aspect", "NONE")
    modality = instance.get("modality", "").lower()
    if instance.get("polarity") == "NEG":
        return frozenset({"negated"})
    if modality == "would":
        return frozenset({"planned", "hypothetical"})
    if modality in _MODALS:
        return frozenset({"hypothetical"})
    if tense == "FUTURE" or modality in {"will", "shall", "'ll"}:
        return frozenset({"planned"})
    if tense == "PRESENT" and aspect == "PROGRESSIVE":
        return frozenset({"ongoing"})
    if (tense == "PAST" and aspect != "PROGRESSIVE") or (
        tense == "PRESENT" and aspect == "PERFECTIVE"
    ):
        return frozenset({"happened"})
    return None


def read(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8")
    root = ET.fromstring(raw)
    dct = root.find("DCT/TIMEX3")
    published = date.fromisoformat((dct.get("value") if dct is not None else "")[:10])
    instances = {m.get("eventID", ""): dict(m.attrib) for m in root.iter("MAKEINSTANCE")}
    negative = sum(i.get("polarity") == "NEG" for i in instances.values())
    if negative > len(instances) / 2:
        # Some AQUAINT files mark nearly every event NEG (e.g. 162 of 166), an annotation
        # fault: their polarity is ignored and the other attributes decide.
        for instance in instances.values():
            instance["polarity"] = "POS"
    text, spans = timeml.body(root)
    events: list[GoldEvent] = []
    for child, start, end in spans:
        if child.tag == "EVENT":
            accepted = gold_status(instances.get(child.get("eid", ""), {}))
            if accepted is not None:
                events.append(GoldEvent(start, end, accepted))
    return Document(path.stem, text, published, tuple(events))


def documents(corpus: str, limit: int | None = None) -> list[Document]:
    folder = data_dir("tempeval3") / "Training" / "TBAQ-cleaned" / corpus
    paths = sorted(folder.glob("*.tml"))[:limit]
    return [read(p) for p in paths]


def form_of(word: str) -> str:
    """The trigger's form from the word alone, as the extractor would see it."""
    lower = word.lower()
    known = TRIGGERS.get(lower)
    if known is not None:
        return known.form
    if lower.endswith("ing") and len(lower) > 4:
        return "ing"
    if lower in _IRREGULAR_PAST or (lower.endswith("ed") and len(lower) > 3):
        return "past"
    if lower.endswith("s") and not lower.endswith("ss"):
        return "s"
    return "base"


def predict(document: Document) -> list[tuple[GoldEvent, str, str]]:
    """(gold event, predicted status, sentence) for each scored event."""
    out = []
    spans = sentences(document.text, tokenize(document.text))
    for event in document.events:
        for sentence in spans:
            if not sentence or not sentence[0].start <= event.start < sentence[-1].end + 1:
                continue
            index = next(
                (i for i, t in enumerate(sentence) if t.start <= event.start < t.end), None
            )
            if index is None:
                break
            token = sentence[index]
            clause = Clause(tuple(t.text for t in sentence), index, form_of(token.text))
            status = status_of(clause, None, document.published)
            text = document.text[sentence[0].start : sentence[-1].end]
            out.append((event, status, f"[{token.text}] " + re.sub(r"\s+", " ", text)))
            break
    return out


def main(args: argparse.Namespace) -> list[Row]:
    rows: list[Row] = []
    for corpus in args.corpus or CORPORA:
        docs = documents(corpus, args.limit)
        started = time.perf_counter()
        results = [r for d in docs for r in predict(d)]
        seconds = time.perf_counter() - started
        rows += _rows(corpus, len(docs), seconds, results)
        if args.errors and corpus == "TimeBank":  # AQUAINT stays blind, even when named
            _print_errors(results)
    return rows


def _rows(
    corpus: str, docs: int, seconds: float, results: Sequence[tuple[GoldEvent, str, str]]
) -> list[Row]:
    right = sum(status in event.accepted for event, status, _ in results)
    baseline = sum("happened" in event.accepted for event, _, _ in results)
    by_gold: Counter[str] = Counter()
    right_by_gold: Counter[str] = Counter()
    for event, status, _ in results:
        label = "/".join(sorted(event.accepted))
        by_gold[label] += 1
        right_by_gold[label] += status in event.accepted
    per_class = "; ".join(
        f"{label} {right_by_gold[label] / n:.2f} of {n}" for label, n in by_gold.most_common()
    )
    total = max(len(results), 1)
    return [
        Row(
            "event status",
            corpus,
            "storyline status_of",
            docs,
            seconds,
            None,
            extra=(("events", str(len(results))), ("accuracy", f"{right / total:.3f}")),
            note=per_class,
        ),
        Row(
            "event status",
            corpus,
            "baseline: always happened",
            docs,
            0.0,
            None,
            extra=(("events", str(len(results))), ("accuracy", f"{baseline / total:.3f}")),
        ),
    ]


def _print_errors(results: Sequence[tuple[GoldEvent, str, str]]) -> None:
    for event, status, sentence in results:
        if status not in event.accepted:
            print(f"gold {'/'.join(sorted(event.accepted)):22} got {status:12} | {sentence[:160]}")
