"""The registry of per-document stages, in pipeline order.

Later stages (sentences, entities, quotes, time, events) register here; the pipeline is built
from this list, so ``storyline run --only NAME`` and the stale-version check see them all.
"""

from __future__ import annotations

import json

from storyline.clean import CleanStage
from storyline.pipeline import DocumentStage, Pipeline

DOCUMENT_STAGES: tuple[type[DocumentStage], ...] = (CleanStage,)


def build_pipeline(only: tuple[str, ...] = ()) -> Pipeline:
    """The full per-document pipeline, or the named stages plus everything downstream of them."""
    full = Pipeline([stage() for stage in DOCUMENT_STAGES])
    if not only:
        return full
    selected = full.downstream_of(only)
    provided_before = {"raw"}
    for stage in full.stages:
        if stage in selected:
            break
        provided_before |= stage.provides
    return Pipeline(selected, available=provided_before)


def signature(pipeline: Pipeline) -> str:
    """The stage versions a fully processed document records, as stored in ``documents.stages``."""
    return json.dumps(
        {stage.name: stage.version for stage in sorted(pipeline.stages, key=lambda s: s.name)},
        separators=(",", ":"),
    )
