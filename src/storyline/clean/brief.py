"""One-sentence articles: the sentence a body keeps when cleaning would leave none, and what
the user is told when there really is none.

A wire brief is a headline and one sentence, and the sentence often says the headline again
("Harbour authority approves second terminal" / "Harbour authority approves second
terminal."). The headline test takes it for a repeated headline; removed, it would leave no
body and the brief would be skipped. Rules that take out a *copy* of text the article keeps
elsewhere (the repeated headline, lead or paragraph) are therefore undone, once, when they
would empty the body: the copy is the article's only sentence. Rules that take out text
that is no article (bylines, credits, page furniture, a dateline) are never undone: an input
that holds only those really is empty, and the problem says what was removed.

A copy is kept only when it reads as a sentence: a page whose body holds the headline once
more and nothing else (an ``<h1>`` and a byline) has a headline but no article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.clean.words import word_count
from storyline.model import Removal
from storyline.text.sentences import ends_sentence

# Removals of text the article states elsewhere: the only kinds that may be undone.
COPY_KINDS = frozenset({"repeated-headline", "repeated-lead", "repeated-paragraph"})
# The flag of an article whose body is a copy kept so that it is not empty.
KEPT_FLAG = "repeat-kept-as-body"
# As short as a sentence gets ("Talks collapsed overnight."); the headline test's floor.
MIN_SENTENCE_WORDS = 3

# How the problem names each kind of removal, in the order of the cleaning steps.
_LABELS = {
    "boilerplate": "boilerplate",
    "byline": "byline",
    "title-line": "headline line",
    "credit": "credit",
    "repeated-headline": "repeated headline",
    "repeated-lead": "repeated lead",
    "repeated-paragraph": "repeated paragraph",
    "dateline": "dateline",
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A removed copy that could become the body: its paragraph ``index`` and text."""

    index: int
    kind: str
    text: str


def is_sentence(text: str) -> bool:
    return word_count(text) >= MIN_SENTENCE_WORDS and ends_sentence(text)


def sentence_to_keep(candidates: Sequence[Candidate]) -> Candidate | None:
    """Of the copies removed from an article left empty, the one to keep as its body: a
    sentence, the longest (a page's ``<h1>`` repeat and its one-line body both repeat the
    headline; the body says more), the first of equals. None when none is a sentence."""
    sentences = [c for c in candidates if c.kind in COPY_KINDS and is_sentence(c.text)]
    if not sentences:
        return None
    return max(sentences, key=lambda c: (word_count(c.text), -c.index))


def removed_summary(removals: Sequence[Removal]) -> str:
    """``"repeated headline (1 line), byline (1 line)"``: what cleaning took, by kind, in
    raw order; boilerplate names what it matched, since that is what a user can check."""
    counts: dict[str, int] = {}
    reasons: dict[str, list[str]] = {}
    for removal in removals:
        counts[removal.kind] = counts.get(removal.kind, 0) + 1
        found = reasons.setdefault(removal.kind, [])
        if removal.reason not in found:
            found.append(removal.reason)
    parts = []
    for kind, count in counts.items():
        lines = f"{count} line" if count == 1 else f"{count} lines"
        if kind == "boilerplate":
            lines += ": " + ", ".join(reasons[kind])
        parts.append(f"{_LABELS.get(kind, kind)} ({lines})")
    return ", ".join(parts)


def empty_problem(removals: Sequence[Removal]) -> tuple[str, str]:
    """The message and the hint of the problem for an article that cleaning left empty."""
    if not removals:
        return (
            "no article text left after cleaning: the body holds no visible text",
            "give the article's body with the input (a record's text, a feed entry's "
            "content), or leave the input out",
        )
    message = "no article text left after cleaning: removed " + removed_summary(removals)
    hint = (
        "no article sentence was left to keep: give the article's body with the input (a "
        "record's text, a feed entry's content), or leave the input out; if a removed line "
        "is article text, please report it"
    )
    return message, hint
