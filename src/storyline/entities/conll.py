"""CoNLL-2003 files and conlleval-style scoring: exact spans, typed, micro-averaged.

Used by the training script, the benchmark and the quality test, so all three measure the
same thing. The data itself is research-use Reuters text: it is read from ``../shared/data``
and never copied into the repository.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

TYPES = ("PER", "ORG", "LOC", "MISC")


@dataclass(frozen=True, slots=True)
class Sentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


# A CoNLL document: its sentences (not a ``storyline.model.Document``).
ConllDocument = list[Sentence]


def read(path: Path) -> list[ConllDocument]:
    """Documents (split at ``-DOCSTART-``) of sentences of ``(token, IOB tag)``."""
    documents: list[ConllDocument] = []
    current: ConllDocument = []
    tokens: list[str] = []
    tags: list[str] = []

    def close_sentence() -> None:
        if tokens:
            current.append(Sentence(tuple(tokens), tuple(to_iob2(tags))))
            tokens.clear()
            tags.clear()

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if not fields:
                close_sentence()
            elif fields[0] == "-DOCSTART-":
                close_sentence()
                if current:
                    documents.append(current)
                current = []
            else:
                tokens.append(fields[0])
                tags.append(fields[-1])
    close_sentence()
    if current:
        documents.append(current)
    return documents


def to_iob2(tags: Sequence[str]) -> list[str]:
    """IOB1 or IOB2 in, IOB2 out: every entity starts with ``B-``."""
    out = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        previous = tag
    return out


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(first token, end token, type)`` of an IOB2 (or BILOU) tag sequence.

    As conlleval does, an ``I-`` that does not continue an entity of its type starts one.
    """
    found: list[tuple[int, int, str]] = []
    start = -1
    kind = ""
    for i, tag in enumerate((*tags, "O")):
        prefix, _, label = tag.partition("-")
        continues = prefix in ("I", "L") and label == kind and start >= 0
        if start >= 0 and not continues:
            found.append((start, i, kind))
            start = -1
        if prefix in ("B", "U") or (prefix in ("I", "L") and not continues):
            start, kind = i, label
        if prefix in ("L", "U") and start >= 0:
            found.append((start, i + 1, kind))
            start = -1
    return found


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterable[tuple[Sequence[str], Sequence[str]]]) -> dict[str, Score]:
    """Per type and ``overall``, over ``(gold tags, predicted tags)`` per sentence."""
    counts = {kind: [0, 0, 0] for kind in (*TYPES, "overall")}
    for gold_tags, predicted_tags in pairs:
        gold = set(spans(gold_tags))
        predicted = set(spans(predicted_tags))
        for span in predicted:
            counts.setdefault(span[2], [0, 0, 0])
            counts[span[2]][1] += 1
            counts["overall"][1] += 1
            if span in gold:
                counts[span[2]][0] += 1
                counts["overall"][0] += 1
        for span in gold:
            counts.setdefault(span[2], [0, 0, 0])
            counts[span[2]][2] += 1
            counts["overall"][2] += 1
    return {kind: Score(*values) for kind, values in counts.items()}


def iter_sentences(documents: Iterable[ConllDocument]) -> Iterator[Sentence]:
    for document in documents:
        yield from document
