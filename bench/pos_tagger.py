"""A part-of-speech CRF trained on the CoNLL-2003 POS column (issue 17, item 4): an
experiment against the hand-written verb tables, kept in bench/ (see ``bench/pos.py``).

Trained on ``conllpp_train.txt``, scored on ``conllpp_dev.txt``; the CoNLL test part is
never read. The model is written to ``CACHE`` (outside the repository: its feature
strings hold words of the research-use Reuters text) and reused when present.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycrfsuite  # type: ignore[import-untyped]  # CRFsuite's binding ships no type hints

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "conll2003"
CACHE = Path("/tmp/storyline-pos")
MODEL = "pos.crfsuite"
# CRFsuite settings (L-BFGS, elastic net), as the entity tagger's pass 1 but fewer rounds:
# POS tags converge faster than entity spans.
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    words: tuple[str, ...]
    tags: tuple[str, ...]


def read(path: Path) -> list[TaggedSentence]:
    """The sentences of a CoNLL-2003 file with their POS column (the second field)."""
    out: list[TaggedSentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        fields = line.split()
        if not fields or fields[0] == "-DOCSTART-":
            if words:
                out.append(TaggedSentence(tuple(words), tuple(tags)))
                words, tags = [], []
            continue
        words.append(fields[0])
        tags.append(fields[1])
    if words:
        out.append(TaggedSentence(tuple(words), tuple(tags)))
    return out


def _shape(word: str) -> str:
    out = []
    for char in word[:12]:
        kind = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


_word_cache: dict[str, list[str]] = {}


def _own(word: str) -> list[str]:
    cached = _word_cache.get(word)
    if cached is not None:
        return cached
    lower = word.lower()
    feats = [
        "w=" + lower,
        "s1=" + lower[-1:],
        "s2=" + lower[-2:],
        "s3=" + lower[-3:],
        "s4=" + lower[-4:],
        "p1=" + lower[:1],
        "p2=" + lower[:2],
        "sh=" + _shape(word),
    ]
    if word[:1].isupper():
        feats.append("title")
    if word.isupper():
        feats.append("upper")
    if any(c.isdigit() for c in word):
        feats.append("digit")
    if "-" in word:
        feats.append("hyphen")
    if len(_word_cache) < 200_000:
        _word_cache[word] = feats
    return feats


def features(words: Sequence[str]) -> list[list[str]]:
    """CRFsuite items of one sentence: the word, its affixes and shape, and its neighbours."""
    lowers = [w.lower() for w in words]
    items = []
    for i, word in enumerate(words):
        feats = ["bias", *_own(word)]
        if i == 0:
            feats.append("first")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(words):
                feats.append(f"{offset}w={lowers[j]}")
                if offset in (-1, 1):
                    feats.append(f"{offset}s3={lowers[j][-3:]}")
                    feats.append(f"{offset}sh={_shape(words[j])}")
            else:
                feats.append(f"{offset}w=<edge>")
        if i > 0:
            feats.append(f"b-={lowers[i - 1]}|{lowers[i]}")
        if i + 1 < len(words):
            feats.append(f"b+={lowers[i]}|{lowers[i + 1]}")
        items.append(feats)
    return items


def train(cache: Path = CACHE) -> Path:
    """Train on CoNLL train (once; reused from ``cache``) and return the model's path."""
    path = cache / MODEL
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in read(DATA / "conllpp_train.txt"):
        trainer.append(features(sentence.words), list(sentence.tags))
    trainer.set_params(PARAMS)
    started = time.perf_counter()
    trainer.train(str(path) + ".part")
    Path(str(path) + ".part").rename(path)
    print(f"trained in {time.perf_counter() - started:.0f} s -> {path}")
    return path


class PosTagger:
    """Penn Treebank tags for tokenised sentences; one instance per process (CRFsuite
    taggers are not thread-safe)."""

    def __init__(self, path: Path) -> None:
        self._tagger: Any = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def tag(self, words: Sequence[str]) -> list[str]:
        if not words:
            return []
        tags: list[str] = self._tagger.tag(features(words))
        return tags


def sentences_of(paths: Sequence[Path]) -> Iterator[TaggedSentence]:
    for path in paths:
        yield from read(path)


if __name__ == "__main__":
    train()
