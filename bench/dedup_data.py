"""Labelled sets for the dedup evaluation, built from the real corpora in ``../shared/data``.

Each builder is deterministic (fixed seeds) and returns a :class:`LabelledSet`: documents
(id, title, text, published, outlet) and labelled pairs (id_a, id_b, label, category).
Texts are read at run time and live only in memory or in temporary folders.

- ``a-real``: the real exact and near repeats of Reuters-21578 and BBC News, found exactly by
  :mod:`bench.dedup_labels` (never by Storyline, never by MinHash);
- ``b-reprint``: reprints made from other real articles (new outlet, boilerplate lines, a
  trimmed last paragraph, a few edited words, headline case, an editor's note; or only
  reflowed lines, quote style and headline case);
- ``c-rewrite``: rule-based paraphrases of real articles (:mod:`bench.paraphrase`);
- ``d-same-event``: every pair of different ECB+ documents of one sub-topic (reports of the
  same real-world event by different outlets); dev topics are marked ``split="dev"``;
- ``d-shared-boilerplate``: two different BBC articles of one category given the same two or
  three boilerplate paragraphs.

See ``bench/README.md`` ("dedup") for the rules behind each set and what an eye check saw.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Literal

from bench import ecbplus
from bench.corpora import Article, bbc, reuters_with_bodies
from bench.dedup_labels import Index, Match, similarity, words
from bench.paraphrase import SYNONYMS, paraphrase, split_paragraphs

Label = Literal["exact", "near", "rewrite", "none"]
Category = Literal["a-real", "b-reprint", "c-rewrite", "d-same-event", "d-shared-boilerplate"]

# ECB+ topics kept for development (see ../shared/data/README.md): reported apart.
DEV_TOPICS = frozenset(ecbplus.DEV_TOPICS)
# Bodies shorter than this are templated notices ("Qtly div 20 cts vs 20 cts prior ...")
# whose text does not even name the company (the headline does): the text definition calls
# two companies' notices copies, so their pairs are not scored.
MIN_SCORED_WORDS = 30
# Definition-positive pairs published further apart than this are routine reports from a
# template (the Fed's daily repurchase notice, USDA weekly figures), not repeats of one
# article: not scored either way (see bench/README.md).
MAX_REPEAT_DAYS = 3


@dataclass(frozen=True, slots=True)
class Doc:
    id: str
    title: str | None
    text: str
    published: str | None
    outlet: str

    def record(self) -> dict[str, str | None]:
        """The JSON Lines record Storyline reads."""
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "published": self.published,
            "outlet": self.outlet,
        }


@dataclass(frozen=True, slots=True)
class Pair:
    id_a: str
    id_b: str
    label: Label
    category: Category
    split: str = ""  # "train" or "dev" for ECB+ pairs
    jaccard: float = 0.0  # exact word 5-shingle Jaccard of the two texts
    containment: float = 0.0

    @property
    def key(self) -> tuple[str, str]:
        return pair_key(self.id_a, self.id_b)


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


@dataclass(frozen=True, slots=True)
class LabelledSet:
    """Documents run through Storyline together, and the pairs that are scored among them.

    For ``a``/``b``/``c`` the pairs are the positives: every other pair of scored documents
    is a negative, except those in ``ignored`` (neither rewarded nor penalised). For ``d``
    the pairs are the hard negatives whose wrong folding is counted.
    """

    name: str
    category: Category
    documents: tuple[Doc, ...]
    pairs: tuple[Pair, ...]
    ignored: frozenset[tuple[str, str]] = frozenset()
    unscored: frozenset[str] = frozenset()  # documents none of whose pairs are scored
    notes: tuple[str, ...] = field(default=())


# (a) real repeats -------------------------------------------------------------------------


def _reuters(files: Sequence[int] | None) -> list[tuple[Doc, str]]:
    """Reuters articles with a body as documents, with the body alone for labelling."""
    return [(doc, body) for doc, body, number in _all_reuters() if files is None or number in files]


@cache
def _all_reuters() -> tuple[tuple[Doc, str, int], ...]:
    # Read once per process: several builders draw from the whole corpus.
    return tuple(
        (_doc("reuters", article), body, _reuters_file(article))
        for article, body in reuters_with_bodies()
    )


def reuters_documents() -> list[Doc]:
    """Every Reuters-21578 article with a body, as a document (dateline + body as text)."""
    return [doc for doc, _ in _reuters(None)]


def _reuters_file(article: Article) -> int:
    # reut2-NNN.sgm holds NEWIDs 1000*NNN+1 .. 1000*(NNN+1).
    return (int(article["id"]) - 1) // 1000 if article["id"].isdigit() else -1


def _bbc(categories: Sequence[str] | None = None) -> list[Doc]:
    return [
        doc
        for doc in _all_bbc()
        if categories is None or doc.id.split("-", 2)[1] in set(categories)
    ]


@cache
def _all_bbc() -> tuple[Doc, ...]:
    return tuple(_doc("bbc", a) for a in bbc())


def _doc(prefix: str, article: Article) -> Doc:
    return Doc(
        id=f"{prefix}-{article['id'].replace('/', '-')}",
        title=article["title"],
        text=article["text"],
        published=article["published"],
        outlet=article["outlet"],
    )


def real_repeats(
    reuters_files: Sequence[int] | None = None,
    bbc_categories: Sequence[str] | None = None,
    others: int | None = None,
    seed: int = 20250404,
) -> LabelledSet:
    """Every exact and near pair among Reuters-21578 bodies and BBC News articles.

    ``reuters_files`` (numbers of ``reut2-NNN.sgm``) and ``bbc_categories`` take a part of
    the corpora; by default all of both. With ``others``, the set keeps the documents of
    the pairs found and only that many of the rest, drawn at random (the CI sample); the
    pairs are found among all the documents first, so none is missing from the sample.
    """
    reuters_docs = _reuters(reuters_files)
    bbc_docs = _bbc(bbc_categories)
    documents = [d for d, _ in reuters_docs] + bbc_docs
    bodies = [body for _, body in reuters_docs] + [d.text for d in bbc_docs]
    index = Index(bodies)
    matches = index.matches()
    if others is not None:
        paired = {n for m in matches for n in (m.a, m.b)}
        rest = [n for n in range(len(documents)) if n not in paired]
        keep = sorted(paired | set(random.Random(seed).sample(rest, min(others, len(rest)))))
        renumber = {old: new for new, old in enumerate(keep)}
        documents = [documents[n] for n in keep]
        sub_words = [index.words[n] for n in keep]
        matches = [
            Match(renumber[m.a], renumber[m.b], m.kind, m.similarity)
            for m in matches
            if m.a in renumber and m.b in renumber
        ]
    else:
        sub_words = index.words
    unscored = {
        d.id
        for d, tokens in zip(documents, sub_words, strict=True)
        if len(tokens) < MIN_SCORED_WORDS
    }
    positives: list[Pair] = []
    ignored: set[tuple[str, str]] = set()
    far = 0
    for match in matches:
        a, b = documents[match.a], documents[match.b]
        if a.id in unscored or b.id in unscored:
            continue
        if _days_apart(a.published, b.published) > MAX_REPEAT_DAYS:
            ignored.add(pair_key(a.id, b.id))
            far += 1
            continue
        positives.append(
            Pair(
                a.id,
                b.id,
                match.kind,
                "a-real",
                jaccard=round(match.similarity.jaccard, 4),
                containment=round(match.similarity.containment, 4),
            )
        )
    ignored |= _transitive_only(positives)
    notes = (
        f"{len(unscored)} documents with bodies under {MIN_SCORED_WORDS} words not scored",
        f"{far} definition-positive pairs published over {MAX_REPEAT_DAYS} days apart "
        "(template reports) not scored",
    )
    return LabelledSet(
        "a-real",
        "a-real",
        tuple(documents),
        tuple(positives),
        frozenset(ignored),
        frozenset(unscored),
        notes,
    )


def _days_apart(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def _transitive_only(positives: Iterable[Pair]) -> set[tuple[str, str]]:
    """Pairs joined only through others (A~B, B~C, not A~C): a grouping must join them, the
    definition does not; they are not scored."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    direct = set()
    for pair in positives:
        parent[find(pair.id_a)] = find(pair.id_b)
        direct.add(pair.key)
    members: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        members[find(x)].append(x)
    return {
        pair_key(a, b)
        for group in members.values()
        for a, b in combinations(sorted(group), 2)
        if pair_key(a, b) not in direct
    }


# (b) reprints ------------------------------------------------------------------------------

REPRINT_OUTLETS = (
    "The Daily Ledger",
    "Metro Wire",
    "Northern Courier",
    "Business Post Online",
    "The Evening Record",
    "Global Markets Today",
)
# Lines a cleaner can be expected to remove (share widgets, copyright, subscribe prompts)...
_CLEANABLE = (
    "Share this article",
    "Share on Facebook | Share on Twitter | Share via Email",
    "Advertisement",
    "© 2025 {outlet}. All rights reserved.",
    "Subscribe to our newsletter",
    "Click here to subscribe",
    "Follow us on Twitter",
    "Read more:",
)
# ... and sentences it may keep: they read like reporting.
_STICKY = (
    "Our journalism depends on readers like you: consider supporting {outlet} today.",
    "This story was first published by a news agency and has been edited for length.",
    "Readers with information about this story can contact the {outlet} newsroom.",
    "{outlet} is not responsible for the content of external sites.",
)
_EDITOR_NOTES = (
    "Editor's note: This story has been updated to correct the spelling of a name.",
    "Editor's note: An earlier version of this article misstated a figure.",
    "Editor's note: This article was amended to add further context.",
)
_QUOTE_MARKS = re.compile(r"\"([^\"\n]{1,400})\"")


def _originals(
    rng: random.Random, count: int, min_words: int, min_paragraphs: int
) -> list[tuple[Doc, str]]:
    """Real articles with their bodies, drawn at random (fixed seed) from Reuters and BBC;
    none a copy of another in the draw (checked with the exact definition)."""
    pool = [(d, body) for d, body in _reuters(None)] + [(d, d.text) for d in _bbc()]
    pool = [
        (d, body)
        for d, body in pool
        # Whitespace words: a cheap bound, close to the normalised count for prose.
        if len(body.split()) >= min_words and len(split_paragraphs(d.text)) >= min_paragraphs
    ]
    drawn = rng.sample(pool, min(len(pool), count * 2))
    index = Index(body for _, body in drawn)
    copies = {m.b for m in index.matches()}
    kept = [item for i, item in enumerate(drawn) if i not in copies]
    return kept[:count]


def _shift(published: str | None, days: int) -> str | None:
    if not published:
        return None
    return (date.fromisoformat(published) + timedelta(days=days)).isoformat()


def _retitle(title: str | None, rng: random.Random) -> str | None:
    if not title:
        return title
    choice = rng.randrange(4)
    if choice == 0:
        return title.upper()
    if choice == 1:
        return title.title()
    if choice == 2:
        return title.lower()
    return title.capitalize()


def _curly(text: str) -> str:
    return _QUOTE_MARKS.sub("\u201c\\1\u201d", text).replace("'", "\u2019")


def _edit_words(paragraph: str, rng: random.Random, edits: int) -> str:
    """A few word edits a copy desk makes: a synonym, a deleted word, a fixed typo."""
    tokens = paragraph.split(" ")
    positions = [i for i, t in enumerate(tokens) if t.isalpha() and t.islower()]
    for i in rng.sample(positions, min(edits, len(positions))):
        word = tokens[i]
        action = rng.randrange(3)
        if action == 0 and word in SYNONYMS:
            tokens[i] = SYNONYMS[word]
        elif action == 1 and len(word) > 3:
            tokens[i] = ""
        elif len(word) > 4:
            k = rng.randrange(1, len(word) - 2)
            tokens[i] = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    return " ".join(t for t in tokens if t)


def make_reprint(original: Doc, outlet: str, rng: random.Random, *, exact: bool) -> Doc:
    """A reprint of ``original`` by ``outlet``; ``exact`` keeps the words, changes the form."""
    paragraphs = split_paragraphs(original.text)
    title = _retitle(original.title, rng)
    if exact:
        # Reflowed lines, typographic quotes, a new headline case: the same words.
        text = "\n\n".join(paragraphs)
        if rng.random() < 0.5:
            text = _curly(text)
        return Doc(original.id, title, text + "\n", original.published, outlet)
    if len(paragraphs) >= 4 and rng.random() < 0.5:
        paragraphs = paragraphs[:-1]
    if rng.random() < 0.7:
        i = rng.randrange(len(paragraphs))
        paragraphs[i] = _edit_words(paragraphs[i], rng, rng.randint(2, 4))
    head: list[str] = []
    tail: list[str] = []
    for _ in range(rng.randint(1, 3)):
        line = rng.choice(_CLEANABLE if rng.random() < 0.6 else _STICKY).format(outlet=outlet)
        (head if rng.random() < 0.3 else tail).append(line)
    if rng.random() < 0.3:
        (head if rng.random() < 0.5 else tail).insert(0, rng.choice(_EDITOR_NOTES))
    text = "\n\n".join([*head, *paragraphs, *tail])
    return Doc(original.id, title, text + "\n", original.published, outlet)


def reprints(count: int = 400, seed: int = 20250101) -> LabelledSet:
    """``count`` real articles and one or two reprints of each (a quarter word-identical)."""
    rng = random.Random(seed)
    originals = _originals(rng, count, min_words=80, min_paragraphs=3)
    documents: list[Doc] = []
    pairs: list[Pair] = []
    ignored: set[tuple[str, str]] = set()
    dropped = 0
    for original, _ in originals:
        documents.append(original)
        outlets = rng.sample(REPRINT_OUTLETS, 2 if rng.random() < 0.2 else 1)
        copies: list[Doc] = []
        for number, outlet in enumerate(outlets, start=1):
            exact = rng.random() < 0.25
            made = make_reprint(original, outlet, rng, exact=exact)
            copy = Doc(
                f"{original.id}~reprint{number}",
                made.title,
                made.text,
                _shift(original.published, rng.randint(0, 1)),
                outlet,
            )
            sim = similarity(original.text, copy.text)
            if sim.kind is None:
                dropped += 1
                continue
            copies.append(copy)
            pairs.append(_pair(original, copy, sim.kind, "b-reprint", sim))
        for a, b in combinations(copies, 2):
            sim = similarity(a.text, b.text)
            if sim.kind is None:
                ignored.add(pair_key(a.id, b.id))
            else:
                pairs.append(_pair(a, b, sim.kind, "b-reprint", sim))
        documents.extend(copies)
    notes = (f"{dropped} reprints left out: edits took them past the near definition",)
    return LabelledSet(
        "b-reprint", "b-reprint", tuple(documents), tuple(pairs), frozenset(ignored), notes=notes
    )


def _pair(a: Doc, b: Doc, label: Label, category: Category, sim: object) -> Pair:
    jaccard = getattr(sim, "jaccard", 0.0)
    containment = getattr(sim, "containment", 0.0)
    return Pair(
        a.id,
        b.id,
        label,
        category,
        jaccard=round(jaccard, 4),
        containment=round(containment, 4),
    )


# (c) rewrites ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RewriteStats:
    sentences: int
    changed: int


def rewrites(count: int = 400, seed: int = 20250202) -> tuple[LabelledSet, RewriteStats]:
    """``count`` real articles and a paraphrase of each; with how many sentences changed."""
    rng = random.Random(seed)
    originals = _originals(rng, count, min_words=120, min_paragraphs=4)
    documents: list[Doc] = []
    pairs: list[Pair] = []
    total = changed = 0
    for original, _ in originals:
        made = paraphrase(original.title or "", original.text, rng)
        copy = Doc(
            f"{original.id}~rewrite",
            made.title or None,
            made.text,
            _shift(original.published, rng.randint(0, 2)),
            rng.choice(REPRINT_OUTLETS),
        )
        sim = similarity(original.text, copy.text)
        # The definition comes first: a rewrite that stayed within the near bounds is near.
        label: Label = sim.kind or "rewrite"
        documents += [original, copy]
        pairs.append(_pair(original, copy, label, "c-rewrite", sim))
        total += made.sentences
        changed += made.changed
    near = sum(p.label != "rewrite" for p in pairs)
    notes = (
        f"{changed}/{total} sentences changed ({changed / max(total, 1):.0%}); "
        f"{near} rewrites still within the near definition, labelled near",
    )
    labelled = LabelledSet("c-rewrite", "c-rewrite", tuple(documents), tuple(pairs), notes=notes)
    return labelled, RewriteStats(total, changed)


# (d) hard negatives ------------------------------------------------------------------------


def same_event(topics: Iterable[int] | None = None) -> LabelledSet:
    """Every pair of different ECB+ documents of one sub-topic: same event, other reporting.

    Pairs that meet the exact or near definition (ECB+ holds a few copies) are real copies,
    not negatives: they are left out and counted in the notes.
    """
    documents: list[Doc] = []
    by_subtopic: dict[tuple[int, str], list[Doc]] = defaultdict(list)
    empty = []
    for article in ecbplus.read(ecbplus.topics_present() if topics is None else topics):
        if not article.text.strip():
            empty.append(article.id)  # a title and a URL only: nothing to compare
            continue
        doc = Doc(f"ecb-{article.id}", article.title, article.text, None, "ECB+")
        documents.append(doc)
        by_subtopic[(article.topic, article.subtopic)].append(doc)
    pairs: list[Pair] = []
    copies: list[str] = []
    ignored: set[tuple[str, str]] = set()
    joined: list[str] = []
    for (topic, _), members in sorted(by_subtopic.items()):
        split = "dev" if topic in DEV_TOPICS else "train"
        measured = {(a.id, b.id): similarity(a.text, b.text) for a, b in combinations(members, 2)}
        copy_pairs = [
            Pair(a, b, "near", "d-same-event") for (a, b), m in measured.items() if m.kind
        ]
        # Versions of one agency story joined through other copies (A~B, B~C): as in (a),
        # a grouping must join them, so they are not hard negatives either.
        through_copies = _transitive_only(copy_pairs)
        for a, b in combinations(members, 2):
            sim = measured[(a.id, b.id)]
            if sim.kind is not None:
                copies.append(f"{a.id}/{b.id} ({sim.kind}, J={sim.jaccard:.2f})")
                ignored.add(pair_key(a.id, b.id))
                continue
            if pair_key(a.id, b.id) in through_copies:
                joined.append(f"{a.id}/{b.id}")
                ignored.add(pair_key(a.id, b.id))
                continue
            pair = _pair(a, b, "none", "d-same-event", sim)
            pairs.append(
                Pair(
                    pair.id_a,
                    pair.id_b,
                    "none",
                    "d-same-event",
                    split,
                    pair.jaccard,
                    pair.containment,
                )
            )
    notes = (
        f"{len(copies)} ECB+ pairs are copies by the definition, left out: "
        + ", ".join(copies[:10]),
        f"{len(joined)} pairs joined only through those copies left out: " + ", ".join(joined[:10]),
        f"{len(empty)} ECB+ documents without body text left out: {', '.join(empty)}",
    )
    return LabelledSet(
        "d-same-event",
        "d-same-event",
        tuple(documents),
        tuple(pairs),
        frozenset(ignored),
        notes=notes,
    )


_SHARED_BLOCKS = (
    "About {outlet}: {outlet} is an independent news service covering politics, business, "
    "technology, sport and entertainment. Our reporters work from newsrooms across the "
    "country and from correspondents' offices around the world, and we are funded by our "
    "readers rather than by any political party or commercial sponsor.",
    "Get the day's top stories in your inbox. Sign up for the {outlet} daily newsletter, "
    "sent every weekday morning at seven, with the news you need to start your day chosen "
    "by our editors. You can unsubscribe at any time and we will never share your email "
    "address with third parties.",
    "The views expressed in the comments below are those of our readers and not of "
    "{outlet}. Comments are moderated and may be removed if they break our house rules. "
    "{outlet} is not responsible for the content of external websites linked from this page.",
    "Corrections and clarifications: {outlet} is committed to accuracy. If you believe we "
    "have made an error in this article, please contact the readers' editor, who reviews "
    "every complaint within two working days and publishes corrections on this page.",
    "Copyright {outlet}. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed in any form without the written permission of the "
    "publisher, except for personal and non-commercial use as set out in our terms.",
)


def shared_boilerplate(count: int = 300, seed: int = 20250303) -> LabelledSet:
    """``count`` pairs of different BBC articles of one category with the same 2-3 blocks."""
    rng = random.Random(seed)
    by_category: dict[str, list[Doc]] = defaultdict(list)
    for doc in _bbc():
        if 150 <= len(words(doc.text)) <= 700:
            by_category[doc.id.split("-")[1]].append(doc)
    documents: list[Doc] = []
    pairs: list[Pair] = []
    used: set[str] = set()
    skipped = 0
    categories = sorted(by_category)
    attempts = 0
    while len(pairs) < count and attempts < count * 10:
        attempts += 1
        members = [d for d in by_category[rng.choice(categories)] if d.id not in used]
        if len(members) < 2:
            continue
        first, second = rng.sample(members, 2)
        if similarity(first.text, second.text).kind is not None:
            continue  # a real repeat (BBC has some): not a negative
        blocks = [
            b.format(outlet=first.outlet) for b in rng.sample(_SHARED_BLOCKS, rng.randint(2, 3))
        ]
        number = len(pairs)
        made = [
            Doc(
                f"{d.id}~bp{number}",
                d.title,
                d.text.rstrip() + "\n\n" + "\n\n".join(blocks) + "\n",
                None,
                d.outlet,
            )
            for d in (first, second)
        ]
        sim = similarity(made[0].text, made[1].text)
        if sim.kind is not None:
            skipped += 1
            continue
        used |= {first.id, second.id}
        documents.extend(made)
        pairs.append(_pair(made[0], made[1], "none", "d-shared-boilerplate", sim))
    notes = (f"{skipped} drawn pairs left out: the shared blocks made them near copies",)
    return LabelledSet(
        "d-shared-boilerplate",
        "d-shared-boilerplate",
        tuple(documents),
        tuple(pairs),
        notes=notes,
    )


# The sets the benchmark and the CI gate use -------------------------------------------------


def benchmark_sets() -> list[LabelledSet]:
    """The full sets: all of Reuters + BBC for (a), 400 reprints, 400 rewrites, ECB+ 1-35."""
    return [
        real_repeats(),
        reprints(),
        rewrites()[0],
        same_event(),
        shared_boilerplate(),
    ]


# A fixed sample for CI (tests/eval/test_dedup_quality.py): Reuters reut2-003..005 (where
# many repeats sit), BBC tech, 60 reprints, 60 rewrites, six ECB+ topics, 60 shared pairs.
CI_REUTERS_FILES = (3, 4, 5)
CI_BBC_CATEGORIES = ("tech",)
CI_ECB_TOPICS = (1, 3, 4, 2, 5, 12)


CI_OTHERS = 300


def ci_sets() -> list[LabelledSet]:
    return [
        real_repeats(CI_REUTERS_FILES, CI_BBC_CATEGORIES, others=CI_OTHERS),
        reprints(60, seed=7),
        rewrites(60, seed=8)[0],
        same_event(CI_ECB_TOPICS),
        shared_boilerplate(60, seed=9),
    ]


def write_jsonl(documents: Iterable[Doc], path: Path) -> int:
    """Write the documents as Storyline's JSON Lines input; return how many."""
    import json

    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for doc in documents:
            handle.write(json.dumps(doc.record(), ensure_ascii=False) + "\n")
            count += 1
    return count
