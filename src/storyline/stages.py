"""The registry of stages, in pipeline order.

Per-document stages (clean; later sentences, entities, quotes, time, events) run in worker
processes; global stages (dedup; later linking and stories) run afterwards over the store.
``storyline run --only NAME`` and the stale-version checks see them all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from storyline.clean import CleanStage
from storyline.dedup import DedupStage
from storyline.entities.stage import EntityStage
from storyline.errors import PipelineError
from storyline.events.link_stage import EventLinkStage
from storyline.events.stage import EventStage
from storyline.pipeline import DocumentStage, GlobalStage, Pipeline
from storyline.quotes.stage import QuoteStage
from storyline.stories import StoryStage

DOCUMENT_STAGES: tuple[type[DocumentStage], ...] = (CleanStage,)
GLOBAL_STAGES: tuple[type[GlobalStage], ...] = (
    DedupStage,
    StoryStage,
    EntityStage,
    QuoteStage,
    EventStage,
    EventLinkStage,
)


@dataclass(frozen=True, slots=True)
class Plan:
    """What ``--only`` asks for: per-document stages to re-run, global stages to rebuild."""

    document_stages: tuple[str, ...]
    rebuild: frozenset[str]


def all_stage_names() -> list[str]:
    return [s.name for s in DOCUMENT_STAGES] + [s.name for s in GLOBAL_STAGES]


def plan(only: tuple[str, ...]) -> Plan:
    names = set(only)
    unknown = names - set(all_stage_names())
    if unknown:
        raise PipelineError(
            f"unknown stage(s) {sorted(unknown)}",
            hint=f"stages are: {', '.join(all_stage_names())}",
        )
    document = tuple(s.name for s in DOCUMENT_STAGES if s.name in names)
    return Plan(document, frozenset(s.name for s in GLOBAL_STAGES if s.name in names))


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


def global_stages() -> list[GlobalStage]:
    return [stage() for stage in GLOBAL_STAGES]


def signature(pipeline: Pipeline) -> str:
    """The stage versions a fully processed document records, as stored in ``documents.stages``."""
    return json.dumps(
        {stage.name: stage.version for stage in sorted(pipeline.stages, key=lambda s: s.name)},
        separators=(",", ":"),
    )
