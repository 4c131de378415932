"""The named-entity tagger: raw text in, typed mentions with character offsets out.

::

    from storyline.entities.tagger import load_tagger

    for span in load_tagger().tag("Keir Starmer met NATO officials in Kyiv."):
        print(span.start, span.end, span.type, span.text)

A linear-chain CRF (CRFsuite) over the features of :mod:`storyline.entities.features`, in
two passes: the second pass also sees, for each word, the type the first pass gave it most
often elsewhere in the document. The weights and word lists ship in ``entities/data``; how
they were made is in ``entities/data/README.md``. Nothing is downloaded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pycrfsuite  # type: ignore[import-untyped]  # CRFsuite's binding ships no type hints

from storyline.entities import conll
from storyline.entities.casing import as_sentence, is_title_case
from storyline.entities.crfsuite_file import attributes
from storyline.entities.features import FeatureExtractor
from storyline.entities.guards import looks_foreign, plausible_span
from storyline.entities.lexicon import Gazetteer, read_clusters
from storyline.text.sentences import sentences
from storyline.text.tokens import Token, tokenize

EntityType = Literal["PER", "ORG", "LOC", "MISC"]
ENTITY_TYPES: tuple[EntityType, ...] = ("PER", "ORG", "LOC", "MISC")
FIRST_PASS = "tagger-pass1.crfsuite"
SECOND_PASS = "tagger-pass2.crfsuite"


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """``text`` is ``source[start:end]``; ``confidence`` is the CRF's mean marginal (0..1)."""

    start: int
    end: int
    text: str
    type: EntityType
    confidence: float
    # Found in a headline in title case, read as a sentence (``casing.py``).
    title_case: bool = False


class Tagger:
    """Tags documents. One instance per process: CRFsuite taggers are not thread-safe, so
    calls are serialised with a lock."""

    def __init__(self, folder: Path, *, stacked: bool = True) -> None:
        info: dict[str, Any] = json.loads((folder / "model.json").read_text("utf-8"))
        self.version: str = str(info["version"])
        second = folder / SECOND_PASS
        # stacked=False runs the first pass alone (faster, a little less accurate).
        passes = [folder / FIRST_PASS, *([second] if stacked and second.exists() else [])]
        self.features = FeatureExtractor(
            read_clusters(folder / "clusters.tsv.gz"),
            Gazetteer.read(folder / "gazetteer.tsv.gz"),
            # Only the features some pass has weights for: the others change no label.
            known=frozenset().union(*(attributes(path) for path in passes)),
        )
        self._first = _open(passes[0])
        self._second = _open(passes[1]) if len(passes) > 1 else None
        self._lock = threading.Lock()

    def tag(self, text: str) -> list[TaggedSpan]:
        """Mentions in ``text``, in order; an empty or name-less text gives ``[]``."""
        if not text.strip():
            return []
        groups = sentences(text, tokenize(text))
        keep = [g for g, ok in zip(groups, _english(text, groups), strict=True) if ok]
        words = [[t.text for t in g] for g in keep]
        labels, marginals = self._label(words)
        found: list[TaggedSpan] = []
        for tokens, tags, probabilities in zip(keep, labels, marginals, strict=True):
            spans = _mentions(text, tokens, tags, probabilities)
            if is_title_case([t.text for t in tokens]):
                spans = [replace(span, title_case=True) for span in spans]
            found.extend(spans)
        return found

    def tag_tokens(self, document: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 labels for an already tokenised document (for evaluation on CoNLL)."""
        labels, _ = self._label(document)
        return [_iob2(tags) for tags in labels]

    def _label(
        self, document: Sequence[Sequence[str]]
    ) -> tuple[list[list[str]], list[list[float]]]:
        """Per sentence, the labels and, for the tokens of a name, the marginal of their
        label (1.0 for the other tokens: no mention reads it)."""
        # A headline in title case is read as a sentence (``casing.py``).
        document = [as_sentence(words, self.features.clusters) for words in document]
        with self._lock:
            first = self.features.first_pass(document)
            items = first.items
            model = self._first
            if self._second is not None:
                # BILOU labels as they come: the second pass's memory reads the type alone.
                prior = [self._first.tag(x) for x in items]
                items = self.features.second_pass(first, prior)
                model = self._second
            labels: list[list[str]] = []
            marginals: list[list[float]] = []
            for sequence in items:
                tags: list[str] = model.tag(sequence)
                labels.append(tags)
                # marginal() reads the lattice of the tag() call just made.
                marginals.append(
                    [1.0 if t == "O" else model.marginal(t, i) for i, t in enumerate(tags)]
                )
            return labels, marginals


def _english(text: str, groups: Sequence[Sequence[Token]]) -> list[bool]:
    """Per sentence, whether to tag it: neither it nor its paragraph looks foreign.

    The paragraph decides for sentences too short to judge alone ("Die Gespräche sollen in
    der nächsten Woche weitergehen.").
    """
    paragraphs: list[list[int]] = []
    for s, group in enumerate(groups):
        if not paragraphs or "\n\n" in text[groups[s - 1][-1].end : group[0].start]:
            paragraphs.append([])
        paragraphs[-1].append(s)
    keep = [True] * len(groups)
    for members in paragraphs:
        foreign = looks_foreign([t.text for s in members for t in groups[s]])
        for s in members:
            keep[s] = not foreign and not looks_foreign([t.text for t in groups[s]])
    return keep


def _open(path: Path) -> Any:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def _iob2(tags: Sequence[str]) -> list[str]:
    """BILOU labels as IOB2 (U→B, L→I); IOB2 passes through."""
    out = []
    for tag in tags:
        prefix, _, kind = tag.partition("-")
        out.append(f"B-{kind}" if prefix == "U" else f"I-{kind}" if prefix == "L" else tag)
    return out


def _mentions(
    text: str, tokens: Sequence[Token], tags: Sequence[str], marginals: Sequence[float]
) -> list[TaggedSpan]:
    found = []
    for first, end, kind in conll.spans(tags):
        if kind not in ENTITY_TYPES or not plausible_span([t.text for t in tokens[first:end]]):
            continue
        start, stop = tokens[first].start, tokens[end - 1].end
        confidence = sum(marginals[first:end]) / (end - first)
        found.append(TaggedSpan(start, stop, text[start:stop], kind, round(confidence, 4)))
    return found


def data_folder() -> Path:
    """The folder of the shipped model (inside the installed package)."""
    return Path(str(resources.files("storyline.entities") / "data"))


@cache
def load_tagger(folder: Path | None = None) -> Tagger:
    """The shipped tagger (or one in ``folder``), loaded once per process."""
    return Tagger(folder or data_folder())
