"""Whom or what an article is about: the specific names its headline gives.

Two routine wire items of one kind (the dividend notices of two companies, the note issues of
two banks, the quarterly results of two firms) share nearly every word, their figures and
the regulator they file with; what tells them apart is the company their headline names. So
the headline's specific names are the article's *subject*, and two articles whose subjects
each appear nowhere in the other are about different things, however alike they read: they
are never neighbours in the articles' graph (``graph.py``), so they never share a story.
A takeover story that names both companies keeps them together: each subject appears in the
other article.

The headline's names are the article's name terms (``features``) that its headline spells
out, however common (the subject of a follow-up is the name every article of the story
gives); a headline in capitals whose article names nothing (a notice that is all figures)
gives its words instead, weighed by how rare they are ("BRENCO INC DECLARES QTLY DIVIDEND"
gives "brenco": "declares", "qtly" and "dividend" are in every notice and weigh nothing;
``subject_weights``).
"""

from __future__ import annotations

from collections.abc import Mapping

from storyline.stories.features import NAME_SUFFIXES, idf, stem
from storyline.text.lexicon import FUNCTION_WORDS as STOPWORDS
from storyline.text.tokens import words

# Company forms and wire words that a capitalised headline adds to any subject.
_NOT_SUBJECTS = NAME_SUFFIXES | {"says", "said", "reuter"}


def subject_candidates(title: str | None, counts: Mapping[str, float]) -> list[tuple[str, str]]:
    """The article's candidate subject terms, each with the term whose document frequency
    says how specific it is."""
    if not title:
        return []
    spelled = " " + " ".join(words(title)) + " "
    found = [
        (term, term) for term in counts if term.startswith("n:") and f" {term[2:]} " in spelled
    ]
    if found or not _capitals(title):
        return sorted(found)
    return sorted(
        {
            ("n:" + word, stem(word))
            for word in spelled.split()
            if len(word) > 2
            and word.isalpha()
            and word not in STOPWORDS
            and word not in _NOT_SUBJECTS
        }
    )


def _capitals(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


# A capitals headline's bare word weighs what its idf exceeds that of a word in one article
# of RARE_WORDS, and nothing below: "dividend", in every notice, weighs nothing beside "brenco".
# A hinge, not a cut: a cut ("rare if in at most 1 of 20 articles") flipped "jan" in or out
# of fifty earnings notices' subjects at once as the store grew past 20 times its count, so
# the same articles made different stories when they arrived in runs (Reuters first 1,000,
# runs of 50 against one batch: pairwise agreement F1 0.955 with the cut, 0.971 with the
# hinge; ECB+ unchanged; Reuters 5,000 template bundles 58 -> 55).
RARE_WORDS = 20


def subject_weights(
    candidates: list[tuple[str, str]], df: Mapping[str, int], documents: int
) -> dict[str, float]:
    """The article's subject: each candidate term (``subject_candidates``) with its idf, a
    headline's bare word with its idf above that of a word in 1 of ``RARE_WORDS`` articles;
    terms that weigh nothing are left out."""
    # One article more than 1 in RARE_WORDS: in a store of four notices, the word only one
    # of them has still weighs something.
    common = idf(1 + documents / RARE_WORDS, documents)
    weights: dict[str, float] = {}
    for term, counted in candidates:
        weight = idf(df[counted], documents)
        if term != counted:
            weight -= common
        if weight > 0:
            weights[term] = weight
    return weights
