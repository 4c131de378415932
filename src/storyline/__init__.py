"""Storyline: turn raw news articles into stories, quotes, entities and events, with provenance.

The public API (README: "From Python")::

    import storyline

    summary = storyline.run(["articles/"], db="news.db")
    with storyline.open("news.db") as news:
        people = news.entities(type="person").to_pandas()
        for event in news.timeline(story=news.stories()[0].id):
            print(event.date, event.status, event.title)
"""

__version__ = "0.1.0"

from storyline.api import RunProgress, StoreView, open, run
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
from storyline.records import Records
from storyline.runner import RunOptions, RunSummary
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
    "Records",
    "Removal",
    "Role",
    "RunOptions",
    "RunProgress",
    "RunSummary",
    "Stage",
    "Store",
    "StoreError",
    "StoreView",
    "StorylineError",
    "__version__",
    "clean_article",
    "open",
    "run",
]
