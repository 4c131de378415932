"""Reading CoNLL files and conlleval-style scoring, on data written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.entities import conll


def test_read_splits_documents_and_sentences(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text(
        "-DOCSTART- -X- -X- O\n\n"
        "Anna NNP B-NP I-PER\nVolkova NNP I-NP I-PER\nvisited VBD B-VP O\nOslo NNP B-NP I-LOC\n\n"
        "Fine JJ B-NP O\n\n"
        "-DOCSTART- -X- -X- O\n\n"
        "Acme NNP B-NP B-ORG\nCorp NNP I-NP I-ORG\n",
        encoding="utf-8",
    )
    documents = conll.read(path)
    assert len(documents) == 2
    first = documents[0][0]
    assert first.tokens == ("Anna", "Volkova", "visited", "Oslo")
    # IOB1 becomes IOB2: every entity starts with B-.
    assert first.tags == ("B-PER", "I-PER", "O", "B-LOC")
    assert documents[1][0].tags == ("B-ORG", "I-ORG")


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")]),
        (["I-ORG", "I-ORG", "I-LOC"], [(0, 2, "ORG"), (2, 3, "LOC")]),
        (["U-PER", "B-ORG", "L-ORG", "O"], [(0, 1, "PER"), (1, 3, "ORG")]),
        (["O", "O"], []),
    ],
)
def test_spans(tags: list[str], expected: list[tuple[int, int, str]]) -> None:
    assert conll.spans(tags) == expected


def test_score_counts_exact_typed_spans_only() -> None:
    gold = ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"]
    predicted = ["B-PER", "O", "O", "B-LOC", "O", "B-LOC"]
    scores = conll.score([(gold, predicted)])
    # LOC at 3 is right; PER is cut short; ORG is typed LOC.
    assert scores["overall"] == conll.Score(1, 3, 3)
    assert scores["LOC"].precision == 0.5
    assert scores["LOC"].recall == 1.0
    assert scores["PER"].f1 == 0.0
    assert scores["overall"].f1 == pytest.approx(1 / 3)
