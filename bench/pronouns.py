"""``python -m bench pronouns``: he/she/his/her resolved to people, on ECB+ coreference.

ECB+ marks people (``HUMAN_PART_*``) and links mentions of the same one within and across
documents (``INTRA_DOC_COREF``, ``CROSS_DOC_COREF``: a relation's sources share its target).
Within one document the mentions sharing a target are one gold chain. Scored: the pronoun
mentions (he, him, his, himself, she, her, hers, herself) whose chain also holds a named
mention (one with a capitalised word) in the same document.

- coverage: share of those pronouns the resolver resolves;
- accuracy: share of the resolved ones whose antecedent span overlaps a mention of the
  pronoun's chain; ``entity acc.`` counts a match when any naming of the antecedent's person
  in the document overlaps one (the nearest naming may sit in a sentence ECB+ left
  unannotated).

The pipeline is the real one: the text is rebuilt from the tokens (one paragraph per
sentence, URL lines left out), tagged by ``load_tagger()``, ``mentions.extract`` gives the
people and ``pronouns.resolve`` the pronouns. Next to it, a baseline that never refuses:
the nearest person named before the pronoun whose known gender does not disagree. Both
development and training topics by default (``--topics dev`` or ``train`` for one).
Topics 36-45 are never read.
"""

from __future__ import annotations

import argparse
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import ecbplus
from bench.corpora import data_dir
from bench.report import Row
from storyline.entities.gender import genders
from storyline.entities.mentions import extract
from storyline.entities.pronouns import GENDER, resolve
from storyline.entities.tagger import Tagger, load_tagger
from storyline.model import EntityMention, PronounMention
from storyline.text.tokens import tokenize

PACKAGES = ("storyline", "python-crfsuite")
NOTES: list[str] = [
    "ECB+ pronouns (he/him/his/himself, she/her/hers/herself) that the annotation links "
    "within their document to a named mention. coverage = resolved / gold; accuracy = "
    "resolved whose antecedent overlaps a mention of the gold chain / resolved.",
]
Resolver = Callable[[str, Sequence[EntityMention]], list[PronounMention]]
_NOT_NAME = frozenset({*GENDER, "the", "a", "an", "this", "that", "its", "their", "our", "my"})


@dataclass(frozen=True, slots=True)
class GoldPronoun:
    start: int
    end: int
    chain: tuple[tuple[int, int], ...]  # spans of the other mentions of its chain


@dataclass(slots=True)
class Document:
    id: str
    text: str
    pronouns: list[GoldPronoun] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Score:
    documents: int
    gold: int
    resolved: int
    correct: int
    entity_correct: int
    seconds: float

    @property
    def coverage(self) -> float:
        return self.resolved / self.gold if self.gold else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.resolved if self.resolved else 0.0

    @property
    def entity_accuracy(self) -> float:
        return self.entity_correct / self.resolved if self.resolved else 0.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--topics",
        choices=("dev", "train", "both"),
        default="both",
        help="ECB+ development topics, training topics (1-35 less dev) or both",
    )


def main(args: argparse.Namespace) -> list[Row]:
    tagger = load_tagger()
    chosen = {"dev": ("dev",), "train": ("train",), "both": ("dev", "train")}[args.topics]
    rows = []
    for part in chosen:
        topics = ecbplus.DEV_TOPICS if part == "dev" else ecbplus.train_topics()
        documents = read(topics)[: args.limit]
        for system, resolver in (
            ("storyline pronouns", resolve),
            ("nearest person of that gender", nearest),
        ):
            score = evaluate(documents, tagger, resolver)
            rows.append(
                Row(
                    "pronouns",
                    f"ECB+ {part} ({len(topics)} topics)",
                    system,
                    score.documents,
                    score.seconds,
                    None,
                    extra=(
                        ("gold", str(score.gold)),
                        ("resolved", str(score.resolved)),
                        ("coverage", f"{score.coverage:.3f}"),
                        ("accuracy", f"{score.accuracy:.3f}"),
                        ("entity acc.", f"{score.entity_accuracy:.3f}"),
                    ),
                )
            )
    return rows


def nearest(text: str, people: Sequence[EntityMention]) -> list[PronounMention]:
    """The baseline: each pronoun goes to the last person named before it whose gender (as
    ``gender.genders`` knows it) does not disagree; it never refuses."""
    known = genders(text, people)
    found = []
    for token in tokenize(text):
        gender = GENDER.get(token.text.lower())
        before = [m for m in people if m.end <= token.start]
        before = [m for m in before if known.get(m.key, gender) == gender]
        if gender and before and not any(m.start <= token.start < m.end for m in people):
            found.append(PronounMention(token.start, token.end, token.text, gender, before[-1]))
    return found


def evaluate(
    documents: Sequence[Document],
    tagger: Tagger | None = None,
    resolver: Resolver = resolve,
) -> Score:
    tagger = tagger or load_tagger()
    gold = resolved = correct = entity_correct = 0
    started = time.perf_counter()
    for document in documents:
        people = [
            m for m in extract(document.text, tagger.tag(document.text)) if m.type == "person"
        ]
        found = {(p.start, p.end): p for p in resolver(document.text, people)}
        for pronoun in document.pronouns:
            gold += 1
            guess = found.get((pronoun.start, pronoun.end))
            if guess is None:
                continue
            resolved += 1
            antecedent = guess.antecedent
            correct += _overlaps((antecedent.start, antecedent.end), pronoun.chain)
            namings = [(m.start, m.end) for m in people if m.key == antecedent.key]
            entity_correct += any(_overlaps(span, pronoun.chain) for span in namings)
    seconds = time.perf_counter() - started
    return Score(len(documents), gold, resolved, correct, entity_correct, seconds)


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def read(topics: Iterable[int]) -> list[Document]:
    """ECB+ documents of ``topics`` (never 36-45) with their gold pronouns, by file name."""
    root = data_dir("ecbplus") / "ECB+"
    wanted = sorted(set(topics))
    if any(t not in ecbplus.LOCAL_TOPICS for t in wanted):
        raise ValueError(f"ECB+ topics {wanted}: only the local topics 1-35 may be read")
    return [_document(path) for t in wanted for path in sorted((root / str(t)).glob("*.xml"))]


def _document(path: Path) -> Document:
    root = ET.parse(path).getroot()
    by_sentence: dict[int, list[ET.Element]] = {}
    for token in root.iter("token"):
        by_sentence.setdefault(int(token.get("sentence", "0")), []).append(token)
    offsets: dict[str, tuple[int, int]] = {}
    words: dict[str, str] = {}
    parts: list[str] = []
    length = 0
    for _, tokens in sorted(by_sentence.items()):
        line = ecbplus.detokenise([t.text or "" for t in tokens])
        if not line or line.lower().startswith(("http", "www.")):
            continue
        if parts:
            length += 2
        cursor = 0
        for token in tokens:
            # The detokenised line keeps each token's characters in order (quotes aside).
            word = (token.text or "").strip()
            at = line.find(word, cursor) if word else -1
            if at >= 0:
                offsets[token.get("t_id", "")] = (length + at, length + at + len(word))
                words[token.get("t_id", "")] = word
                cursor = at + len(word)
        parts.append(line)
        length += len(line)
    document = Document(path.stem, "\n\n".join(parts) + "\n")
    markables = root.find("Markables")
    spans: dict[str, list[str]] = {}
    humans: set[str] = set()
    for markable in markables if markables is not None else []:
        anchors = [a.get("t_id", "") for a in markable.findall("token_anchor")]
        if anchors:
            spans[markable.get("m_id", "")] = anchors
            if markable.tag.startswith("HUMAN_PART"):
                humans.add(markable.get("m_id", ""))
    chains = _chains(root)
    members: dict[str, list[str]] = {}
    for m_id, chain in chains.items():
        if m_id in spans:
            members.setdefault(chain, []).append(m_id)
    for m_id in sorted(humans, key=lambda m: int(m) if m.isdigit() else 0):
        anchors = [a for a in spans[m_id] if a in offsets]
        if len(anchors) != 1 or words[anchors[0]].lower() not in GENDER:
            continue
        others = [o for o in members.get(chains.get(m_id, ""), []) if o != m_id]
        named = [o for o in others if any(_is_name(words.get(a, "")) for a in spans[o])]
        if not named:
            continue
        chain = tuple(
            (offsets[a][0], offsets[a][1]) for o in others for a in spans[o] if a in offsets
        )
        start, end = offsets[anchors[0]]
        document.pronouns.append(GoldPronoun(start, end, chain))
    return document


def _is_name(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in _NOT_NAME


def _chains(root: ET.Element) -> dict[str, str]:
    """Markable id -> its chain (the smallest id linked to it through relations)."""
    parent: dict[str, str] = {}

    def find(m: str) -> str:
        while parent.setdefault(m, m) != m:
            m = parent[m]
        return m

    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        if relation.tag not in ("INTRA_DOC_COREF", "CROSS_DOC_COREF"):
            continue
        target = relation.find("target")
        if target is None:
            continue
        for source in relation.findall("source"):
            a, b = find(source.get("m_id", "")), find(target.get("m_id", ""))
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {m: find(m) for m in list(parent)}
