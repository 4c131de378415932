from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

import pytest

from storyline.errors import EmptyInput, PipelineError
from storyline.model import Document, Problem
from storyline.pipeline import Counters, DocumentStage, Pipeline


def doc(text: str = "body") -> Document:
    return Document(id="d1", source="a.txt", source_key="a.txt", format="txt", raw_text=text)


class Upper(DocumentStage):
    name: ClassVar[str] = "upper"
    version: ClassVar[str] = "3"
    needs: ClassVar[frozenset[str]] = frozenset({"raw"})
    provides: ClassVar[frozenset[str]] = frozenset({"text"})

    def process(self, document: Document) -> Document:
        if document.raw_text == "empty":
            raise EmptyInput(document.source, "nothing left")
        if document.raw_text == "boom":
            raise RuntimeError("bug")
        return replace(document, text=document.raw_text.upper())


class Words(DocumentStage):
    name: ClassVar[str] = "words"
    version: ClassVar[str] = "1"
    needs: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"words"})

    def process(self, document: Document) -> Document:
        return document


def test_chain_is_checked_before_anything_runs() -> None:
    with pytest.raises(PipelineError, match="needs \\['text'\\]"):
        Pipeline([Words(), Upper()])
    with pytest.raises(PipelineError, match="twice"):
        Pipeline([Upper(), Upper()])
    Pipeline([Upper(), Words()])


def test_stage_records_its_version_and_counts() -> None:
    result, counters, problems = Pipeline([Upper(), Words()]).process_one(doc())
    assert result is not None and result.text == "BODY"
    assert dict(result.stages) == {"upper": "3", "words": "1"}
    assert counters["upper"].passed == 1
    assert problems == []


@pytest.mark.parametrize(
    ("text", "kind", "dropped", "failed"),
    [("empty", "empty", {"empty": 1}, {}), ("boom", "stage-failure", {}, {"RuntimeError": 1})],
)
def test_bad_document_is_counted_and_reported_not_raised(
    text: str, kind: str, dropped: dict[str, int], failed: dict[str, int]
) -> None:
    result, counters, problems = Pipeline([Upper()]).process_one(doc(text))
    assert result is None
    assert dict(counters["upper"].dropped) == dropped
    assert dict(counters["upper"].failed) == failed
    assert [p.kind for p in problems] == [kind]
    assert problems[0].source == "a.txt"


def test_stream_goes_on_after_a_bad_document() -> None:
    counters, problems = Counters(), []  # type: ignore[var-annotated]
    out = list(Pipeline([Upper()]).run([doc("boom"), doc("ok")], counters, problems))
    assert [d.text for d in out] == ["OK"]
    assert isinstance(problems[0], Problem)


def test_downstream_of_selects_dependents() -> None:
    pipeline = Pipeline([Upper(), Words()])
    assert [s.name for s in pipeline.downstream_of(["upper"])] == ["upper", "words"]
    assert [s.name for s in pipeline.downstream_of(["words"])] == ["words"]
    with pytest.raises(PipelineError, match="unknown"):
        pipeline.downstream_of(["nope"])


def test_counters_merge() -> None:
    a, b = Counters(), Counters()
    a["s"].passed = 2
    b["s"].passed = 3
    b["s"].dropped["x"] += 1
    b["s"].skipped["language fr"] += 1
    a.merge(b)
    assert a.as_dict() == {
        "s": {
            "passed": 5,
            "dropped": {"x": 1},
            "failed": {},
            "skipped": {"language fr": 1},
            "found": {},
            "seconds": 0.0,
        }
    }
