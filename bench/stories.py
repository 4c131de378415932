"""``python -m bench stories``: story clustering quality, over-merging and speed.

Three parts, all on real corpora (see ``bench/README.md``):

1. ECB+ (:mod:`bench.ecbplus`): every sub-topic is one story. The documents of the
   development topics, and separately of the training topics, are fed to ``storyline run``
   as one JSON Lines stream in a shuffled order (fixed seed; five shuffles for the spread),
   without dates and with one shared date. Scored with B-cubed and pairwise precision,
   recall and F1 against the gold sub-topics, next to TF-IDF + K-means told the true number
   of stories (five seeds).
2. Reuters-21578 in ``<DATE>`` order: how many stories, how large, and the share of stories
   whose members share no TOPICS label (over-merging). The largest are printed to look at.
3. Speed: ``storyline run`` on 10k and 100k articles (perturbed, re-dated copies of Reuters
   and BBC News), the story stage alone on the same stores, and adding 100 articles to the
   100k store.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sqlite3
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

from bench import corpora, ecbplus, measure
from bench.corpora import Article
from bench.ecbplus import EcbArticle
from bench.report import Row
from storyline.runner import RunOptions, run
from storyline.store import Store

PACKAGES = ("storyline", "scikit-learn", "numpy")
WORKERS = 2
SEED = 0
SHUFFLES = (0, 1, 2, 3, 4)
KMEANS_SEEDS = (0, 1, 2, 3, 4)
SHARED_DATE = "2024-03-01"
RUN_SIZE = 50
SPEED_SIZES = (10_000, 100_000)
ADDED = 100
# A full rebuild of the stories is timed on stores up to this size (it repeats the run's
# clustering; at 100k that is many minutes for no new information).
REBUILD_UP_TO = 20_000
# Issue 18's arrival parts (bench/stories_stream.py): run only when asked for by name.
STREAM_PARTS = ("stream", "invariance", "templates", "bbc")
NOTES: list[str] = [
    "ECB+ stories are the gold sub-topics (topic N's `ecb` files vs its `ecbplus` files). "
    "Documents go to `storyline run` as one JSON Lines file (id, title, text) in a shuffled "
    f"order (seed {SEED}); `no dates` has no published date (ECB+ has none), `one date` "
    f"gives every document {SHARED_DATE}. A document folded as a duplicate gets its "
    "canonical's story. Seconds and peak memory are those of the whole run.",
    "B-cubed: per document, precision = share of its predicted story that is in its gold "
    "story, recall = share of its gold story that is in its predicted story; averaged over "
    "documents, F1 of the two averages. Pairwise: over document pairs put together.",
    "TF-IDF + K-means: scikit-learn `TfidfVectorizer(stop_words='english')` on title + text "
    "and `KMeans(n_clusters=true number of stories, random_state=seed)` with its defaults; "
    "seconds are per seed, vectorising included.",
]


# --- clustering metrics ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __str__(self) -> str:
        return f"{self.precision:.3f}/{self.recall:.3f}/{self.f1:.3f}"


def _groups(assignment: Mapping[str, str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for item, cluster in assignment.items():
        groups[cluster].add(item)
    return groups


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """B-cubed precision and recall of ``predicted`` clusters over the items of ``gold``."""
    items = list(gold)
    missing = [i for i in items if i not in predicted]
    if missing:
        raise ValueError(f"{len(missing)} items have no predicted cluster, e.g. {missing[:3]}")
    wanted = set(items)
    by_predicted = {c: g & wanted for c, g in _groups(predicted).items()}
    by_gold = _groups(gold)
    precision = recall = 0.0
    for item in items:
        mine, truth = by_predicted[predicted[item]], by_gold[gold[item]]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    return Scores(precision / len(items), recall / len(items))


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """Precision and recall of the document pairs that ``predicted`` puts in one cluster."""
    wanted = set(gold)
    predicted_pairs = {
        frozenset(pair)
        for group in _groups(predicted).values()
        for pair in combinations(sorted(group & wanted), 2)
    }
    gold_pairs = {
        frozenset(pair) for group in _groups(gold).values() for pair in combinations(group, 2)
    }
    both = len(predicted_pairs & gold_pairs)
    precision = both / len(predicted_pairs) if predicted_pairs else 1.0
    recall = both / len(gold_pairs) if gold_pairs else 1.0
    return Scores(precision, recall)


# --- Storyline's stories, read back from a store ------------------------------------------


def read_stories(store: Store) -> dict[str, str]:
    """``external_id -> story`` for current documents; a duplicate takes its canonical's story.

    A story merged into another is read as the one it was merged into. A document the stage
    left without a story is its own story (``"alone:<id>"``).
    """
    rows = store.conn.execute(
        "SELECT id, external_id, story_id, duplicate_of FROM documents WHERE superseded_by IS NULL"
    ).fetchall()
    by_id = {row["id"]: row for row in rows}
    try:
        merged: dict[str, str] = dict(
            store.conn.execute("SELECT id, merged_into FROM stories WHERE merged_into IS NOT NULL")
        )
    except sqlite3.OperationalError:  # a schema without story merges
        merged = {}
    stories: dict[str, str] = {}
    for row in rows:
        current, hops = row, 0
        while current["story_id"] is None and current["duplicate_of"] in by_id and hops < 50:
            current, hops = by_id[current["duplicate_of"]], hops + 1
        external = row["external_id"] or row["id"]
        story = current["story_id"]
        while story in merged and hops < 100:
            story, hops = merged[story], hops + 1
        stories[external] = str(story) if story is not None else f"alone:{external}"
    return stories


def run_storyline(inputs: list[str], db: str, workers: int = WORKERS) -> measure.Timed:
    """``storyline run`` of ``inputs`` into the store ``db`` (new or existing), timed."""
    with Store(Path(db)) as store:
        started = time.perf_counter()
        summary = run(inputs, store, RunOptions(workers=workers))
        seconds = time.perf_counter() - started
        stories = read_stories(store)
    return measure.Timed(
        docs=summary.new + summary.updated + summary.unchanged,
        seconds=seconds,
        workers=workers,
        details={"stories": stories, "summary": summary.as_dict()},
    )


def rebuild_stories(db: str) -> measure.Timed:
    """The story stage alone: ``storyline run --only stories`` on a filled store."""
    with Store(Path(db)) as store:
        documents = store.conn.execute(
            "SELECT count(*) FROM documents WHERE superseded_by IS NULL"
        ).fetchone()[0]
        started = time.perf_counter()
        summary = run([], store, RunOptions(workers=1, only=("stories",)))
        seconds = time.perf_counter() - started
    return measure.Timed(docs=documents, seconds=seconds, details={"summary": summary.as_dict()})


# --- ECB+ -------------------------------------------------------------------------------


def stream(articles: Sequence[EcbArticle], seed: int) -> list[EcbArticle]:
    """The articles in one shuffled order: topics and sub-topics interleaved."""
    order = list(articles)
    random.Random(seed).shuffle(order)
    return order


def write_ecb(articles: Iterable[EcbArticle], path: Path, published: str | None = None) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            record: dict[str, str] = {"id": article.id, "text": article.text}
            if article.title:
                record["title"] = article.title
            if published:
                record["published"] = published
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def kmeans(jsonl: str, k: int, seeds: list[int]) -> measure.Timed:
    """TF-IDF + K-means told the true number of clusters, once per seed."""
    # Only this baseline needs scikit-learn, which ships no type information.
    from sklearn.cluster import KMeans  # type: ignore[import-untyped]
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

    records = [json.loads(line) for line in Path(jsonl).read_text(encoding="utf-8").splitlines()]
    texts = [f"{r.get('title') or ''}\n{r['text']}" for r in records]
    ids = [r["id"] for r in records]
    labels: dict[str, dict[str, str]] = {}
    started = time.perf_counter()
    for seed in seeds:
        matrix = TfidfVectorizer(stop_words="english").fit_transform(texts)
        found = KMeans(n_clusters=k, random_state=seed).fit_predict(matrix)
        labels[str(seed)] = {i: str(label) for i, label in zip(ids, found, strict=True)}
    seconds = (time.perf_counter() - started) / len(seeds)
    return measure.Timed(docs=len(ids), seconds=seconds, details={"labels": labels})


@dataclass(frozen=True, slots=True)
class EcbResult:
    bcubed: Scores
    pairwise: Scores
    stories: int
    seconds: float
    peak_mb: float | None
    predicted: dict[str, str]
    missing: list[str]  # articles that are not in the store


def evaluate_storyline(
    articles: Sequence[EcbArticle],
    folder: Path,
    *,
    seed: int = SEED,
    published: str | None = None,
    isolated: bool = True,
    run_size: int | None = None,
) -> EcbResult:
    """Run Storyline on ``articles`` streamed in the order of ``seed``; score its stories.

    With ``run_size``, the stream goes to the store in successive ``storyline run`` calls of
    that many articles each (an analyst's daily feed), not in one run."""
    name = f"ecb-{seed}-{published}-{run_size}"
    jsonl, db = folder / f"{name}.jsonl", folder / f"{name}.db"
    write_ecb(stream(articles, seed), jsonl, published)
    if run_size is not None:
        ordered = stream(articles, seed)
        timed_seconds, peak, details = 0.0, None, {}
        for start in range(0, len(ordered), run_size):
            part = folder / f"{name}-{start}.jsonl"
            write_ecb(ordered[start : start + run_size], part, published)
            timed = run_storyline([str(part)], str(db))
            timed_seconds += timed.seconds
            details = timed.details
    elif isolated:
        result = measure.isolated("bench.stories:run_storyline", inputs=[str(jsonl)], db=str(db))
        timed_seconds, peak, details = result.seconds, result.peak_mb, result.details
    else:
        timed = run_storyline([str(jsonl)], str(db))
        timed_seconds, peak, details = timed.seconds, None, timed.details
    gold = {a.id: a.story for a in articles}
    # A document Storyline did not store (an empty text, say) is a story of its own.
    stored: dict[str, str] = details["stories"]
    missing = sorted(set(gold) - set(stored))
    predicted = {i: stored.get(i, f"missing:{i}") for i in gold}
    return EcbResult(
        bcubed=bcubed(predicted, gold),
        pairwise=pairwise(predicted, gold),
        stories=len({predicted[i] for i in gold}),
        seconds=timed_seconds,
        peak_mb=peak,
        predicted=predicted,
        missing=missing,
    )


def _spread(values: Sequence[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.3f}"
    return f"{statistics.mean(values):.3f} ({min(values):.3f}–{max(values):.3f})"


def quality_cells(
    bcubed_scores: Sequence[Scores], pairwise_scores: Sequence[Scores], stories: Sequence[int]
) -> tuple[tuple[str, str], ...]:
    """The quality columns of one row; several runs show as mean (min–max)."""
    cells = [("stories", _spread_int(stories))]
    for name, scores in (("B³", bcubed_scores), ("pairwise", pairwise_scores)):
        cells += [
            (f"{name} P", _spread([s.precision for s in scores])),
            (f"{name} R", _spread([s.recall for s in scores])),
            (f"{name} F1", _spread([s.f1 for s in scores])),
        ]
    return tuple(cells)


def _spread_int(values: Sequence[int]) -> str:
    if min(values) == max(values):
        return str(values[0])
    return f"{statistics.mean(values):.0f} ({min(values)}–{max(values)})"


def ecb_rows(split: str, topics: Sequence[int], limit: int | None, folder: Path) -> list[Row]:
    articles = ecbplus.read(topics)
    if limit is not None:
        articles = stream(articles, SEED)[:limit]
    gold = {a.id: a.story for a in articles}
    true_k = len(set(gold.values()))
    corpus = f"ECB+ {split} ({len(set(a.topic for a in articles))} topics, {true_k} stories)"

    def row(system: str, results: Sequence[EcbResult], note: str = "") -> Row:
        return Row(
            "stories",
            corpus,
            system,
            len(gold),
            statistics.mean(r.seconds for r in results),
            max((r.peak_mb for r in results if r.peak_mb is not None), default=None),
            note,
            quality_cells(
                [r.bcubed for r in results],
                [r.pairwise for r in results],
                [r.stories for r in results],
            ),
        )

    plain = evaluate_storyline(articles, folder)
    print(f"\n== {corpus}: storyline, no dates, seed {SEED}")
    print(f"   B³ P/R/F1 {plain.bcubed}, pairwise {plain.pairwise}, {plain.stories} stories")
    if plain.missing:
        print(f"   not stored by storyline (scored as stories of their own): {plain.missing}")
    print_mistakes(articles, plain.predicted)
    dated = evaluate_storyline(articles, folder, published=SHARED_DATE)
    shuffled = [plain] + [evaluate_storyline(articles, folder, seed=s) for s in SHUFFLES[1:]]
    in_runs = evaluate_storyline(articles, folder, run_size=RUN_SIZE)
    print(f"   in runs of {RUN_SIZE}: B³ P/R/F1 {in_runs.bcubed}, pairwise {in_runs.pairwise}")
    rows = [
        row("storyline run, no dates", [plain]),
        row("storyline run, one date", [dated]),
        row(
            f"storyline run, no dates, in runs of {RUN_SIZE} articles",
            [in_runs],
            f"the same stream as {len(articles) // RUN_SIZE + 1} successive `storyline run` "
            "calls on one store (incremental); seconds are their sum",
        ),
        row(
            f"storyline run, no dates, {len(SHUFFLES)} orders",
            shuffled,
            f"stream orders of seeds {', '.join(map(str, SHUFFLES))}: mean (min–max); "
            "seconds are the mean run, peak the largest",
        ),
    ]

    jsonl = folder / "kmeans.jsonl"
    write_ecb(stream(articles, SEED), jsonl)
    baseline = measure.isolated(
        "bench.stories:kmeans", jsonl=str(jsonl), k=true_k, seeds=list(KMEANS_SEEDS)
    )
    labels = list(baseline.details["labels"].values())
    rows.append(
        Row(
            "stories",
            corpus,
            f"TF-IDF + K-means, k = {true_k} (true), {len(KMEANS_SEEDS)} seeds",
            len(gold),
            baseline.seconds,
            baseline.peak_mb,
            f"seeds {', '.join(map(str, KMEANS_SEEDS))}: mean (min–max); seconds per seed",
            quality_cells(
                [bcubed(found, gold) for found in labels],
                [pairwise(found, gold) for found in labels],
                [true_k] * len(labels),
            ),
        )
    )
    merged = {a.id: str(a.topic) for a in articles}
    NOTES.append(
        f"For scale on {corpus}: one story per topic (both sub-topics merged) scores B³ F1 "
        f"{bcubed(merged, gold).f1:.3f}; one story per document "
        f"{bcubed({i: i for i in gold}, gold).f1:.3f}."
    )
    return rows


def print_mistakes(articles: Sequence[EcbArticle], predicted: Mapping[str, str]) -> None:
    """Print each predicted story that mixes gold stories, and each gold story it splits."""
    by_id = {a.id: a for a in articles}
    predicted_groups = _groups({a.id: predicted[a.id] for a in articles})
    gold_groups = _groups({a.id: a.story for a in articles})

    def label(item: str) -> str:
        words = " ".join((by_id[item].title or by_id[item].text).split())
        return f"{item} “{words[:80]}”"

    for story, members in sorted(predicted_groups.items(), key=lambda kv: -len(kv[1])):
        gold_counts = Counter(by_id[m].story for m in members)
        if len(gold_counts) > 1:
            print(f"  merged: predicted {story[:12]} holds {dict(gold_counts)}")
            main = gold_counts.most_common(1)[0][0]
            for member in sorted(members):
                if by_id[member].story != main:
                    print(f"    not {main}: {label(member)}")
    for story, members in sorted(gold_groups.items()):
        parts = Counter(predicted[m] for m in members)
        if len(parts) > 1:
            sizes = sorted(parts.values(), reverse=True)
            print(f"  split: gold {story} ({len(members)} docs) over {len(parts)} stories {sizes}")
            main = parts.most_common(1)[0][0]
            for member in sorted(members):
                if predicted[member] != main:
                    print(f"    apart: {label(member)}")


# --- Reuters: over-merging on a large mixed stream ---------------------------------------


def reuters_by_date(limit: int | None) -> list[Article]:
    """Reuters-21578 articles with a body, in ``<DATE>`` order (NEWID breaks ties)."""
    articles = list(corpora.reuters())
    articles.sort(key=lambda a: (a["published"] or "", int(a["id"]) if a["id"].isdigit() else 0))
    return articles[:limit]


@dataclass(frozen=True, slots=True)
class Overmerge:
    stories: int
    multi: int
    judged: int  # multi-member stories with at least two labelled members
    mixed: list[str]  # of which no TOPICS label is shared by every labelled member
    sizes: list[int]


def overmerging(stories: Mapping[str, str], labels: Mapping[str, Sequence[str]]) -> Overmerge:
    groups = _groups(stories)
    multi = {story: g for story, g in groups.items() if len(g) > 1}
    judged, mixed = 0, []
    for story, members in multi.items():
        labelled = [set(labels.get(m, ())) for m in members if labels.get(m)]
        if len(labelled) >= 2:
            judged += 1
            if not set.intersection(*labelled):
                mixed.append(story)
    sizes = sorted((len(g) for g in groups.values()), reverse=True)
    return Overmerge(len(groups), len(multi), judged, sorted(mixed), sizes)


def reuters_rows(limit: int | None, folder: Path) -> list[Row]:
    articles = reuters_by_date(limit)
    jsonl, db = folder / "reuters.jsonl", folder / "reuters.db"
    corpora.write_jsonl(articles, jsonl)
    result = measure.isolated("bench.stories:run_storyline", inputs=[str(jsonl)], db=str(db))
    stories: dict[str, str] = result.details["stories"]
    labels = corpora.reuters_topics()
    found = overmerging(stories, labels)
    share = len(found.mixed) / found.judged if found.judged else 0.0
    sizes = Counter(found.sizes)
    buckets = [(1, 1), (2, 2), (3, 5), (6, 10), (11, 50), (51, 10**9)]
    distribution = ", ".join(
        f"{lo}{'' if lo == hi else '+' if hi > 10**6 else f'–{hi}'}: "
        f"{sum(n for s, n in sizes.items() if lo <= s <= hi)}"
        for lo, hi in buckets
    )
    titles = {a["id"]: a["title"] or a["text"][:70] for a in articles}
    print(f"\n== Reuters-21578: {found.stories} stories; sizes {distribution}")
    print(f"   mixed TOPICS: {len(found.mixed)} of {found.judged} judged multi-member stories")
    largest = sorted(_groups(stories).items(), key=lambda kv: -len(kv[1]))[:10]
    summary = []
    for story, members in largest:
        top = Counter(t for m in members for t in labels.get(m, ())).most_common(3)
        unlabelled = sum(1 for m in members if not labels.get(m))
        summary.append(f"{len(members)} ({', '.join(f'{t} {n}' for t, n in top) or 'no label'})")
        print(
            f"  story {story[:12]}: {len(members)} docs, {unlabelled} unlabelled; top TOPICS {top}"
        )
        for member in sorted(members, key=lambda m: int(m) if m.isdigit() else 0)[
            :: max(1, len(members) // 3)
        ][:3]:
            print(f"    {member}: {titles.get(member, '?')}")
    groups = _groups(stories)
    print("  a sample of mixed stories:")
    for story in random.Random(SEED).sample(found.mixed, min(12, len(found.mixed))):
        in_story = sorted(groups[story], key=lambda m: int(m) if m.isdigit() else 0)
        print(f"  story {story[:12]}: {len(in_story)} docs")
        for member in in_story[:4]:
            print(f"    {member} {list(labels.get(member, ()))}: {titles.get(member, '?')}")
    return [
        Row(
            "stories",
            f"Reuters-21578, date order ({len(articles)} articles)",
            "storyline run",
            len(articles),
            result.seconds,
            result.peak_mb,
            f"story sizes {distribution}. Largest 10 (size, top TOPICS labels): "
            + "; ".join(summary)
            + ". Mixed TOPICS: share of the multi-member stories with 2+ labelled members "
            "(judged) in which no TOPICS label is shared by every labelled member.",
            (
                ("stories", str(found.stories)),
                ("2+ members", str(found.multi)),
                ("mixed TOPICS", f"{share:.1%} of {found.judged}"),
            ),
        )
    ]


# --- Speed: perturbed, re-dated copies of Reuters and BBC News -----------------------------

_NUMBER = re.compile(r"\d+")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+\b")
_COMMON_TEXT = """
A An The In On At As By For From Of To With And But Or Not No It Its He She They We I You
His Her Their Our This That These Those There Here When While After Before If Since
Mr Mrs Ms Dr Reuter Reuters Inc Corp Co Ltd Monday Tuesday Wednesday Thursday Friday
Saturday Sunday January February March April May June July August September October
November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
"""
# Capitalised words that are not names: a copy keeps them.
_COMMON = frozenset(_COMMON_TEXT.split())
_CONSONANTS, _VOWELS = "bdfgklmnprstvz", "aeiou"
READ_SPAN_DAYS = 236  # Reuters-21578 runs from 26 Feb to 20 Oct 1987


def _digest(*parts: object) -> int:
    return int.from_bytes(hashlib.blake2b(repr(parts).encode(), digest_size=8).digest(), "big")


class Perturber:
    """Copy ``n`` of a corpus: every number and name replaced, the same way across the copy."""

    def __init__(self, copy: int) -> None:
        self.copy = copy
        self.memo: dict[str, str] = {}

    def number(self, match: re.Match[str]) -> str:
        digits = match[0]
        if digits not in self.memo:
            value = _digest(self.copy, digits)
            new = "".join(str((value >> (4 * i)) % 10) for i in range(len(digits)))
            if len(digits) > 1 and new[0] == "0":
                new = "1" + new[1:]
            self.memo[digits] = new
        return self.memo[digits]

    def name(self, match: re.Match[str]) -> str:
        word = match[0]
        if word in _COMMON:
            return word
        if word not in self.memo:
            value = _digest(self.copy, word)
            letters = []
            for i in range(max(2, len(word))):
                pool = _VOWELS if i % 2 else _CONSONANTS
                letters.append(pool[(value >> (4 * i)) % len(pool)])
            new = "".join(letters)
            self.memo[word] = new.upper() if word.isupper() else new.capitalize()
        return self.memo[word]

    def text(self, text: str) -> str:
        return _CAPITALISED.sub(self.name, _NUMBER.sub(self.number, text))

    def article(self, article: Article) -> Article:
        if self.copy == 0:
            return article
        published = article["published"]
        if published is not None:
            shifted = date.fromisoformat(published) + timedelta(days=365 * self.copy)
            published = shifted.isoformat()
        title = article["title"]
        return Article(
            id=f"{article['id']}~{self.copy}",
            title=self.text(title) if title else None,
            text=self.text(article["text"]),
            published=published,
            outlet=article["outlet"],
        )


def base_stream() -> list[Article]:
    """Reuters and BBC News as one dated stream: BBC articles get dates in Reuters' span."""
    start = date(1987, 2, 26)
    bbc = []
    for article in corpora.bbc():
        offset = _digest("bbc", article["id"]) % READ_SPAN_DAYS
        bbc.append(Article(**{**article, "published": (start + timedelta(offset)).isoformat()}))
    merged = [*corpora.reuters(), *bbc]
    merged.sort(key=lambda a: a["published"] or "")
    return merged


def speed_stream(size: int) -> list[Article]:
    """The first ``size`` articles of copies 0, 1, 2, ... of :func:`base_stream`, a year apart."""
    base = base_stream()
    out: list[Article] = []
    copy = 0
    while len(out) < size:
        perturber = Perturber(copy)
        out.extend(perturber.article(a) for a in base[: size - len(out)])
        copy += 1
    return out


def speed_rows(limit: int | None, folder: Path) -> list[Row]:
    sizes = SPEED_SIZES if limit is None else (limit,)
    everything = speed_stream(max(sizes) + ADDED)
    rows: list[Row] = []
    for size in sizes:
        corpus = f"Reuters + BBC copies, {size:,} articles"
        jsonl, db = folder / f"speed-{size}.jsonl", folder / f"speed-{size}.db"
        corpora.write_jsonl(everything[:size], jsonl)
        whole = measure.isolated("bench.stories:run_storyline", inputs=[str(jsonl)], db=str(db))
        jsonl.unlink()
        stories = len(set(whole.details["stories"].values()))
        rows.append(
            Row(
                "stories",
                corpus,
                f"storyline run, {WORKERS} workers",
                size,
                whole.seconds,
                whole.peak_mb,
                "the whole pipeline (read, clean, dedup, stories, store) on a new store; "
                "copies 1+ replace every number and capitalised word consistently per copy "
                "and shift dates by a year per copy, so that copies are not duplicates",
                (("stories", f"{stories:,}"),),
            )
        )
        rows.append(_stage_row(corpus, "story stage, in that run", size, whole))
        if size == max(sizes):
            added = folder / "added.jsonl"
            corpora.write_jsonl(everything[size : size + ADDED], added)
            more = measure.isolated("bench.stories:run_storyline", inputs=[str(added)], db=str(db))
            new = more.details["summary"]["documents"]["new"]
            rows.append(
                Row(
                    "stories",
                    corpus,
                    f"storyline run: add {ADDED} articles to that store",
                    new,
                    more.seconds,
                    more.peak_mb,
                    f"the next {ADDED} articles of the stream; docs counts those stored as new",
                )
            )
            rows.append(_stage_row(corpus, f"story stage, adding {ADDED}", new, more))
        if size <= REBUILD_UP_TO:
            alone = measure.isolated("bench.stories:rebuild_stories", db=str(db))
            rows.append(
                Row(
                    "stories",
                    corpus,
                    "story stage alone: `run --only stories` (rebuild all)",
                    alone.docs,
                    alone.seconds,
                    alone.peak_mb,
                )
            )
        db.unlink()
    return rows


def _stage_row(corpus: str, system: str, docs: int, measured: measure.Measurement) -> Row:
    stage = measured.details["summary"]["stages"].get("stories", {})
    return Row(
        "stories",
        corpus,
        system,
        docs,
        float(stage.get("seconds", float("nan"))),
        None,
        "the stage's own seconds as the run summary reports them (`stages.stories.seconds`): "
        "what clustering costs as part of `storyline run`",
    )


# --- the benchmark ----------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--part",
        action="append",
        choices=("ecb", "reuters", "speed", *STREAM_PARTS),
        help="run only this part (repeatable; default: ecb, reuters, speed). Issue 18's "
        "arrival parts (run only when named): stream (ECB+ in batches and runs, several "
        "orders), invariance (Reuters batch vs runs of 50), templates (template and label "
        "bundles on Reuters), bbc (BBC politics + business, sampled stories)",
    )
    # The arrival parts' own options live with them.
    from bench import stories_stream

    stories_stream.add_arguments(parser)


def main(args: argparse.Namespace) -> list[Row]:
    rows: list[Row] = []
    wanted = set(getattr(args, "part", None) or ("ecb", "reuters", "speed"))
    # Imported here: bench.stories_stream builds on this module's readers and scores.
    from bench import stories_stream as arrival

    keys = {"ECB+ dev": "ecb", "ECB+ train": "ecb", "Reuters": "reuters", "speed": "speed"}
    keys.update({part: part for part in STREAM_PARTS})
    parts: list[tuple[str, Callable[[Path], list[Row]]]] = [
        ("ECB+ dev", lambda f: ecb_rows("dev", ecbplus.DEV_TOPICS, args.limit, f)),
        ("ECB+ train", lambda f: ecb_rows("train", ecbplus.train_topics(), args.limit, f)),
        ("Reuters", lambda f: reuters_rows(args.limit, f)),
        ("speed", lambda f: speed_rows(args.limit, f)),
        ("stream", lambda f: arrival.stream_rows(args, f)),
        ("invariance", lambda f: arrival.invariance_rows(args, f)),
        ("templates", lambda f: arrival.templates_rows(args, f)),
        ("bbc", lambda f: arrival.bbc_rows(args, f)),
    ]
    for name, part in parts:
        if keys[name] not in wanted:
            continue
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="storyline-bench-stories-") as tmp:
            rows += part(Path(tmp))
        print(f"[{name}: {time.perf_counter() - started:.0f} s]")
    return rows
