"""The attribute names read from a CRFsuite model file are CRFsuite's own."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]  # CRFsuite's binding ships no type hints
import pytest

from storyline.entities.crfsuite_file import ModelFileError, attributes
from storyline.entities.tagger import FIRST_PASS, SECOND_PASS, data_folder


@pytest.mark.parametrize("name", [FIRST_PASS, SECOND_PASS])
def test_the_shipped_models_attributes_are_those_crfsuite_lists(name: str) -> None:
    path = data_folder() / name
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    assert attributes(path) == frozenset(tagger.info().attributes)


def test_a_model_trained_here_is_read(tmp_path: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.append([["w=paris", "title"], ["w=said", "lower"]], ["U-LOC", "O"])
    trainer.append([["w=rome", "title", "w=é"]], ["U-LOC"])
    trainer.train(str(tmp_path / "tiny.crfsuite"))
    assert attributes(tmp_path / "tiny.crfsuite") == {
        "w=paris",
        "title",
        "w=said",
        "lower",
        "w=rome",
        "w=é",
    }


@pytest.mark.parametrize("content", [b"", b"not a model at all, but long enough to have a header"])
def test_other_files_are_refused_with_their_name(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "model.crfsuite"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=r"model\.crfsuite"):
        attributes(path)
