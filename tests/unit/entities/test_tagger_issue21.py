"""Issue 21: the faster tagger tags every token as the tagger before it did.

Real texts are read at test time from ``../shared/data`` (never copied here): the first
BBC News articles (raw text, as a run tags them) and the first CoNLL-2003 dev documents
(gold tokens). Two checks:

- the fast path (features filtered to what the models know, lists shared between passes)
  gives the tags of the plain path (every feature string, straight into CRFsuite);
- the feature strings, the tags and the mentions match digests recorded from the tagger
  before the speed-up (``tagger_issue21.json``; ``--update-golden`` rewrites it after a
  deliberate change such as a retrained model, then read the diff).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]  # CRFsuite's binding ships no type hints
import pytest

from conftest import missing
from storyline.entities import conll
from storyline.entities.features import FeatureExtractor
from storyline.entities.tagger import FIRST_PASS, SECOND_PASS, data_folder, load_tagger
from storyline.text.sentences import sentences
from storyline.text.tokens import tokenize

GOLDEN = Path(__file__).resolve().parent / "tagger_issue21.json"
BBC_ARTICLES = 60
CONLL_DOCUMENTS = 40


def _bbc_texts(shared_data: Path) -> dict[str, str]:
    root = shared_data / "bbc-news"
    if not root.is_dir():
        missing(f"BBC News not found at {root}")
    paths = [
        path
        for category in sorted(p for p in root.iterdir() if p.is_dir())
        for path in sorted(category.glob("*.txt"))
    ][:BBC_ARTICLES]
    texts = {}
    for path in paths:
        data = path.read_bytes()
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            raw = data.decode("cp1252", errors="replace")
        texts[f"bbc/{path.parent.name}/{path.stem}"] = raw.replace("\r\n", "\n")
    return texts


def _conll_documents(shared_data: Path) -> dict[str, list[list[str]]]:
    path = shared_data / "conll2003" / "conllpp_dev.txt"
    if not path.is_file():
        missing(f"CoNLL-2003 dev not found at {path}")
    documents = conll.read(path)[:CONLL_DOCUMENTS]
    return {f"conll-dev/{d}": [list(s.tokens) for s in doc] for d, doc in enumerate(documents)}


@pytest.fixture(scope="module")
def documents(shared_data: Path) -> dict[str, list[list[str]]]:
    """Every document as sentences of token strings (BBC: the text layer's tokens)."""
    found = {
        name: [[t.text for t in group] for group in sentences(text, tokenize(text))]
        for name, text in _bbc_texts(shared_data).items()
    }
    found.update(_conll_documents(shared_data))
    return found


def _plain_labels(document: list[list[str]]) -> list[list[str]]:
    """Both passes as the tagger ran them before issue 21: every feature string, no sharing."""
    features = FeatureExtractor(load_tagger().features.clusters, load_tagger().features.gazetteer)
    first, second = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    first.open(str(data_folder() / FIRST_PASS))
    second.open(str(data_folder() / SECOND_PASS))
    prior = [_iob2(first.tag(x)) for x in features.document(document)]
    return [_iob2(second.tag(x)) for x in features.document(document, prior)]


def _iob2(tags: list[str]) -> list[str]:
    """The models' BILOU labels as IOB2 (U- as B-, L- as I-)."""
    return ["B-" + t[2:] if t[:2] == "U-" else "I-" + t[2:] if t[:2] == "L-" else t for t in tags]


def _digest(value: object) -> str:
    return hashlib.sha1(json.dumps(value).encode()).hexdigest()[:16]


def _observed(documents: dict[str, list[list[str]]], texts: dict[str, str]) -> dict[str, str]:
    tagger = load_tagger()
    plain = FeatureExtractor(tagger.features.clusters, tagger.features.gazetteer)
    out = {}
    for name, document in documents.items():
        labels = tagger.tag_tokens(document)
        # Sorted per token: the order of a token's gazetteer marks follows the hash seed.
        out[f"{name} features"] = _digest(
            [
                [sorted(token) for sentence in items for token in sentence]
                for items in (plain.document(document), plain.document(document, labels))
            ]
        )
        out[f"{name} tags"] = _digest(labels)
        if name in texts:
            spans = [(s.start, s.end, s.type, s.confidence) for s in tagger.tag(texts[name])]
            out[f"{name} mentions"] = _digest(spans)
    return out


def _count(documents: Iterable[list[list[str]]]) -> int:
    return sum(len(d) for d in documents)


def test_the_fast_path_tags_as_the_plain_path(documents: dict[str, list[list[str]]]) -> None:
    assert _count(documents.values()) >= 500
    tagger = load_tagger()
    for name, document in documents.items():
        assert tagger.tag_tokens(document) == _plain_labels(document), name


def test_features_tags_and_mentions_match_the_tagger_before_issue_21(
    documents: dict[str, list[list[str]]], shared_data: Path, update_golden: bool
) -> None:
    observed = _observed(documents, _bbc_texts(shared_data))
    if update_golden:
        GOLDEN.write_text(json.dumps(observed, indent=1, sort_keys=True) + "\n", "utf-8")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    differ = sorted(
        k for k in expected.keys() | observed.keys() if expected.get(k) != observed.get(k)
    )
    assert differ == [], f"{len(differ)} of {len(expected)} digests differ: {differ[:10]}"
