"""What a story is made of: weighted terms of an article.

A happening is told by its names (people, places, organisations), its specific words and its
headline. The terms of an article are:

- content words, lower-cased and lightly stemmed (stop words out);
- names: runs of capitalised words inside sentences, as one term per run
  (``n:tara reid``) — they tell one rehab story from another;
- the headline's words again (the headline says what the article is about).

Weights are ``log(1 + tf) * idf`` with document frequencies counted over the store itself
(so they follow the collection's own vocabulary), names and headline words boosted.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from storyline.text import lexicon
from storyline.text.lexicon import FUNCTION_WORDS as STOPWORDS
from storyline.text.lexicon import word_set
from storyline.text.sentences import sentences, spans

NAME_BOOST = 2.0
NAME_WEIGHT = 0.5
SPECIFIC_IDF = 0.55
SPECIFIC_STORE = 200
TITLE_BOOST = 1.5
VECTOR_TERMS = 80
# What an article is about is in its first pages; reading a book-length text to the end
# would cost seconds and change nothing about which story it belongs to.
MAX_CHARS = 30_000
YEAR_BOOST = 2.0
# News puts the essentials (who, what, where, when) in its first sentences; the rest is
# background that two different happenings of the same kind often share. Measured on ECB+
# train and dev topics, counting the lead three times separates sub-topics best.
LEAD_SENTENCES = 3
LEAD_BOOST = 2.0
_LEAD_CHARS = 3_000
_YEAR = re.compile(r"(?:19|20)\d\d")

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]|\d[\d,.]*\d|\d")
_SENTENCE_ENDS = frozenset('.!?…:;"“”')
_NAME_CONNECTORS = (lexicon.NAME_PARTICLES & word_set("de da del van von der la le al bin")) | {
    "of"
}
# Capitalised words that start sentences or are titles, not names of the happening.
_NOT_NAMES = (
    lexicon.ARTICLES
    | lexicon.DEMONSTRATIVES
    | (lexicon.SUBJECT_PRONOUNS - {"you"})
    | (lexicon.POSSESSIVES - {"my", "your", "its", "our"})
    | frozenset(lexicon.MONTHS)
    | frozenset(lexicon.MONTH_ABBREVIATIONS)
    | frozenset(lexicon.WEEKDAYS)
    | (frozenset(lexicon.WEEKDAY_ABBREVIATIONS) - {"tues", "thurs"})
    | frozenset(lexicon.ONES)
    | word_set(
        """
        in on at for and but or according after before as when while if during despite since
        mr mrs ms dr am pm gmt utc edt est cdt cst mdt mst pdt pst bst cet posted updated
        ten eleven twelve first second third
        """
    )
)
# Company forms end a name but are not how anyone refers to it: "Champion Products Inc" is
# "Champion Products", and "Inc" alone names nothing.
NAME_SUFFIXES = frozenset({"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv"})


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def term_counts(title: str | None, text: str) -> defaultdict[str, float]:
    """Raw weighted counts of an article's terms (before idf)."""
    return _counts(title, text, lead_text(text))


def sentence_counts(sentence: str) -> defaultdict[str, float]:
    """``term_counts(None, sentence)`` of one sentence the text layer's splitter cut (a
    summary candidate): such a sentence is its own lead, so it is not split again (the
    splitter tokenizes; a story's candidates are counted each time its summary is rebuilt).
    A test pins the two equal on real articles."""
    lead = sentence if len(sentence) <= _LEAD_CHARS else lead_text(sentence)
    return _counts(None, sentence, lead)


def _counts(title: str | None, text: str, lead: str) -> defaultdict[str, float]:
    counts: defaultdict[str, float] = defaultdict(float)
    body = text[:MAX_CHARS]
    usage = _Usage.of(body)
    _add(counts, body, 1.0, usage)
    if lead:
        _add(counts, lead, LEAD_BOOST, usage)
    if title:
        _add(counts, title, TITLE_BOOST, usage, names=not _title_case(title))
    return counts


@dataclass(frozen=True, slots=True)
class _Usage:
    """How the article writes its words: what a capitalised sentence start is likely to be.

    A word seen in lower case is an ordinary word when it starts a sentence; a single word
    that is capitalised only where sentences start ("Shr", "Net" and "Revs" opening each
    line of an earnings table, "Officials said") is not a name either. A name is written
    with a capital inside sentences too."""

    lower: frozenset[str]
    capitalised_inside: frozenset[str]

    @classmethod
    def of(cls, text: str) -> _Usage:
        lower, inside = set(), set()
        previous_end = 0
        for match in _TOKEN.finditer(text):
            raw = match.group()
            gap = text[previous_end : match.start()]
            previous_end = match.end()
            if raw[0].islower():
                lower.add(raw)
            elif raw[0].isupper() and not _starts_sentence(gap, match.start() == 0):
                inside.add(raw.casefold().replace("’", "'"))
        return cls(frozenset(lower), frozenset(inside))


def _starts_sentence(gap: str, first: bool) -> bool:
    return first or "\n" in gap or gap.strip()[-1:] in _SENTENCE_ENDS


def lead_text(text: str) -> str:
    """The first ``LEAD_SENTENCES`` sentences."""
    if len(text) <= _LEAD_CHARS:
        # The whole text is the prefix: its split is the one the summary reads too.
        lead = list(article_sentences(text)[:LEAD_SENTENCES])
    else:
        lead = spans(sentences(text[:_LEAD_CHARS]))[:LEAD_SENTENCES]
    return text[: lead[-1][1]] if lead else ""


@lru_cache(maxsize=8192)
def article_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The sentence spans of ``text[:MAX_CHARS]``, split once per article: the stage reads an
    article's lead when it counts its terms and its first sentences when it summarises its
    story (the text layer's splitter tokenizes, so splitting twice is most of its cost)."""
    return tuple(spans(sentences(text[:MAX_CHARS])))


def _title_case(title: str) -> bool:
    """Headlines In Title Case capitalise every word: no way to tell names from words."""
    words = [w for w in title.split() if w[:1].isalpha() and w.casefold() not in STOPWORDS]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.7


def _add(
    counts: defaultdict[str, float],
    text: str,
    boost: float,
    usage: _Usage,
    names: bool = True,
) -> None:
    run: list[str] = []
    # A run that opens a sentence is a name only if it is several words or its word is
    # capitalised inside sentences too.
    run_opens_sentence = False
    previous_end = 0
    for number, match in enumerate(_TOKEN.finditer(text)):
        raw = match.group()
        lower = raw.casefold().replace("’", "'")
        gap = text[previous_end : match.start()]
        previous_end = match.end()
        if run and (gap.strip() or "\n" in gap):
            # Punctuation between two capitalised words ends a name ("Paris, Berlin"), and
            # so does a line break (a table row, a heading).
            _flush(counts, run, boost, run_opens_sentence, usage)
            run = []
        starts_sentence = _starts_sentence(gap, number == 0)
        is_cap = names and raw[0].isupper() and lower not in _NOT_NAMES
        if is_cap and starts_sentence and not run and (raw in usage.lower or lower in STOPWORDS):
            is_cap = False
        if is_cap:
            if not run:
                run_opens_sentence = starts_sentence
            run.append(lower)
            continue
        if run and lower in _NAME_CONNECTORS:
            run.append(lower)
            continue
        _flush(counts, run, boost, run_opens_sentence, usage)
        run = []
        if lower[0].isdigit():
            # Years and figures tell one happening from another of the same kind (the 2008
            # quake from the 2013 one, 4 dead from 200).
            year = _YEAR.fullmatch(lower)
            counts[("y:" if year else "#:") + lower] += boost * (YEAR_BOOST if year else 1.0)
            continue
        if lower in STOPWORDS or len(lower) < 3:
            continue
        counts[stem(lower)] += boost
    _flush(counts, run, boost, run_opens_sentence, usage)


def _flush(
    counts: defaultdict[str, float],
    run: list[str],
    boost: float,
    opens_sentence: bool,
    usage: _Usage,
) -> None:
    while run and (run[-1] in _NAME_CONNECTORS or run[-1] in NAME_SUFFIXES):
        run.pop()
    if not run:
        return
    if run[-1].endswith("'s"):
        run[-1] = run[-1][:-2]
    for word in run:
        if word not in _NAME_CONNECTORS and word not in STOPWORDS:
            counts[stem(word)] += boost
    if len(run) == 1 and opens_sentence and run[0] not in usage.capitalised_inside:
        return
    # A name counts as written, not also by its last word: "Reid" of "Tara Reid" is a name
    # term where an article writes "Reid" alone (as every article on her does), while the
    # last word of "Murgold Resources", "Mars Stores" or "Ford Motor" is a word that
    # hundreds of unrelated companies end with, and as a name term it joined their notices
    # into stories (issue 18: on 5,000 Reuters articles, 96 -> 70 template bundles; ECB+
    # train 0.925 -> 0.940, dev 0.968 -> 0.966 B-cubed F1).
    counts["n:" + " ".join(run)] += boost * NAME_BOOST


def idf(df: float, documents: int) -> float:
    return math.log((documents + 1) / (df + 1)) + 1.0


def vector(
    counts: Mapping[str, float], df: Mapping[str, int], documents: int, size: int = VECTOR_TERMS
) -> dict[str, float]:
    """L2-normalised tf-idf vector of the ``size`` heaviest terms."""
    weights = {
        term: math.log1p(count) * idf(df.get(term, 0), documents) for term, count in counts.items()
    }
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:size]
    return normalise(dict(top))


def normalise(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    # A plain loop, not sum() over a generator: this is the stage's innermost call, and the
    # loop skips the terms the other side lacks (adding 0.0 changes nothing).
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    total = 0.0
    for term, weight in a.items():
        other = get(term)
        if other is not None:
            total += weight * other
    return total


def split(weights: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """Unit vectors of the name terms and of the other terms."""
    return (
        normalise({t: w for t, w in weights.items() if t.startswith("n:")}),
        normalise({t: w for t, w in weights.items() if not t.startswith("n:")}),
    )


Split = tuple[dict[str, float], dict[str, float]]


def split_cosine(a: Split, b: Split) -> tuple[float, float, bool]:
    """Cosine over name terms, cosine over other terms, and whether both have names."""
    both = bool(a[0]) and bool(b[0])
    return (cosine(a[0], b[0]) if both else 0.0), cosine(a[1], b[1]), both


def similarity(a: Split, b: Split) -> float:
    """What tells one happening from another of the same kind is who and where: names weigh
    as much as all other words together. An article without names (an earnings table) gets
    no credit for them, so that words alone, which every report of a kind shares, do not
    make a story."""
    by_names, by_words, _ = split_cosine(a, b)
    return NAME_WEIGHT * by_names + (1 - NAME_WEIGHT) * by_words


def specific(weights: Mapping[str, float], df: Mapping[str, int], documents: int) -> frozenset[str]:
    """The terms of ``weights`` that few documents use: names and rare words, not the words
    every report of a kind repeats ("shr", "net", "quarter" in earnings reports).

    Few is what ``idf`` at least ``SPECIFIC_IDF`` of its largest value allows, a cut that
    grows slower than the store: 15 of 200 documents, 90 of 20,000."""
    # A small store (the first articles of a run) counts as SPECIFIC_STORE documents: in a
    # store of two articles every shared term is in all of them and none would be specific.
    documents = max(documents, SPECIFIC_STORE)
    floor = SPECIFIC_IDF * idf(0, documents)
    return frozenset(t for t in weights if idf(df.get(t, 0), documents) >= floor)


def names(counts: Mapping[str, float]) -> list[str]:
    return [t[2:] for t in counts if t.startswith("n:")]
