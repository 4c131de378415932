"""Storyline: turn raw news articles into stories, quotes, entities and events, with provenance.

The public API::

    from storyline import Store, RunOptions, run, clean_article

    with Store("news.db") as store:
        summary = run(["articles/"], store, RunOptions())
"""

__version__ = "0.1.0"

from storyline.clean import Cleaned, clean_article
from storyline.errors import (
    InputError,
    PipelineError,
    StoreError,
    StorylineError,
)
from storyline.model import (
    DatedTime,
    Dateline,
    Document,
    EntityMention,
    EntityRef,
    FoundEvent,
    FoundQuote,
    FoundTime,
    Problem,
    PronounMention,
    RawArticle,
    Removal,
    Role,
)
from storyline.offsets import OffsetMap
from storyline.pipeline import Counters, DocumentStage, Pipeline, Stage
from storyline.runner import RunOptions, RunSummary, run
from storyline.store import Store

__all__ = [
    "Cleaned",
    "Counters",
    "DatedTime",
    "Dateline",
    "Document",
    "DocumentStage",
    "EntityMention",
    "EntityRef",
    "FoundEvent",
    "FoundQuote",
    "FoundTime",
    "InputError",
    "OffsetMap",
    "Pipeline",
    "PipelineError",
    "Problem",
    "PronounMention",
    "RawArticle",
    "Removal",
    "Role",
    "RunOptions",
    "RunSummary",
    "Stage",
    "Store",
    "StoreError",
    "StorylineError",
    "__version__",
    "clean_article",
    "run",
]
