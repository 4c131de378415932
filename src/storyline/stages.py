"""The registry of stages: one list, in pipeline order, that drives every run.

Every stage, per-document (``clean``: one document at a time, in worker processes) or global
(``dedup`` onwards: over the store, incrementally), declares its ``name``, ``version``, what
it ``needs`` and what it ``provides``. :class:`Registry` checks that chain before anything
runs and derives from it what the runner used to be told by hand:

- a stage's **inputs** are the stages that provide what it needs (the nearest earlier
  provider of each layer);
- a global stage's **key** is its own version and the keys of its global inputs
  (``"2;dedup=3"``; an input's own inputs in parentheses). Stored results are stamped with
  it (``stage_state``, and the per-document bookkeeping of the fact stages), so a new
  version of a stage makes its results and those of every stage downstream of it stale,
  without any version string naming another stage;
- ``--only X`` re-runs X and everything **downstream** of X;
- which stages read a document in a given language (:func:`skipped_by`): a stage declares
  the ``languages`` it handles (``None``: all). Two stages may provide the same layer for
  languages that do not overlap (an English extractor and, later, a French one writing the
  same tables): both are then inputs of the stages that need it.

A per-document stage's output is the document itself (its clean text): when it changes, the
document gets a new version and every global stage updates for that document as for any
changed document. So the per-document stages affect the documents they change, not the keys
of the global stages; a global stage affects every result downstream of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.clean import CleanStage
from storyline.dedup import DedupStage
from storyline.entities.link_stage import EntityLinkStage
from storyline.entities.stage import EntityStage
from storyline.errors import PipelineError
from storyline.events.link_stage import EventLinkStage
from storyline.events.stage import EventStage
from storyline.language import LanguageStage
from storyline.language.policy import handles
from storyline.pipeline import DocumentStage, GlobalStage, Pipeline
from storyline.quotes.stage import QuoteStage
from storyline.stories import StoryStage

# What a document has before any stage: the text as read.
SOURCE_LAYERS = frozenset({"raw"})

DOCUMENT_STAGES: tuple[type[DocumentStage], ...] = (CleanStage, LanguageStage)
GLOBAL_STAGES: tuple[type[GlobalStage], ...] = (
    DedupStage,
    StoryStage,
    EntityStage,
    EntityLinkStage,
    QuoteStage,
    EventStage,
    EventLinkStage,
)

StageClass = type[DocumentStage] | type[GlobalStage]


@dataclass(frozen=True, slots=True)
class StageInfo:
    """One registered stage, as the registry sees it."""

    name: str
    version: str
    kind: str  # "document" or "global"
    needs: frozenset[str]
    provides: frozenset[str]
    inputs: tuple[str, ...]  # the stages whose layers it needs, in pipeline order
    key: str
    languages: frozenset[str] | None = None  # None: every language


class Registry:
    """The stages in order, their chain checked, their keys and dependencies derived."""

    def __init__(self, stages: Sequence[StageClass]) -> None:
        self.classes: dict[str, StageClass] = {}
        self.info: dict[str, StageInfo] = {}
        # Each layer's providers: one stage, or several for languages that do not overlap.
        provider: dict[str, list[str]] = {layer: [] for layer in SOURCE_LAYERS}
        for stage in stages:
            if stage.name in self.classes:
                raise PipelineError(f"stage '{stage.name}' is registered twice")
            missing = stage.needs - provider.keys()
            if missing:
                raise PipelineError(
                    f"stage '{stage.name}' needs {sorted(missing)}, which no earlier stage "
                    "provides",
                    hint="register the stages that provide them before it",
                )
            inputs = sorted(
                {name for layer in stage.needs for name in provider[layer]}, key=self._order
            )
            kind = "document" if issubclass(stage, DocumentStage) else "global"
            self.classes[stage.name] = stage
            self.info[stage.name] = StageInfo(
                stage.name,
                stage.version,
                kind,
                stage.needs,
                stage.provides,
                tuple(inputs),
                self._key(stage, kind, inputs),
                stage.languages,
            )
            for layer in stage.provides:
                provider[layer] = [*self._beside(stage, provider.get(layer, [])), stage.name]

    def _beside(self, stage: StageClass, providers: list[str]) -> list[str]:
        """The earlier providers of a layer ``stage`` provides too that stay providers: those
        for languages ``stage`` does not handle (a layer provided again for the same
        languages is the later stage's)."""
        mine = stage.languages
        return [
            name
            for name in providers
            if mine is not None
            and (theirs := self.classes[name].languages) is not None
            and not mine & theirs
        ]

    def _order(self, name: str) -> int:
        return list(self.classes).index(name)

    def _key(self, stage: StageClass, kind: str, inputs: list[str]) -> str:
        """Own version, then ``;input=key`` for each global input and each keyed per-document
        input (the language stage: see the module doc)."""
        upstream = [
            f"{name}=({self.info[name].key})" if ";" in self.info[name].key
            else f"{name}={self.info[name].key}"
            for name in inputs
            if self.info[name].kind == "global" or self._keyed(name)
        ]  # fmt: skip
        return ";".join([stage.version, *upstream]) if kind == "global" else stage.version

    def _keyed(self, name: str) -> bool:
        stage = self.classes[name]
        return issubclass(stage, DocumentStage) and stage.keyed

    @property
    def names(self) -> list[str]:
        return list(self.classes)

    def key(self, name: str) -> str:
        return self.info[name].key

    def check_names(self, names: Iterable[str]) -> None:
        unknown = set(names) - self.classes.keys()
        if unknown:
            raise PipelineError(
                f"unknown stage(s) {sorted(unknown)}", hint=f"stages are: {', '.join(self.names)}"
            )

    def downstream(self, names: Iterable[str]) -> list[str]:
        """The named stages and every stage that depends on them, directly or not, in order."""
        wanted = set(names)
        self.check_names(wanted)
        selected: list[str] = []
        for name, info in self.info.items():
            if name in wanted or set(info.inputs) & set(selected):
                selected.append(name)
        return selected

    def graph(self) -> str:
        """The stage graph as text, for ``docs/architecture.md`` (a test keeps it current)."""
        lines = [
            "| stage | kind | version | needs | provides | languages | inputs | key |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for info in self.info.values():
            languages = ", ".join(sorted(info.languages)) if info.languages is not None else "all"
            lines.append(
                f"| `{info.name}` | {info.kind} | {info.version} | {', '.join(sorted(info.needs))}"
                f" | {', '.join(sorted(info.provides))} | {languages}"
                f" | {', '.join(info.inputs) or '-'} | `{info.key}` |"
            )
        lines += ["", "```mermaid", "flowchart LR"]
        for info in self.info.values():
            lines += [f"  {source} --> {info.name}" for source in info.inputs]
        lines.append("```")
        return "\n".join(lines)


def registry() -> Registry:
    """The registry of the stages as they are now (built on each call: it is cheap, and a
    test that changes a stage's version sees the keys change)."""
    return Registry([*DOCUMENT_STAGES, *GLOBAL_STAGES])


@dataclass(frozen=True, slots=True)
class Plan:
    """What ``--only`` asks for: per-document stages to re-run, global stages to rebuild
    (the named ones and everything downstream of them)."""

    document_stages: tuple[str, ...]
    rebuild: frozenset[str]


def skipped_by(language: str | None) -> list[str]:
    """The stages that do not read a document in ``language`` (ISO 639-1; ``und`` or None:
    read as English), in order: what the article page, ``show`` and the export say was
    skipped."""
    return [info.name for info in registry().info.values() if not handles(info.languages, language)]


def all_stage_names() -> list[str]:
    return registry().names


def plan(only: tuple[str, ...]) -> Plan:
    selected = registry().downstream(only) if only else []
    document = tuple(s.name for s in DOCUMENT_STAGES if s.name in selected)
    return Plan(document, frozenset(s.name for s in GLOBAL_STAGES if s.name in selected))


def build_pipeline(only: tuple[str, ...] = ()) -> Pipeline:
    """The full per-document pipeline, or the named stages plus everything downstream of them."""
    full = Pipeline([stage() for stage in DOCUMENT_STAGES], available=SOURCE_LAYERS)
    if not only:
        return full
    selected = set(registry().downstream(only))
    provided_before = set(SOURCE_LAYERS)
    for stage in full.stages:
        if stage.name in selected:
            break
        provided_before |= stage.provides
    return Pipeline([s for s in full.stages if s.name in selected], available=provided_before)


def global_stages() -> list[GlobalStage]:
    """A fresh instance of every global stage, in order, each given its key."""
    keys = registry()
    stages = []
    for stage_class in GLOBAL_STAGES:
        stage = stage_class()
        stage.key = keys.key(stage.name)
        stages.append(stage)
    return stages


def signature(pipeline: Pipeline) -> str:
    """The stage versions a fully processed document records, as stored in ``documents.stages``."""
    return json.dumps(
        {stage.name: stage.version for stage in sorted(pipeline.stages, key=lambda s: s.name)},
        separators=(",", ":"),
    )
