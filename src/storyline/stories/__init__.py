"""Stories: articles grouped online into stories over time, with stable ids and summaries."""

from storyline.stories.stage import StoryStage

__all__ = ["StoryStage"]
