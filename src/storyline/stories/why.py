"""What ``storyline story ID --why`` and the story page's "why here" answer: the articles as
a person names them (an id prefix, a copy, an older version) turned into the articles of the
graph, and ``explain.py`` asked about the right pair.

- Two articles: why they are, or are not, in one story.
- One article of the story: why it is there (with its closest fellow member).
- One article outside the story: why not (with the story's article closest to it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storyline.errors import StoreError
from storyline.store import Store
from storyline.stories.explain import PairWhy, explain_pair, nearest_elsewhere
from storyline.stories.graph import pair_similarity


@dataclass(frozen=True, slots=True)
class Why:
    story_id: str  # the story asked about, after merges
    asked: tuple[str, ...]  # the ids as given
    articles: tuple[str, ...]  # the articles explained (originals of copies, latest versions)
    notes: tuple[str, ...]  # how a given id became an explained article, and other caveats
    pair: PairWhy | None  # None: a story of one article that no other article comes near
    says: str


def article_of(store: Store, given: str) -> tuple[str, list[str]]:
    """The article of the graph behind ``given`` (an id or unique prefix, as ``storyline
    show`` takes): the latest version, and for a copy its original; with notes saying so."""
    document = store.get_document(given)
    current, notes = document.id, []
    place = store.document_place(current)
    seen = {current}
    while place is not None and place.superseded_by and place.superseded_by not in seen:
        notes.append(f"{current} is an older version of {place.superseded_by}; explained with it")
        current = place.superseded_by
        seen.add(current)
        place = store.document_place(current)
    if place is not None and place.duplicate_of:
        notes.append(
            f"{current} is a {place.duplicate_kind or 'duplicate'} copy of {place.duplicate_of}"
            " (a copy is in its original's story); explained with the original"
        )
        current = place.duplicate_of
    return current, notes


def closest(store: Store, article_id: str, candidates: Iterable[str]) -> str | None:
    """The one of ``candidates`` most alike ``article_id`` as the graph scores pairs."""
    others = sorted(set(candidates) - {article_id})
    found = store.story_graph.articles([article_id, *others])
    if article_id not in found:
        raise StoreError(
            f"article {article_id!r} is in no story",
            hint="run the stories stage (storyline run), or give a current article: "
            "storyline show ID",
        )
    target = found[article_id]
    scored = [(pair_similarity(target, found[o]), o) for o in others if o in found]
    return max(scored)[1] if scored else None


def why_pair(store: Store, story: str, first: str, second: str) -> Why:
    """Why two articles are, or are not, in one story (the story ``story`` asked about)."""
    story_id = store.stories.resolve(story)
    a, notes = article_of(store, first)
    b, more = article_of(store, second)
    notes += more
    if a == b:
        raise StoreError(
            f"{first!r} and {second!r} are the same article ({a})",
            hint="give two different articles, or one to ask why it is in the story",
        )
    pair = explain_pair(store, a, b)
    for article_id, in_story in ((a, pair.first_story), (b, pair.second_story)):
        if in_story != story_id:
            notes.append(f"{article_id} is not in story {story_id} (it is in {in_story})")
    return Why(story_id, (first, second), (a, b), tuple(notes), pair, pair.says)


def why_one(store: Store, story: str, given: str) -> Why:
    """Why one article is in the story (explained with its closest fellow member), or why it
    is not (explained with the story's article closest to it)."""
    story_id = store.stories.resolve(story)
    article_id, notes = article_of(store, given)
    members = [a.id for a in store.stories.articles(story_id)]
    if article_id in members:
        fellow = closest(store, article_id, members)
        if fellow is None:
            near = nearest_elsewhere(store, article_id)
            alone = f"{article_id} is the only article of story {story_id}."
            if near is None:
                says = f"{alone} No article of another story shares a specific term with it."
                return Why(story_id, (given,), (article_id,), tuple(notes), None, says)
            says = f"{alone} The closest article elsewhere is {near.second}. {near.says}"
            return Why(story_id, (given,), (article_id, near.second), tuple(notes), near, says)
        pair = explain_pair(store, article_id, fellow)
        says = (
            f"{article_id} is in story {story_id}; its closest fellow article is {fellow}. "
            f"{pair.says}"
        )
        return Why(story_id, (given,), (article_id, fellow), tuple(notes), pair, says)
    nearest = closest(store, article_id, members)
    if nearest is None:  # a story without current articles: resolve found a live id
        raise StoreError(f"story {story_id!r} has no articles", hint="storyline stories")
    pair = explain_pair(store, article_id, nearest)
    elsewhere = f"it is in {pair.first_story}" if pair.first_story else "it is in no story"
    says = (
        f"{article_id} is not in story {story_id} ({elsewhere}); the story's closest article "
        f"to it is {nearest}. {pair.says}"
    )
    return Why(story_id, (given,), (article_id, nearest), tuple(notes), pair, says)


def text(why: Why) -> str:
    """The answer as plain lines: the verdict, then the evidence."""
    lines = [why.says]
    lines += [f"  note: {n}" for n in why.notes]
    pair = why.pair
    if pair is not None:
        rows = [
            (
                "articles",
                f"{pair.first} (story {pair.first_story}) · "
                f"{pair.second} (story {pair.second_story})",
            ),
            (
                "similarity",
                f"{pair.similarity:.3f} (names {pair.by_names:.3f}, words {pair.by_words:.3f})",
            ),
            ("shared names", ", ".join(pair.shared_names) or "none"),
            ("shared words", ", ".join(pair.shared_words) or "none"),
            ("shared figures", ", ".join(pair.shared_figures) or "none"),
            ("days apart", "undated" if pair.days_apart is None else str(pair.days_apart)),
            (
                "subjects",
                " / ".join(
                    ", ".join(t.removeprefix("n:") for t in s) or "none" for s in pair.subjects
                ),
            ),
            (
                "neighbours",
                f"{'yes' if pair.neighbours else 'no'}; {pair.shared_neighbours} shared",
            ),
        ]
        if len(pair.path) > 2:
            rows.append(("joined through", " → ".join(pair.path)))
        lines += [f"  {key + ':':<16}{value}" for key, value in rows]
    return "\n".join(lines) + "\n"
