"""A story's history in words: one sentence per recorded change (``store.stories.history``),
each id followed by the story it resolves to today when that differs."""

from __future__ import annotations

from storyline.store.stories import StoryHistoryLine


def _id(story_id: str | None, now: str | None) -> str:
    if story_id is None:
        return "?"
    if now is None:
        return f"{story_id} (emptied since)"
    return story_id if now == story_id else f"{story_id} (now {now})"


def says(line: StoryHistoryLine) -> str:
    """What happened, in one sentence."""
    story = _id(line.story_id, line.story_now)
    other = _id(line.other_id, line.other_now)
    count = line.detail or "articles"
    if line.kind == "created":
        opener = ""
        if line.document_id:
            title = f' "{line.document_title}"' if line.document_title else ""
            opener = f" with article {line.document_id}{title}"
        return f"story {story} created{opener}"
    if line.kind == "merged":
        return f"story {story} merged into {other} ({count})"
    if line.kind == "split":
        return f"{count} split from {story} into new story {other}"
    if line.kind == "moved":
        return f"{count} moved from {story} to {other}"
    if line.kind == "emptied":
        return f"story {story} emptied (its last articles went elsewhere)"
    return f"{line.kind}: {story} {other if line.other_id else ''}".rstrip()


def text(story_id: str, lines: tuple[StoryHistoryLine, ...]) -> str:
    """The history as plain lines, oldest first."""
    out = [f"History of story {story_id} ({len(lines)} change{'s' if len(lines) != 1 else ''})"]
    out += [f"  {line.at}  {line.kind:<8} {says(line)}" for line in lines]
    return "\n".join(out) + "\n"
